package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openRefineEnv names the OpenRefine launcher (Debian's openrefine package:
// /usr/bin/openrefine) for the real-client test; unset, the test is skipped.
const openRefineEnv = "RESOLVE_TEST_OPENREFINE"

// TestServeOpenRefineReconcilesCustomsSpellings starts OpenRefine headless
// on loopback, loads a column of customs spellings, reconciles it against
// resolve serve (also on loopback) with auto-match, and checks the matched
// cluster IDs against the run's. OpenRefine's Java backend calls the
// service, as it does for any standard service.
func TestServeOpenRefineReconcilesCustomsSpellings(t *testing.T) {
	launcher := os.Getenv(openRefineEnv)
	if launcher == "" {
		t.Skipf("set %s to the OpenRefine launcher (e.g. /usr/bin/openrefine) to run the real-client test", openRefineEnv)
	}
	st, ids := serveStore(t)
	svc, _ := serveTestWith(t, serveApp(t, st, ""))

	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	cmd := exec.CommandContext(ctx, launcher, "-i", "127.0.0.1", "-p", port, "-d", t.TempDir(), "-m", "700M", "-x", "refine.headless=true")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	cmd.Env = os.Environ()
	// The launcher is a shell script that starts java: its own process
	// group, killed whole at the end.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = cmd.Wait() }()
	or := &openRefine{t: t, base: "http://127.0.0.1:" + port, logs: &logs, c: &http.Client{Timeout: 30 * time.Second}}
	or.waitUp(3 * time.Minute)
	t.Logf("OpenRefine is up on port %s", port)

	// Customs spellings not in the run's input, and a name of no cluster.
	spellings := []string{"KYUNGKI IND CO., LTD", "Kyungki Industrial Company Limited", "ENERTECH INT'L INC.",
		"Industrie Ilpea S.P.A", "Quillfeather Optics GmbH"}
	wants := []string{ids["Kyungki Industrial Co., Ltd."], ids["Kyungki Industrial Co., Ltd."], ids["Enertech International Inc"],
		ids["Industrie Ilpea SpA"], ""}
	var csv strings.Builder
	csv.WriteString("name\n")
	for _, s := range spellings {
		fmt.Fprintf(&csv, "%q\n", s)
	}
	project := or.createProject(csv.String())
	t.Logf("project %s created", project)
	or.reconcile(project, svc.URL+"/")
	for i, got := range or.matchedIDs(project, len(spellings)) {
		if got != wants[i] {
			t.Errorf("row %d %q: OpenRefine matched %q, want %q", i, spellings[i], got, wants[i])
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// openRefine drives OpenRefine 3.x's HTTP commands.
type openRefine struct {
	t    *testing.T
	base string
	logs *syncBuffer
	c    *http.Client
}

func (o *openRefine) fail(format string, args ...any) {
	o.t.Helper()
	o.t.Fatalf(format+"\nOpenRefine's output:\n%s", append(args, o.logs.String())...)
}

func (o *openRefine) waitUp(limit time.Duration) {
	o.t.Helper()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(time.Second) {
		resp, err := o.c.Get(o.base + "/command/core/get-version")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	o.fail("OpenRefine did not start within %s", limit)
}

func (o *openRefine) token() string {
	o.t.Helper()
	var tok struct{ Token string }
	o.getJSON("/command/core/get-csrf-token", &tok)
	return tok.Token
}

func (o *openRefine) getJSON(path string, v any) {
	o.t.Helper()
	resp, err := o.c.Get(o.base + path)
	if err != nil {
		o.fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, v); err != nil {
		o.fail("GET %s: %v: %s", path, err, b)
	}
}

func (o *openRefine) createProject(csv string) string {
	o.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("project-file", "spellings.csv")
	_, _ = fw.Write([]byte(csv))
	_ = mw.WriteField("project-name", "resolve serve test")
	_ = mw.WriteField("format", "text/line-based/*sv")
	_ = mw.WriteField("options", `{"separator":",","headerLines":1,"guessCellValueTypes":false,"processQuotes":true,"encoding":"UTF-8"}`)
	_ = mw.Close()
	client := &http.Client{Timeout: o.c.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(o.base+"/command/core/create-project-from-upload?csrf_token="+url.QueryEscape(o.token()),
		mw.FormDataContentType(), &body)
	if err != nil {
		o.fail("create project: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`project=(\d+)`).FindStringSubmatch(resp.Header.Get("Location") + string(b))
	if m == nil {
		o.fail("create project: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), b)
	}
	return m[1]
}

func (o *openRefine) reconcile(project, service string) {
	o.t.Helper()
	config := map[string]any{
		"mode": "standard-service", "service": service,
		"identifierSpace": "urn:x-resolve:entity:", "schemaSpace": "urn:x-resolve:type:",
		"type":      map[string]string{"id": "cluster", "name": "Cluster of company names (customs records)"},
		"autoMatch": true, "columnDetails": []any{}, "limit": 0,
	}
	cj, _ := json.Marshal(config)
	form := url.Values{"columnName": {"name"}, "config": {string(cj)}, "engine": {`{"facets":[],"mode":"row-based"}`}}
	resp, err := o.c.PostForm(o.base+"/command/core/reconcile?project="+project+"&csrf_token="+url.QueryEscape(o.token()), form)
	if err != nil {
		o.fail("reconcile: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"ok"`) && !strings.Contains(string(b), `"pending"`) {
		o.fail("reconcile: %d %s", resp.StatusCode, b)
	}
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		var p struct{ Processes []any }
		o.getJSON("/command/core/get-processes?project="+project, &p)
		if len(p.Processes) == 0 {
			return
		}
	}
	o.fail("reconciliation did not finish")
}

// matchedIDs returns the matched entity ID of the first cell of each row
// ("" where OpenRefine did not match). get-rows gives each cell's recon
// as a key of pool.recons.
func (o *openRefine) matchedIDs(project string, n int) []string {
	o.t.Helper()
	var rows struct {
		Rows []struct {
			Cells []*struct {
				R string `json:"r"`
			} `json:"cells"`
		} `json:"rows"`
		Pool struct {
			Recons map[string]struct {
				J string `json:"j"`
				M *struct {
					ID string `json:"id"`
				} `json:"m"`
			} `json:"recons"`
		} `json:"pool"`
	}
	o.getJSON(fmt.Sprintf("/command/core/get-rows?project=%s&start=0&limit=%d", project, n), &rows)
	if len(rows.Rows) != n {
		o.fail("get-rows: %d rows, want %d", len(rows.Rows), n)
	}
	out := make([]string, n)
	for i, r := range rows.Rows {
		if len(r.Cells) == 0 || r.Cells[0] == nil {
			continue
		}
		if rc, ok := rows.Pool.Recons[r.Cells[0].R]; ok && rc.J == "matched" && rc.M != nil {
			out[i] = rc.M.ID
		}
	}
	return out
}
