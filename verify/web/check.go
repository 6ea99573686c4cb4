package web

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"golang.org/x/net/publicsuffix"
)

// pageResult is what one fetch of one page returned.
type pageResult struct {
	url       string
	status    int
	header    http.Header
	finalURL  string
	bytes     int
	truncated bool
	skipped   string
	lines     []string
	links     []link
	hosts     []string // hosts of links, scripts, frames and forms
	redirects []string
	err       error
}

// crawlState is the per-site state colly's callbacks write into. Colly
// runs synchronously here (Async off), one page at a time.
type crawlState struct {
	cur *pageResult
}

// observation is what is cached for a site: the Site without mentions and
// the text of its pages.
type observation struct {
	Site  Site       `json:"site"`
	Texts []pageText `json:"texts"`
}

type pageText struct {
	URL   string   `json:"url"`
	Lines []string `json:"lines"`
}

// cacheVersion changes whenever the cached observation changes meaning.
const cacheVersion = "web-obs/2" // 2: no-answer robots.txt is unreachable or tls_error, unread pages

// Check checks one candidate site for one target. It never returns an
// error: failures are in Site.Status and Site.Error.
func (c *Checker) Check(ctx context.Context, cand Candidate, t Target) Site {
	site := Site{URL: cand.URL, From: cand.From, CheckedAt: c.opts.Now(), FingerprintsVersion: FingerprintsVersion}
	tries, err := c.candidateURLs(cand.URL)
	if err != nil {
		site.Status = StatusSkipped
		if errors.Is(err, ErrBlocked) {
			site.Status = StatusBlocked
		}
		site.Error = err.Error()
		return site
	}
	key := cacheVersion + "|" + FingerprintsVersion + "|" + canonicalKey(cand.URL) + "|loopback=" + strconv.FormatBool(c.opts.AllowPrivate)
	var obs observation
	if c.opts.Cache != nil {
		body, at, ok, err := c.opts.Cache.Get(ctx, Source, key)
		switch {
		case err != nil:
			site.Error = fmt.Sprintf("cache: %v", err)
		case ok && json.Unmarshal(body, &obs) == nil:
			s := obs.Site
			s.URL, s.From, s.Cached, s.CheckedAt = cand.URL, cand.From, true, at
			s.Mentions = c.mentions(t, obs.Texts)
			return s
		}
	}
	obs = c.observe(ctx, tries, site)
	site = obs.Site
	if c.opts.Cache != nil && !site.Temporary && ctx.Err() == nil {
		body, err := json.Marshal(obs)
		if err == nil {
			err = c.opts.Cache.Put(ctx, Source, key, body, c.opts.TTL)
		}
		if err != nil {
			site.Error = strings.TrimPrefix(site.Error+"; cache: "+err.Error(), "; ")
		}
	}
	site.Mentions = c.mentions(t, obs.Texts)
	return site
}

// CheckAll checks candidates (duplicates by URL checked once, their origins
// joined with ",") with up to Options.Workers at once. Results are in the
// order of first appearance.
func (c *Checker) CheckAll(ctx context.Context, cands []Candidate, t Target) []Site {
	var uniq []Candidate
	idx := map[string]int{}
	for _, cd := range cands {
		k := canonicalKey(cd.URL)
		if i, ok := idx[k]; ok {
			if !strings.Contains(","+uniq[i].From+",", ","+cd.From+",") {
				uniq[i].From += "," + cd.From
			}
			continue
		}
		idx[k] = len(uniq)
		uniq = append(uniq, cd)
	}
	out := make([]Site, len(uniq))
	sem := make(chan struct{}, c.opts.Workers)
	var wg sync.WaitGroup
	for i, cd := range uniq {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				out[i] = Site{URL: cd.URL, From: cd.From, Status: StatusSkipped, Error: ctx.Err().Error(), CheckedAt: c.opts.Now(), Temporary: true}
				return
			}
			defer func() { <-sem }()
			out[i] = c.Check(ctx, cd, t)
		}()
	}
	wg.Wait()
	return out
}

func (c *Checker) mentions(t Target, texts []pageText) []Mention {
	m := c.newMatcher(t)
	if m.empty() {
		return nil
	}
	var out []Mention
	for _, p := range texts {
		out = append(out, m.page(p.URL, p.Lines)...)
		if len(out) >= maxMentions {
			return out[:maxMentions]
		}
	}
	return out
}

// canonicalKey is the cache and de-duplication key of a candidate URL.
func canonicalKey(raw string) string {
	s := strings.ToLower(strings.TrimSpace(raw))
	s = strings.TrimSuffix(s, "/")
	return s
}

