package flags

import (
	"context"
)

// ParkedDomain raises parked_domain when a candidate site (not a guessed
// one) is parked or for sale.
type ParkedDomain struct{}

// Code implements Rule.
func (ParkedDomain) Code() string { return "parked_domain" }

// Evaluate implements Rule.
func (ParkedDomain) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var sites []map[string]any
	version := ""
	for _, s := range e.In.Web {
		if !s.Parked || s.From == "guess" {
			continue
		}
		version = s.FingerprintsVersion
		sites = append(sites, map[string]any{
			"url": s.URL, "from": s.From, "final_url": s.FinalURL, "reason": s.ParkedReason, "checked_at": s.CheckedAt,
		})
	}
	if len(sites) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "The company's domain is parked or for sale",
		Evidence: map[string]any{"sites": sites, "fingerprints_version": version},
		Caveat:   "Parking fingerprints drift and a domain may have lapsed after a legitimate company moved to another one.",
	}, nil
}
