package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// hostGate spaces requests to one host: each request waits until the host's
// next free slot, which is then pushed interval (or the host's Crawl-delay)
// later. Retry-After pushes the slot further. Waiting honours ctx, so a
// cancelled run does not sleep out a long Crawl-delay.
type hostGate struct {
	mu       sync.Mutex
	interval time.Duration
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
	hosts    map[string]*hostSlot
}

type hostSlot struct {
	next     time.Time
	interval time.Duration // max(gate interval, Crawl-delay)
}

func newHostGate(interval time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) *hostGate {
	return &hostGate{interval: interval, now: now, sleep: sleep, hosts: map[string]*hostSlot{}}
}

func (g *hostGate) slot(host string) *hostSlot {
	host = strings.ToLower(host)
	s, ok := g.hosts[host]
	if !ok {
		s = &hostSlot{interval: g.interval}
		g.hosts[host] = s
	}
	return s
}

// Wait blocks until host may be sent a request and reserves that slot.
func (g *hostGate) Wait(ctx context.Context, host string) error {
	g.mu.Lock()
	s := g.slot(host)
	now := g.now()
	at := s.next
	if at.Before(now) {
		at = now
	}
	s.next = at.Add(s.interval)
	g.mu.Unlock()
	return g.sleep(ctx, at.Sub(now))
}

// SetMinInterval raises the spacing for host (Crawl-delay).
func (g *hostGate) SetMinInterval(host string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if s := g.slot(host); d > s.interval {
		s.interval = d
	}
}

// Interval returns the spacing in force for host.
func (g *hostGate) Interval(host string) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.slot(host).interval
}

// Defer makes the next request to host wait at least until t (Retry-After).
func (g *hostGate) Defer(host string, t time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if s := g.slot(host); t.After(s.next) {
		s.next = t
	}
}

// gatedTransport waits for the host's slot before every request, redirects
// and robots.txt included, and then gives the request timeout to read the
// headers and the body. The timeout starts after the wait, so a long
// Crawl-delay or Retry-After does not count against it (http.Client.Timeout
// would count it).
type gatedTransport struct {
	base    http.RoundTripper
	gate    *hostGate
	timeout time.Duration
}

func (t gatedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.gate.Wait(req.Context(), req.URL.Host); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelBody releases the request's timeout when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
