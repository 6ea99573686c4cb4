package flags

import (
	"context"
)

// IncorporatedAfterCutoff raises incorporated_after_2022_02_24 when an
// accepted registry match was incorporated after Params.SanctionsCutoff
// (FinCEN/BIS, May 2023: "incorporation after February 24, 2022"). Low
// severity: it is context for other indicators.
type IncorporatedAfterCutoff struct{}

// Code implements Rule. The code keeps the default date whatever the
// configured cut-off, so reports stay comparable; the date used is in the
// evidence.
func (IncorporatedAfterCutoff) Code() string { return "incorporated_after_2022_02_24" }

// Evaluate implements Rule.
func (IncorporatedAfterCutoff) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	for _, m := range e.registryMatches() {
		inc, ok := date(m.Record.IncorporatedOn)
		if !ok || !inc.After(e.cutoff) {
			continue
		}
		return &Flag{
			Severity: Low,
			Title:    "Incorporated after " + e.P.SanctionsCutoff,
			Evidence: map[string]any{
				"incorporated_on": m.Record.IncorporatedOn,
				"cutoff":          e.P.SanctionsCutoff,
				"record":          recordEvidence(m),
			},
			Sources: sources(m.Record.URL),
			Caveat:  "Many legitimate companies were founded after this date; it matters only together with a Russia or Belarus nexus or other indicators.",
		}, nil
	}
	return nil, nil
}
