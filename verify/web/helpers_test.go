package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Every site in these tests is fictional and served by httptest on
// loopback; host names under .test are answered by stubResolver.

type stubResolver struct {
	ips   map[string][]string
	ns    map[string][]string
	cname map[string]string
	fail  map[string]error
}

func (r *stubResolver) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	if err := r.fail[host]; err != nil {
		return nil, err
	}
	ips, ok := r.ips[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []net.IPAddr
	for _, s := range ips {
		out = append(out, net.IPAddr{IP: net.ParseIP(s)})
	}
	return out, nil
}

func (r *stubResolver) LookupCNAME(_ context.Context, host string) (string, error) {
	if c, ok := r.cname[host]; ok {
		return c, nil
	}
	return host + ".", nil
}

func (r *stubResolver) LookupNS(_ context.Context, name string) ([]*net.NS, error) {
	var out []*net.NS
	for _, h := range r.ns[name] {
		out = append(out, &net.NS{Host: h})
	}
	if len(out) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	}
	return out, nil
}

// site is a test web site with a request log.
type site struct {
	*httptest.Server
	mu  sync.Mutex
	log []hit
	uas []string
}

type hit struct {
	path string
	at   time.Time
}

func (s *site) hits(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for _, h := range s.log {
		if h.path == path {
			out = append(out, h.at)
		}
	}
	return out
}

// newSite serves pages (path → HTML) and robots.txt; handlers override pages.
func newSite(t *testing.T, robots string, pages map[string]string, handlers map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, hit{path: r.URL.Path, at: time.Now()})
		s.uas = append(s.uas, r.UserAgent())
		s.mu.Unlock()
		if h, ok := handlers[r.URL.Path]; ok {
			h(w, r)
			return
		}
		if r.URL.Path == "/robots.txt" {
			if robots == "" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte(robots))
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func testOptions() Options {
	return Options{
		Product:      "resolve/test",
		Contact:      "https://example.org/resolve-tests",
		AllowPrivate: true,
		MaxPages:     6,
		MaxBody:      1 << 20,
		Timeout:      2 * time.Second,
		Rate:         1000,
		MaxRetryWait: 3 * time.Second,
		Resolver:     &stubResolver{},
	}
}

func newChecker(t *testing.T, o Options) *Checker {
	t.Helper()
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// memCache is a Cache in memory that records its calls.
type memCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	at   map[string]time.Time
	puts int
}

func newMemCache() *memCache { return &memCache{m: map[string][]byte{}, at: map[string]time.Time{}} }

func (c *memCache) Get(_ context.Context, source, key string) ([]byte, time.Time, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[source+"|"+key]
	return b, c.at[source+"|"+key], ok, nil
}

func (c *memCache) Put(_ context.Context, source, key string, body []byte, _ time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[source+"|"+key] = body
	c.at[source+"|"+key] = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c.puts++
	return nil
}

func mentionsOf(s Site, what string) []Mention {
	var out []Mention
	for _, m := range s.Mentions {
		if m.What == what {
			out = append(out, m)
		}
	}
	return out
}

func hasMention(s Site, what, pageSuffix, term string) bool {
	for _, m := range s.Mentions {
		if m.What == what && strings.HasSuffix(m.Page, pageSuffix) && m.Term == term {
			return true
		}
	}
	return false
}
