// Package source holds the online registry adapters, one file each:
// gleif.go, companieshouse.go, opensanctions.go, opencorporates.go,
// wikidata.go, opendart.go and hkcr.go. Every adapter implements
// verify.Registry, takes its base URL and credentials from Settings (the
// sources.<name>.* configuration keys) and talks HTTP only through the
// shared transport verify/httpx (User-Agent, cache, budget, rate limit,
// retries, timeouts, size cap). Constructors never open a connection: a
// source contacts its hosts only when Search or Enrich is called.
//
// Each file documents the hosts it contacts and the source's published
// limits. Build an adapter by name with New:
//
//	env := httpx.Env{Client: client, Cache: st.Cache(nil), UserAgent: httpx.UserAgent(version, contact),
//		Timeout: cfg.HTTP.Timeout, MaxBody: cfg.HTTP.MaxBody, Retries: cfg.HTTP.Retries}
//	reg, err := source.New("gleif", source.Settings(cfg.Sources.GLEIF), source.Options{Env: env})
//	if errors.Is(err, verify.ErrNoCredential) { /* report as skipped: no API key */ }
package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// Settings are one source's configuration. The fields are those of
// config.Source, so the lead converts with source.Settings(cfg.Sources.GLEIF).
type Settings struct {
	Enabled bool
	BaseURL string
	APIKey  string
	Rate    float64       // requests per second; 0 = unlimited
	TTL     time.Duration // cache lifetime
	Budget  int           // requests per run; 0 = unlimited
}

// Options are what every adapter shares beyond its settings.
type Options struct {
	Env httpx.Env
	// MaxNames is how many name variants of a cluster are searched; default 3.
	MaxNames int
	// CorpCodes maps names to OpenDART corp codes (the bulk "local" registry
	// over an indexed CORPCODE.xml); required by the opendart adapter.
	CorpCodes CorpCodeFinder
	// GLEIFMaxPages is how many pages of 10 a GLEIF name search reads at
	// most; default 3.
	GLEIFMaxPages int
	// OpenSanctionsDataset is the /match/{dataset} collection; default "default".
	OpenSanctionsDataset string
	// WikidataSPARQL is the SPARQL endpoint; default https://query.wikidata.org/sparql
	// when BaseURL is www.wikidata.org, else BaseURL + "/sparql".
	WikidataSPARQL string
}

// ErrMalformed marks an answer that is not in the source's documented format.
var ErrMalformed = errors.New("malformed response")

// Names lists the configuration names New accepts (all but "local").
func Names() []string {
	return []string{"gleif", "companies_house", "opensanctions", "opencorporates", "wikidata", "opendart", "hk_cr"}
}

// StatsSource is implemented by every adapter: its transport counters for run.sources.
type StatsSource interface {
	Stats() httpx.Stats
}

// New builds the adapter with the given configuration name. It returns an
// error wrapping verify.ErrNoCredential when the source needs a key and has none.
func New(name string, s Settings, o Options) (verify.Registry, error) {
	switch name {
	case "gleif":
		return NewGLEIF(s, o)
	case "companies_house":
		return NewCompaniesHouse(s, o)
	case "opensanctions":
		return NewOpenSanctions(s, o)
	case "opencorporates":
		return NewOpenCorporates(s, o)
	case "wikidata":
		return NewWikidata(s, o)
	case "opendart":
		return NewOpenDART(s, o)
	case "hk_cr":
		return NewHKCR(s, o)
	}
	return nil, fmt.Errorf("source: unknown source %q (one of %s)", name, strings.Join(Names(), ", "))
}

// base is what every adapter embeds.
type base struct {
	name     string
	url      string // base URL without trailing slash
	c        *httpx.Client
	maxNames int
}

func newBase(name string, s Settings, o Options, opt httpx.Options) (base, error) {
	u := strings.TrimRight(strings.TrimSpace(s.BaseURL), "/")
	if u == "" {
		return base{}, fmt.Errorf("%s: sources.%s.base_url is empty", name, name)
	}
	if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return base{}, fmt.Errorf("%s: sources.%s.base_url %q is not an http(s) URL", name, name, u)
	}
	opt.Rate, opt.TTL, opt.Budget = s.Rate, s.TTL, s.Budget
	if s.APIKey != "" {
		opt.Secrets = append(opt.Secrets, s.APIKey)
	}
	mn := o.MaxNames
	if mn <= 0 {
		mn = 3
	}
	return base{name: name, url: u, c: httpx.New(name, o.Env, opt), maxNames: mn}, nil
}

