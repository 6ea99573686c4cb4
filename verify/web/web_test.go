package web

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The company below is fictional: "Brightwater Test Trading Limited",
// Korean "브라이트워터테스트", Russian "ООО «Брайтвотер Тест»", company
// number 98765432, address "Rm 1203, 12/F, Example Tower, 9 Sample Road,
// Kowloon".
var target = Target{
	Names:     []string{"Brightwater Test Trading Limited", "브라이트워터테스트", "Брайтвотер Тест"},
	Numbers:   []string{"98765432"},
	Addresses: []string{"Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon"},
}

const homeHTML = `<!doctype html><html><head><title>Brightwater Test Trading Limited</title>
<script>var x = "Брайтвотер Тест in a script must not count";</script></head>
<body><nav><a href="/products">Products</a> <a href="/contact">Contact us</a>
<a href="/%EC%97%B0%EB%9D%BD%EC%B2%98">연락처</a> <a href="/ru/about">О компании</a>
<a href="http://other.test/contact">Contact our partner</a></nav>
<p>Welcome to <b>Brightwater Test Trading</b> Limited.</p></body></html>`

func normalSite(t *testing.T) *site {
	return newSite(t, "User-agent: *\nDisallow: /private\n", map[string]string{
		"/": homeHTML,
		"/contact": `<html><body><address>Brightwater Test Trading Limited<br>Room 1203, 12/F<br>
			Example Tower, 9 Sample Rd<br>Kowloon, Hong Kong</address><p>Company No. 9876-5432</p></body></html>`,
		"/연락처":      `<html><body><p>브라이트워터테스트(주) 서울 지사 연락처: 02-000-0000</p></body></html>`,
		"/ru/about": `<html><body><h1>О компании</h1><p>ООО «Брайтвотер Тест» — поставщик.</p></body></html>`,
		"/products": `<html><body>Brightwater Test Trading Limited products</body></html>`,
	}, nil)
}

func TestCheckMentions(t *testing.T) {
	s := normalSite(t)
	c := newChecker(t, testOptions())
	got := c.Check(context.Background(), Candidate{URL: s.URL, From: "input:website"}, target)
	if got.Status != StatusOK || got.HTTPStatus != 200 {
		t.Fatalf("status = %s %d (%s), want ok 200", got.Status, got.HTTPStatus, got.Error)
	}
	if got.PagesFetched != 4 {
		t.Errorf("PagesFetched = %d, want 4 (home, contact, 연락처, О компании): %+v", got.PagesFetched, got.Pages)
	}
	if len(s.hits("/products")) != 0 {
		t.Error("the products page does not match the contact/about patterns and must not be fetched")
	}
	checks := []struct{ what, page, term string }{
		{"name", "/", "Brightwater Test Trading Limited"},
		{"name", "/contact", "Brightwater Test Trading Limited"},
		{"address", "/contact", target.Addresses[0]},
		{"registry_number", "/contact", "98765432"},
		{"name", "/%EC%97%B0%EB%9D%BD%EC%B2%98", "브라이트워터테스트"},
		{"name", "/ru/about", "Брайтвотер Тест"},
	}
	for _, ck := range checks {
		if !hasMention(got, ck.what, ck.page, ck.term) {
			t.Errorf("no %s mention of %q on %s; mentions: %+v", ck.what, ck.term, ck.page, got.Mentions)
		}
	}
	for _, m := range got.Mentions {
		if strings.Contains(m.Text, "script") {
			t.Errorf("script text counted as a mention: %+v", m)
		}
		if m.Text == "" {
			t.Errorf("mention without text: %+v", m)
		}
	}
	for _, ua := range s.uas {
		if ua != "resolve/test (+https://example.org/resolve-tests)" {
			t.Errorf("User-Agent = %q", ua)
		}
	}
	if got.TLS {
		t.Error("TLS true for an http site")
	}
	if got.DNS == nil || len(got.DNS.A) != 1 || got.DNS.A[0] != "127.0.0.1" {
		t.Errorf("DNS = %+v, want A 127.0.0.1", got.DNS)
	}
}