// candidateURLs turns a candidate into the URLs to try: an explicit scheme
// is kept, a bare host is tried over https, then http.
func (c *Checker) candidateURLs(raw string) ([]*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, errors.New("web: empty URL")
	}
	bare := !strings.Contains(s, "://")
	if bare {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("web: parse %q: %w", raw, err)
	}
	if err := c.guard.checkURL(u); err != nil {
		return nil, err
	}
	u.Fragment = ""
	if u.Path == "" {
		u.Path = "/"
	}
	if !bare {
		return []*url.URL{u}, nil
	}
	h := *u
	h.Scheme = "http"
	return []*url.URL{u, &h}, nil
}

// observe looks up DNS and crawls the site.
func (c *Checker) observe(ctx context.Context, tries []*url.URL, site Site) observation {
	obs := observation{}
	host := tries[0].Hostname()
	dns, status, err := c.lookup(ctx, host)
	site.DNS = dns
	if status != "" {
		site.Status = status
		site.Error = err.Error()
		site.Temporary = status != StatusNoDNS && status != StatusBlocked
		obs.Site = site
		return obs
	}
	if reason := parkedByDNS(dns.NS, dns.CNAME); reason != "" {
		site.Parked, site.ParkedReason = true, reason
	}

	var notes []string
	var root *pageResult
	var rootURL *url.URL
	tlsFailed := false // an earlier scheme (https of a bare host) failed its TLS handshake
	for i, u := range tries {
		r, stop := c.crawlRoot(ctx, u, &site, i == len(tries)-1)
		if stop {
			if tlsFailed && site.Status == StatusUnreachable {
				// https answered with a broken handshake, http not at all.
				site.Status = StatusTLSError
			}
			site.Error = strings.Join(append(notes, site.Error), "; ")
			obs.Site = site
			return obs
		}
		if r.status != 0 || i == len(tries)-1 || errors.Is(r.err, ErrBlocked) {
			root, rootURL = r, u
			break
		}
		tlsFailed = tlsFailed || tlsFailure(r.err)
		notes = append(notes, u.Scheme+": "+r.err.Error())
	}
	site.Redirects = root.redirects
	site.Pages = append(site.Pages, pageOf(root))
	if root.err != nil && root.status == 0 {
		site.Status, site.Temporary = classify(ctx, root.err)
		if tlsFailed && site.Status == StatusUnreachable {
			site.Status = StatusTLSError
		}
		site.Error = strings.Join(append(notes, root.err.Error()), "; ")
		if site.Parked {
			site.Status = StatusParked
		}
		obs.Site = site
		return obs
	}
	if len(notes) > 0 {
		site.Error = strings.Join(notes, "; ")
	}
	site.HTTPStatus = root.status
	site.FinalURL = root.finalURL
	if fu, err := url.Parse(root.finalURL); err == nil {
		site.TLS = fu.Scheme == "https"
		if !site.Parked && !sameSite(fu, rootURL) {
			if reason := parkedByHost(fu.Host, "redirect to"); reason != "" {
				site.Parked, site.ParkedReason = true, reason
			}
		}
	}
	if !site.Parked {
		for _, h := range root.hosts {
			if reason := parkedByHost(h, "link to"); reason != "" {
				site.Parked, site.ParkedReason = true, reason
				break
			}
		}
	}
	if !site.Parked {
		if reason := parkedByText(normaliseText(strings.Join(root.lines, " "))); reason != "" {
			site.Parked, site.ParkedReason = true, reason
		}
	}
	if len(root.lines) > 0 {
		obs.Texts = append(obs.Texts, pageText{URL: root.finalURL, Lines: root.lines})
	}

	ok := root.status >= 200 && root.status < 300
	switch {
	case site.Parked:
		site.Status = StatusParked
	case ok:
		site.Status = StatusOK
	default:
		site.Status = StatusHTTPError
		site.Temporary = root.status >= 500 || root.status == http.StatusTooManyRequests
		if site.Error == "" {
			site.Error = fmt.Sprintf("home page answered %d %s", root.status, http.StatusText(root.status))
		}
	}

	// Contact and about pages, when the home page is a live site.
	if ok && !site.Parked && c.opts.MaxPages > 1 && ctx.Err() == nil {
		base, _ := url.Parse(root.finalURL)
		if base == nil {
			base = rootURL
		}
		if c.gate.Interval(base.Host) >= c.opts.MaxCrawlDelay {
			site.Pages = append(site.Pages, Page{URL: base.String(), Skipped: "Crawl-delay above the limit: home page only"})
		} else {
			seen := map[string]bool{rootURL.String(): true, root.finalURL: true}
			for _, href := range selectLinks(root.links, base, seen, c.opts.MaxPages-1) {
				if ctx.Err() != nil {
					break
				}
				pu, _ := url.Parse(href)
				if rule := c.rule(ctx, pu); !rule.allows(robotsPath(pu), c.agent) {
					site.Pages = append(site.Pages, Page{URL: href, Skipped: "robots.txt"})
					continue
				}
				col := c.collector(ctx, &crawlState{})
				r := c.fetch(ctx, col, href)
				pg := pageOf(r)
				if r.status == 0 && r.err != nil && pg.Skipped == "" {
					pg.Skipped = "not answered: " + r.err.Error()
				}
				site.Pages = append(site.Pages, pg)
				if len(r.lines) > 0 {
					obs.Texts = append(obs.Texts, pageText{URL: r.finalURL, Lines: r.lines})
				}
			}
		}
	}
	for _, p := range site.Pages {
		if p.Status != 0 {
			site.PagesFetched++
		}
	}
	if un := site.Unread(); len(un) > 0 {
		var parts []string
		for _, p := range un {
			why := p.Skipped
			if why == "" {
				why = fmt.Sprintf("answered %d", p.Status)
			}
			parts = append(parts, p.URL+" ("+why+")")
			// A page that failed for a while is asked again next time:
			// the observation is not cached as complete.
			if p.Status >= 500 || p.Status == http.StatusTooManyRequests || strings.HasPrefix(p.Skipped, "not answered") {
				site.Temporary = true
			}
		}
		site.Error = strings.TrimPrefix(site.Error+"; not read: "+strings.Join(parts, ", "), "; ")
	}
	obs.Site = site
	return obs
}

