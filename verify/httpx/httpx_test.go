package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
)

type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	f.now = f.now.Add(d)
	return ctx.Err()
}

func newEnv(t *testing.T, withCache bool) (Env, *fakeClock) {
	t.Helper()
	clk := &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	env := Env{Client: &http.Client{}, UserAgent: UserAgent("1.2.3", "ops@example.org"),
		Timeout: 2 * time.Second, MaxBody: 1024, Retries: 3, Now: clk.Now, Sleep: clk.Sleep,
		Jitter: func() float64 { return 0.5 }, MaxRetryWait: time.Minute}
	if withCache {
		st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		env.Cache = st.Cache(clk.Now)
	}
	return env, clk
}

// script serves the given handlers in order, the last one repeatedly.
func script(t *testing.T, hs ...http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i >= len(hs) {
			i = len(hs) - 1
		}
		hs[i](w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, hdr ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"status":"` + http.StatusText(code) + `"}`))
	}
}

func TestRetryPolicy(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name      string
		handlers  []http.HandlerFunc
		wantErr   error // nil: success
		wantCalls int64
		wantWaits []time.Duration
	}{
		{"500 then success", []http.HandlerFunc{status(500), status(200)}, nil, 2, []time.Duration{375 * time.Millisecond}},
		{"429 with Retry-After seconds", []http.HandlerFunc{status(429, "Retry-After", "7"), status(200)}, nil, 2, []time.Duration{7 * time.Second}},
		{"429 with Retry-After date", []http.HandlerFunc{status(429, "Retry-After", "Sun, 01 Mar 2026 12:00:20 GMT"), status(200)}, nil, 2, []time.Duration{20 * time.Second}},
		{"Retry-After capped", []http.HandlerFunc{status(429, "Retry-After", "3600"), status(200)}, nil, 2, []time.Duration{time.Minute}},
		{"429 until retries run out", []http.HandlerFunc{status(429)}, verify.ErrRateLimited, 4, []time.Duration{375 * time.Millisecond, 750 * time.Millisecond, 1500 * time.Millisecond}},
		{"400 is not retried", []http.HandlerFunc{status(400), status(200)}, errAny, 1, nil},
		{"403 is not retried", []http.HandlerFunc{status(403), status(200)}, errAny, 1, nil},
		{"404 is not found", []http.HandlerFunc{status(404), status(200)}, verify.ErrNotFound, 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, clk := newEnv(t, false)
			srv, n := script(t, tc.handlers...)
			c := New("test", env, Options{})
			resp, err := c.Do(ctx, Request{URL: srv.URL + "/x"})
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.wantErr == errAny && err == nil:
				t.Fatal("want an error")
			case tc.wantErr != nil && tc.wantErr != errAny && !errors.Is(err, tc.wantErr):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr == nil && resp.Status != 200 {
				t.Fatalf("status %d", resp.Status)
			}
			if n.Load() != tc.wantCalls {
				t.Fatalf("server saw %d calls, want %d", n.Load(), tc.wantCalls)
			}
			if got := clk.waits; len(got) != len(tc.wantWaits) || (len(got) > 0 && !equalDur(got, tc.wantWaits)) {
				t.Fatalf("waits %v, want %v", got, tc.wantWaits)
			}
			st := c.Stats()
			if st.Calls != int(tc.wantCalls) {
				t.Fatalf("stats calls %d", st.Calls)
			}
			wantFailed := 0
			if tc.wantErr != nil && tc.wantErr != verify.ErrNotFound {
				wantFailed = 1
			}
			if st.Failed != wantFailed {
				t.Fatalf("stats failed %d, want %d", st.Failed, wantFailed)
			}
		})
	}
}

var errAny = errors.New("any error")

func equalDur(a, b []time.Duration) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBodyCapIsAnError(t *testing.T) {
	env, _ := newEnv(t, false)
	srv, n := script(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 1025)))
	})
	c := New("test", env, Options{})
	_, err := c.Do(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("want ErrBodyTooLarge, got %v", err)
	}
	if n.Load() != 1 {
		t.Fatalf("a too-large body must not be retried: %d calls", n.Load())
	}
	// Exactly the cap is fine.
	srv2, _ := script(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(strings.Repeat("x", 1024))) })
	if _, err := c.Do(context.Background(), Request{URL: srv2.URL}); err != nil {
		t.Fatalf("body at the cap: %v", err)
	}
}

func TestTimeoutIsRetriedThenFails(t *testing.T) {
	env, _ := newEnv(t, false)
	env.Timeout = 50 * time.Millisecond
	env.Retries = 1
	release := make(chan struct{})
	srv, n := script(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := New("test", env, Options{})
	start := time.Now()
	_, err := c.Do(context.Background(), Request{URL: srv.URL})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want a deadline error, got %v", err)
	}
	if n.Load() != 2 {
		t.Fatalf("calls %d, want 2 (one retry)", n.Load())
	}
	if time.Since(start) > 2*time.Second {
		t.Fatal("timeout not applied")
	}
}

func TestCacheBudgetHeadersAndSecrets(t *testing.T) {
	ctx := context.Background()
	env, clk := newEnv(t, true)
	var gotUA, gotAuth, gotQuery string
	srv, n := script(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAuth, gotQuery = r.UserAgent(), r.Header.Get("Authorization"), r.URL.RawQuery
		if strings.HasPrefix(r.URL.Path, "/missing") {
			w.WriteHeader(404)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/boom") {
			w.WriteHeader(502)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	hdr := http.Header{}
	hdr.Set("Authorization", "ApiKey s3cret")
	c := New("src", env, Options{TTL: time.Hour, Budget: 5, Header: hdr, SecretParams: []string{"api_token"}})
	get := func(path string) (*Response, error) {
		return c.Do(ctx, Request{URL: srv.URL + path})
	}
	r1, err := get("/a?q=x&api_token=tok1")
	if err != nil || r1.FromCache {
		t.Fatalf("first: %v %+v", err, r1)
	}
	if gotUA != "resolve/1.2.3 (+ops@example.org)" || gotAuth != "ApiKey s3cret" || !strings.Contains(gotQuery, "api_token=tok1") {
		t.Fatalf("request headers: ua=%q auth=%q q=%q", gotUA, gotAuth, gotQuery)
	}
	// Same request with another token: same cache entry (secrets are not part of the key).
	r2, err := get("/a?q=x&api_token=tok2")
	if err != nil || !r2.FromCache || string(r2.Body) != `{"ok":true}` || !r2.FetchedAt.Equal(clk.Now()) {
		t.Fatalf("second: %v %+v", err, r2)
	}
	// A 404 is cached as a definitive answer.
	if _, err := get("/missing"); !errors.Is(err, verify.ErrNotFound) {
		t.Fatalf("404: %v", err)
	}
	if _, err := get("/missing"); !errors.Is(err, verify.ErrNotFound) {
		t.Fatalf("404 from cache: %v", err)
	}
	// A 5xx is never cached (retried: 4 attempts, budget 5-2=3 left → budget spent on the 4th).
	_, err = get("/boom?api_token=tok1")
	if !errors.Is(err, verify.ErrBudgetSpent) {
		t.Fatalf("want budget spent during retries, got %v", err)
	}
	if strings.Contains(err.Error(), "tok1") {
		t.Fatalf("secret leaked in error: %v", err)
	}
	if n.Load() != 5 {
		t.Fatalf("server calls %d, want 5", n.Load())
	}
	_, err = get("/other")
	if !errors.Is(err, verify.ErrBudgetSpent) {
		t.Fatalf("want budget spent, got %v", err)
	}
	st := c.Stats()
	want := Stats{Calls: 5, CacheHits: 2, Skipped: 2, Failed: 0}
	if st != want {
		t.Fatalf("stats %+v, want %+v", st, want)
	}
	// Expiry: after the TTL the entry is fetched again (budget is spent, so it is skipped).
	clk.now = clk.now.Add(2 * time.Hour)
	if _, err := get("/a?q=x"); !errors.Is(err, verify.ErrBudgetSpent) {
		t.Fatalf("expired entry must not be served: %v", err)
	}
}

func TestSecretNotInErrorOnNetworkFailure(t *testing.T) {
	env, _ := newEnv(t, false)
	env.Retries = 0
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // connection refused
	c := New("src", env, Options{SecretParams: []string{"crtfc_key"}})
	_, err := c.Do(context.Background(), Request{URL: addr + "/api?crtfc_key=SECRET123"})
	if err == nil || strings.Contains(err.Error(), "SECRET123") {
		t.Fatalf("err %v", err)
	}
}

func TestRateLimitWaits(t *testing.T) {
	env, clk := newEnv(t, false)
	srv, _ := script(t, status(200))
	c := New("src", env, Options{Rate: 2})
	for i := 0; i < 3; i++ {
		if _, err := c.Do(context.Background(), Request{URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	if len(clk.waits) != 2 || clk.waits[0] != 500*time.Millisecond || clk.waits[1] != 500*time.Millisecond {
		t.Fatalf("waits %v, want two 500ms waits at 2 req/s", clk.waits)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"": -1, "0": 0, "12": 12 * time.Second, "-3": -1, "soon": -1,
		"Sun, 01 Mar 2026 12:01:00 GMT": time.Minute, "Sun, 01 Mar 2026 11:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
