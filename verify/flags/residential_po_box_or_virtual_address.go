package flags

import (
	"context"

	"github.com/resolve-tool/resolve/verify/address"
)

// AddressKind raises residential_po_box_or_virtual_address when an
// address of the cluster is a PO box, a virtual office or residential
// (address.Classify).
type AddressKind struct{}

// Code implements Rule.
func (AddressKind) Code() string { return "residential_po_box_or_virtual_address" }

// Evaluate implements Rule.
func (AddressKind) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var hits []map[string]any
	var urls []string
	for _, a := range e.addresses() {
		var found []map[string]any
		for _, in := range address.Classify(a.Raw) {
			switch in.Kind {
			case address.KindPOBox, address.KindVirtualOffice, address.KindResidential:
				found = append(found, map[string]any{"kind": string(in.Kind), "rule": in.Rule, "phrase": in.Phrase})
			}
		}
		if len(found) == 0 {
			continue
		}
		hits = append(hits, map[string]any{"address": a.Raw, "from": a.From, "indicators": found})
		urls = append(urls, a.URL)
	}
	if len(hits) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "PO box, virtual-office or residential address",
		Evidence: map[string]any{"addresses": hits, "patterns_version": address.PatternsVersion},
		Sources:  sources(urls...),
		Caveat:   "Small firms legitimately trade from homes and PO boxes; in Hong Kong \"Flat\" is also used for commercial units and is not read as residential.",
	}, nil
}
