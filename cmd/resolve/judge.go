package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/state"
)

func (a *app) judgeCmd() *cobra.Command {
	var note string
	var force bool
	cmd := &cobra.Command{
		Use:   "judge same|different A B | judge ignore A | judge checked CLUSTER_ID [RUN_ID]",
		Short: "Record an investigator's decision in the judgements file",
		Long: `Append a decision to the judgements file (config key judgements, or --judgements):
"same" and "different" between two names or cluster IDs, "ignore" a name, or
"checked" for a cluster reviewed in the report of a run (the next reports show
it on the cluster, and say when its members changed since that run).
Decisions override the matcher in every later run and are never undone by it;
a "different" decision also stops merging through third names.

A decision that contradicts earlier ones (a "same" joining, directly or
through a chain of "same" decisions, two sides an earlier "different" keeps
apart, or a "different" between names earlier decisions made the same) is
refused (exit 2) with the earlier decisions it contradicts, by file and line.
--force records it anyway: every run then lets the "different" decision win
and reports the conflict under judgements.conflicts.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 && args[0] == "ignore" || len(args) == 3 && (args[0] == "same" || args[0] == "different") ||
				(len(args) == 2 || len(args) == 3) && args[0] == "checked" {
				return nil
			}
			return usageErr("usage: resolve judge same|different A B, resolve judge ignore A, or resolve judge checked CLUSTER_ID [RUN_ID]", "bad judgement arguments %q", args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.cfg.Judgements == "" {
				return usageErr("name the file with --judgements FILE or the judgements key", "no judgements file configured")
			}
			b := ""
			if len(args) == 3 {
				b = args[2]
			}
			j := state.Judgement{Kind: state.Kind(args[0]), A: strings.TrimSpace(args[1]), B: strings.TrimSpace(b), Note: note}
			conflicts, err := a.judgementConflicts(cmd.Context(), j)
			if err != nil {
				return err
			}
			if len(conflicts) > 0 {
				if !force {
					return usageErr(fmt.Sprintf("the earlier decisions stay as they are; to record this one anyway add --force "+
						"(every run then lets the \"different\" decision win and reports the conflict), or edit %s to remove the one that is wrong",
						a.cfg.Judgements),
						"judgement not recorded: %s", strings.Join(conflicts, "; "))
				}
				for _, c := range conflicts {
					a.log.Warn().Str("file", a.cfg.Judgements).Str("conflict", c).Msg("recorded a judgement that contradicts earlier ones (--force)")
				}
			}
			if err := state.AddJudgement(a.cfg.Judgements, j.Kind, j.A, j.B, note); err != nil {
				return usageErr("see `resolve judge --help`", "%v", err)
			}
			a.log.Info().Str("file", a.cfg.Judgements).Str("kind", args[0]).Msg("judgement recorded")
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why (kept in the file)")
	cmd.Flags().BoolVar(&force, "force", false, "record the decision even when it contradicts earlier ones")
	return cmd
}

// judgementConflicts returns, as text, the conflicts that adding j to the
// judgements file would create (state.Decide over the file with and
// without j; cluster IDs are resolved through the run state when there is
// one). A file that cannot be read or parsed is left to AddJudgement to
// report.
func (a *app) judgementConflicts(ctx context.Context, j state.Judgement) ([]string, error) {
	if j.Kind == state.Ignore || j.Kind == state.Checked {
		return nil, nil // neither joins nor separates names
	}
	var r state.ClusterResolver
	if a.cfg.Store.PostgresDSN != "" || fileExists(a.cfg.Store.Path) {
		ss, done, err := a.openState(ctx)
		if err != nil {
			a.log.Warn().Err(err).Msg("run state not readable: cluster IDs in judgements are compared as names")
		} else {
			defer done()
			r = ss
		}
	}
	return a.judgementConflictsWith(ctx, j, r)
}

// judgementConflictsWith is judgementConflicts with the run state that
// resolves cluster IDs given (nil: they are compared as names).
func (a *app) judgementConflictsWith(ctx context.Context, j state.Judgement, r state.ClusterResolver) ([]string, error) {
	if j.Kind == state.Ignore {
		return nil, nil
	}
	old, err := state.LoadJudgements(a.cfg.Judgements)
	if err != nil {
		// No file yet: the first judgement contradicts nothing. A file that
		// does not parse is refused by AddJudgement, naming the line.
		return nil, nil
	}
	with, err := state.Decide(ctx, append(old, j), r)
	if err != nil {
		return nil, usageErr("see `resolve judge --help`", "%v", err)
	}
	var out []string
	for _, c := range with.Conflicts {
		if !involves(c, j) {
			continue // an earlier conflict, already reported by every run
		}
		out = append(out, c.String())
	}
	return out, nil
}

// involves reports whether the new judgement j (which has no file
// position) is part of conflict c.
func involves(c state.Conflict, j state.Judgement) bool {
	isNew := func(x state.Judgement) bool { return x.File == "" && x.Kind == j.Kind && x.A == j.A && x.B == j.B }
	if isNew(c.Different) {
		return true
	}
	for _, s := range c.Same {
		if isNew(s) {
			return true
		}
	}
	return false
}

func fileExists(path string) bool {
	if path == "" {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}
