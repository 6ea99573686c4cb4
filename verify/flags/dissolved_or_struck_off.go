package flags

import (
	"context"

	"github.com/resolve-tool/resolve/verify"
)

// DissolvedOrStruckOff raises dissolved_or_struck_off when an accepted
// registry match is dissolved, struck off or in liquidation: high when the
// input still shows the company after the dissolution date, medium
// otherwise.
type DissolvedOrStruckOff struct{}

// Code implements Rule.
func (DissolvedOrStruckOff) Code() string { return "dissolved_or_struck_off" }

// Evaluate implements Rule.
func (DissolvedOrStruckOff) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	sev := Severity("")
	last, lastOK := date(e.In.LastSeen)
	for _, m := range e.registryMatches() {
		switch m.Record.Status {
		case verify.StatusDissolved, verify.StatusStruckOff, verify.StatusLiquidation:
		default:
			continue
		}
		ev := recordEvidence(m)
		ev["status"] = string(m.Record.Status)
		s := Medium
		if m.Record.DissolvedOn != "" {
			ev["dissolved_on"] = m.Record.DissolvedOn
			if d, ok := date(m.Record.DissolvedOn); ok && lastOK && last.After(d) {
				ev["appears_after_dissolution_days"] = int(last.Sub(d).Hours() / 24)
				s = High
			}
		}
		if sev != High {
			sev = s
		}
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: sev,
		Title:    "Registry shows the company dissolved, struck off or in liquidation",
		Evidence: map[string]any{"records": recs, "input_last_seen": e.In.LastSeen},
		Sources:  sources(urls...),
		Caveat:   "A new company may reuse the name of a dissolved one, and customs records can lag behind registry changes.",
	}, nil
}
