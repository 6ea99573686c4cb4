package flags

import (
	"context"

	"github.com/resolve-tool/resolve/verify/web"
)

// NoWebPresence raises no_web_presence when the web check ran and found no
// working site: medium when candidate sites exist but none resolves or
// answers (no_dns, unreachable); low when no candidate site is known at
// all (nothing in registry records or the input, or only webmail
// addresses). Guessed domains count only when they mention the company.
// It stays silent when a site is parked (parked_domain says it), blocked,
// disallowed by robots.txt, timed out or skipped: then presence is unknown,
// not absent.
type NoWebPresence struct{}

// Code implements Rule.
func (NoWebPresence) Code() string { return "no_web_presence" }

// Evaluate implements Rule.
func (NoWebPresence) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	if !e.In.WebChecked {
		return nil, nil
	}
	var sites []map[string]any
	for _, s := range e.In.Web {
		guessed := s.From == "guess"
		switch s.Status {
		case web.StatusOK, web.StatusHTTPError:
			if !guessed || len(s.Mentions) > 0 {
				return nil, nil
			}
			continue
		case web.StatusNoDNS, web.StatusUnreachable:
			if guessed {
				continue
			}
			sites = append(sites, map[string]any{"url": s.URL, "from": s.From, "status": string(s.Status), "error": s.Error, "checked_at": s.CheckedAt})
		default:
			if !guessed {
				return nil, nil // parked, blocked, robots, timeout, skipped: not evidence of absence
			}
		}
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
	return &Flag{
		Severity: Medium,
		Title:    "No candidate website resolves or answers",
		Evidence: ev,
		Caveat:   "Many genuine small traders, especially in China, Korea and Russia, sell through marketplaces or social accounts instead of their own site; a site can also be down for a while.",
	}, nil
}
