package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/store"
)

// serveStore indexes the fictional GLEIF sample and runs the sample
// suppliers into a new store; it returns the store and the run's report
// cluster ID of each supplier name.
func serveStore(t *testing.T) (string, map[string]string) {
	t.Helper()
	st := filepath.Join(t.TempDir(), "resolve.db")
	var out bytes.Buffer
	if code := run(context.Background(), []string{"index", "gleif", "../../verify/bulk/testdata/gleif_golden_copy.csv", "--store", st},
		strings.NewReader(""), &out, &out); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, out.String())
	}
	rep := runIn(t, st, "--in", "../../testdata/suppliers.csv")
	ids := map[string]string{}
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			ids[m.Name] = c.ID
		}
	}
	return st, ids
}

// serveApp is an app whose configuration is the defaults with the store
// and judgements file set, as `resolve serve --store S --judgements J`.
func serveApp(t *testing.T, st, judgements string) *app {
	t.Helper()
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, loader: config.New(), stopProfile: func() {}}
	cfg, err := a.loader.Load("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store.Path, cfg.Judgements = st, judgements
	a.cfg, a.log = cfg, zerolog.Nop()
	return a
}

func serveTest(t *testing.T, a *app) *httptest.Server {
	t.Helper()
	ts, _ := serveTestWith(t, a)
	return ts
}

