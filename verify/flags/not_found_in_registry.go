package flags

import (
	"context"
	"slices"
	"strings"
)

// NotFoundInRegistry raises not_found_in_registry when a register of record
// of one of the cluster's countries (a coverage row with RegisterOf) was
// searched and has no match, no source found it, and there is no accepted
// registry match. Absence from a source that is not a register of record
// for the country (GLEIF, Wikidata, lists, leaks, a bulk store without the
// national register) says nothing and is ignored; sources that were skipped
// or failed are listed but never count as "not found".
type NotFoundInRegistry struct{}

// Code implements Rule.
func (NotFoundInRegistry) Code() string { return "not_found_in_registry" }

// Evaluate implements Rule.
func (NotFoundInRegistry) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	if len(e.registryMatches()) > 0 {
		return nil, nil
	}
	var searched, skipped, failed, countries []string
	for _, c := range e.In.Coverage {
		if e.nonRegistry(c.Source) || slices.Contains(e.P.AbsenceSaysNothing, c.Source) {
			continue
		}
		desc := c.Source
		if c.Reason != "" {
			desc += " (" + c.Reason + ")"
		}
		switch c.Status {
		case CoverageFound:
			return nil, nil
		case CoverageNotFound:
			if len(c.RegisterOf) == 0 {
				continue // not a register of record for these countries
			}
			searched = append(searched, c.Source)
			for _, k := range c.RegisterOf {
				if !slices.Contains(countries, k) {
					countries = append(countries, k)
				}
			}
		case CoverageSkipped:
			skipped = append(skipped, desc)
		case CoverageFailed:
			failed = append(failed, desc)
		}
	}
	if len(searched) == 0 {
		return nil, nil
	}
	var unsearched []string
	for _, c := range e.In.Countries {
		if !slices.Contains(countries, c) {
			unsearched = append(unsearched, c)
		}
	}
	return &Flag{
		Severity: Medium,
		Title:    "Not found in the register of record for " + strings.Join(countries, ", "),
		Evidence: map[string]any{
			"countries":                   e.In.Countries,
			"countries_register_searched": countries,
			"countries_no_register":       unsearched,
			"names_searched":              e.In.Names,
			"sources_not_found":           searched,
			"sources_skipped":             skipped,
			"sources_failed":              failed,
			"match_score_needed":          e.P.MatchMin,
		},
		Caveat: "Registries have coverage gaps (OpenDART lists filers only, Hong Kong open data live companies only, Russia and China have no open API) and transliterated names can be missed; this is not proof the company does not exist.",
	}, nil
}
