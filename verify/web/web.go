// Package web checks the web presence of a company: for each candidate site
// (from registry records' website fields and the input's website and e-mail
// columns) it looks up DNS, fetches the home page and a few contact / about
// pages with a polite crawler built on github.com/gocolly/colly/v2, detects
// parked and for-sale domains, and finds where the pages name the company,
// its registry numbers or its address.
//
// Entry points: New(Options) builds a Checker; Checker.Check checks one
// Candidate for one Target and returns a Site; Checker.CheckAll checks many
// at once with results in input order. Candidates, EmailCandidate and
// Checker.Guess build candidates.
//
// # Politeness
//
// robots.txt is fetched per origin and read with github.com/temoto/robotstxt
// following RFC 9309: 2xx is parsed, 4xx allows everything, 5xx or 429 means
// "do not crawl" (Status robots_disallow, Temporary, not cached). When
// robots.txt gets no HTTP answer at all, nothing is crawled and the site is
// reported by the cause: unreachable (connection refused, reset, no route;
// Temporary), tls_error (a certificate that does not verify, or no TLS on
// the https port; an answer, cached) or timeout; never robots_disallow,
// which says a server answered.
//
// Pages robots.txt keeps us from (or a Crawl-delay too long for more than
// the home page) are listed in Site.Pages with Skipped set and named in
// Site.Error ("not read: ..."), so that "the site does not mention the
// company" is not claimed about pages that were not read.
// colly's own robots.txt check is switched off (IgnoreRobotsTxt) because
// colly v2.3.0 reads a 503 robots.txt as "allow" and never checks the host a
// redirect leads to; this package checks every origin, redirects included.
// Crawl-delay is honoured as the minimum interval between requests to the
// host, up to Options.MaxCrawlDelay; beyond that only the home page is
// fetched. Requests to one host are spaced by 1/Options.Rate seconds across
// all sites and clusters of the Checker (colly's LimitRule is one limiter per
// glob, not per host, and sleeps after the request). A 429 or 503 answer is
// retried after its Retry-After (or 1 s, 2 s ... without one) when that wait
// is at most Options.MaxRetryWait. At most Options.MaxPages pages per site,
// Options.MaxBody bytes per page, Options.Timeout per request. The
// User-Agent is "<product> (+<contact>)" and New refuses an empty contact.
// colly is configured explicitly: the collector is built with Init and
// options, never with NewCollector, so COLLY_* environment variables are
// never read.
//
// # Safety
//
// Only http and https; URLs with credentials are refused. Every connection
// goes through a dialer that resolves the host with the injected Resolver
// and refuses it when any of its addresses is loopback, private, link-local
// (169.254.169.254 included), multicast, unspecified or reserved; the address
// actually connected to is checked again in net.Dialer.Control. Redirects
// are re-checked hop by hop, limited to 5, and their origin's robots.txt is
// honoured. No proxy from the environment is used (a proxy would dial for
// us). Options.AllowPrivate lifts the guard for loopback only, for tests
// against httptest servers.
//
// # Mentions
//
// Page text is cut into visible lines (script, style and template content
// dropped; block elements end a line). A name is found when its normalised
// form occurs in a normalised line at word boundaries (anywhere, for Han,
// Hangul, Kana and Thai names, which are written without spaces); a registry
// number when its letters and digits occur as one run of the page's
// letters, digits and separators; an address when at least 75% (and at
// least 3) of the tokens of its building form (verify/address.Building)
// occur within four consecutive lines. Page text is cached, not the
// mentions, so a cached site is matched again for every cluster.
//
// # Worked example
//
//	chk, err := web.New(web.Options{Product: "resolve/1.0.0",
//		Contact: "https://example.org/resolve", MaxPages: 6,
//		MaxBody: 2 << 20, Timeout: 15 * time.Second, Rate: 1, TTL: 720 * time.Hour,
//		Cache: store})
//	site := chk.Check(ctx, web.Candidate{URL: "https://example.com", From: "gleif"},
//		web.Target{Names: []string{"Example Trading Limited", "Example Trading"},
//			Numbers: []string{"16391613"}})
//	// site.Status == web.StatusOK, site.Mentions[0] ==
//	//   {Page: "https://example.com/contact", What: "name", Text: "Example Trading Limited, Rm 1203 ..."}
package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Status is the outcome of checking one site.
type Status string

