package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

// runCLI runs the command in-process with a fresh store in a temp dir.
func runCLI(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("RESOLVE_STORE_PATH", filepath.Join(t.TempDir(), "resolve.db"))
	var out, errb bytes.Buffer
	code = run(ctx, append(args, "--log-format", "json"), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func readReport(t *testing.T, path string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateJSON(b); err != nil {
		t.Fatalf("report does not validate against schema.json: %v", err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// Every input row is in exactly one cluster or among the rejected rows.
func TestEveryRowAccountedFor(t *testing.T) {
	for _, in := range []string{"../../testdata/suppliers.csv", "../../testdata/bad_input.csv"} {
		out := filepath.Join(t.TempDir(), "r.json")
		if code, _, stderr := runCLI(t, context.Background(), "--in", in, "--out", out); code != exitOK {
			t.Fatalf("%s: exit %d: %s", in, code, stderr)
		}
		r := readReport(t, out)
		seen := map[int]int{}
		for _, c := range r.Clusters {
			if c.Size != len(c.Members) {
				t.Errorf("cluster %s: size %d, %d members", c.ID, c.Size, len(c.Members))
			}
			for _, m := range c.Members {
				seen[m.Row]++
			}
		}
		for _, rj := range r.RejectedRows {
			seen[rj.Row]++
		}
		for row, n := range seen {
			if n != 1 {
				t.Errorf("%s: row %d appears %d times", in, row, n)
			}
		}
		rc := r.Run.Rows
		if rc.Read != rc.Clustered+rc.Rejected+rc.Ignored || rc.Read != len(seen) {
			t.Errorf("%s: counts do not add up: %+v, %d distinct rows", in, rc, len(seen))
		}
		if strings.HasSuffix(in, "bad_input.csv") && rc.Rejected == 0 {
			t.Errorf("bad input produced no rejected rows")
		}
	}
}

// With the default configuration no HTTP request leaves the process.
func TestOfflineByDefault(t *testing.T) {
	var calls atomic.Int64
	orig := http.DefaultTransport
	http.DefaultTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, http.ErrHandlerTimeout
	})
	t.Cleanup(func() { http.DefaultTransport = orig })
	out := filepath.Join(t.TempDir(), "r.json")
	if code, _, stderr := runCLI(t, context.Background(), "--in", "../../testdata/suppliers.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("%d HTTP requests with the default configuration", n)
	}
	// The same counter sees requests when a source is turned on, so the
	// zero above means something.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.Write([]byte(`{"data":[]}`))
	}))
	defer srv.Close()
	http.DefaultTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return orig.RoundTrip(r)
	})
	t.Setenv("RESOLVE_SOURCES_GLEIF_ENABLED", "true")
	t.Setenv("RESOLVE_SOURCES_GLEIF_BASE_URL", srv.URL)
	t.Setenv("RESOLVE_SOURCES_GLEIF_RATE", "0")
	if code, _, stderr := runCLI(t, context.Background(), "--in", "../../testdata/suppliers.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if calls.Load() == 0 {
		t.Fatal("an enabled source made no request: the offline check above proves nothing")
	}

	// A second run with the same input and store asks nothing again: the
	// clusters' verification is taken from the store.
	store := filepath.Join(t.TempDir(), "cache.db")
	args := []string{"--in", "../../testdata/suppliers.csv", "--out", out, "--store", store, "--log-format", "json"}
	var sink bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, sink.String())
	}
	calls.Store(0)
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, sink.String())
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("second run made %d HTTP requests; want 0", n)
	}
	r := readReport(t, out)
	if r.Run.Reuse == nil || r.Run.Reuse.ClustersReused != len(r.Clusters) || r.Run.Reuse.ClustersVerified != 0 {
		t.Fatalf("second run did not reuse the stored verification: %+v", r.Run.Reuse)
	}

	// With other verification settings the clusters are verified again, and
	// every registry answer comes from the HTTP cache.
	t.Setenv("RESOLVE_VERIFY_MIN_SCORE", "0.9")
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("third run: exit %d: %s", code, sink.String())
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("third run made %d HTTP requests; want 0 (cache)", n)
	}
	r = readReport(t, out)
	for _, s := range r.Run.Sources {
		if s.Name == "gleif" && (s.Calls != 0 || s.CacheHits == 0) {
			t.Fatalf("gleif usage on the third run: %+v", s)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// --fail-on: exit 3 only when a flag at or above the severity was raised.
func TestFailOn(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	args := []string{"--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml", "--out", out}
	t.Setenv("RESOLVE_STORE_PATH", "")
	if code, _, stderr := runCLI(t, context.Background(), append(args, "--fail-on", "high")...); code != exitFlagged {
		t.Fatalf("--fail-on high with sanctions hits: exit %d, want 3: %s", code, stderr)
	}
	r := readReport(t, out)
	if r.Summary.FlagsBySev["high"] == 0 {
		t.Fatal("no high flag in the sample run")
	}
	if code, _, _ := runCLI(t, context.Background(), append(args[:len(args)-2], "--out", out)...); code != exitOK {
		t.Fatalf("without --fail-on: exit %d, want 0", code)
	}
}

// An interrupted run exits 130 and leaves --out untouched.
func TestInterruptLeavesNoPartialOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if err := os.WriteFile(out, []byte("yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := runCLI(t, ctx, "--in", "../../testdata/suppliers.csv", "--out", out)
	if code != exitCancelled {
		t.Fatalf("exit %d, want 130: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday" {
		t.Fatalf("--out was changed by an interrupted run: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// Web checks from the input's website column, end to end: a site that does
// not mention the company raises the indicator, with the site as evidence.
func TestWebCheckFromInput(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Welcome</title></head><body><h1>Quality widgets since 1999</h1>
<p>Family bakery and widget shop. Call us.</p></body></html>`))
	}))
	defer site.Close()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("name,country,website\nQuillfeather Fictional Trading Ltd,GB,"+site.URL+"\n"), 0o644)
	t.Setenv("RESOLVE_WEB_ENABLED", "true")
	t.Setenv("RESOLVE_WEB_ALLOW_PRIVATE", "true")
	t.Setenv("RESOLVE_WEB_USER_AGENT_CONTACT", "https://example.org/resolve-contact")
	out := filepath.Join(dir, "r.json")
	if code, _, stderr := runCLI(t, context.Background(), "--in", in, "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := readReport(t, out)
	c := r.Clusters[0]
	if len(c.Web) != 1 || c.Web[0].Status != "ok" || c.Web[0].PagesFetched == 0 {
		t.Fatalf("web findings: %+v", c.Web)
	}
	var flagged bool
	for _, f := range c.Flags {
		flagged = flagged || f.Code == "site_does_not_mention_company"
	}
	if !flagged {
		t.Fatalf("no site_does_not_mention_company flag: %+v", c.Flags)
	}
}

// The debug log says each stage of the main job once, in order, with its
// items, rate, wall and CPU time, GC share, live heap and peak RSS.
func TestStageTimingLines(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := runCLI(t, context.Background(), "--in", "../../testdata/suppliers.csv", "--out", out, "--log-level", "debug")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"read", "open_state", "dedup", "prepare", "block", "score", "cluster", "assemble",
		"build_report", "ids", "verify", "compare", "save_snapshot", "write_report"}
	var got []string
	for _, line := range strings.Split(stderr, "\n") {
		var l struct {
			Message, Stage string
			Items          *int
			Rate           *float64 `json:"items_per_s"`
			Wall           *float64 `json:"wall_s"`
			CPU            *float64 `json:"cpu_s"`
			GC             *float64 `json:"gc_cpu_s"`
			Heap           *int64   `json:"heap_live_mb"`
			RSS            *int64   `json:"peak_rss_mb"`
		}
		if json.Unmarshal([]byte(line), &l) != nil || l.Message != "stage timing" {
			continue
		}
		if l.Items == nil || l.Rate == nil || l.Wall == nil || l.CPU == nil || l.GC == nil || l.Heap == nil || l.RSS == nil {
			t.Errorf("stage %q: a field is missing: %s", l.Stage, line)
		}
		if l.RSS != nil && *l.RSS <= 0 {
			t.Errorf("stage %q: peak RSS %d MB", l.Stage, *l.RSS)
		}
		got = append(got, l.Stage)
	}
	if !slices.Equal(got, want) {
		t.Errorf("stage timing lines %q, want %q", got, want)
	}
}

// A pair linked below the threshold as reciprocal best matches across
// scripts says so in its evidence.
func TestReciprocalLinkExplained(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "names.csv"), filepath.Join(dir, "r.json")
	if err := os.WriteFile(in, []byte("name,country\n새빛생명,KR\n\"SAEBIT LIFE INSURANCE CO., LTD.\",KR\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, context.Background(), "--in", in, "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := readReport(t, out)
	if len(r.Clusters) != 1 {
		t.Fatalf("%d clusters, want 1", len(r.Clusters))
	}
	var kinds []string
	for _, m := range r.Clusters[0].Members {
		if m.Evidence == nil {
			continue
		}
		if m.Evidence.Score >= 0.80 { // match.threshold
			t.Errorf("evidence score %.4f: want the pair's own score, below the threshold", m.Evidence.Score)
		}
		for _, x := range m.Evidence.Reasons {
			kinds = append(kinds, x.Kind)
		}
	}
	if !slices.Contains(kinds, "reciprocal_best") {
		t.Errorf("reasons %v lack reciprocal_best", kinds)
	}
}
