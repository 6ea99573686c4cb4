// Package httpx is the one HTTP transport every registry adapter uses. It is
// written once, as layers around an injected *http.Client:
//
//   - a versioned User-Agent ("resolve/<version> (+<contact>)") on every request;
//   - a response cache in the embedded store, per source, with the source's
//     TTL: only 2xx answers and definitive 404 "not found" answers are cached,
//     never 429, 5xx or network errors, and never an answer the adapter's
//     Request.Check rejects (an error inside a 200 body, a malformed body, a
//     404 from a search endpoint); a cached answer is checked again when read;
//   - a per-run call budget per source: once spent, Do returns
//     verify.ErrBudgetSpent without a request and counts a skip;
//   - a per-source token-bucket rate limit (golang.org/x/time/rate);
//   - retry with exponential backoff and jitter on 429, 5xx and network
//     errors, honouring Retry-After (seconds or HTTP date, capped); no retry
//     on any other 4xx;
//   - a timeout per attempt and a response-size cap (a larger body is
//     ErrBodyTooLarge, never a silent truncation);
//   - a circuit breaker per source: after Env.BreakAfter requests in a row
//     that failed (after their retries), the source is not asked again in
//     this run (verify.ErrCircuitOpen); and a per-run allowance of time spent
//     waiting to retry (Env.MaxRunWait): a 429 storm cannot stall a run;
//   - counters per source (calls, cache hits, skipped, failed) for the
//     report's run.sources.
//
// Secrets passed in query parameters (Options.SecretParams) are removed from
// cache keys and from error messages. Every configured secret
// (Options.Secrets and the values of Options.Header, in raw, Basic-auth,
// URL- and JSON-escaped forms) is replaced by REDACTED in every response
// body as it is read, so nothing derived from a response (error snippets,
// records, the cache) can carry it. On a redirect to another origin
// (scheme, host or port) the Authorization header and Options.Header are
// dropped.
//
// Example:
//
//	c := httpx.New("gleif", httpx.Env{Client: http.DefaultClient, Cache: st.Cache(nil),
//		UserAgent: httpx.UserAgent("1.2.0", "ops@example.org"), Retries: 4},
//		httpx.Options{Rate: 1, TTL: 720 * time.Hour})
//	resp, err := c.Do(ctx, httpx.Request{URL: "https://api.gleif.org/api/v1/lei-records/..."})
//	switch {
//	case errors.Is(err, verify.ErrNotFound): // a definitive 404
//	case err != nil: // failed, rate limited, budget spent ...
//	}
package httpx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
)

// ErrBodyTooLarge is returned when a response body exceeds Env.MaxBody.
var ErrBodyTooLarge = errors.New("response body exceeds the size cap")

// Cache is the part of the store's response cache the transport uses;
// *store.Cache implements it.
type Cache interface {
	GetEntry(ctx context.Context, source, key string) (store.Entry, bool, error)
	PutEntry(ctx context.Context, source, key string, status int, body []byte, ttl time.Duration) error
}

// Env is what every source shares: the client, the cache, the clock and the
// transport-wide limits (config keys http.*).
type Env struct {
	Client       *http.Client  // nil: a client with no overall timeout (the per-attempt Timeout applies)
	Cache        Cache         // nil: no caching
	UserAgent    string        // from UserAgent(version, contact)
	Timeout      time.Duration // per attempt, including reading the body; default 30s
	MaxBody      int64         // bytes; default 10 MiB
	Retries      int           // retries after the first attempt (http.retries)
	BaseBackoff  time.Duration // first backoff; default 500ms, doubled per retry
	MaxRetryWait time.Duration // cap on one wait, including Retry-After; default 2m
	Now          func() time.Time
	// Sleep waits d or until ctx is done; tests inject one that records waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0,1); nil uses math/rand/v2.
	Jitter func() float64
	// BreakAfter is how many requests in a row may fail (after retries)
	// before the source is paused for the rest of the run; default 5.
	BreakAfter int
	// MaxRunWait caps the time one source may spend waiting to retry
	// (backoff and Retry-After) over the whole run; default 10m.
	MaxRunWait time.Duration
}