// Name implements verify.Registry.
func (b *base) Name() string { return b.name }

// Stats returns the transport counters.
func (b *base) Stats() httpx.Stats { return b.c.Stats() }

func (b *base) names(q verify.Query) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range q.Names {
		n = strings.Join(strings.Fields(n), " ")
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
		if len(out) == b.maxNames {
			break
		}
	}
	return out
}

// getJSON fetches a search endpoint and decodes the JSON answer into v. A
// 404 there means a wrong base_url, and an answer that is an error (see
// check) is never cached: both are failures.
func (b *base) getJSON(ctx context.Context, u string, v any) (*httpx.Response, error) {
	return b.doJSON(ctx, httpx.Request{URL: u}, v, true)
}

// fetchJSON fetches one entity: a 404 is a definitive "no such record"
// (cached, returned as an error wrapping verify.ErrNotFound).
func (b *base) fetchJSON(ctx context.Context, u string, v any) (*httpx.Response, error) {
	return b.doJSON(ctx, httpx.Request{URL: u}, v, false)
}

func (b *base) doJSON(ctx context.Context, r httpx.Request, v any, search bool) (*httpx.Response, error) {
	r.Check = func(status int, body []byte) error {
		if status == http.StatusNotFound {
			if search {
				return b.searchError(&httpx.StatusError{Source: b.name, Status: status, URL: b.c.Redact(r.URL), Snippet: snippet(body)})
			}
			return nil
		}
		return b.check(body, r.URL, v)
	}
	return b.c.Do(ctx, r)
}

// answerChecker is implemented by answer types that carry an error status
// inside a successful HTTP answer (OpenDART's status, yente's per-query
// status).
type answerChecker interface {
	answerError() error
}

// check decodes body into v (reset first) and rejects answers that are
// errors whatever their HTTP status: malformed JSON, a top-level "error"
// or "errors" member (JSON:API, MediaWiki, Companies House, OpenCorporates
// error documents), or an error status v itself reports.
func (b *base) check(body []byte, u string, v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
	if err := b.decodeBody(body, u, v); err != nil {
		return err
	}
	if err := errorDocument(body); err != nil {
		return fmt.Errorf("%s: %s: %w", b.name, b.c.Redact(u), err)
	}
	if ac, ok := v.(answerChecker); ok {
		if err := ac.answerError(); err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
	}
	return nil
}

// errorDocument returns an error when body is a JSON object with a non-null
// top-level "error" or "errors" member.
func errorDocument(body []byte) error {
	t := bytes.TrimSpace(body)
	if len(t) == 0 || t[0] != '{' {
		return nil
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(t, &top) != nil {
		return nil
	}
	for _, k := range []string{"error", "errors"} {
		if m, ok := top[k]; ok && string(bytes.TrimSpace(m)) != "null" {
			return fmt.Errorf("the answer is an error document: %s", snippet(m))
		}
	}
	return nil
}

func snippet(b []byte) string {
	const n = 200
	if len(b) > n {
		b = b[:n]
	}
	return string(bytes.ToValidUTF8(bytes.TrimSpace(b), nil))
}

func (b *base) decodeBody(body []byte, u string, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s: %s: %w: %v", b.name, b.c.Redact(u), ErrMalformed, err)
	}
	return nil
}

// searchError explains a 404 on a search endpoint: the URL is wrong, the
// company is not "not found".
func (b *base) searchError(err error) error {
	if errors.Is(err, verify.ErrNotFound) {
		return fmt.Errorf("%s: search endpoint answered 404; check sources.%s.base_url: %v", b.name, b.name, err)
	}
	return err
}

func (b *base) endpoint(path string, q url.Values) string {
	u := b.url + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// date10 returns the YYYY-MM-DD prefix of an ISO date or timestamp.
func date10(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

func uniqStrings(ss []string, except string) []string {
	seen := map[string]bool{except: true}
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