func TestCheckNoMention(t *testing.T) {
	s := newSite(t, "", map[string]string{
		"/":      `<html><body><a href="/about">About</a><p>Harbour Lights Catering, est. 1999.</p></body></html>`,
		"/about": `<html><body><p>We cook for weddings.</p></body></html>`,
	}, nil)
	c := newChecker(t, testOptions())
	got := c.Check(context.Background(), Candidate{URL: s.URL, From: "gleif"}, target)
	if got.Status != StatusOK || got.PagesFetched != 2 {
		t.Fatalf("status %s, pages %d (%s)", got.Status, got.PagesFetched, got.Error)
	}
	if len(got.Mentions) != 0 {
		t.Errorf("mentions = %+v, want none", got.Mentions)
	}
}

func TestCheckParked(t *testing.T) {
	t.Run("page text", func(t *testing.T) {
		s := newSite(t, "", map[string]string{"/": `<html><body><h1>brightwater-test.example</h1>
			<p>This domain is for sale! Make an offer.</p></body></html>`}, nil)
		got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
		if got.Status != StatusParked || !got.Parked || !strings.Contains(got.ParkedReason, "this domain is for sale") {
			t.Errorf("got %s parked=%v reason=%q", got.Status, got.Parked, got.ParkedReason)
		}
		if got.FingerprintsVersion != FingerprintsVersion {
			t.Errorf("FingerprintsVersion = %q", got.FingerprintsVersion)
		}
	})
	t.Run("marketplace link", func(t *testing.T) {
		s := newSite(t, "", map[string]string{"/": `<html><body><a href="https://www.hugedomains.com/domain_profile.cfm?d=x">Get it</a></body></html>`}, nil)
		got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
		if got.Status != StatusParked || !strings.Contains(got.ParkedReason, "HugeDomains") {
			t.Errorf("got %s reason=%q", got.Status, got.ParkedReason)
		}
	})
	t.Run("name servers", func(t *testing.T) {
		s := newSite(t, "", map[string]string{"/": `<html><body>Welcome</body></html>`}, nil)
		o := testOptions()
		o.Resolver = &stubResolver{
			ips: map[string][]string{"www.parked.test": {"127.0.0.1"}},
			ns:  map[string][]string{"parked.test": {"ns1.sedoparking.com.", "ns2.sedoparking.com."}},
		}
		port := s.Listener.Addr().(interface{ String() string }).String()
		port = port[strings.LastIndex(port, ":"):]
		got := newChecker(t, o).Check(context.Background(), Candidate{URL: "http://www.parked.test" + port + "/"}, target)
		if got.Status != StatusParked || !strings.Contains(got.ParkedReason, "sedoparking.com") {
			t.Errorf("got %s reason=%q err=%s", got.Status, got.ParkedReason, got.Error)
		}
		if len(got.DNS.NS) != 2 {
			t.Errorf("NS = %v, want the parent domain's two name servers", got.DNS.NS)
		}
	})
	t.Run("ordinary page is not parked", func(t *testing.T) {
		s := normalSite(t)
		got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
		if got.Parked {
			t.Errorf("parked: %q", got.ParkedReason)
		}
	})
}

