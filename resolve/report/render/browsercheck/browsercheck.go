// Package browsercheck finds what the headless-browser check of the HTML
// report (testdata/browser-check/check.mjs) needs: node, chromium and the
// pinned playwright-core. It is for tests: a missing tool skips the test,
// saying how to install it (.ci/ui.sh installs them all).
package browsercheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Node returns the path of node, or skips t when node, chromium ($CHROMIUM,
// else /usr/bin/chromium) or playwright-core in dir/node_modules is
// missing. dir is the testdata/browser-check folder.
func Node(t testing.TB, dir string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found on PATH: skipping the browser test (.ci/ui.sh installs nodejs and chromium)")
	}
	browser := os.Getenv("CHROMIUM")
	if browser == "" {
		browser = "/usr/bin/chromium"
	}
	if _, err := os.Stat(browser); err != nil {
		t.Skipf("%s not found: skipping the browser test (apt-get install -y chromium, or set CHROMIUM; .ci/ui.sh does it)", browser)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core", "package.json")); err != nil {
		t.Skipf("playwright-core not installed: skipping the browser test (run `npm ci` in %s; .ci/ui.sh does it)", dir)
	}
	return node
}
