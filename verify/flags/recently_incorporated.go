package flags

import (
	"context"
	"fmt"
)

// RecentlyIncorporated raises recently_incorporated when an accepted
// registry match was incorporated at most Params.NewCompanyDays days
// before the cluster first appears in the input. A company incorporated
// after its first appearance is not flagged here: that mismatch more
// likely means another company of the same name.
type RecentlyIncorporated struct{}

// Code implements Rule.
func (RecentlyIncorporated) Code() string { return "recently_incorporated" }

// Evaluate implements Rule.
func (RecentlyIncorporated) Evaluate(_ context.Context, e *Env) (*Flag, error) {
	first, ok := date(e.In.FirstSeen)
	if !ok {
		return nil, nil
	}
	for _, m := range e.registryMatches() {
		inc, ok := date(m.Record.IncorporatedOn)
		if !ok {
			continue
		}
		days := int(first.Sub(inc).Hours() / 24)
		if days < 0 || days > e.P.NewCompanyDays {
			continue
		}
		ev := recordEvidence(m)
		return &Flag{
			Severity: Medium,
			Title:    fmt.Sprintf("Incorporated %d days before first appearing in the input", days),
			Evidence: map[string]any{
				"incorporated_on":  m.Record.IncorporatedOn,
				"input_first_seen": e.In.FirstSeen,
				"days":             days,
				"threshold_days":   e.P.NewCompanyDays,
				"record":           ev,
			},
			Sources: sources(m.Record.URL),
			Caveat:  "Start-ups and new subsidiaries of established groups are legitimate; check for a parent company.",
		}, nil
	}
	return nil, nil
}
