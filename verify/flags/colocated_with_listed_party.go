package flags

import (
	"context"
	"errors"
	"fmt"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/address"
)

// ColocatedWithListedParty raises colocated_with_listed_party when an
// address of the cluster equals, at unit level (address.Normalise), the
// address of a listed party that is not the cluster itself. Listed parties
// come from Input.Listed and from Lookups.ListedAtAddress.
type ColocatedWithListedParty struct{}

// Code implements Rule.
func (ColocatedWithListedParty) Code() string { return "colocated_with_listed_party" }

// Evaluate implements Rule.
func (ColocatedWithListedParty) Evaluate(ctx context.Context, e *Env) (*Flag, error) {
	self := map[string]bool{}
	for _, m := range e.In.Matches {
		if m.Score >= e.P.MatchMin {
			self[m.Record.ID] = true
		}
	}
	for _, m := range e.In.Listed {
		if m.Score >= e.P.MatchMin {
			self[m.Record.ID] = true
		}
	}
	byAddr := map[string][]verify.Record{}
	for _, m := range e.In.Listed {
		if !m.Record.Listed() {
			continue
		}
		for _, a := range []string{m.Record.RegisteredAddress, m.Record.HeadOfficeAddress} {
			if n := address.Normalise(a); n != "" {
				byAddr[n] = append(byAddr[n], m.Record)
			}
		}
	}
	var hits []map[string]any
	var urls []string
	var errs []error
	for _, a := range e.addresses() {
		recs := byAddr[a.Norm]
		if e.L.ListedAtAddress != nil {
			more, err := e.L.ListedAtAddress(ctx, a.Norm)
			if err != nil {
				errs = append(errs, fmt.Errorf("listed at %q: %w", a.Norm, err))
			}
			recs = append(recs, more...)
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if self[r.ID] || seen[r.ID] || !r.Listed() {
				continue
			}
			seen[r.ID] = true
			hits = append(hits, map[string]any{
				"address": a.Raw, "normalised": a.Norm, "from": a.From,
				"listed_party": r.Name, "listed_id": r.ID, "topics": r.Listing(), "datasets": r.Datasets, "url": r.URL,
			})
			urls = append(urls, r.URL, a.URL)
		}
	}
	err := errors.Join(errs...)
	if len(hits) == 0 {
		return nil, err
	}
	return &Flag{
		Severity: High,
		Title:    "Shares an address with a listed party",
		Evidence: map[string]any{"matches": hits, "compared_at": "unit level (address.Normalise)"},
		Sources:  sources(urls...),
		Caveat:   "Large office towers and serviced offices host many unrelated firms; the comparison is down to the unit, but a shared unit can still be a shared business centre.",
	}, err
}
