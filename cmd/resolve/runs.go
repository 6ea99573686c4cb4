package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/state"
)

// openState opens the run state read-only style (no run lock is taken).
func (a *app) openState(ctx context.Context) (state.Store, func(), error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	ss, err := state.Open(ctx, st, a.cfg.Store.PostgresDSN, state.Options{LockWait: a.cfg.Store.LockWait})
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("open run state: %w", err)
	}
	return ss, func() { ss.Close(); st.Close() }, nil
}

func (a *app) runsCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "List past runs of the store, newest first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ss, done, err := a.openState(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			runs, err := ss.ListRuns(cmd.Context(), limit)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 2, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tSTARTED\tOUTCOME\tROWS\tCLUSTERS\tVERIFIED\tREUSED\tINPUT")
			for _, r := range runs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.StartedAt.UTC().Format(time.RFC3339), r.Outcome,
					r.Counts.Read, r.Counts.Clusters, r.Counts.Verified, r.Counts.Reused, r.InputPath)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "how many runs; 0 = all")
	return cmd
}

func (a *app) diffCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "diff RUN_A RUN_B",
		Short: "Print what changed from run A to run B (clusters, merges, splits, flags, registry statuses) as JSON",
		Args:  exactArgs(2, "two run IDs (see resolve runs)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ss, done, err := a.openState(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			ch, err := ss.Diff(cmd.Context(), args[0], args[1])
			if errors.Is(err, state.ErrNoRun) || errors.Is(err, state.ErrNoSnapshot) {
				return usageErr("list runs with `resolve runs`", "%v", err)
			}
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(ch)
		},
	}
}

func (a *app) judgeCmd() *cobra.Command {
	var note string
	cmd := &cobra.Command{
		Use:   "judge same|different A B | judge ignore A",
		Short: "Record an investigator's decision in the judgements file",
		Long: `Append a decision to the judgements file (config key judgements, or --judgements):
"same" and "different" between two names or cluster IDs, or "ignore" a name.
Decisions override the matcher in every later run and are never undone by it;
a "different" decision also stops merging through third names.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 && args[0] == "ignore" || len(args) == 3 && (args[0] == "same" || args[0] == "different") {
				return nil
			}
			return usageErr("usage: resolve judge same|different A B, or resolve judge ignore A", "bad judgement arguments %q", args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.cfg.Judgements == "" {
				return usageErr("name the file with --judgements FILE or the judgements key", "no judgements file configured")
			}
			b := ""
			if len(args) == 3 {
				b = args[2]
			}
			if err := state.AddJudgement(a.cfg.Judgements, state.Kind(args[0]), args[1], b, note); err != nil {
				return usageErr("see `resolve judge --help`", "%v", err)
			}
			a.log.Info().Str("file", a.cfg.Judgements).Str("kind", args[0]).Msg("judgement recorded")
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why (kept in the file)")
	return cmd
}
