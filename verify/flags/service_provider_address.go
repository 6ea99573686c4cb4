package flags

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/resolve-tool/resolve/verify/address"
)

// ServiceProviderAddress raises service_provider_address when an address
// of the cluster is care of, or at, a company-service provider:
//
//   - phrases such as "c/o", "registered agent", "secretarial services"
//     in the address (address.Classify);
//   - a known provider at the address (Lookups.ServiceProviderAt: in
//     resolve, companies of the bulk store registered there whose names
//     say they are secretaries, formation agents or registered agents);
//   - a body corporate that a matched registry record names as the
//     company's secretary (Companies House corporate-secretary, a secretary
//     whose name is a company's), when its service address is one of the
//     cluster's addresses (same building and unit), or, when the source
//     gives no address for it, at the record's registered address. A
//     corporate secretary elsewhere is not this indicator, nor is a person
//     who is secretary.
type ServiceProviderAddress struct{}

// Code implements Rule.
func (ServiceProviderAddress) Code() string { return "service_provider_address" }

// Evaluate implements Rule.
func (ServiceProviderAddress) Evaluate(ctx context.Context, e *Env) (*Flag, error) {
	var hits []map[string]any
	var urls []string
	var errs []error
	secretaries := e.corporateSecretaries()
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
		var secs []map[string]any
		for _, s := range secretaries {
			if s.at == a.Norm {
				secs = append(secs, s.ev)
				urls = append(urls, s.url)
			}
		}
		if len(secs) > 0 {
			hit["corporate_secretaries"] = secs
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

// secretaryAt is a corporate secretary of a matched record placed at one
// of the cluster's normalised addresses.
type secretaryAt struct {
	at  string // the cluster address (normalised) it is at
	ev  map[string]any
	url string
}

// corporateWords mark an officer's name as a company's.
var corporateWords = regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])(LIMITED|LTD|LLP|LLC|PLC|INC|CORP|CORPORATION|COMPANY|GMBH|SARL|PTE|BHD)($|[^\p{L}\p{N}])|有限公司|株式会社|주식회사`)

// corporateSecretaries returns the current (not resigned) secretaries of
// accepted registry matches that are bodies corporate, each placed at the
// cluster address it is at: its own service address when that is one of
// the cluster's (compared by building and unit), else, when the source
// gives it no address, the record's registered address.
func (e *Env) corporateSecretaries() []secretaryAt {
	addrs := e.addresses()
	var out []secretaryAt
	for _, m := range e.registryMatches() {
		for _, o := range m.Record.Officers {
			role := strings.ToLower(o.Role)
			if !strings.Contains(role, "secretary") || strings.Contains(role, "resigned") || strings.Contains(role, "ceased") {
				continue
			}
			_, provider := address.ProviderName(o.Name)
			if !strings.Contains(role, "corporate") && !provider && !corporateWords.MatchString(o.Name) {
				continue // a person
			}
			ev := map[string]any{"name": o.Name, "role": o.Role, "source": m.Source, "record": m.Record.Name}
			at := ""
			if o.Address != "" {
				n := address.Normalise(o.Address)
				for _, a := range addrs {
					if a.Norm == n {
						at = a.Norm
						break
					}
				}
				ev["secretary_address"] = o.Address
			} else if ra := address.Normalise(m.Record.RegisteredAddress); ra != "" {
				at = ra
				ev["secretary_address"] = "not given by " + m.Source + "; placed at the record's registered address"
			}
			if at == "" {
				continue
			}
			out = append(out, secretaryAt{at: at, ev: ev, url: m.Record.URL})
		}
	}
	return out
}
