package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/synth"
)

func (a *app) genCmd() *cobra.Command {
	var rows int
	var seed uint64
	var out string
	cmd := &cobra.Command{
		Use:   "gen --rows N [--seed S] [--out FILE]",
		Short: "Generate a seeded synthetic names file with planted variant clusters",
		Long: `Generate a CSV (id,name,country,cluster_id) of realistic company names in
several scripts with planted variant clusters; the same seed gives the same
file. cluster_id is the truth, so the file also works with resolve eval.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeAtomic(cmd.Context(), out, a.stdout, func(w io.Writer) error {
				return synth.WriteCSV(w, synth.Options{Rows: rows, Seed: seed})
			})
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 10000, "rows to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&out, "out", "-", "output file; - is stdout")
	return cmd
}

func (a *app) scaleCmd() *cobra.Command {
	var sizes string
	var seed uint64
	cmd := &cobra.Command{
		Use:   "scale [--rows 100000,1000000]",
		Short: "Run the clustering engine on generated names and print time, memory, pairs and clusters",
		Long: `For each size, generate that many names (seeded, in memory), cluster them with
the configured parameters, and print wall time, peak RSS of the process,
candidate pairs and cluster counts. The scale test of the README.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Warm up (tables load on first use) so the sizes compare fairly.
			if err := a.scaleOnce(cmd.Context(), 2000, seed, io.Discard); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%10s %10s %12s %14s %10s %12s\n", "rows", "seconds", "peak_rss_mb", "candidate_pairs", "clusters", "pairs/s")
			for _, f := range strings.Split(sizes, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil || n <= 0 {
					return usageErr("give sizes like --rows 100000,1000000", "bad size %q", f)
				}
				if err := a.scaleOnce(cmd.Context(), n, seed, a.stdout); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&sizes, "rows", "100000,1000000", "comma-separated sizes")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	return cmd
}

func (a *app) scaleOnce(ctx context.Context, n int, seed uint64, w io.Writer) error {
	rows := make([]engine.Row, 0, n)
	if err := synth.Generate(synth.Options{Rows: n, Seed: seed}, func(r synth.Row) error {
		rows = append(rows, engine.Row{Name: r.Name, Country: r.Country})
		return nil
	}); err != nil {
		return err
	}
	runtime.GC()
	start := time.Now()
	res, err := engine.Run(ctx, rows, engineOptions(a.cfg))
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(w, "%10d %10.2f %12.0f %14d %10d %12.0f\n", n, took.Seconds(), peakRSSMB(), res.CandidatePairs,
		len(res.Clusters), float64(res.CandidatePairs)/took.Seconds())
	return nil
}

// peakRSSMB reads the process's peak resident set size (VmHWM) on Linux.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return -1
}
