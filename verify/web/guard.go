package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrBlocked is returned (wrapped in a *BlockedError) when a URL or the
// address it resolves to may not be fetched.
var ErrBlocked = errors.New("address not allowed")

// BlockedError says which host and address the guard refused and why.
type BlockedError struct {
	Host   string
	IP     string
	Reason string // "loopback", "private", "link-local", "multicast", "unspecified", "reserved", "scheme", "credentials"
}

func (e *BlockedError) Error() string {
	if e.IP != "" {
		return fmt.Sprintf("web: %s resolves to %s (%s): not fetched", e.Host, e.IP, e.Reason)
	}
	return fmt.Sprintf("web: %s: %s not allowed", e.Host, e.Reason)
}

// Unwrap makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Unwrap() error { return ErrBlocked }

// reserved ranges the netip predicates do not cover.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may embed a private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"), // documentation
}

// guard decides which addresses may be dialled. allowLoopback is the only
// lift there is (Options.AllowPrivate, for tests on httptest servers):
// private, link-local (169.254.169.254 included), multicast, unspecified and
// reserved addresses stay blocked whatever the options say.
type guard struct {
	allowLoopback bool
}

// reason returns why ip may not be dialled, or "" when it may.
func (g guard) reason(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsLoopback():
		if g.allowLoopback {
			return ""
		}
		return "loopback"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, p := range reserved {
		if p.Contains(ip) {
			return "reserved"
		}
	}
	return ""
}

func (g guard) check(host string, ip netip.Addr) error {
	if r := g.reason(ip); r != "" {
		return &BlockedError{Host: host, IP: ip.String(), Reason: r}
	}
	return nil
}

// checkURL refuses schemes other than http and https, credentials in the
// URL, and literal addresses the guard blocks. Host names are checked at
// dial time, after resolution.
func (g guard) checkURL(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return &BlockedError{Host: u.Host, Reason: "scheme " + u.Scheme}
	}
	if u.User != nil {
		return &BlockedError{Host: u.Hostname(), Reason: "credentials"}
	}
	if u.Hostname() == "" {
		return &BlockedError{Host: u.Host, Reason: "empty host"}
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		return g.check(u.Hostname(), ip)
	}
	return nil
}

// dialer resolves through the injected resolver, refuses the connection
// when any address of the host is blocked, and checks the address again in
// net.Dialer.Control, which sees the address actually connected to.
type dialer struct {
	guard    guard
	resolver Resolver
	timeout  time.Duration
}

func (d dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("web: dial %s: %w", addr, err)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		ias, err := d.resolver.LookupIPAddr(ctx, host)
		if err != nil {
			return nil, fmt.Errorf("web: resolve %s: %w", host, err)
		}
		for _, ia := range ias {
			if ip, ok := netip.AddrFromSlice(ia.IP); ok {
				ips = append(ips, ip.Unmap())
			}
		}
		if len(ips) == 0 {
			return nil, fmt.Errorf("web: resolve %s: no addresses", host)
		}
	}
	for _, ip := range ips {
		if err := d.guard.check(host, ip); err != nil {
			return nil, err
		}
	}
	nd := net.Dialer{
		Timeout: d.timeout,
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("web: dial control %s: %w", address, err)
			}
			return d.guard.check(host, ap.Addr())
		},
	}
	var firstErr error
	for _, ip := range ips {
		conn, err := nd.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}