func TestCheckRobots(t *testing.T) {
	tests := []struct {
		what      string
		robots    http.HandlerFunc
		want      Status
		temporary bool
		crawled   bool
	}{
		{"disallow all", text(200, "User-agent: *\nDisallow: /\n"), StatusRobotsDisallow, false, false},
		{"disallow our agent", text(200, "User-agent: resolve\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), StatusRobotsDisallow, false, false},
		{"other agent only", text(200, "User-agent: otherbot\nDisallow: /\n"), StatusOK, false, true},
		{"503 means do not crawl", text(503, "busy"), StatusRobotsDisallow, true, false},
		{"500 means do not crawl", text(500, "oops"), StatusRobotsDisallow, true, false},
		{"429 means do not crawl", text(429, "slow down"), StatusRobotsDisallow, true, false},
		{"404 allows all", text(404, "not found"), StatusOK, false, true},
		{"empty allows all", text(200, ""), StatusOK, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			s := newSite(t, "", map[string]string{"/": "<html><body>hello</body></html>"}, map[string]http.HandlerFunc{"/robots.txt": tt.robots})
			cache := newMemCache()
			o := testOptions()
			o.Cache = cache
			got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
			if got.Status != tt.want || got.Temporary != tt.temporary {
				t.Fatalf("status %s temporary %v (%s), want %s %v", got.Status, got.Temporary, got.Error, tt.want, tt.temporary)
			}
			if crawled := len(s.hits("/")) > 0; crawled != tt.crawled {
				t.Errorf("home page fetched = %v, want %v", crawled, tt.crawled)
			}
			if tt.temporary && cache.puts != 0 {
				t.Error("a temporary outcome was cached")
			}
			if !tt.temporary && cache.puts != 1 {
				t.Errorf("cache puts = %d, want 1", cache.puts)
			}
		})
	}
}

func text(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
}

func TestCheckBlocked(t *testing.T) {
	internal := &stubResolver{ips: map[string][]string{
		"internal.test": {"192.168.1.10"},
		"mixed.test":    {"127.0.0.1", "10.1.2.3"},
		"meta.test":     {"169.254.169.254"},
	}}
	tests := []struct {
		what  string
		to    string // redirect target from a loopback site ("" = check url directly)
		url   string
		allow bool
	}{
		{what: "redirect to 10.0.0.1", to: "http://10.0.0.1/", allow: true},
		{what: "redirect to metadata address", to: "http://169.254.169.254/latest/meta-data/", allow: true},
		{what: "redirect to a name resolving to 192.168.1.10", to: "http://internal.test/", allow: true},
		{what: "redirect to IPv6 link-local", to: "http://[fe80::1]/", allow: true},
		{what: "redirect to file scheme", to: "file:///etc/passwd", allow: true},
		{what: "host resolving to link-local", url: "http://meta.test/", allow: true},
		{what: "host with one private address among others", url: "http://mixed.test/", allow: true},
		{what: "credentials in URL", url: "http://user:secret@127.0.0.1/", allow: true},
		{what: "loopback without AllowPrivate", url: "loop", allow: false},
		{what: "redirect to loopback without AllowPrivate", url: "http://internal.test/", allow: false},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			var handlers map[string]http.HandlerFunc
			if tt.to != "" {
				handlers = map[string]http.HandlerFunc{"/": redirect(tt.to)}
			}
			s := newSite(t, "", map[string]string{"/": "<html>hi</html>"}, handlers)
			o := testOptions()
			o.AllowPrivate = tt.allow
			o.Resolver = internal
			u := tt.url
			switch u {
			case "":
				u = s.URL + "/"
			case "loop":
				u = s.URL + "/"
			}
			got := newChecker(t, o).Check(context.Background(), Candidate{URL: u}, target)
			if got.Status != StatusBlocked {
				t.Fatalf("status = %s (%s), want blocked", got.Status, got.Error)
			}
			if got.Temporary {
				t.Error("blocked reported as temporary")
			}
			if !tt.allow && len(s.hits("/")) > 0 {
				t.Error("loopback site was contacted with AllowPrivate off")
			}
		})
	}
}