// Unread returns the pages of the site that were meant to be read and
// could not be: robots.txt disallows them, the Crawl-delay allowed only the
// home page, or they did not answer, or answered 5xx or 429. A site with
// unread pages may name the company on one of them.
func (s Site) Unread() []Page {
	var out []Page
	for _, p := range s.Pages {
		switch {
		case p.Skipped == "robots.txt", strings.HasPrefix(p.Skipped, "Crawl-delay"), strings.HasPrefix(p.Skipped, "not answered"):
		case p.Status >= 500, p.Status == http.StatusTooManyRequests:
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}

// crawlRoot checks robots.txt for u and fetches it. stop is true when the
// outcome is final for the site (robots.txt forbids or is unreachable).
func (c *Checker) crawlRoot(ctx context.Context, u *url.URL, site *Site, last bool) (*pageResult, bool) {
	rule := c.rule(ctx, u)
	if rule.cause != nil && errors.Is(rule.cause, ErrBlocked) {
		site.Status, site.Error = StatusBlocked, rule.err
		return nil, true
	}
	if rule.cause != nil && !last && ctx.Err() == nil {
		// No answer at all (refused, TLS failure): the next scheme may work.
		return &pageResult{err: fmt.Errorf("web: robots.txt: %w", rule.cause)}, false
	}
	if rule.unreachable && rule.cause != nil {
		// No HTTP answer at all: the host is unreachable, its TLS failed or
		// it timed out. That is not a robots.txt refusal.
		site.Status, site.Temporary = classify(ctx, rule.cause)
		site.Error = rule.err
		return nil, true
	}
	if rule.unreachable {
		site.Status, site.Temporary = StatusRobotsDisallow, true
		site.Error = rule.err
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			site.Status = StatusTimeout
		}
		return nil, true
	}
	if !rule.allows(robotsPath(u), c.agent) {
		site.Status = StatusRobotsDisallow
		site.Error = "robots.txt disallows " + robotsPath(u) + " for " + c.agent
		return nil, true
	}
	col := c.collector(ctx, &crawlState{})
	return c.fetch(ctx, col, u.String()), false
}

func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// fetch visits u, retrying after 429 and 503 as Retry-After says.
func (c *Checker) fetch(ctx context.Context, col *colly.Collector, u string) *pageResult {
	st := col.Context.Value(stateKey{}).(*crawlState)
	for attempt := 0; ; attempt++ {
		st.cur = &pageResult{url: u, finalURL: u}
		err := col.Visit(u)
		r := st.cur
		if err != nil && !errors.Is(err, colly.ErrAbortedAfterHeaders) {
			r.err = fmt.Errorf("web: get %s: %w", u, err)
		}
		if (r.status == http.StatusTooManyRequests || r.status == http.StatusServiceUnavailable) && attempt < c.opts.MaxRetries && ctx.Err() == nil {
			wait, ok := retryAfter(r.header, c.opts.Now())
			if !ok {
				wait = time.Second << attempt
			}
			if wait <= c.opts.MaxRetryWait {
				if fu, err := url.Parse(r.finalURL); err == nil {
					c.gate.Defer(fu.Host, c.opts.Now().Add(wait))
				}
				continue
			}
		}
		return r
	}
}

// retryAfter reads a Retry-After header (seconds or an HTTP date).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

type stateKey struct{}

// collector builds a colly collector for one site. It is built with Init
// and options rather than colly.NewCollector, which would read COLLY_*
// environment variables after the options and could, for instance, replace
// the User-Agent or the body cap.
func (c *Checker) collector(ctx context.Context, st *crawlState) *colly.Collector {
	col := &colly.Collector{}
	col.Init()
	for _, opt := range []colly.CollectorOption{
		colly.UserAgent(c.ua),
		colly.MaxBodySize(c.opts.MaxBody),
		colly.ParseHTTPErrorResponse(), // keep 4xx/5xx bodies and statuses; v2.3.0 otherwise errors on any status >= 203
		colly.AllowURLRevisit(),        // retries and de-duplication are ours
		colly.DetectCharset(),          // EUC-KR, GBK, Windows-1251 pages
		colly.IgnoreRobotsTxt(),        // robots.txt is checked by this package (RFC 9309, redirects included)
		colly.StdlibContext(context.WithValue(ctx, stateKey{}, st)),
		colly.Async(false),
		colly.MaxDepth(1),
	} {
		opt(col)
	}
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	col.SetClient(&http.Client{
		Transport: gatedTransport{base: c.transport, gate: c.gate, timeout: c.opts.Timeout},
		Jar:       jar, // no Client.Timeout: the transport times each request after its wait
	})
	col.SetRedirectHandler(c.redirectHandler(st))
	// One request at a time on this collector; the spacing per host is the
	// Checker's host gate, shared by all collectors.
	_ = col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 1})

	col.OnResponseHeaders(func(r *colly.Response) {
		p := st.cur
		p.status = r.StatusCode
		p.header = r.Headers.Clone()
		p.finalURL = r.Request.URL.String()
		if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > int64(c.opts.MaxBody) {
			p.truncated = true
		}
		if ct := r.Headers.Get("Content-Type"); ct != "" {
			mt, _, _ := mime.ParseMediaType(ct)
			switch {
			case mt == "text/html", mt == "application/xhtml+xml", mt == "text/plain", mt == "":
			default:
				p.skipped = "content-type " + mt
				r.Request.Abort()
			}
		}
	})
	col.OnResponse(func(r *colly.Response) {
		p := st.cur
		p.bytes = len(r.Body)
		if len(r.Body) >= c.opts.MaxBody {
			p.truncated = true
		}
		if mt, _, _ := mime.ParseMediaType(r.Headers.Get("Content-Type")); mt == "text/plain" {
			for _, l := range strings.Split(string(r.Body), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					p.lines = append(p.lines, l)
				}
			}
		}
	})
	col.OnHTML("html", func(e *colly.HTMLElement) {
		p := st.cur
		if len(e.DOM.Nodes) > 0 {
			p.lines = visibleLines(e.DOM.Nodes[0])
		}
		e.DOM.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			abs := e.Request.AbsoluteURL(href)
			if abs == "" {
				return
			}
			p.links = append(p.links, link{text: s.Text(), href: abs})
		})
		e.DOM.Find("a[href],script[src],iframe[src],form[action],link[href]").Each(func(_ int, s *goquery.Selection) {
			for _, a := range []string{"href", "src", "action"} {
				if v, ok := s.Attr(a); ok {
					if u, err := url.Parse(e.Request.AbsoluteURL(v)); err == nil && u.Host != "" {
						p.hosts = append(p.hosts, u.Host)
					}
				}
			}
		})
	})
	col.OnError(func(r *colly.Response, err error) {
		if r != nil && r.StatusCode != 0 && st.cur.status == 0 {
			st.cur.status = r.StatusCode
		}
	})
	return col
}

