package flags

import (
	"context"
)

// AppearsInOffshoreLeaks raises appears_in_offshore_leaks when a record
// from the ICIJ Offshore Leaks data (source "icij", or an OpenSanctions
// dataset starting with "icij") matched the cluster. Worded neutrally.
type AppearsInOffshoreLeaks struct{}

// Code implements Rule.
func (AppearsInOffshoreLeaks) Code() string { return "appears_in_offshore_leaks" }

// Evaluate implements Rule.
func (AppearsInOffshoreLeaks) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	for _, m := range e.In.Matches {
		if !isLeak(m) || m.Score < e.P.MatchMin {
			continue
		}
		ev := recordEvidence(m)
		ev["datasets"] = m.Record.Datasets
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Low,
		Title:    "A matching name appears in the ICIJ Offshore Leaks database",
		Evidence: map[string]any{"records": recs},
		Sources:  sources(urls...),
		Caveat:   "ICIJ states that appearing in the Offshore Leaks database does not imply wrongdoing; many offshore entities have legitimate uses.",
	}, nil
}
