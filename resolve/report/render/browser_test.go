package render

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/report/render/browsercheck"
)

var screenshot = flag.String("screenshot", "", "with TestBrowser: write the screenshot of the sample report here (e.g. ../../../testdata/report-screenshot.png)")

// browserCheck runs testdata/browser-check/check.mjs on the HTML rendering
// of r, or skips when node, chromium or playwright-core is missing.
func browserCheck(t *testing.T, r *report.Report, args ...string) {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "testdata", "browser-check")
	node := browsercheck.Node(t, dir)
	// Reading the script makes `go test` caching notice when it changes.
	if _, err := os.ReadFile(filepath.Join(dir, "check.mjs")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := HTML(f, r); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(file); err == nil && r.Run.Rows.Read > 0 {
		t.Logf("page %d bytes for %d input rows: %.0f bytes a row", st.Size(), r.Run.Rows.Read, float64(st.Size())/float64(r.Run.Rows.Read))
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir, "check.mjs"), file}, args...)...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("browser check failed: %v", err)
	}
}

// TestBrowser opens the sample report in headless chromium: no console
// errors, no outside requests, the search leaves the five clusters that
// say harbour (Northwind, Friends of Example Harbour, and three whose rows
// carry the consignee Northwind Harbour Trading)... see testdata/browser-check/check.mjs for every assertion.
func TestBrowser(t *testing.T) {
	shot := *screenshot
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "report-screenshot.png")
	}
	r := sampleReport()
	// Coverage said once (schema 2): the cluster the check opens, the
	// riskiest, carries none of its own and must show the run's.
	top := &r.Clusters[0]
	for i := range r.Clusters {
		if r.Clusters[i].Risk.Score > top.Risk.Score {
			top = &r.Clusters[i]
		}
	}
	r.Run.Coverage, top.Coverage = top.Coverage, nil
	if len(r.Run.Coverage) == 0 {
		t.Fatal("the riskiest sample cluster has no coverage to show")
	}
	browserCheck(t, r, "--screenshot", shot, "--filter", "harbour", "--expect-rows", "5")
	if st, err := os.Stat(shot); err != nil || st.Size() < 10_000 {
		t.Errorf("screenshot %s missing or too small: %v", shot, err)
	}
}

// TestBrowserLarge opens a 50,000-cluster report of 150,000 rows, past
// InlineRows, so that 10,000 clusters with indicators and the largest others
// come in full and the rest as short entries: it must load, page and filter
// in the browser (size and load time are logged, not asserted).
// RESOLVE_BROWSER_CLUSTERS=333334 measures a million rows.
func TestBrowserLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large report")
	}
	n := 50000
	if v, err := strconv.Atoi(os.Getenv("RESOLVE_BROWSER_CLUSTERS")); err == nil && v > 0 {
		n = v
	}
	r := largeReport(n)
	want := 0
	for _, c := range r.Clusters {
		if strings.Contains(strings.ToLower(c.CanonicalName), "kalomi") {
			want++
		}
	}
	browserCheck(t, r, "--filter", "kalomi", "--expect-rows", strconv.Itoa(want))
}
