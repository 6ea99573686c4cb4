package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// Issue 13 item 6: a site that refused the connection raises
// no_web_presence, and the verification is not stored for reuse: refused
// may be a passing fault, so the next run checks the site again. A site
// that answered is reused. Companies and sites are fictional, on loopback.
func TestVerifyWebUnreachableIsNotReused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/"
	l.Close()
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<html><body>Harbourlight Fictional Supplies Limited</body></html>`))
	}))
	defer live.Close()
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "name,country,website\n"+
		"Quillfeather Fictional Trading Ltd,GB,"+dead+"\n"+
		"Harbourlight Fictional Supplies Limited,GB,"+live.URL+"\n")
	t.Setenv("RESOLVE_SOURCES_LOCAL_ENABLED", "false")
	t.Setenv("RESOLVE_WEB_ENABLED", "true")
	t.Setenv("RESOLVE_WEB_ALLOW_PRIVATE", "true")
	t.Setenv("RESOLVE_WEB_USER_AGENT_CONTACT", "https://example.org/resolve-contact")
	store := filepath.Join(dir, "s.db")

	first := runIn(t, store, "--in", in)
	_, c := coverageOf(first, "Quillfeather Fictional Trading Ltd", "")
	if c == nil || len(c.Web) != 1 || c.Web[0].Status != "unreachable" {
		t.Fatalf("dead site: %+v", c)
	}
	if !hasFlag(c, "no_web_presence") {
		t.Fatalf("connection refused raised no no_web_presence: %+v", c.Flags)
	}
	second := runIn(t, store, "--in", in)
	if second.Run.Reuse.ClustersVerified != 1 || second.Run.Reuse.ClustersReused != 1 {
		t.Fatalf("want the dead site's cluster verified again and the live one reused: %+v", second.Run.Reuse)
	}
}
