package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsMaxBody is the most of a robots.txt read (RFC 9309 asks parsers to
// handle at least 500 KiB).
const robotsMaxBody = 512 << 10

// robotsTTL is how long a robots.txt is used (RFC 9309: at most 24 hours).
const robotsTTL = 24 * time.Hour

// robotsRule is what one origin's robots.txt says about us.
type robotsRule struct {
	data       *robotstxt.RobotsData // nil when unreachable
	status     int                   // HTTP status of robots.txt; 0 on a network failure
	crawlDelay time.Duration
	// unreachable is set for 5xx, 429 and network failures: crawl nothing.
	unreachable bool
	err         string
	// cause is the network error when robots.txt could not be fetched at all
	// (no HTTP status); a *BlockedError when the guard refused it.
	cause   error
	fetched time.Time
}

// allows reports whether path may be fetched by agent.
func (r *robotsRule) allows(path, agent string) bool {
	if r.unreachable || r.data == nil {
		return false
	}
	// TestAgent consults the disallow-all state that FromStatusAndBytes sets;
	// FindGroup+Test (what colly v2.3.0 uses) does not.
	return r.data.TestAgent(path, agent)
}

// errRobots is returned when robots.txt forbids a URL or cannot be read.
var errRobots = errors.New("robots.txt does not allow this URL")

type robotsCache struct {
	mu sync.Mutex
	m  map[string]*robotsRule
}

func newRobotsCache() *robotsCache { return &robotsCache{m: map[string]*robotsRule{}} }

// rule fetches (or takes from memory) the robots.txt of u's origin and
// applies its Crawl-delay to the host gate.
func (c *Checker) rule(ctx context.Context, u *url.URL) *robotsRule {
	origin := u.Scheme + "://" + u.Host
	now := c.opts.Now()
	c.robots.mu.Lock()
	r, ok := c.robots.m[origin]
	c.robots.mu.Unlock()
	// An unreachable robots.txt is asked again on the next check.
	if ok && !r.unreachable && now.Sub(r.fetched) < robotsTTL {
		return r
	}
	r = c.fetchRobots(ctx, origin)
	r.fetched = now
	c.robots.mu.Lock()
	c.robots.m[origin] = r
	c.robots.mu.Unlock()
	if r.crawlDelay > 0 {
		c.gate.SetMinInterval(u.Host, min(r.crawlDelay, c.opts.MaxCrawlDelay))
	}
	return r
}

func (c *Checker) fetchRobots(ctx context.Context, origin string) *robotsRule {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return &robotsRule{unreachable: true, err: err.Error()}
	}
	req.Header.Set("User-Agent", c.ua)
	resp, err := c.client.Do(req)
	if err != nil {
		return &robotsRule{unreachable: true, err: fmt.Sprintf("robots.txt: %v", err), cause: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBody))
	if err != nil {
		return &robotsRule{unreachable: true, status: resp.StatusCode, err: fmt.Sprintf("robots.txt: read: %v", err)}
	}
	r := &robotsRule{status: resp.StatusCode}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		r.unreachable = true
		r.err = fmt.Sprintf("robots.txt answered %d: treated as disallow (RFC 9309)", resp.StatusCode)
		return r
	case resp.StatusCode >= 400:
		body = nil // "unavailable": everything allowed
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		// An unparsable robots.txt is treated as unreachable: crawl nothing.
		return &robotsRule{unreachable: true, status: resp.StatusCode, err: fmt.Sprintf("robots.txt: parse: %v", err)}
	}
	r.data = data
	if g := data.FindGroup(c.agent); g != nil && g.CrawlDelay > 0 {
		r.crawlDelay = g.CrawlDelay
	}
	return r
}

// robotsRedirect is the CheckRedirect of robots.txt requests: RFC 9309 asks
// to follow at least five redirects; each hop is guard-checked.
func (c *Checker) robotsRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > 5 {
		return errors.New("robots.txt: more than 5 redirects")
	}
	return c.guard.checkURL(req.URL)
}
