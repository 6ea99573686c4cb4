package flags

import (
	"context"
	"net/http"

	"github.com/resolve-tool/resolve/verify/web"
)

// NoWebPresence raises no_web_presence when the web check ran and found no
// working site. Each candidate site (registry records, the input's website
// and e-mail columns) counts by what it answered:
//
//   - absent: the host does not resolve (no_dns), takes no connection
//     (unreachable: refused, reset, no route) or its home page is not
//     there (http_error 404 or 410);
//   - broken: it answers https only with a failed TLS handshake (tls_error:
//     a certificate that does not verify, no TLS on the https port);
//   - present: the home page answered 2xx or another 4xx (401, 403: a
//     site that keeps us out), or the site is parked (parked_domain says
//     it);
//   - unknown: the home page answered 5xx or 429, robots.txt refused us or
//     could not be read, the check timed out, was blocked or skipped.
//
// It is raised medium when every candidate is absent, low when every
// candidate is absent or broken and at least one is broken (a browser may
// still show the site after a warning), and low when no candidate site is
// known at all (nothing in registry records or the input, or only webmail
// addresses). A present or unknown candidate keeps it silent: then presence
// is shown or cannot be judged, not absent. Guessed domains count only when
// they mention the company.
type NoWebPresence struct{}

// Code implements Rule.
func (NoWebPresence) Code() string { return "no_web_presence" }

// Evaluate implements Rule.
func (NoWebPresence) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	if !e.In.WebChecked {
		return nil, nil
	}
	var sites []map[string]any
	broken := 0
	for _, s := range e.In.Web {
		guessed := s.From == "guess"
		kind := webAnswer(s)
		switch {
		case kind == "present" && guessed && len(s.Mentions) == 0:
			continue // a guessed domain someone else uses
		case kind == "present":
			return nil, nil
		case guessed:
			continue // a guess that does not work says nothing
		case kind == "unknown":
			return nil, nil // robots, timeout, blocked, skipped: not evidence of absence
		}
		if kind == "broken" {
			broken++
		}
		ev := map[string]any{"url": s.URL, "from": s.From, "status": string(s.Status), "error": s.Error, "checked_at": s.CheckedAt}
		if s.HTTPStatus != 0 {
			ev["http_status"] = s.HTTPStatus
		}
		sites = append(sites, ev)
	}
	var webmail []string
	for _, m := range e.In.Emails {
		if d, ok := web.EmailDomain(m); ok && web.IsWebmail(d) {
			webmail = append(webmail, d)
		}
	}
	ev := map[string]any{"sites": sites}
	if len(webmail) > 0 {
		ev["webmail_domains"] = webmail
	}
	if len(sites) == 0 {
		ev["candidates"] = 0
		return &Flag{
			Severity: Low,
			Title:    "No website known from registry records or the input",
			Evidence: ev,
			Caveat:   "Many genuine small traders, especially in China, Korea and Russia, sell through marketplaces or social accounts instead of their own site, and registries often hold no website.",
		}, nil
	}
	if broken > 0 {
		return &Flag{
			Severity: Low,
			Title:    "No candidate website answers with a working secure connection",
			Evidence: ev,
			Caveat:   "A lapsed or self-signed certificate is common on small companies' sites, which a browser may still show after a warning; a site can also be down for a while.",
		}, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "No candidate website resolves, answers or has a home page",
		Evidence: ev,
		Caveat:   "Many genuine small traders, especially in China, Korea and Russia, sell through marketplaces or social accounts instead of their own site; a site can also be down for a while.",
	}, nil
}

// webAnswer sorts a site's outcome: "absent", "broken", "present" or
// "unknown" (see NoWebPresence).
func webAnswer(s web.Site) string {
	switch s.Status {
	case web.StatusNoDNS, web.StatusUnreachable:
		return "absent"
	case web.StatusTLSError:
		return "broken"
	case web.StatusHTTPError:
		switch {
		case s.HTTPStatus == http.StatusNotFound || s.HTTPStatus == http.StatusGone:
			return "absent"
		case s.HTTPStatus >= 500 || s.HTTPStatus == http.StatusTooManyRequests:
			return "unknown" // a server is there, for now not a site
		}
		return "present" // 401, 403 ...: a site that keeps us out
	case web.StatusOK, web.StatusParked:
		return "present"
	}
	return "unknown"
}
