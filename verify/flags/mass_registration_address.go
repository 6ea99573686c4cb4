package flags

import (
	"context"
	"errors"
	"fmt"
)

// MassRegistrationAddress raises mass_registration_address when the bulk
// store counts at least Params.MassAddressMin companies at one of the
// cluster's normalised addresses; high from Params.MassAddressHigh.
type MassRegistrationAddress struct{}

// Code implements Rule.
func (MassRegistrationAddress) Code() string { return "mass_registration_address" }

// Evaluate implements Rule.
func (MassRegistrationAddress) Evaluate(ctx context.Context, e *Env) (*Flag, error) {
	if e.L.CountAtAddress == nil {
		return nil, nil
	}
	var hits []map[string]any
	var urls []string
	best := 0
	var errs []error
	for _, a := range e.addresses() {
		n, sample, err := e.L.CountAtAddress(ctx, a.Norm)
		if err != nil {
			errs = append(errs, fmt.Errorf("count at %q: %w", a.Norm, err))
			continue
		}
		if n < e.P.MassAddressMin {
			continue
		}
		if len(sample) > 10 {
			sample = sample[:10]
		}
		hits = append(hits, map[string]any{
			"address": a.Raw, "normalised": a.Norm, "from": a.From, "companies": n, "co_registered_sample": sample,
		})
		urls = append(urls, a.URL)
		best = max(best, n)
	}
	err := errors.Join(errs...)
	if len(hits) == 0 {
		return nil, err
	}
	sev := Medium
	if best >= e.P.MassAddressHigh {
		sev = High
	}
	return &Flag{
		Severity: sev,
		Title:    fmt.Sprintf("%d companies registered at one of the cluster's addresses", best),
		Evidence: map[string]any{
			"addresses":      hits,
			"max_companies":  best,
			"threshold_min":  e.P.MassAddressMin,
			"threshold_high": e.P.MassAddressHigh,
			"counted_in":     "bulk store, companies per normalised address",
		},
		Sources: sources(urls...),
		Caveat:  "Serviced offices, accountants' and law firms' addresses are legal and common, especially in Hong Kong, Singapore, UAE free zones and Delaware; read this together with other indicators.",
	}, err
}