func serveTestWith(t *testing.T, a *app) (*httptest.Server, *served) {
	t.Helper()
	sv, err := a.reconcileService(context.Background(), serveOptions{margin: 0.1}, "", true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(sv.svc.Handler()) // loopback
	t.Cleanup(func() { ts.Close(); sv.close() })
	return ts, sv
}

func serveGet(t *testing.T, ts *httptest.Server, path string) []byte {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return b
}

type serveResults map[string]struct {
	Result []struct {
		ID    string
		Name  string
		Score float64
		Match bool
	}
}

func TestServeReconcilesCustomsSpellingsToTheRunsClusters(t *testing.T) {
	st, ids := serveStore(t)
	ts := serveTest(t, serveApp(t, st, ""))

	queries := `{
		"q0": {"query": "Kyungki Industrial Co Ltd", "properties": [{"pid": "countries", "v": "KR"}]},
		"q1": {"query": "KYUNGKI IND. CO., LTD."},
		"q2": {"query": "Northwind Trading Limited", "type": "registry:gleif"},
		"q3": {"query": "Zorblatt Quux Holdings"}
	}`
	var got serveResults
	if err := json.Unmarshal(serveGet(t, ts, "/?queries="+url.QueryEscape(queries)), &got); err != nil {
		t.Fatal(err)
	}
	want := ids["Kyungki Industrial Co., Ltd."]
	for _, q := range []string{"q0", "q1"} {
		r := got[q].Result
		if len(r) == 0 || r[0].ID != want || !r[0].Match {
			t.Errorf("%s: want cluster %s matched, got %+v", q, want, r)
		}
	}
	if r := got["q2"].Result; len(r) == 0 || r[0].ID != "gleif:FICT00HK000000000149" || !r[0].Match {
		t.Errorf("q2: want the GLEIF record matched, got %+v", r)
	}
	if r := got["q3"].Result; len(r) > 0 && r[0].Match {
		t.Errorf("q3: a name of no cluster matched: %+v", r)
	}
}

// TestServeRegistryRecordByID: a record found by name is then found by its
// ID for preview and data extension, through the store's encoding of
// records (storedRecord must read what resolve index writes).
func TestServeRegistryRecordByID(t *testing.T) {
	st, _ := serveStore(t)
	ts := serveTest(t, serveApp(t, st, ""))
	q := `{"ids":["gleif:FICT00HK000000000149"],"properties":[{"id":"canonical_name"},{"id":"lei"},{"id":"countries"},{"id":"names"}]}`
	var ext struct {
		Rows map[string]map[string][]map[string]any
	}
	if err := json.Unmarshal(serveGet(t, ts, "/?extend="+url.QueryEscape(q)), &ext); err != nil {
		t.Fatal(err)
	}
	row := ext.Rows["gleif:FICT00HK000000000149"]
	if len(row["canonical_name"]) == 0 || row["canonical_name"][0]["str"] != "NORTHWIND TRADING LIMITED" ||
		len(row["lei"]) == 0 || row["lei"][0]["str"] != "FICT00HK000000000149" || len(row["countries"]) == 0 || row["countries"][0]["str"] != "HK" {
		t.Errorf("record by ID: %v", row)
	}
	if !slices.ContainsFunc(row["names"], func(v map[string]any) bool { return v["str"] == "北風貿易有限公司" }) {
		t.Errorf("other names not read: %v", row["names"])
	}
	page := string(serveGet(t, ts, "/preview?id="+url.QueryEscape("gleif:FICT00HK000000000149")))
	if !strings.Contains(page, "NORTHWIND TRADING LIMITED") || !strings.Contains(page, "https://search.gleif.org/#/record/FICT00HK000000000149") {
		t.Errorf("record preview:\n%s", page)
	}
}

func TestServeJudgementsAreAppendedToTheFile(t *testing.T) {
	st, ids := serveStore(t)
	jf := filepath.Join(t.TempDir(), "judgements.csv")
	ts := serveTest(t, serveApp(t, st, jf))
	post := func(body string) (int, string) {
		resp, err := ts.Client().Post(ts.URL+"/judgements", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	a := ids["Kyungki Industrial Co., Ltd."]
	if code, body := post(`{"kind":"different","a":"` + a + `","b":"Gyeonggi Industry"}`); code != http.StatusCreated {
		t.Fatalf("different: %d %s", code, body)
	}
	b, err := os.ReadFile(jf)
	if err != nil || !strings.Contains(string(b), "different,"+a+",Gyeonggi Industry") {
		t.Fatalf("judgements file: %q %v", b, err)
	}
	code, body := post(`{"kind":"same","a":"` + a + `","b":"Gyeonggi Industry"}`)
	if code != http.StatusConflict || !strings.Contains(body, "judgements.csv:2") {
		t.Errorf("a contradicting judgement: %d %s", code, body)
	}
	if code, body := post(`{"kind":"same","a":"x"}`); code != http.StatusBadRequest {
		t.Errorf("same with one side: %d %s", code, body)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// serveCommand runs `resolve serve --addr 127.0.0.1:0 ARGS...` with JSON
// debug logs and returns its address, its log, and stop, which cancels it
// and checks it ends with exit 0.
func serveCommand(t *testing.T, args ...string) (addr string, logs *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug"}, args...),
			strings.NewReader(""), io.Discard, logs)
	}()
	addrRE := regexp.MustCompile(`"addr":"(127\.0\.0\.1:\d+)"`)
	for deadline := time.Now().Add(30 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		cancel()
		t.Fatalf("the server did not start: %s", logs.String())
	}
	stopped := false
	stop = func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case c := <-code:
			if c != exitOK {
				t.Errorf("exit %d after cancel: %s", c, logs.String())
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the server did not stop on cancel")
		}
	}
	t.Cleanup(stop)
	return addr, logs, stop
}

// serveStatus is the status of GET http://addr/path with an Authorization
// header when auth is set.
func serveStatus(t *testing.T, addr, path, auth string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// checkTokenRequired checks that the manifest is open, queries need the
// token, and (after stop) that the token is nowhere in the log.
func checkTokenRequired(t *testing.T, addr, token string, logs *syncBuffer, stop func()) {
	t.Helper()
	q := "/?queries=" + url.QueryEscape(`{"q0":{"query":"Kyungki Industrial"}}`)
	if c := serveStatus(t, addr, "/", ""); c != http.StatusOK {
		t.Errorf("manifest: %d", c)
	}
	if c := serveStatus(t, addr, q, ""); c != http.StatusUnauthorized {
		t.Errorf("query without the token: %d", c)
	}
	if c := serveStatus(t, addr, q, "Bearer "+token); c != http.StatusOK {
		t.Errorf("query with the token: %d", c)
	}
	stop()
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token is in the log:\n%s", logs.String())
	}
}

func TestServeCommandListensOnLoopbackAndKeepsTheTokenSecret(t *testing.T) {
	st, _ := serveStore(t)
	const token = "fictional-token-0123456789"
	t.Setenv(serveTokenEnv, token)
	addr, logs, stop := serveCommand(t, "--store", st)
	checkTokenRequired(t, addr, token, logs, stop)
}

// TestServeTokenFromTheConfigFile: serve.token in the configuration file is
// required from clients, never logged, and a file every user can read gets
// a warning naming it and the key; a private one gets none.
func TestServeTokenFromTheConfigFile(t *testing.T) {
	st, _ := serveStore(t)
	t.Setenv(serveTokenEnv, "")
	const token = "fictional-config-token-0123456789"
	for _, c := range []struct {
		mode os.FileMode
		warn bool
	}{{0o644, true}, {0o600, false}} {
		cfg := filepath.Join(t.TempDir(), "resolve.yaml")
		if err := os.WriteFile(cfg, []byte("serve:\n  token: "+token+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(cfg, c.mode); err != nil {
			t.Fatal(err)
		}
		addr, logs, stop := serveCommand(t, "--store", st, "--config", cfg)
		checkTokenRequired(t, addr, token, logs, stop)
		warned := strings.Contains(logs.String(), "every user of this machine can read it") &&
			strings.Contains(logs.String(), `"keys":["serve.token"]`) && strings.Contains(logs.String(), cfg)
		if warned != c.warn {
			t.Errorf("config file mode %o: warned %v, want %v:\n%s", c.mode, warned, c.warn, logs.String())
		}
	}
}

func TestServeRefusesAnOpenAddressWithoutAToken(t *testing.T) {
	st := filepath.Join(t.TempDir(), "resolve.db")
	t.Setenv(serveTokenEnv, "")
	for _, c := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:8080"}, "", "a bearer token is required"},
		{[]string{"serve", "--addr", ":8080"}, "", "a bearer token is required"},
		{[]string{"serve", "--addr", "127.0.0.1:0"}, "short", "too short"},
		{[]string{"serve", "--addr", "nonsense"}, "", "bad --addr"},
		{[]string{"serve", "--addr", "127.0.0.1:0"}, "", "serve never creates one"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--allow-origin", "null", "--judgements", filepath.Join(t.TempDir(), "j.csv")}, "", "lets any page post decisions"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--allow-origin", "*", "--judgements", filepath.Join(t.TempDir(), "j.csv")}, "", "lets any page post decisions"},
	} {
		t.Setenv(serveTokenEnv, c.env)
		var errb bytes.Buffer
		got := run(context.Background(), append(c.args, "--store", st), strings.NewReader(""), io.Discard, &errb)
		if got != exitUsage || !strings.Contains(errb.String(), c.want) || !strings.Contains(errb.String(), "hint:") {
			t.Errorf("%v: exit %d, want %d with %q: %s", c.args, got, exitUsage, c.want, errb.String())
		}
		if _, err := os.Stat(st); err == nil {
			t.Fatalf("%v created the store", c.args)
		}
	}
}

func TestServeReloadsAfterANewRun(t *testing.T) {
	st, _ := serveStore(t)
	ts, sv := serveTestWith(t, serveApp(t, st, ""))
	q := "/?queries=" + url.QueryEscape(`{"q0":{"query":"Quillfeather Optics GmbH","properties":[{"pid":"countries","v":"DE"}]}}`)
	matched := func() bool {
		var got serveResults
		if err := json.Unmarshal(serveGet(t, ts, q), &got); err != nil {
			t.Fatal(err)
		}
		r := got["q0"].Result
		return len(r) > 0 && r[0].Match && r[0].Name == "Quillfeather Optics GmbH"
	}
	if matched() {
		t.Fatal("a company of no run matched")
	}
	if changed, err := sv.reload(context.Background()); changed || err != nil {
		t.Fatalf("reload without a new run: %v %v", changed, err)
	}
	in := shuffled(t, 3, []string{"S9001", "Quillfeather Optics GmbH", "DE", "", "", "", ""})
	runIn(t, st, "--in", in)
	if changed, err := sv.reload(context.Background()); !changed || err != nil {
		t.Fatalf("reload after a new run: %v %v", changed, err)
	}
	if !matched() {
		t.Error("the new run's cluster is not served after reload")
	}
}

// storeDigest is the SHA-256 of the store file's bytes.
func storeDigest(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestServeLeavesTheStoreByteIdentical: a serve session (queries, preview,
// extension, suggest, a reload, posted judgements, which go to the
// judgements file) opens the store read-only and leaves its file
// byte-identical.
func TestServeLeavesTheStoreByteIdentical(t *testing.T) {
	st, ids := serveStore(t)
	before := storeDigest(t, st)
	jf := filepath.Join(t.TempDir(), "judgements.csv")
	ts, sv := serveTestWith(t, serveApp(t, st, jf))
	id := ids["Kyungki Industrial Co., Ltd."]
	for _, path := range []string{
		"/", "/?queries=" + url.QueryEscape(`{"q0":{"query":"Kyungki Industrial Co Ltd"},"q1":{"query":"Northwind Trading Limited","type":"registry"}}`),
		"/preview?id=" + url.QueryEscape(id), "/preview?id=" + url.QueryEscape("gleif:FICT00HK000000000149"),
		"/?extend=" + url.QueryEscape(`{"ids":["`+id+`"],"properties":[{"id":"canonical_name"},{"id":"lei"}]}`),
		"/suggest/entity?prefix=kyung", "/properties?type=cluster",
	} {
		serveGet(t, ts, path)
	}
	if _, err := sv.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, err := ts.Client().Post(ts.URL+"/judgements", "application/json",
		strings.NewReader(`{"kind":"different","a":"`+id+`","b":"Gyeonggi Industry"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("judgement: %d", resp.StatusCode)
	}
	ts.Close()
	sv.close()
	if after := storeDigest(t, st); after != before {
		t.Error("the serve session changed the store file")
	}
	if b, err := os.ReadFile(jf); err != nil || !strings.Contains(string(b), "different,"+id) {
		t.Errorf("the judgement is not in the judgements file: %q %v", b, err)
	}
}

// TestServeRefusesAnOldStore: a store at an older schema is not migrated:
// serve exits 2 saying to run resolve once, and the file is unchanged.
func TestServeRefusesAnOldStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := store.OpenWith(context.Background(), path, store.Options{Migrations: store.Migrations()[:3]})
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	before := storeDigest(t, path)
	var errb bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--store", path}, strings.NewReader(""), io.Discard, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "will not migrate") || !strings.Contains(errb.String(), "run resolve once") {
		t.Errorf("exit %d, want %d saying to run resolve once to migrate: %s", code, exitUsage, errb.String())
	}
	if storeDigest(t, path) != before {
		t.Error("serve changed an old store")
	}
	// resolve runs migrates it; then serve accepts it (nothing to serve yet).
	if code := run(context.Background(), []string{"runs", "--store", path}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
		t.Fatalf("resolve runs: exit %d", code)
	}
	errb.Reset()
	code = run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--store", path}, strings.NewReader(""), io.Discard, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "nothing to serve") {
		t.Errorf("after the migration: exit %d: %s", code, errb.String())
	}
}

// TestServeWarnsWhenTheIndexFillsTheMemoryLimit: a live heap above 80% of
// the soft memory limit is warned about (the collector would run all the
// time); one well below it is not.
func TestServeWarnsWhenTheIndexFillsTheMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	for _, c := range []struct {
		limit int64
		warn  bool
	}{{1 << 20, true}, {1 << 40, false}} {
		var logs bytes.Buffer
		debug.SetMemoryLimit(c.limit)
		warnNearMemoryLimit(zerolog.New(&logs))
		if got := strings.Contains(logs.String(), "raise memory_limit"); got != c.warn {
			t.Errorf("memory limit %d MiB: warned %v, want %v: %s", c.limit>>20, got, c.warn, logs.String())
		}
	}
}
