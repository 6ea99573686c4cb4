package httpx

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/verify"
)

// Issue 14.6: the Authorization header (and every credential header of the
// source) is dropped on a redirect to another origin, another port of the
// same host included; a redirect within the origin keeps it.
func TestRedirectDropsCredentialsOnOriginChange(t *testing.T) {
	var gotAuth, gotKey atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth.Store(r.Header.Get("Authorization"))
		gotKey.Store(r.Header.Get("X-Api-Key"))
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer other.Close()
	var sameAuth atomic.Value
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away": // same host (127.0.0.1), another port
			http.Redirect(w, r, other.URL+"/landed", http.StatusFound)
		case "/within":
			http.Redirect(w, r, "/here", http.StatusFound)
		case "/here":
			sameAuth.Store(r.Header.Get("Authorization"))
			_, _ = w.Write([]byte(`{"ok":true}`))
		}
	}))
	defer srv.Close()
	env, _ := newEnv(t, false)
	hdr := http.Header{}
	hdr.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("k3y-value:")))
	hdr.Set("X-Api-Key", "k3y-value")
	c := New("src", env, Options{Header: hdr})
	if _, err := c.Do(context.Background(), Request{URL: srv.URL + "/away"}); err != nil {
		t.Fatal(err)
	}
	if a, k := gotAuth.Load(), gotKey.Load(); a != "" || k != "" {
		t.Fatalf("credentials forwarded to another origin: Authorization %q, X-Api-Key %q", a, k)
	}
	if _, err := c.Do(context.Background(), Request{URL: srv.URL + "/within"}); err != nil {
		t.Fatal(err)
	}
	if a := sameAuth.Load(); a == "" || a == nil {
		t.Fatal("a redirect within the origin lost the Authorization header")
	}
	if env.Client.CheckRedirect != nil {
		t.Fatal("the caller's client was changed")
	}
}

// Issue 14.4: every form of a configured secret is redacted from what is
// derived from a response: the error snippet, the body handed to the
// adapter, and the cache.
func TestSecretsRedactedFromResponses(t *testing.T) {
	const key = "Sup3rSecretKey"
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":"))
	echo := func(w http.ResponseWriter, r *http.Request) {
		body := `{"echo":"` + r.URL.RawQuery + ` ` + r.Header.Get("Authorization") + ` ` + key + ` ` + basic + `"}`
		if strings.HasPrefix(r.URL.Path, "/err") {
			w.WriteHeader(400)
		}
		_, _ = w.Write([]byte(body))
	}
	srv, _ := script(t, echo)
	env, _ := newEnv(t, true)
	hdr := http.Header{}
	hdr.Set("Authorization", "Basic "+basic)
	c := New("src", env, Options{Header: hdr, Secrets: []string{key}, SecretParams: []string{"api_token"}, TTL: time.Hour})
	_, err := c.Do(context.Background(), Request{URL: srv.URL + "/err?api_token=" + key})
	if err == nil {
		t.Fatal("a 400 succeeded")
	}
	resp, err2 := c.Do(context.Background(), Request{URL: srv.URL + "/ok?api_token=" + key})
	if err2 != nil {
		t.Fatal(err2)
	}
	cached, err3 := c.Do(context.Background(), Request{URL: srv.URL + "/ok?api_token=" + key})
	if err3 != nil || !cached.FromCache {
		t.Fatalf("cache: %v", err3)
	}
	for _, s := range []string{err.Error(), string(resp.Body), string(cached.Body)} {
		for _, form := range []string{key, basic} {
			if strings.Contains(s, form) {
				t.Fatalf("secret form %q in %q", form, s)
			}
		}
		if !strings.Contains(s, "REDACTED") {
			t.Fatalf("nothing redacted in %q", s)
		}
	}
}

// Issue 14.7: a registry that answers every request with 429 and a long
// Retry-After cannot stall the run: the source's retry waits are bounded by
// MaxRunWait, then the circuit opens and later requests fail at once
// without a call.
func TestRateLimitStormIsBounded(t *testing.T) {
	srv, n := script(t, status(429, "Retry-After", "120"))
	env, clk := newEnv(t, false)
	env.MaxRetryWait = 2 * time.Minute
	env.Retries = 10
	env.MaxRunWait = 5 * time.Minute
	env.BreakAfter = 3
	c := New("src", env, Options{})
	start := clk.Now()
	var errs []error
	for range 50 { // 50 clusters
		_, err := c.Do(context.Background(), Request{URL: srv.URL + "/x"})
		errs = append(errs, err)
	}
	if waited := clk.Now().Sub(start); waited > env.MaxRunWait {
		t.Fatalf("waited %v in all, more than the run's allowance %v", waited, env.MaxRunWait)
	}
	if got := n.Load(); got > 10 {
		t.Fatalf("%d requests reached the rate-limiting source", got)
	}
	last := errs[len(errs)-1]
	if !errors.Is(last, verify.ErrCircuitOpen) && !errors.Is(last, verify.ErrTimeBudgetSpent) {
		t.Fatalf("the last request: %v", last)
	}
	st := c.Stats()
	if st.Skipped == 0 || st.Failed == 0 {
		t.Fatalf("stats %+v", st)
	}
}

// A success closes the count of failures in a row: scattered failures do not
// open the circuit.
func TestCircuitCountsFailuresInARow(t *testing.T) {
	var i atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if i.Add(1)%2 == 0 {
			w.WriteHeader(500)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	env, _ := newEnv(t, false)
	env.Retries = 0
	env.BreakAfter = 2
	c := New("src", env, Options{})
	for k := range 20 {
		_, err := c.Do(context.Background(), Request{URL: srv.URL})
		if errors.Is(err, verify.ErrCircuitOpen) {
			t.Fatalf("request %d: circuit opened on scattered failures", k)
		}
	}
}

// Request.Check: an answer the adapter rejects is never cached and counts
// as a failure; a cached answer is checked again when read.
func TestCheckedAnswersAreNotCached(t *testing.T) {
	srv, n := script(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"status":"020"}`))
	}, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"status":"000"}`))
	})
	env, _ := newEnv(t, true)
	c := New("src", env, Options{TTL: time.Hour})
	check := func(_ int, b []byte) error {
		if strings.Contains(string(b), "020") {
			return errors.New("daily limit")
		}
		return nil
	}
	if _, err := c.Do(context.Background(), Request{URL: srv.URL, Check: check}); err == nil {
		t.Fatal("rejected answer accepted")
	}
	if st := c.Stats(); st.Failed != 1 {
		t.Fatalf("stats %+v", st)
	}
	r, err := c.Do(context.Background(), Request{URL: srv.URL, Check: check})
	if err != nil || r.FromCache || n.Load() != 2 {
		t.Fatalf("second: %v %+v, %d calls", err, r, n.Load())
	}
	// The good answer is cached, but a check that now rejects it refetches.
	r, err = c.Do(context.Background(), Request{URL: srv.URL, Check: check})
	if err != nil || !r.FromCache {
		t.Fatalf("third: %v", err)
	}
	_, _ = c.Do(context.Background(), Request{URL: srv.URL, Check: func(int, []byte) error { return errors.New("no") }})
	if n.Load() != 3 {
		t.Fatalf("a cached answer the check rejects was used: %d calls", n.Load())
	}
}
