package flags

import (
	"context"

	"github.com/resolve-tool/resolve/verify"
)

// StrikeOffProposed raises strike_off_proposed (medium) when an accepted
// registry match is still registered but the registrar has proposed to
// strike it off (Companies House "Active - Proposal to Strike off"). Such a
// record is not read as active: the company has usually stopped filing
// accounts or confirmation statements, or its directors asked to close it.
type StrikeOffProposed struct{}

// Code implements Rule.
func (StrikeOffProposed) Code() string { return "strike_off_proposed" }

// Evaluate implements Rule.
func (StrikeOffProposed) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	for _, m := range e.registryMatches() {
		if m.Record.Status != verify.StatusStrikeOffProposed {
			continue
		}
		ev := recordEvidence(m)
		ev["status"] = string(m.Record.Status)
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "Registry proposes to strike the company off",
		Evidence: map[string]any{"records": recs, "input_last_seen": e.In.LastSeen},
		Sources:  sources(urls...),
		Caveat:   "A proposal to strike off usually follows late accounts or confirmation statements and is often withdrawn once they are filed; directors also apply for it to close a dormant company.",
	}, nil
}
