package flags

import (
	"context"
	"slices"
	"strings"
)

// NotFoundInRegistry raises not_found_in_registry when at least one
// registry that covers the cluster's countries was searched and answered
// "not found", none found it, and there is no accepted registry match.
// Sources that were skipped or failed are listed but never count as "not
// found"; list and leak sources (Params.NonRegistrySources) are ignored.
type NotFoundInRegistry struct{}

// Code implements Rule.
func (NotFoundInRegistry) Code() string { return "not_found_in_registry" }

// Evaluate implements Rule.
func (NotFoundInRegistry) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	if len(e.registryMatches()) > 0 {
		return nil, nil
	}
	var searched, skipped, failed []string
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
			searched = append(searched, c.Source)
		case CoverageSkipped:
			skipped = append(skipped, desc)
		case CoverageFailed:
			failed = append(failed, desc)
		}
	}
	if len(searched) == 0 {
		return nil, nil
	}
	return &Flag{
		Severity: Medium,
		Title:    "Not found in the registries searched for " + strings.Join(e.In.Countries, ", "),
		Evidence: map[string]any{
			"countries":          e.In.Countries,
			"names_searched":     e.In.Names,
			"sources_not_found":  searched,
			"sources_skipped":    skipped,
			"sources_failed":     failed,
			"match_score_needed": e.P.MatchMin,
		},
		Caveat: "Registries have coverage gaps (OpenDART lists filers only, Hong Kong open data live companies only, Russia and China have no open API) and transliterated names can be missed; this is not proof the company does not exist.",
	}, nil
}
