package flags

import (
	"context"
	"errors"
	"fmt"

	"github.com/resolve-tool/resolve/verify/address"
)

// ServiceProviderAddress raises service_provider_address when an address
// of the cluster is care of, or at, a company-service provider: phrases
// such as "c/o", "registered agent", "secretarial services"
// (address.Classify), or a known provider at the address (Lookups.ServiceProviderAt).
type ServiceProviderAddress struct{}

// Code implements Rule.
func (ServiceProviderAddress) Code() string { return "service_provider_address" }

// Evaluate implements Rule.
func (ServiceProviderAddress) Evaluate(ctx context.Context, e *Env) (*Flag, error) {
	var hits []map[string]any
	var urls []string
	var errs []error
	for _, a := range e.addresses() {
		hit := map[string]any{}
		var phrases []string
		for _, in := range address.Classify(a.Raw) {
			if in.Kind == address.KindServiceProvider {
				phrases = append(phrases, in.Phrase)
			}
		}
		if len(phrases) > 0 {
			hit["phrases"] = phrases
		}
		if e.L.ServiceProviderAt != nil {
			names, err := e.L.ServiceProviderAt(ctx, a.Norm)
			if err != nil {
				errs = append(errs, fmt.Errorf("service providers at %q: %w", a.Norm, err))
			} else if len(names) > 0 {
				hit["providers_at_address"] = names
			}
		}
		if len(hit) == 0 {
			continue
		}
		hit["address"], hit["normalised"], hit["from"] = a.Raw, a.Norm, a.From
		hits = append(hits, hit)
		urls = append(urls, a.URL)
	}
	err := errors.Join(errs...)
	if len(hits) == 0 {
		return nil, err
	}
	return &Flag{
		Severity: Medium,
		Title:    "Address is care of, or at, a company-service provider",
		Evidence: map[string]any{"addresses": hits, "patterns_version": address.PatternsVersion},
		Sources:  sources(urls...),
		Caveat:   "A company secretary is mandatory in Hong Kong and many small firms legitimately use their secretary's or agent's address as registered office.",
	}, err
}
