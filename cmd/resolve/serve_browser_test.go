package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserReviewPostsToServe: the sample run's HTML report, opened as a
// file in headless chromium, sends its review decisions to resolve serve on
// loopback (origin null allowed, a bearer token entered in the page); the
// service appends the "not this company" decision to the judgements file
// (the "checked" one stays for the download), and the next run applies it.
func TestBrowserReviewPostsToServe(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs and a browser session")
	}
	dir := t.TempDir()
	st := filepath.Join(dir, "s.db")
	const fzco, fze = "Initech Supply FZCO", "Initech Supply FZE"
	first := sampleRunHTML(t, st, filepath.Join(dir, "r1.json"))
	ids := idsByName(first)
	if ids[fzco] == "" || ids[fzco] != ids[fze] {
		t.Fatalf("the sample run no longer joins %q and %q: pick another pair for this test", fzco, fze)
	}
	html := filepath.Join(dir, "r1.html")

	judgements := filepath.Join(dir, "judgements.csv")
	const token = "fictional-review-token-0123456789"
	a := serveApp(t, st, judgements)
	sv, err := a.reconcileService(context.Background(), serveOptions{margin: 0.1, origins: []string{"null"}}, token, true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(sv.svc.Handler()) // loopback
	t.Cleanup(func() { ts.Close(); sv.close() })

	browserCheck(t, html, "--open", ids[fzco], "--post-to", ts.URL+"/", "--token", token)
	b, err := os.ReadFile(judgements)
	if err != nil {
		t.Fatalf("the service wrote no judgements file: %v", err)
	}
	t.Logf("judgements recorded by the service:\n%s", b)
	if lines := strings.Count(string(b), "\ndifferent,"); lines != 1 || strings.Contains(string(b), "checked") {
		t.Errorf("judgements file: want one different decision and no checked one:\n%s", b)
	}
	if !strings.Contains(string(b), "different consignee and address") {
		t.Errorf("the note entered in the page is not in the judgements file:\n%s", b)
	}

	second := sampleRunHTML(t, st, filepath.Join(dir, "r2.json"), "--judgements", judgements)
	after := idsByName(second)
	if after[fzco] == after[fze] {
		t.Errorf("with the posted judgements %q and %q are still one cluster", fzco, fze)
	}
	if second.Judgements == nil || second.Judgements.Applied != 1 {
		t.Errorf("second run's judgements: %+v, want 1 applied", second.Judgements)
	}
}