// The statuses a Site can have.
const (
	StatusOK             Status = "ok"              // the home page answered 2xx
	StatusNoDNS          Status = "no_dns"          // the host does not resolve (NXDOMAIN or no A/AAAA)
	StatusUnreachable    Status = "unreachable"     // DNS answered but no connection (refused, reset, no route), or DNS failed temporarily
	StatusTLSError       Status = "tls_error"       // the host answered https but the TLS handshake failed (certificate does not verify, not TLS)
	StatusHTTPError      Status = "http_error"      // the home page answered 4xx or 5xx (HTTPStatus says which; 404 and 410: no home page)
	StatusParked         Status = "parked"          // parking or for-sale fingerprint in DNS, page or redirect
	StatusBlocked        Status = "blocked"         // the guard refused an address, scheme or URL
	StatusRobotsDisallow Status = "robots_disallow" // robots.txt disallows us, or answered 5xx or 429 (then Temporary)
	StatusTimeout        Status = "timeout"         // the site did not answer in time
	StatusSkipped        Status = "skipped"         // not checked: invalid URL, webmail domain, guessing off
)

// Site is what the check found for one candidate. The fields up to
// CheckedAt map 1:1 onto report.WebSite.
type Site struct {
	URL          string
	From         string // where the candidate came from: "input:website", "input:email", a registry source, "guess"
	Status       Status
	HTTPStatus   int
	FinalURL     string
	TLS          bool // the final page came over https with a verified certificate
	DNS          *DNS
	Parked       bool
	ParkedReason string
	Mentions     []Mention
	PagesFetched int
	Error        string
	CheckedAt    time.Time

	// Redirects is the redirect chain of the home page, first hop first.
	Redirects []string
	// Pages lists every page requested, with its status and size.
	Pages []Page
	// Cached is true when the observation came from the cache.
	Cached bool
	// Temporary is true when the outcome may change on a retry (timeouts,
	// 5xx, 429, network and DNS failures, unreachable robots.txt). Such
	// outcomes are never cached, and a verification that holds one is not
	// stored for reuse.
	Temporary bool
	// FingerprintsVersion is the parking list the site was judged with.
	FingerprintsVersion string
}

// DNS holds the records looked up for a site's host.
type DNS struct {
	A     []string
	AAAA  []string
	NS    []string
	CNAME string
}

// Mention is a place on a site where the company is named.
type Mention struct {
	Page string
	What string // "name", "registry_number", "address"
	Text string // the line of page text, shortened around the match
	Term string // the name, number or address that matched
}

// Page is one page request.
type Page struct {
	URL       string
	Status    int
	Bytes     int
	Truncated bool   // the body reached Options.MaxBody and was cut
	Skipped   string // why the body was not read: "content-type text/css", ...
}

// Candidate is a site to check and where it came from.
type Candidate struct {
	URL  string
	From string
}

// Target is what a site should mention.
type Target struct {
	Names     []string // every name variant of the cluster, any script
	Numbers   []string // registry numbers: company number, BRN, INN, OGRN, USCC, LEI ...
	Addresses []string // registered and trading addresses
	// Match, when set, replaces the built-in name matcher: it returns the
	// names it finds in one line of page text (e.g. the clustering engine's
	// own normalisation and transliteration).
	Match func(text string) []string
}

// Resolver looks up DNS records. *net.Resolver satisfies it.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	LookupCNAME(ctx context.Context, host string) (string, error)
	LookupNS(ctx context.Context, name string) ([]*net.NS, error)
}

// Cache stores observations with a lifetime. The store package provides
// it; source is always "web".
type Cache interface {
	Get(ctx context.Context, source, key string) (body []byte, storedAt time.Time, ok bool, err error)
	Put(ctx context.Context, source, key string, body []byte, ttl time.Duration) error
}