func TestGuardReasons(t *testing.T) {
	g := guard{allowLoopback: true}
	strict := guard{}
	for _, tt := range []struct {
		ip           string
		want, strict string
	}{
		{"127.0.0.1", "", "loopback"},
		{"::1", "", "loopback"},
		{"::ffff:127.0.0.1", "", "loopback"},
		{"10.0.0.1", "private", "private"},
		{"172.16.5.4", "private", "private"},
		{"192.168.0.1", "private", "private"},
		{"fd00::1", "private", "private"},
		{"169.254.169.254", "link-local", "link-local"},
		{"fe80::1", "link-local", "link-local"},
		{"224.0.0.1", "multicast", "multicast"},
		{"ff02::1", "multicast", "multicast"},
		{"0.0.0.0", "unspecified", "unspecified"},
		{"::", "unspecified", "unspecified"},
		{"100.64.0.1", "reserved", "reserved"},
		{"64:ff9b::a00:1", "reserved", "reserved"},
		{"93.184.216.34", "", ""},
		{"2606:4700::1111", "", ""},
	} {
		ip := mustAddr(t, tt.ip)
		if got := g.reason(ip); got != tt.want {
			t.Errorf("reason(%s) with loopback allowed = %q, want %q", tt.ip, got, tt.want)
		}
		if got := strict.reason(ip); got != tt.strict {
			t.Errorf("reason(%s) strict = %q, want %q", tt.ip, got, tt.strict)
		}
	}
}

func TestCheckTimeout(t *testing.T) {
	s := newSite(t, "", nil, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}})
	o := testOptions()
	o.Timeout = 300 * time.Millisecond
	start := time.Now()
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusTimeout || !got.Temporary {
		t.Fatalf("status = %s temporary=%v (%s), want timeout", got.Status, got.Temporary, got.Error)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v; the timeout is 300ms", d)
	}
}

func TestCheckHugePage(t *testing.T) {
	const maxBody = 64 << 10
	s := newSite(t, "", nil, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = fmt.Fprint(w, "<html><body><p>Brightwater Test Trading Limited</p>")
		filler := strings.Repeat("<p>lorem ipsum dolor sit amet</p>\n", 1000)
		for i := 0; i < 200; i++ { // about 6.6 MB
			if _, err := fmt.Fprint(w, filler); err != nil {
				return
			}
		}
		_, _ = fmt.Fprint(w, "<p>Company No. 98765432</p></body></html>")
	}})
	o := testOptions()
	o.MaxBody = maxBody
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK {
		t.Fatalf("status %s (%s)", got.Status, got.Error)
	}
	if p := got.Pages[0]; !p.Truncated || p.Bytes != maxBody {
		t.Errorf("page = %+v, want truncated at %d bytes", p, maxBody)
	}
	if len(mentionsOf(got, "name")) != 1 {
		t.Errorf("the name before the cap should be found: %+v", got.Mentions)
	}
	if len(mentionsOf(got, "registry_number")) != 0 {
		t.Errorf("the number after the cap must not be read: %+v", got.Mentions)
	}
}

func TestCheckRetryAfter(t *testing.T) {
	n := 0
	s := newSite(t, "", nil, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, _ *http.Request) {
		n++
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Brightwater Test Trading Limited</body></html>"))
	}})
	o := testOptions()
	o.Timeout = 500 * time.Millisecond // shorter than Retry-After
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK || len(got.Mentions) != 1 {
		t.Fatalf("status %s mentions %v (%s)", got.Status, got.Mentions, got.Error)
	}
	h := s.hits("/")
	if len(h) != 2 {
		t.Fatalf("home page requested %d times, want 2", len(h))
	}
	if gap := h[1].Sub(h[0]); gap < 900*time.Millisecond {
		t.Errorf("retried after %v; Retry-After said 1s", gap)
	}
}

func TestCheckRetryAfterTooLong(t *testing.T) {
	s := newSite(t, "", nil, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}})
	cache := newMemCache()
	o := testOptions()
	o.Cache = cache
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusHTTPError || got.HTTPStatus != 429 || !got.Temporary {
		t.Fatalf("got %s %d temporary=%v", got.Status, got.HTTPStatus, got.Temporary)
	}
	if len(s.hits("/")) != 1 {
		t.Errorf("requests = %d, want 1 (an hour is beyond MaxRetryWait)", len(s.hits("/")))
	}
	if cache.puts != 0 {
		t.Error("a 429 was cached")
	}
}

