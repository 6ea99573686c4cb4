package flags

import (
	"context"
	"slices"
)

// SanctionsHit raises sanctions_hit when a record with sanctions,
// export-control or debarment topics matched the cluster with a score at
// or above Params.MatchMin: high for a listed target, medium when the only
// topic is "sanction.linked" (linked to a listed party).
type SanctionsHit struct{}

// Code implements Rule.
func (SanctionsHit) Code() string { return "sanctions_hit" }

// Evaluate implements Rule.
func (SanctionsHit) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	sev := Medium
	seen := map[string]bool{}
	for _, m := range append(slices.Clone(e.In.Matches), e.In.Listed...) {
		topics := m.Record.Listing()
		if len(topics) == 0 || m.Score < e.P.MatchMin || seen[m.Source+"|"+m.Record.ID] {
			continue
		}
		seen[m.Source+"|"+m.Record.ID] = true
		if len(topics) > 1 || topics[0] != "sanction.linked" {
			sev = High
		}
		ev := recordEvidence(m)
		ev["topics"] = topics
		ev["datasets"] = m.Record.Datasets
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: sev,
		Title:    "Matches a party on a sanctions or export-control list",
		Evidence: map[string]any{"records": recs, "score_needed": e.P.MatchMin},
		Sources:  sources(urls...),
		Caveat:   "Name matches produce false positives; confirm with a country, identifier or address before treating the company as the listed party.",
	}, nil
}
