package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
)

// runIn runs the command in-process against a given store.
func runIn(t *testing.T, store string, args ...string) *report.Report {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r.json")
	var sink bytes.Buffer
	args = append(args, "--store", store, "--out", out, "--log-format", "json")
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("exit %d: %s", code, sink.String())
	}
	return readReport(t, out)
}

// shuffled writes the sample's rows in a random order, plus extra rows.
func shuffled(t *testing.T, seed uint64, extra ...[]string) string {
	t.Helper()
	f, err := os.Open("../../testdata/suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	body := rows[1:]
	rand.New(rand.NewPCG(seed, seed)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	body = append(body, extra...)
	p := filepath.Join(t.TempDir(), "in.csv")
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(rows[0])
	w.WriteAll(body)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// idsByName maps each member name to its cluster ID.
func idsByName(r *report.Report) map[string]string {
	m := map[string]string{}
	for _, c := range r.Clusters {
		for _, x := range c.Members {
			m[x.Name] = c.ID
		}
	}
	return m
}

func TestIDsSurviveShufflingAndAdditions(t *testing.T) {
	store := filepath.Join(t.TempDir(), "s.db")
	first := idsByName(runIn(t, store, "--in", "../../testdata/suppliers.csv"))
	in := shuffled(t, 3, []string{"X1", "Kyungki Industrial Co. Ltd", "KR", "", "", "", ""}, []string{"X2", "Fresh Fictional Widgets Ltd", "GB", "", "", "", ""})
	second := runIn(t, store, "--in", in)
	for name, id := range idsByName(second) {
		if old, ok := first[name]; ok && old != id {
			t.Errorf("%q moved from %s to %s after shuffling and two additions", name, old, id)
		}
	}
	if second.Changes == nil || len(second.Changes.NewClusters) != 1 {
		t.Errorf("changes: want exactly one new cluster (the fresh company): %+v", second.Changes)
	}
}

func TestJudgementsAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	store, judgements := filepath.Join(dir, "s.db"), filepath.Join(dir, "j.csv")
	base := runIn(t, store, "--in", "../../testdata/suppliers.csv")
	ids := idsByName(base)
	if ids["Hyundai Motor Company"] != ids["HYUNDAI MOTOR CO"] {
		t.Fatal("precondition: the two Hyundai Motor spellings are one cluster")
	}
	if ids["Hyundai Motor Company"] == ids["Hyundai Mobis"] {
		t.Fatal("precondition: Hyundai Motor and Hyundai Mobis are apart")
	}
	var sink bytes.Buffer
	judge := func(args ...string) {
		if code := run(context.Background(), append([]string{"judge"}, append(args, "--judgements", judgements, "--store", store)...),
			strings.NewReader(""), &sink, &sink); code != exitOK {
			t.Fatalf("judge %v: exit %d: %s", args, code, sink.String())
		}
	}
	judge("different", "Hyundai Motor Company", "HYUNDAI MOTOR CO")
	judge("same", "Hyundai Motor Company", "Hyundai Mobis")
	for i := 0; i < 2; i++ { // the decision holds in this run and the next
		r := runIn(t, store, "--in", "../../testdata/suppliers.csv", "--judgements", judgements)
		ids := idsByName(r)
		if ids["Hyundai Motor Company"] == ids["HYUNDAI MOTOR CO"] {
			t.Fatalf("run %d: a different judgement did not split the cluster", i)
		}
		if ids["Hyundai Motor Company"] != ids["Hyundai Mobis"] {
			t.Fatalf("run %d: a same judgement did not merge", i)
		}
		if r.Judgements == nil || r.Judgements.Applied != 2 {
			t.Fatalf("run %d: judgements not reported: %+v", i, r.Judgements)
		}
	}
	// A contradicting decision is reported, not resolved silently (judge
	// refuses it without --force).
	judge("same", "HYUNDAI MOTOR CO", "Hyundai Mobis", "--force")
	r := runIn(t, store, "--in", "../../testdata/suppliers.csv", "--judgements", judgements)
	if len(r.Judgements.Conflicts) == 0 {
		t.Fatal("contradicting judgements were not reported")
	}
}

// An incremental run (reusing the store) gives the same clusters, IDs and
// indicators as a run from scratch.
func TestIncrementalEqualsFull(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "s.db")
	args := []string{"--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml"}
	runIn(t, store, args...)
	in := shuffled(t, 5, []string{"X9", "Another Fictional Trading Ltd", "HK", "", "", "", ""})
	args[1] = in
	incr := runIn(t, store, args...)
	full := runIn(t, filepath.Join(dir, "fresh.db"), args...)
	if incr.Run.Reuse.ClustersReused == 0 {
		t.Fatal("the incremental run reused nothing")
	}
	if a, b := clusterDigest(incr), clusterDigest(full); !slices.Equal(a, b) {
		t.Fatalf("incremental and full runs differ:\n%v\n%v", a, b)
	}
}

// clusterDigest summarises clusters by content (members, flag codes, risk,
// registry matches), sorted, leaving out times and IDs that depend on history.
func clusterDigest(r *report.Report) []string {
	var out []string
	for _, c := range r.Clusters {
		var names []string
		for _, m := range c.Members {
			names = append(names, m.Name)
		}
		slices.Sort(names)
		var flags []string
		for _, f := range c.Flags {
			flags = append(flags, f.Code)
		}
		slices.Sort(flags)
		var recs []string
		for _, m := range c.RegistryMatches {
			recs = append(recs, m.Source+"/"+m.Record.ID)
		}
		out = append(out, strings.Join(names, "|")+" flags="+strings.Join(flags, ",")+" recs="+strings.Join(recs, ","))
	}
	slices.Sort(out)
	return out
}

// buildBinary builds the command once for tests that need a real process.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "resolve")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// slowRegistry answers GLEIF-shaped empty searches after a delay, counting
// requests.
func slowRegistry(delay time.Duration, calls *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		time.Sleep(delay)
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.Write([]byte(`{"data":[]}`))
	}))
}