// Options configure a Checker. Zero values take the defaults noted.
type Options struct {
	Product       string        // User-Agent product and version, e.g. "resolve/1.2.0"; default "resolve"
	Contact       string        // web.user_agent_contact: URL or e-mail for site owners; required
	MaxPages      int           // web.max_pages: pages per site, home page included; default 6
	MaxBody       int           // web.max_body: bytes read per page; default 2 MiB
	Timeout       time.Duration // web.timeout: per request; default 15s
	Rate          float64       // web.rate: requests per second per host; default 1
	TTL           time.Duration // web.ttl: cache lifetime; default 720h
	AllowPrivate  bool          // web.allow_private: lets the crawler reach loopback (tests only); other private ranges stay blocked
	GuessDomains  bool          // web.guess_domains: Guess builds candidates from names
	MaxRetries    int           // retries after 429/503; default 2
	MaxRetryWait  time.Duration // longest Retry-After honoured; default 30s
	MaxCrawlDelay time.Duration // longest Crawl-delay honoured for a full crawl; default 30s
	Workers       int           // sites checked at once by CheckAll; default 4

	Resolver  Resolver                                   // default net.DefaultResolver
	TLSConfig *tls.Config                                // default: system roots
	Cache     Cache                                      // nil: no caching
	Normalise func(string) string                        // name normaliser; default NFKC, lower case, punctuation to spaces
	Now       func() time.Time                           // default time.Now
	Sleep     func(context.Context, time.Duration) error // default: a timer that honours ctx
}

// Source is the cache source name used by the Checker.
const Source = "web"

// ErrNoContact is returned by New when Options.Contact is empty.
var ErrNoContact = errors.New("web: no contact for the User-Agent: set web.user_agent_contact to a URL or e-mail where site owners can reach you")

// Checker checks sites. It is safe for concurrent use.
type Checker struct {
	opts      Options
	ua        string
	agent     string // robots.txt product token
	guard     guard
	transport *http.Transport
	client    *http.Client // for robots.txt
	gate      *hostGate
	robots    *robotsCache
	norm      func(string) string
}

// New builds a Checker.
func New(o Options) (*Checker, error) {
	if strings.TrimSpace(o.Contact) == "" {
		return nil, ErrNoContact
	}
	if o.Product == "" {
		o.Product = "resolve"
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 6
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 2 << 20
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.Rate <= 0 {
		o.Rate = 1
	}
	if o.TTL <= 0 {
		o.TTL = 720 * time.Hour
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	} else if o.MaxRetries == 0 {
		o.MaxRetries = 2
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = 30 * time.Second
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = 30 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	c := &Checker{
		opts:  o,
		ua:    fmt.Sprintf("%s (+%s)", o.Product, strings.TrimSpace(o.Contact)),
		agent: strings.SplitN(o.Product, "/", 2)[0],
		guard: guard{allowLoopback: o.AllowPrivate},
		norm:  o.Normalise,
	}
	if c.norm == nil {
		c.norm = normaliseText
	}
	d := dialer{guard: c.guard, resolver: o.Resolver, timeout: o.Timeout}
	c.transport = &http.Transport{
		Proxy:                 nil, // a proxy would dial for us and bypass the guard
		DialContext:           d.DialContext,
		TLSClientConfig:       o.TLSConfig,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConnsPerHost:   1,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c.gate = newHostGate(time.Duration(float64(time.Second)/o.Rate), o.Now, o.Sleep)
	c.client = &http.Client{
		Transport:     gatedTransport{base: c.transport, gate: c.gate, timeout: o.Timeout},
		CheckRedirect: c.robotsRedirect,
	}
	c.robots = newRobotsCache()
	return c, nil
}

// UserAgent returns the User-Agent the Checker sends.
func (c *Checker) UserAgent() string { return c.ua }

// Close releases idle connections.
func (c *Checker) Close() { c.transport.CloseIdleConnections() }

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