// Options are one source's settings (config keys sources.<name>.*).
type Options struct {
	Rate         float64       // requests per second; 0 = unlimited
	Burst        int           // token-bucket burst; default 1
	TTL          time.Duration // cache lifetime; 0 = do not cache
	Budget       int           // requests per run; 0 = unlimited
	Header       http.Header   // added to every request (authentication)
	SecretParams []string      // query parameters holding secrets (api_token, crtfc_key)
	Secrets      []string      // secret values (API keys) to redact from every response body
}

// Stats are one source's counters for the report's run.sources.
type Stats struct {
	Calls     int `json:"calls"`      // requests that went out (each retry counts)
	CacheHits int `json:"cache_hits"` // answers taken from the store
	Skipped   int `json:"skipped"`    // requests not made because the budget was spent
	Failed    int `json:"failed"`     // requests that ended in an error (404 is not a failure)
}

// Client is one source's transport. It is safe for concurrent use.
type Client struct {
	source string
	env    Env
	opt    Options
	lim    *rate.Limiter

	mu         sync.Mutex // guards budget, waited, failsInRow
	budget     int        // remaining; <0 = unlimited
	waited     time.Duration
	failsInRow int

	redactions [][]byte // secret forms, longest first

	calls, hits, skipped, failed atomic.Int64
}

// UserAgent builds the versioned User-Agent. contact is a URL or e-mail
// address; without one the project's URL is used.
func UserAgent(version, contact string) string {
	if version == "" {
		version = "dev"
	}
	if contact == "" {
		contact = "https://github.com/resolve-tool/resolve"
	}
	return "resolve/" + version + " (+" + contact + ")"
}

// New builds the transport of one source. It opens no connection.
func New(source string, env Env, opt Options) *Client {
	if env.Client == nil {
		env.Client = &http.Client{}
	}
	if env.Timeout <= 0 {
		env.Timeout = 30 * time.Second
	}
	if env.MaxBody <= 0 {
		env.MaxBody = 10 << 20
	}
	if env.Retries < 0 {
		env.Retries = 0
	}
	if env.BaseBackoff <= 0 {
		env.BaseBackoff = 500 * time.Millisecond
	}
	if env.MaxRetryWait <= 0 {
		env.MaxRetryWait = 2 * time.Minute
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Sleep == nil {
		env.Sleep = sleepCtx
	}
	if env.Jitter == nil {
		env.Jitter = rand.Float64
	}
	if env.UserAgent == "" {
		env.UserAgent = UserAgent("", "")
	}
	lim := rate.NewLimiter(rate.Inf, 1)
	if opt.Rate > 0 {
		b := opt.Burst
		if b < 1 {
			b = 1
		}
		lim = rate.NewLimiter(rate.Limit(opt.Rate), b)
	}
	if env.BreakAfter <= 0 {
		env.BreakAfter = 5
	}
	if env.MaxRunWait <= 0 {
		env.MaxRunWait = 10 * time.Minute
	}
	budget := -1
	if opt.Budget > 0 {
		budget = opt.Budget
	}
	c := &Client{source: source, env: env, opt: opt, lim: lim, budget: budget, redactions: secretForms(opt)}
	cl := *env.Client // a copy: the caller's client is not changed
	cl.CheckRedirect = c.checkRedirect(env.Client.CheckRedirect)
	c.env.Client = &cl
	return c
}

// checkRedirect wraps the client's redirect policy: on a change of origin
// (scheme, host or port) the credentials are not sent on.
func (c *Client) checkRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if next != nil {
			if err := next(req, via); err != nil {
				return err
			}
		} else if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if len(via) > 0 && origin(req.URL) != origin(via[0].URL) {
			req.Header.Del("Authorization")
			req.Header.Del("Cookie")
			req.Header.Del("Proxy-Authorization")
			for k := range c.opt.Header {
				if !notSecretHeader(k) {
					req.Header.Del(k)
				}
			}
		}
		return nil
	}
}