// redirectHandler checks each redirect hop: at most 5, http(s) only, no
// credentials, no blocked literal address (names are checked at dial time),
// and robots.txt of a new origin.
func (c *Checker) redirectHandler(st *crawlState) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > 5 {
			return errors.New("web: more than 5 redirects")
		}
		if err := c.guard.checkURL(req.URL); err != nil {
			return err
		}
		if st.cur != nil {
			st.cur.redirects = append(st.cur.redirects, req.URL.String())
		}
		prev := via[len(via)-1].URL
		if req.URL.Scheme != prev.Scheme || req.URL.Host != prev.Host {
			rule := c.rule(req.Context(), req.URL)
			if rule.cause != nil && errors.Is(rule.cause, ErrBlocked) {
				return fmt.Errorf("web: redirect to %s: %w", req.URL, rule.cause)
			}
			if !rule.allows(robotsPath(req.URL), c.agent) {
				why := "disallows " + robotsPath(req.URL)
				if rule.unreachable {
					why = "unreachable: " + rule.err
				}
				return fmt.Errorf("web: redirect to %s: robots.txt %s: %w", req.URL, why, errRobots)
			}
		}
		return nil
	}
}

// lookup resolves host. A non-empty status ends the check.
func (c *Checker) lookup(ctx context.Context, host string) (*DNS, Status, error) {
	d := &DNS{}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Is4() {
			d.A = []string{ip.String()}
		} else {
			d.AAAA = []string{ip.String()}
		}
		if err := c.guard.check(host, ip); err != nil {
			return d, StatusBlocked, err
		}
		return d, "", nil
	}
	lctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	ias, err := c.opts.Resolver.LookupIPAddr(lctx, host)
	if err != nil {
		var de *net.DNSError
		switch {
		case errors.As(err, &de) && de.IsNotFound:
			return d, StatusNoDNS, fmt.Errorf("web: dns %s: %w", host, err)
		case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &de) && de.IsTimeout):
			return d, StatusTimeout, fmt.Errorf("web: dns %s: %w", host, err)
		default:
			return d, StatusUnreachable, fmt.Errorf("web: dns %s: %w", host, err)
		}
	}
	var blocked error
	for _, ia := range ias {
		ip, ok := netip.AddrFromSlice(ia.IP)
		if !ok {
			continue
		}
		ip = ip.Unmap()
		if ip.Is4() {
			d.A = append(d.A, ip.String())
		} else {
			d.AAAA = append(d.AAAA, ip.String())
		}
		if err := c.guard.check(host, ip); err != nil && blocked == nil {
			blocked = err
		}
	}
	if len(d.A)+len(d.AAAA) == 0 {
		return d, StatusNoDNS, fmt.Errorf("web: dns %s: no A or AAAA records", host)
	}
	if cname, err := c.opts.Resolver.LookupCNAME(lctx, host); err == nil && !strings.EqualFold(strings.TrimSuffix(cname, "."), host) {
		d.CNAME = strings.TrimSuffix(cname, ".")
	}
	apex, _ := publicsuffix.EffectiveTLDPlusOne(host)
	for name := host; name != ""; {
		if ns, err := c.opts.Resolver.LookupNS(lctx, name); err == nil && len(ns) > 0 {
			for _, n := range ns {
				d.NS = append(d.NS, strings.TrimSuffix(strings.ToLower(n.Host), "."))
			}
			break
		}
		if name == apex || apex == "" {
			break
		}
		_, parent, ok := strings.Cut(name, ".")
		if !ok {
			break
		}
		name = parent
	}
	if blocked != nil {
		return d, StatusBlocked, blocked
	}
	return d, "", nil
}

