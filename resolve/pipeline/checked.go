package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
)

// markChecked carries the "checked" judgements onto the report's clusters
// (their IDs assigned): each names a cluster and the run whose report was
// reviewed, and the cluster's members now are compared with its members in
// that run (the previous successful run, before, when the judgement names
// none). keys are the clusters' member keys (state.ReportMemberKeys). A
// checked cluster that no longer has its ID (split or merged since) is
// shown on every cluster that holds some of its names, as changed. A later
// judgement on the same cluster replaces an earlier one; one naming a
// cluster whose names this run does not have is listed under
// judgements.unresolved.
func markChecked(ctx context.Context, ss state.Store, dec *state.Decisions, rep *report.Report, keys [][]string, before *state.Previous) error {
	if dec == nil || len(dec.Checked) == 0 {
		return nil
	}
	at := make(map[string]int, len(rep.Clusters))
	for i, c := range rep.Clusters {
		at[c.ID] = i
	}
	// The clusters' members in each run compared with, read once a run.
	type reviewed struct {
		run     *state.Run
		members map[string][]string
	}
	runs := map[string]*reviewed{}
	lookup := func(runID string, ids []string) (*reviewed, error) {
		if r, ok := runs[runID]; ok {
			return r, nil
		}
		r := &reviewed{members: map[string][]string{}}
		runs[runID] = r
		if runID == "" {
			return r, nil // no run to compare with
		}
		run, err := ss.GetRun(ctx, runID)
		if errors.Is(err, state.ErrNoRun) {
			return r, nil
		}
		if err != nil {
			return nil, err
		}
		r.run = &run
		prev := before
		if before == nil || before.RunID != runID {
			if prev, err = ss.Previous(ctx, runID); errors.Is(err, state.ErrNoSnapshot) || errors.Is(err, state.ErrNoRun) {
				return r, nil
			} else if err != nil {
				return nil, err
			}
		}
		r.members = prev.MembersOf(ids)
		return r, nil
	}
	ids := make([]string, 0, len(dec.Checked))
	for _, j := range dec.Checked {
		ids = append(ids, j.A)
	}
	var holder map[string]int // member key → cluster, built when a checked ID is gone
	for _, j := range dec.Checked {
		runID := j.B
		if runID == "" && before != nil {
			runID = before.RunID
		}
		r, err := lookup(runID, ids)
		if err != nil {
			return fmt.Errorf("checked judgement %s: %w", j, err)
		}
		old, known := r.members[j.A]
		var on []int // the clusters that show the decision
		if i, ok := at[j.A]; ok {
			on = []int{i}
		} else if known {
			if holder == nil {
				holder = map[string]int{}
				for i, ks := range keys {
					for _, k := range ks {
						holder[k] = i
					}
				}
			}
			for _, k := range old {
				if i, ok := holder[k]; ok && !slices.Contains(on, i) {
					on = append(on, i)
				}
			}
			slices.Sort(on)
		}
		if len(on) == 0 {
			rep.Judgements.Unresolved = append(rep.Judgements.Unresolved,
				fmt.Sprintf("%s: no cluster of this run has that ID or any of its names", j))
			continue
		}
		for _, i := range on {
			c := &rep.Clusters[i]
			ch := &report.Checked{Note: j.Note, Judgement: fmt.Sprintf("%s:%d", j.File, j.Line), ReviewedRun: j.B}
			if c.ID != j.A {
				ch.Cluster = j.A
			}
			if r.run != nil && !r.run.FinishedAt.IsZero() {
				t := r.run.FinishedAt.UTC()
				ch.ReviewedAt = &t
			}
			if known {
				ch.Added, ch.Removed = memberChanges(c, keys[i], old)
				ch.MembersChanged = len(ch.Added)+len(ch.Removed) > 0
			} else {
				ch.Unknown = true
			}
			c.Checked = ch
		}
	}
	return nil
}

// memberChanges lists the distinct names of c that were not in the
// reviewed cluster (old, member keys), as written in the input, and the
// reviewed cluster's names that c no longer has, as "folded name (CC)".
func memberChanges(c *report.Cluster, now, old []string) (added, removed []string) {
	was := make(map[string]bool, len(old))
	for _, k := range old {
		was[k] = true
	}
	is := make(map[string]bool, len(now))
	for _, k := range now {
		is[k] = true
	}
	seen := map[string]bool{}
	for _, m := range c.Members {
		k := state.MemberKey(m.Name, m.Country)
		if !was[k] && !seen[k] {
			seen[k] = true
			added = append(added, m.Name)
		}
	}
	for _, k := range old {
		if !is[k] {
			name, cc, _ := strings.Cut(k, "\x1f")
			if cc != "" {
				name += " (" + cc + ")"
			}
			removed = append(removed, name)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}
