package flags

import (
	"context"

	"github.com/resolve-tool/resolve/verify/web"
)

// SiteDoesNotMention raises site_does_not_mention_company when at least one
// candidate site (not guessed) answered and none of the answering sites
// names the company, its registry numbers or its address on the pages read.
// It stays silent when an answering site has pages that could not be read
// (robots.txt disallows them, the Crawl-delay allowed only the home page,
// or they failed: web.Site.Unread, named in the site's error): the company
// may be named there.
type SiteDoesNotMention struct{}

// Code implements Rule.
func (SiteDoesNotMention) Code() string { return "site_does_not_mention_company" }

// Evaluate implements Rule.
func (SiteDoesNotMention) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var sites []map[string]any
	for _, s := range e.In.Web {
		if s.From == "guess" {
			continue
		}
		if len(s.Mentions) > 0 {
			return nil, nil
		}
		if s.Status != web.StatusOK || s.PagesFetched == 0 {
			continue
		}
		if len(s.Unread()) > 0 {
			return nil, nil // not every page was read: silence is not shown
		}
		var pages []string
		for _, p := range s.Pages {
			if p.Status != 0 {
				pages = append(pages, p.URL)
			}
		}
		sites = append(sites, map[string]any{"url": s.URL, "from": s.From, "final_url": s.FinalURL, "pages_read": pages, "checked_at": s.CheckedAt})
	}
	if len(sites) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "Website does not mention the company",
		Evidence: map[string]any{"sites": sites, "names_searched": e.In.Names},
		Caveat:   "Pages built by JavaScript are not read, and group sites often name only the brand, not each subsidiary.",
	}, nil
}