// classify maps a fetch error to a status and whether it is temporary. A
// TLS failure is an answer (the host speaks, its certificate does not
// verify or it does not speak TLS) and is kept; a connection refused,
// reset or without a route may be a passing fault and is not.
func classify(ctx context.Context, err error) (Status, bool) {
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlocked):
		return StatusBlocked, false
	case errors.Is(err, errRobots):
		return StatusRobotsDisallow, true
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return StatusTimeout, true
	case ctx.Err() != nil:
		return StatusSkipped, true
	case tlsFailure(err):
		return StatusTLSError, false
	default:
		return StatusUnreachable, true
	}
}

// tlsFailure reports whether err is a failed TLS handshake: a certificate
// that does not verify (unknown authority, wrong host, expired), a server
// that does not speak TLS on the https port, or a TLS alert from it.
func tlsFailure(err error) bool {
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	var rh tls.RecordHeaderError
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci) || errors.As(err, &rh) {
		return true
	}
	// Untyped errors of crypto/tls (alerts) and net/http (plain HTTP on
	// the https port).
	msg := err.Error()
	return strings.Contains(msg, "tls: ") || strings.Contains(msg, "server gave HTTP response to HTTPS client")
}

func pageOf(r *pageResult) Page {
	return Page{URL: r.finalURL, Status: r.status, Bytes: r.bytes, Truncated: r.truncated, Skipped: r.skipped}
}