// origin is scheme://host:port with the default port filled in.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// secretForms lists the byte strings a configured secret can appear as in
// an echoed request: raw, Basic-auth (base64 of "key:", "key" and ":key"),
// URL-escaped and JSON-escaped, and the credential of every header value.
func secretForms(opt Options) [][]byte {
	var raw []string
	raw = append(raw, opt.Secrets...)
	for k, vs := range opt.Header {
		if notSecretHeader(k) {
			continue
		}
		for _, v := range vs {
			raw = append(raw, v)
			if _, cred, ok := strings.Cut(v, " "); ok {
				raw = append(raw, cred)
				if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
					raw = append(raw, string(dec), strings.TrimSuffix(string(dec), ":"))
				}
			}
		}
	}
	seen := map[string]bool{}
	var out [][]byte
	add := func(s string) {
		if len(s) < 6 || seen[s] { // too short to be a key; replacing it would mangle bodies
			return
		}
		seen[s] = true
		out = append(out, []byte(s))
	}
	for _, s := range raw {
		add(s)
		add(base64.StdEncoding.EncodeToString([]byte(s + ":")))
		add(base64.StdEncoding.EncodeToString([]byte(s)))
		add(base64.StdEncoding.EncodeToString([]byte(":" + s)))
		add(base64.RawStdEncoding.EncodeToString([]byte(s)))
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
		if j, err := json.Marshal(s); err == nil {
			add(string(j[1 : len(j)-1]))
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func notSecretHeader(k string) bool {
	switch http.CanonicalHeaderKey(k) {
	case "Content-Type", "Accept", "Accept-Language", "User-Agent":
		return true
	}
	return false
}

// redactBody replaces every form of a configured secret by REDACTED.
func (c *Client) redactBody(b []byte) []byte {
	for _, f := range c.redactions {
		if bytes.Contains(b, f) {
			b = bytes.ReplaceAll(b, f, []byte("REDACTED"))
		}
	}
	return b
}

// RedactString applies the body redaction to s (for messages an adapter
// builds from something other than a response body).
func (c *Client) RedactString(s string) string { return string(c.redactBody([]byte(s))) }

// Source is the configuration name the client counts for.
func (c *Client) Source() string { return c.source }

// Stats returns the counters so far.
func (c *Client) Stats() Stats {
	return Stats{Calls: int(c.calls.Load()), CacheHits: int(c.hits.Load()),
		Skipped: int(c.skipped.Load()), Failed: int(c.failed.Load())}
}

// Request is one call.
type Request struct {
	Method   string // default GET
	URL      string
	Header   http.Header
	Body     []byte
	CacheKey string // default: method, URL without secret parameters, and a hash of the body
	NoCache  bool   // neither read nor write the cache
	// Check, when set, validates a 2xx or 404 answer, fresh or cached,
	// before it is accepted. A non-nil error means the answer is an error
	// of the source whatever its HTTP status (an error status inside a 200
	// body, a malformed body, a 404 from a search endpoint): it is never
	// cached, a cached copy is not used, the request counts as failed and Do
	// returns the error.
	Check func(status int, body []byte) error
}

// Response is a 2xx or 404 answer, fresh or from the cache.
type Response struct {
	Status    int
	Header    http.Header // nil when from the cache
	Body      []byte
	FetchedAt time.Time // when the answer was fetched from the source
	FromCache bool
}

// StatusError is an HTTP answer the transport does not accept as success.
// It unwraps to verify.ErrNotFound for 404, verify.ErrRateLimited for 429
// and verify.ErrKeyRefused for 401 and 403.
type StatusError struct {
	Source  string
	Status  int
	URL     string // secrets removed
	Snippet string // start of the body
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d from %s", e.Source, e.Status, e.URL)
	if e.Snippet != "" {
		s += ": " + e.Snippet
	}
	return s
}

// Unwrap maps statuses onto the verify sentinels.
func (e *StatusError) Unwrap() error {
	switch e.Status {
	case http.StatusNotFound:
		return verify.ErrNotFound
	case http.StatusTooManyRequests:
		return verify.ErrRateLimited
	case http.StatusUnauthorized, http.StatusForbidden:
		return verify.ErrKeyRefused
	}
	return nil
}

// Redact returns rawURL with the source's secret query parameters replaced.
func (c *Client) Redact(rawURL string) string { return redact(rawURL, c.opt.SecretParams, "REDACTED") }

func redact(rawURL string, secrets []string, with string) string {
	if len(secrets) == 0 {
		return rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	q := u.Query()
	changed := false
	for _, p := range secrets {
		if q.Has(p) {
			if with == "" {
				q.Del(p)
			} else {
				q.Set(p, with)
			}
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func (c *Client) cacheKey(r Request) string {
	if r.CacheKey != "" {
		return r.CacheKey
	}
	k := r.Method + " " + redact(r.URL, c.opt.SecretParams, "")
	if len(r.Body) > 0 {
		sum := sha256.Sum256(r.Body)
		k += " body:" + hex.EncodeToString(sum[:12])
	}
	return k
}

// Do performs the request through cache, budget, rate limit and retries.
// A 404 answer is returned with an error wrapping verify.ErrNotFound.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	if r.Method == "" {
		r.Method = http.MethodGet
	}
	key := c.cacheKey(r)
	useCache := c.env.Cache != nil && c.opt.TTL > 0 && !r.NoCache
	if useCache {
		e, ok, err := c.env.Cache.GetEntry(ctx, c.source, key)
		if err != nil {
			return nil, fmt.Errorf("%s: cache: %w", c.source, err)
		}
		if ok && (r.Check == nil || r.Check(e.Status, c.redactBody(e.Body)) == nil) {
			c.hits.Add(1)
			resp := &Response{Status: e.Status, Body: c.redactBody(e.Body), FetchedAt: e.FetchedAt, FromCache: true}
			if e.Status == http.StatusNotFound {
				return resp, &StatusError{Source: c.source, Status: e.Status, URL: c.Redact(r.URL)}
			}
			return resp, nil
		}
	}
	if err := c.circuit(); err != nil {
		c.skipped.Add(1)
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if !c.takeBudget() {
			c.skipped.Add(1)
			return nil, fmt.Errorf("%s: %w", c.source, verify.ErrBudgetSpent)
		}
		if err := c.wait(ctx); err != nil {
			c.failed.Add(1)
			return nil, fmt.Errorf("%s: %w", c.source, err)
		}
		c.calls.Add(1)
		resp, retryAfter, err := c.once(ctx, r)
		if err == nil && r.Check != nil {
			if cerr := r.Check(resp.Status, resp.Body); cerr != nil {
				c.fail(ctx)
				return resp, cerr
			}
		}
		if err == nil {
			if useCache {
				if perr := c.env.Cache.PutEntry(ctx, c.source, key, resp.Status, resp.Body, c.opt.TTL); perr != nil {
					c.failed.Add(1)
					return nil, fmt.Errorf("%s: cache: %w", c.source, perr)
				}
			}
			c.succeed()
			if resp.Status == http.StatusNotFound {
				return resp, &StatusError{Source: c.source, Status: resp.Status, URL: c.Redact(r.URL)}
			}
			return resp, nil
		}
		if ctx.Err() != nil || !retryable(err) || attempt >= c.env.Retries {
			c.fail(ctx)
			return nil, err
		}
		d := c.backoff(attempt)
		if retryAfter >= 0 {
			d = retryAfter
		}
		if d > c.env.MaxRetryWait {
			d = c.env.MaxRetryWait
		}
		if !c.takeWait(d) {
			c.fail(ctx)
			return nil, fmt.Errorf("%s: %w after %v: %w", c.source, verify.ErrTimeBudgetSpent, c.env.MaxRunWait, err)
		}
		if serr := c.env.Sleep(ctx, d); serr != nil {
			c.failed.Add(1)
			return nil, fmt.Errorf("%s: waiting to retry after %v: %w", c.source, err, serr)
		}
	}
}

// circuit returns verify.ErrCircuitOpen once BreakAfter requests in a row
// have failed.
func (c *Client) circuit() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failsInRow >= c.env.BreakAfter {
		return fmt.Errorf("%s: %w (%d requests in a row failed)", c.source, verify.ErrCircuitOpen, c.failsInRow)
	}
	if c.waited >= c.env.MaxRunWait {
		return fmt.Errorf("%s: %w (%v)", c.source, verify.ErrTimeBudgetSpent, c.env.MaxRunWait)
	}
	return nil
}

// fail counts a failed request (not one cut short by the caller's context).
func (c *Client) fail(ctx context.Context) {
	c.failed.Add(1)
	if ctx.Err() != nil {
		return
	}
	c.mu.Lock()
	c.failsInRow++
	c.mu.Unlock()
}

func (c *Client) succeed() {
	c.mu.Lock()
	c.failsInRow = 0
	c.mu.Unlock()
}

// takeWait books d of the run's retry-wait allowance; false when it would
// exceed Env.MaxRunWait.
func (c *Client) takeWait(d time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.waited+d > c.env.MaxRunWait {
		c.waited = c.env.MaxRunWait // spent: later requests fail at once
		return false
	}
	c.waited += d
	return true
}

func (c *Client) takeBudget() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.budget < 0 {
		return true
	}
	if c.budget == 0 {
		return false
	}
	c.budget--
	return true
}

func (c *Client) wait(ctx context.Context) error {
	now := c.env.Now()
	res := c.lim.ReserveN(now, 1)
	if !res.OK() {
		return errors.New("rate limiter cannot grant a request")
	}
	d := res.DelayFrom(now)
	if d <= 0 {
		return nil
	}
	if err := c.env.Sleep(ctx, d); err != nil {
		res.CancelAt(c.env.Now())
		return err
	}
	return nil
}

// backoff is exponential with equal jitter: half the step fixed, half random.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.env.BaseBackoff << min(attempt, 16)
	if d > c.env.MaxRetryWait || d <= 0 {
		d = c.env.MaxRetryWait
	}
	half := d / 2
	return half + time.Duration(c.env.Jitter()*float64(half))
}

// netError marks transport failures worth retrying.
type netError struct{ err error }

func (e *netError) Error() string { return e.err.Error() }
func (e *netError) Unwrap() error { return e.err }

func retryable(err error) bool {
	var ne *netError
	if errors.As(err, &ne) {
		return true
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusTooManyRequests || se.Status >= 500
	}
	return false
}

// once makes one attempt. retryAfter is -1 unless the answer carried a
// usable Retry-After.
func (c *Client) once(ctx context.Context, r Request) (*Response, time.Duration, error) {
	actx, cancel := context.WithTimeout(ctx, c.env.Timeout)
	defer cancel()
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	red := c.Redact(r.URL)
	req, err := http.NewRequestWithContext(actx, r.Method, r.URL, body)
	if err != nil {
		return nil, -1, fmt.Errorf("%s: build request %s: %w", c.source, red, unwrapURLError(err))
	}
	for k, vs := range c.opt.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for k, vs := range r.Header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", c.env.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	hr, err := c.env.Client.Do(req)
	if err != nil {
		return nil, -1, &netError{fmt.Errorf("%s: %s %s: %w", c.source, r.Method, red, unwrapURLError(err))}
	}
	defer hr.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hr.Body, c.env.MaxBody+1))
	if err != nil {
		return nil, -1, &netError{fmt.Errorf("%s: read %s: %w", c.source, red, err)}
	}
	if int64(len(data)) > c.env.MaxBody {
		return nil, -1, fmt.Errorf("%s: %s: %w (%d bytes)", c.source, red, ErrBodyTooLarge, c.env.MaxBody)
	}
	data = c.redactBody(data)
	fetched := c.env.Now().UTC()
	switch {
	case hr.StatusCode >= 200 && hr.StatusCode < 300, hr.StatusCode == http.StatusNotFound:
		return &Response{Status: hr.StatusCode, Header: hr.Header, Body: data, FetchedAt: fetched}, -1, nil
	}
	ra := time.Duration(-1)
	if hr.StatusCode == http.StatusTooManyRequests || hr.StatusCode == http.StatusServiceUnavailable {
		ra = parseRetryAfter(hr.Header.Get("Retry-After"), c.env.Now())
	}
	return nil, ra, &StatusError{Source: c.source, Status: hr.StatusCode, URL: red, Snippet: snippet(data)}
}

// parseRetryAfter reads delta-seconds or an HTTP date; -1 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return -1
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return -1
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d
	}
	return -1
}

func snippet(b []byte) string {
	const n = 200
	if len(b) > n {
		b = b[:n]
	}
	return string(bytes.ToValidUTF8(bytes.TrimSpace(b), nil))
}

// unwrapURLError drops *url.Error's copy of the URL, which may hold a secret.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
