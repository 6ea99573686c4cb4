package flags

import (
	"context"
	"slices"

	"github.com/resolve-tool/resolve/verify"
)

// SanctionsHit raises sanctions_hit when a record with sanctions,
// export-control or debarment topics matched the cluster with a score at
// or above Params.MatchMin and the record's country is one of the
// cluster's: high for a listed target, medium when the only topic is
// "sanction.linked" (linked to a listed party). A match on the name alone
// is SanctionsPossibleMatch.
type SanctionsHit struct{}

// Code implements Rule.
func (SanctionsHit) Code() string { return "sanctions_hit" }

// Evaluate implements Rule.
func (SanctionsHit) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	return listedMatches(e, true)
}

// SanctionsPossibleMatch raises sanctions_possible_match when a listed
// record matched the cluster's name at or above Params.MatchMin but nothing
// else ties them: one side's country is unknown, or the countries differ.
// Medium for a listed target, low for "sanction.linked" only.
type SanctionsPossibleMatch struct{}

// Code implements Rule.
func (SanctionsPossibleMatch) Code() string { return "sanctions_possible_match" }

// Evaluate implements Rule.
func (SanctionsPossibleMatch) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	return listedMatches(e, false)
}

// listedMatches gathers the listed records matched by name, corroborated
// (country agreeing) or not.
func listedMatches(e *Env, corroborated bool) (*Flag, error) {
	var recs []map[string]any
	var urls []string
	sev := Medium
	if !corroborated {
		sev = Low
	}
	seen := map[string]bool{}
	for _, m := range append(slices.Clone(e.In.Matches), e.In.Listed...) {
		topics := m.Record.Listing()
		if len(topics) == 0 || m.Score < e.P.MatchMin || seen[m.Source+"|"+m.Record.ID] || m.corroborated() != corroborated {
			continue
		}
		seen[m.Source+"|"+m.Record.ID] = true
		if len(topics) > 1 || topics[0] != "sanction.linked" {
			if corroborated {
				sev = High
			} else {
				sev = Medium
			}
		}
		ev := recordEvidence(m)
		ev["topics"] = topics
		ev["datasets"] = m.Record.Datasets
		country := m.Country
		if country == "" {
			country = verify.CountryUnknown
		}
		ev["country"] = string(country)
		ev["record_countries"] = verify.RecordCountries(m.Record)
		recs = append(recs, ev)
		urls = append(urls, m.Record.URL)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	if !corroborated {
		return &Flag{
			Severity: sev,
			Title:    "Possible match with a party on a sanctions or export-control list (name only)",
			Evidence: map[string]any{"records": recs, "score_needed": e.P.MatchMin, "cluster_countries": e.In.Countries},
			Sources:  sources(urls...),
			Caveat: "Only the name ties the company to the listed party: the country is unknown on one side or differs. " +
				"Many unrelated companies share a name; confirm with a country, identifier or address before treating it as the listed party.",
		}, nil
	}
	return &Flag{
		Severity: sev,
		Title:    "Matches a party on a sanctions or export-control list",
		Evidence: map[string]any{"records": recs, "score_needed": e.P.MatchMin},
		Sources:  sources(urls...),
		Caveat:   "Name matches produce false positives; confirm with a country, identifier or address before treating the company as the listed party.",
	}, nil
}