func TestCrawlDelay(t *testing.T) {
	s := newSite(t, "User-agent: *\nCrawl-delay: 1\n", map[string]string{
		"/":        `<html><body><a href="/contact">Contact</a></body></html>`,
		"/contact": `<html><body>Brightwater Test Trading Limited</body></html>`,
	}, nil)
	o := testOptions()
	o.Timeout = 500 * time.Millisecond // shorter than the delay: waiting must not count against it
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK || got.PagesFetched != 2 {
		t.Fatalf("status %s pages %d: %+v", got.Status, got.PagesFetched, got.Pages)
	}
	home, contact := s.hits("/"), s.hits("/contact")
	if gap := contact[0].Sub(home[0]); gap < 900*time.Millisecond {
		t.Errorf("second page %v after the first; Crawl-delay is 1s", gap)
	}
}

func TestCheckHTTPErrorAndNoDNS(t *testing.T) {
	s := newSite(t, "", nil, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }})
	cache := newMemCache()
	o := testOptions()
	o.Cache = cache
	c := newChecker(t, o)
	got := c.Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusHTTPError || got.HTTPStatus != 404 || got.Temporary {
		t.Errorf("got %s %d temporary=%v", got.Status, got.HTTPStatus, got.Temporary)
	}
	got = c.Check(context.Background(), Candidate{URL: "https://nowhere.test/"}, target)
	if got.Status != StatusNoDNS || got.Temporary {
		t.Errorf("got %s temporary=%v (%s), want no_dns, permanent", got.Status, got.Temporary, got.Error)
	}
	if cache.puts != 2 {
		t.Errorf("cache puts = %d, want 2 (404 and NXDOMAIN are answers)", cache.puts)
	}
	o.Resolver = &stubResolver{fail: map[string]error{"flaky.test": &net.DNSError{Err: "server misbehaving", Name: "flaky.test", IsTemporary: true}}}
	got = newChecker(t, o).Check(context.Background(), Candidate{URL: "https://flaky.test/"}, target)
	if got.Status != StatusUnreachable || !got.Temporary {
		t.Errorf("temporary DNS failure: got %s temporary=%v", got.Status, got.Temporary)
	}
	if cache.puts != 2 {
		t.Error("a temporary DNS failure was cached")
	}
}

func TestCheckCache(t *testing.T) {
	s := normalSite(t)
	cache := newMemCache()
	o := testOptions()
	o.Cache = cache
	c := newChecker(t, o)
	first := c.Check(context.Background(), Candidate{URL: s.URL, From: "input:website"}, target)
	requests := len(s.log)
	other := Target{Names: []string{"Harbour Lights Catering"}}
	second := c.Check(context.Background(), Candidate{URL: s.URL, From: "gleif"}, target)
	third := c.Check(context.Background(), Candidate{URL: s.URL, From: "gleif"}, other)
	if len(s.log) != requests {
		t.Errorf("cached checks made %d more requests", len(s.log)-requests)
	}
	if !second.Cached || second.From != "gleif" || second.Status != first.Status || len(second.Mentions) != len(first.Mentions) {
		t.Errorf("cached site differs: %+v", second)
	}
	if !second.CheckedAt.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("CheckedAt = %v, want the time stored", second.CheckedAt)
	}
	if len(third.Mentions) != 0 {
		t.Errorf("mentions are matched again for each target: %+v", third.Mentions)
	}
}