// SIGKILL in the middle of verification: the store stays consistent, the
// next run marks the killed run failed, reuses the clusters it had verified,
// and writes the same report as an uninterrupted run.
func TestKillDuringVerificationThenRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	var calls atomic.Int64
	srv := slowRegistry(40*time.Millisecond, &calls)
	defer srv.Close()
	env := append(os.Environ(), "RESOLVE_SOURCES_GLEIF_ENABLED=true", "RESOLVE_SOURCES_GLEIF_BASE_URL="+srv.URL,
		"RESOLVE_SOURCES_GLEIF_RATE=0", "RESOLVE_VERIFY_WORKERS=1", "RESOLVE_LOG_FORMAT=json")
	store := filepath.Join(dir, "s.db")
	args := []string{"--in", "../../testdata/suppliers.csv", "--store", store}

	cmd := exec.Command(bin, append(args, "--out", filepath.Join(dir, "killed.json"))...)
	cmd.Env = env
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once clustering is done and some clusters are verified.
	sc := bufio.NewScanner(stderr)
	for sc.Scan() && !strings.Contains(sc.Text(), `"clustered"`) {
	}
	for calls.Load() < 20 {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, "killed.json")); err == nil {
		t.Fatal("a killed run left a report behind")
	}

	rerun := exec.Command(bin, append(args, "--out", filepath.Join(dir, "rerun.json"))...)
	rerun.Env = env
	if out, err := rerun.CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "interrupted") {
		t.Errorf("the rerun did not say the earlier run was interrupted:\n%s", out)
	}
	got := readReport(t, filepath.Join(dir, "rerun.json"))
	if got.Run.Reuse.ClustersReused == 0 {
		t.Fatal("the rerun redid all the work of the killed run")
	}
	t.Logf("the rerun reused %d clusters and verified %d", got.Run.Reuse.ClustersReused, got.Run.Reuse.ClustersVerified)
	clean := exec.Command(bin, "--in", "../../testdata/suppliers.csv", "--store", filepath.Join(dir, "clean.db"), "--out", filepath.Join(dir, "clean.json"))
	clean.Env = env
	if out, err := clean.CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want := readReport(t, filepath.Join(dir, "clean.json"))
	if a, b := clusterDigest(got), clusterDigest(want); !slices.Equal(a, b) {
		t.Fatal("the rerun after a kill differs from an uninterrupted run")
	}

	// Two runs on one store do not overlap: the second says who holds it.
	// A fresh store, so the first run has no cached answers and stays busy
	// verifying against the slow registry.
	busy := []string{"--in", "../../testdata/suppliers.csv", "--store", filepath.Join(dir, "busy.db")}
	first := exec.Command(bin, append(busy, "--out", filepath.Join(dir, "a.json"))...)
	first.Env = env
	stderr, _ = first.StderrPipe()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	sc = bufio.NewScanner(stderr)
	for sc.Scan() && !strings.Contains(sc.Text(), `"clustered"`) {
	}
	second := exec.Command(bin, append(busy, "--out", filepath.Join(dir, "b.json"))...)
	second.Env = env
	out, err := second.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "another resolve run") {
		t.Fatalf("a second run on a busy store: err %v\n%s", err, out)
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if err := first.Wait(); err != nil {
		t.Fatalf("the first run failed: %v", err)
	}
}

// With no source that can search (the default: nothing indexed, no online
// source, no web check), clusters are verified in memory and nothing is
// stored; with bulk files indexed, results are stored and reused.
func TestNothingToSearchStoresNothing(t *testing.T) {
	storedResults := func(store string) int {
		t.Helper()
		db, err := sql.Open("sqlite", store)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM state_verification`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.db")
	first := runIn(t, plain, "--in", "../../testdata/suppliers.csv")
	again := runIn(t, plain, "--in", "../../testdata/suppliers.csv")
	if n := storedResults(plain); n != 0 {
		t.Errorf("nothing to search, yet %d verification results were stored", n)
	}
	if again.Run.Reuse.ClustersVerified != len(again.Clusters) || again.Run.Reuse.ClustersReused != 0 {
		t.Errorf("rerun: %+v, want every cluster verified in memory", again.Run.Reuse)
	}
	if a, b := clusterDigest(first), clusterDigest(again); !slices.Equal(a, b) {
		t.Errorf("the rerun's verification differs:\n%v\n%v", a, b)
	}
	if first.Summary.Verification == nil || first.Summary.Verification.Outcome != "none_searched" {
		t.Errorf("verification summary %+v, want none_searched", first.Summary.Verification)
	}

	indexed := filepath.Join(dir, "indexed.db")
	runIn(t, indexed, "--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml")
	if n := storedResults(indexed); n == 0 {
		t.Error("with bulk files indexed, no verification result was stored")
	}
}
