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

// openState opens the run state of an existing store, read-only style (no
// run lock is taken). It never creates a store: a missing SQLite file is a
// usage error (exit 2), and with store.postgres_dsn no SQLite file is opened.
func (a *app) openState(ctx context.Context) (state.Store, func(), error) {
	opt := state.Options{LockWait: a.cfg.Store.LockWait}
	if a.cfg.Store.PostgresDSN != "" {
		ss, err := state.Open(ctx, nil, a.cfg.Store.PostgresDSN, opt)
		if err != nil {
			return nil, nil, fmt.Errorf("open run state: %w", err)
		}
		return ss, func() { ss.Close() }, nil
	}
	if !fileExists(a.cfg.Store.Path) {
		return nil, nil, usageErr("run resolve --in names.csv first, or name the store with --store (store.path)",
			"no store at %s: no run is recorded there (this command never creates one)", a.cfg.Store.Path)
	}
	st, err := a.job().OpenStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	ss, err := state.Open(ctx, st, "", opt)
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