func TestCheckTLSAndFallback(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Brightwater Test Trading Limited</body></html>"))
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	o := testOptions()
	o.TLSConfig = &tls.Config{RootCAs: pool}
	host := strings.TrimPrefix(srv.URL, "https://")
	got := newChecker(t, o).Check(context.Background(), Candidate{URL: host}, target)
	if got.Status != StatusOK || !got.TLS || !strings.HasPrefix(got.FinalURL, "https://") {
		t.Errorf("bare host over TLS: %s TLS=%v final=%s (%s)", got.Status, got.TLS, got.FinalURL, got.Error)
	}
	// Without the test CA the certificate does not verify: https fails, http is tried.
	plain := normalSite(t)
	got = newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: strings.TrimPrefix(plain.URL, "http://")}, target)
	if got.Status != StatusOK || got.TLS || !strings.Contains(got.Error, "https:") {
		t.Errorf("fallback to http: %s TLS=%v err=%q", got.Status, got.TLS, got.Error)
	}
}

func TestCheckRedirectRecorded(t *testing.T) {
	s := newSite(t, "", map[string]string{"/en/": "<html><body>Brightwater Test Trading Limited</body></html>"},
		map[string]http.HandlerFunc{"/": redirect("/en/")})
	got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK || !strings.HasSuffix(got.FinalURL, "/en/") || len(got.Redirects) != 1 {
		t.Errorf("got %s final=%s redirects=%v", got.Status, got.FinalURL, got.Redirects)
	}
}

func TestCheckRedirectRobotsOfNewHost(t *testing.T) {
	dst := newSite(t, "User-agent: *\nDisallow: /\n", map[string]string{"/": "<html>x</html>"}, nil)
	src := newSite(t, "", nil, map[string]http.HandlerFunc{"/": redirect(dst.URL + "/")})
	got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: src.URL}, target)
	if got.Status != StatusRobotsDisallow {
		t.Errorf("status %s (%s), want robots_disallow", got.Status, got.Error)
	}
	if len(dst.hits("/")) != 0 {
		t.Error("the redirect target was fetched although its robots.txt disallows it")
	}
}

func TestCollyEnvironmentIgnored(t *testing.T) {
	t.Setenv("COLLY_USER_AGENT", "evil-bot")
	t.Setenv("COLLY_MAX_BODY_SIZE", "10")
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "y")
	s := normalSite(t)
	got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK || got.Pages[0].Bytes < 100 {
		t.Errorf("status %s page %+v", got.Status, got.Pages[0])
	}
	for _, ua := range s.uas {
		if strings.Contains(ua, "evil") {
			t.Errorf("COLLY_USER_AGENT was read: %q", ua)
		}
	}
}

func TestCheckSkipped(t *testing.T) {
	c := newChecker(t, testOptions())
	for _, u := range []string{"", "ftp://example.test/", "mailto:x@example.test"} {
		got := c.Check(context.Background(), Candidate{URL: u}, target)
		if got.Status != StatusSkipped && got.Status != StatusBlocked {
			t.Errorf("Check(%q) = %s, want skipped or blocked", u, got.Status)
		}
	}
}

func TestCheckAllOrderAndDedupe(t *testing.T) {
	a, b := normalSite(t), newSite(t, "", map[string]string{"/": "<html>nothing</html>"}, nil)
	c := newChecker(t, testOptions())
	got := c.CheckAll(context.Background(), []Candidate{
		{URL: a.URL, From: "gleif"}, {URL: b.URL, From: "input:website"}, {URL: a.URL + "/", From: "input:website"},
	}, target)
	if len(got) != 2 || got[0].URL != a.URL || got[1].URL != b.URL || got[0].From != "gleif,input:website" {
		t.Errorf("CheckAll = %+v", got)
	}
}

func TestNewNeedsContact(t *testing.T) {
	if _, err := New(Options{}); !errors.Is(err, ErrNoContact) {
		t.Errorf("New without contact: %v", err)
	}
}

