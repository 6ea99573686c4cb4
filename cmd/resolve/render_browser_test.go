package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/report/render/browsercheck"
)

// browserCheck runs testdata/browser-check/check.mjs on an HTML report, or
// skips when node, chromium or playwright-core is missing (.ci/ui.sh
// installs them).
func browserCheck(t *testing.T, file string, args ...string) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "browser-check")
	node := browsercheck.Node(t, dir)
	out, err := exec.Command(node, append([]string{filepath.Join(dir, "check.mjs"), file}, args...)...).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("browser check of %s failed: %v", file, err)
	}
}

// sampleRunHTML runs the sample suppliers with the sample configuration
// into the store st, writes the JSON report to out and its HTML rendering
// beside it (out with .html for .json), and returns the report.
func sampleRunHTML(t *testing.T, st, out string, extra ...string) *report.Report {
	t.Helper()
	var sink bytes.Buffer
	args := append([]string{"--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml",
		"--store", st, "--format", "json", "--out", out, "--log-format", "json"}, extra...)
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("resolve %v: exit %d: %s", extra, code, sink.String())
	}
	var sinkR bytes.Buffer
	html := strings.TrimSuffix(out, ".json") + ".html"
	if code := run(context.Background(), []string{"render", out, "--out", html}, strings.NewReader(""), &sinkR, &sinkR); code != exitOK {
		t.Fatalf("render %s: exit %d: %s", out, code, sinkR.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestBrowserReviewRoundTrip is the review loop of the HTML report: the
// sample run's report is opened in the browser, a row is marked "not this
// company" with a note and the cluster "checked", the judgements file is
// downloaded, and a second run with --judgements keeps the two names apart
// and says in its report that the decision was applied.
func TestBrowserReviewRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs and two browser sessions")
	}
	dir := t.TempDir()
	resolveTo := func(out string, extra ...string) *report.Report {
		t.Helper()
		return sampleRunHTML(t, filepath.Join(dir, "s.db"), out, extra...)
	}
	clusterOf := func(r *report.Report, name string) string {
		for _, c := range r.Clusters {
			for _, m := range c.Members {
				if m.Name == name {
					return c.ID
				}
			}
		}
		t.Fatalf("no cluster has a row named %q", name)
		return ""
	}

	// FZE and FZCO are two legal forms of the UAE free zones: the matcher
	// joins the two names, the investigator sets them apart.
	const fzco, fze = "Initech Supply FZCO", "Initech Supply FZE"
	first := resolveTo(filepath.Join(dir, "r1.json"))
	id := clusterOf(first, fzco)
	if clusterOf(first, fze) != id {
		t.Fatalf("the sample run no longer joins %q and %q: pick another pair for this test", fzco, fze)
	}
	judgements := filepath.Join(dir, "judgements.csv")
	browserCheck(t, filepath.Join(dir, "r1.html"), "--open", id, "--judgements-out", judgements)
	b, err := os.ReadFile(judgements)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("downloaded judgements:\n%s", b)

	second := resolveTo(filepath.Join(dir, "r2.json"), "--judgements", judgements)
	if clusterOf(second, fzco) == clusterOf(second, fze) {
		t.Errorf("with the downloaded judgements %q and %q are still one cluster", fzco, fze)
	}
	if second.Judgements == nil || second.Judgements.Applied != 2 {
		t.Errorf("second run's judgements: %+v, want 2 applied (the split and the checked cluster)", second.Judgements)
	}
	// The checked cluster was split: each part shows the check and that a
	// name left since.
	for _, name := range []string{fzco, fze} {
		c := clusterByID(second, clusterOf(second, name))
		if ch := c.Checked; ch == nil || ch.Cluster != id || !ch.MembersChanged || ch.ReviewedRun != first.Run.ID || len(ch.Removed) != 1 {
			t.Errorf("second run's cluster of %q: checked %+v, want cluster %s checked in run %s, one name removed since", name, c.Checked, id, first.Run.ID)
		}
	}
	// The second report says the decisions were applied (check.mjs reads
	// report.judgements and looks for it in the page) and that the cluster
	// was checked.
	browserCheck(t, filepath.Join(dir, "r2.html"), "--open", clusterOf(second, fzco))
}
