package flags

import (
	"context"
)

// ListedPartyLookalike raises listed_party_lookalike when a listed party's
// name scores at least Params.LookalikeMin against the cluster but below
// Params.MatchMin, so it is not taken for the same company.
type ListedPartyLookalike struct{}

// Code implements Rule.
func (ListedPartyLookalike) Code() string { return "listed_party_lookalike" }

// Evaluate implements Rule.
func (ListedPartyLookalike) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	for _, m := range e.In.Listed {
		if !m.Record.Listed() || m.Score < e.P.LookalikeMin || m.Score >= e.P.MatchMin {
			continue
		}
		ev := recordEvidence(m)
		ev["topics"] = m.Record.Listing()
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "Name resembles a listed party",
		Evidence: map[string]any{
			"cluster_names": e.In.Names,
			"listed":        recs,
			"lookalike_min": e.P.LookalikeMin,
			"match_min":     e.P.MatchMin,
		},
		Sources: sources(urls...),
		Caveat:  "Common words such as \"Trading\" or \"Electronics\" inflate name similarity; a look-alike name alone says nothing about a link.",
	}, nil
}