func TestCancelled(t *testing.T) {
	s := normalSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := newChecker(t, testOptions()).Check(ctx, Candidate{URL: s.URL}, target)
	if got.Status == StatusOK || !got.Temporary {
		t.Errorf("cancelled check: %s temporary=%v", got.Status, got.Temporary)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Issue 13 item 6: a dead host is not a robots.txt refusal. Connection
// refused is unreachable (temporary: asked again, never cached); a
// certificate that does not verify is tls_error (an answer, cached);
// robots.txt that says no is robots_disallow; a 404 home page is
// http_error 404.
func TestCheckDeadHost(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Brightwater Test Trading Limited</body></html>"))
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	dead := closedPort(t)
	refuses := newSite(t, "User-agent: *\nDisallow: /\n", map[string]string{"/": "<html>x</html>"}, nil)
	noHome := newSite(t, "", nil, nil)
	tests := []struct {
		what       string
		url        string
		want       Status
		temporary  bool
		errContain string
	}{
		{"connection refused", "http://" + dead + "/", StatusUnreachable, true, "refused"},
		{"connection refused, bare host over https then http", dead, StatusUnreachable, true, "refused"},
		{"certificate of an unknown authority", tlsSrv.URL + "/", StatusTLSError, false, "certificate"},
		{"robots.txt refuses", refuses.URL, StatusRobotsDisallow, false, "disallows"},
		{"404 home page", noHome.URL, StatusHTTPError, false, "404"},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			cache := newMemCache()
			o := testOptions()
			o.Cache = cache
			got := newChecker(t, o).Check(context.Background(), Candidate{URL: tt.url, From: "input:website"}, target)
			if got.Status != tt.want || got.Temporary != tt.temporary || !strings.Contains(got.Error, tt.errContain) {
				t.Fatalf("status %s temporary %v error %q; want %s %v containing %q", got.Status, got.Temporary, got.Error, tt.want, tt.temporary, tt.errContain)
			}
			if wantPuts := map[bool]int{true: 0, false: 1}[tt.temporary]; cache.puts != wantPuts {
				t.Errorf("cache puts = %d, want %d", cache.puts, wantPuts)
			}
		})
	}
	// A bare host whose https fails its handshake and whose http is dead
	// is a TLS failure, not only unreachable.
	host := strings.TrimPrefix(tlsSrv.URL, "https://")
	o := testOptions()
	c := newChecker(t, o)
	tries, err := c.candidateURLs(host)
	if err != nil {
		t.Fatal(err)
	}
	tries[1].Host = dead // http goes nowhere
	obs := c.observe(context.Background(), tries, Site{URL: host})
	if obs.Site.Status != StatusTLSError || !strings.Contains(obs.Site.Error, "https:") {
		t.Errorf("https broken, http dead: %s (%s)", obs.Site.Status, obs.Site.Error)
	}
}

// Issue 13 item 11: pages robots.txt keeps us from are named, and the site
// says it was not read in full.
func TestCheckUnreadPages(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /contact\n", map[string]string{
		"/":        `<html><body><a href="/contact">Contact</a> <a href="/about">About us</a> Welcome</body></html>`,
		"/about":   `<html><body>About our widgets</body></html>`,
		"/contact": `<html><body>Brightwater Test Trading Limited</body></html>`,
	}, nil)
	got := newChecker(t, testOptions()).Check(context.Background(), Candidate{URL: s.URL}, target)
	if got.Status != StatusOK || len(got.Mentions) != 0 {
		t.Fatalf("status %s mentions %+v", got.Status, got.Mentions)
	}
	un := got.Unread()
	if len(un) != 1 || !strings.HasSuffix(un[0].URL, "/contact") || un[0].Skipped != "robots.txt" {
		t.Fatalf("unread %+v", un)
	}
	if !strings.Contains(got.Error, "not read: "+s.URL+"/contact (robots.txt)") {
		t.Errorf("error %q does not name the page not read", got.Error)
	}
	if len(s.hits("/contact")) != 0 {
		t.Error("a disallowed page was fetched")
	}
}
