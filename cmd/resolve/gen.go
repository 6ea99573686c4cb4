package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
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
	var customs bool
	cmd := &cobra.Command{
		Use:   "gen --rows N [--seed S] [--customs=false] [--out FILE]",
		Short: "Generate a seeded synthetic names file with planted variant clusters",
		Long: `Generate a CSV (id,name,country,cluster_id) of realistic company names in
several scripts with planted variant clusters; the same seed gives the same
file. cluster_id is the truth, so the file also works with resolve eval.

With --customs (the default) a share of the rows carries the noise of customs
records — a place, site or address after the name (place), abbreviated
business words (abbrev), a name cut at a field width (truncated), initials
(acronym), the legal form or a generic word moved (order), words written
together (joined) — named in a fifth column, kind, for which resolve eval
reports precision and recall per kind.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeAtomic(cmd.Context(), out, a.stdout, func(w io.Writer) error {
				return synth.WriteCSV(w, synth.Options{Rows: rows, Seed: seed, Customs: customs})
			})
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 10000, "rows to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&out, "out", "-", "output file; - is stdout")
	cmd.Flags().BoolVar(&customs, "customs", true, "add customs-record noise to a share of the rows, named in a kind column")
	return cmd
}

func (a *app) scaleCmd() *cobra.Command {
	var sizes string
	var seed uint64
	var repeat int
	var customs bool
	cmd := &cobra.Command{
		Use:   "scale [--rows 100000,1000000] [--repeat N] [--customs]",
		Short: "Run the clustering engine on generated names and print time, memory, pairs and clusters",
		Long: `For each size, generate that many names (seeded, in memory), cluster them with
the configured parameters --repeat times, and print the median wall time, the
peak RSS of the process, candidate pairs and cluster counts; then how much
longer each size took than the one before it. The scale test of the README.
--customs generates the names with resolve gen's customs-record noise.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if repeat < 1 {
				return usageErr("give --repeat 1 or more", "bad --repeat %d", repeat)
			}
			// Warm up (tables load on first use) so the sizes compare fairly.
			if _, err := a.scaleOnce(cmd.Context(), 2000, seed, 1, customs, io.Discard); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%10s %10s %12s %14s %10s %12s\n", "rows", "seconds", "peak_rss_mb", "candidate_pairs", "clusters", "pairs/s")
			var prevN int
			var prev time.Duration
			var ratios []string
			for _, f := range strings.Split(sizes, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil || n <= 0 {
					return usageErr("give sizes like --rows 100000,1000000", "bad size %q", f)
				}
				took, err := a.scaleOnce(cmd.Context(), n, seed, repeat, customs, a.stdout)
				if err != nil {
					return err
				}
				if prevN > 0 {
					ratios = append(ratios, fmt.Sprintf("%d/%d rows: %.1f× the time for %.1f× the names",
						n, prevN, took.Seconds()/prev.Seconds(), float64(n)/float64(prevN)))
				}
				prevN, prev = n, took
			}
			for _, r := range ratios {
				fmt.Fprintln(a.stdout, r)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&sizes, "rows", "100000,1000000", "comma-separated sizes")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().BoolVar(&customs, "customs", false, "generate the names with customs-record noise (as resolve gen does by default)")
	cmd.Flags().IntVar(&repeat, "repeat", 1, "runs per size; the median time is printed (a shared machine's noise is large)")
	return cmd
}

// scaleOnce clusters n generated names repeat times, prints one line and
// returns the median time.
func (a *app) scaleOnce(ctx context.Context, n int, seed uint64, repeat int, customs bool, w io.Writer) (time.Duration, error) {
	rows := make([]engine.Row, 0, n)
	if err := synth.Generate(synth.Options{Rows: n, Seed: seed, Customs: customs}, func(r synth.Row) error {
		rows = append(rows, engine.Row{Name: r.Name, Country: r.Country})
		return nil
	}); err != nil {
		return 0, err
	}
	var times []time.Duration
	var res *engine.Result
	for range repeat {
		res = nil
		runtime.GC()
		start := time.Now()
		var err error
		res, err = engine.Run(ctx, rows, engineOptions(a.cfg))
		if err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	took := times[len(times)/2]
	fmt.Fprintf(w, "%10d %10.2f %12.0f %14d %10d %12.0f\n", n, took.Seconds(), peakRSSMB(), res.CandidatePairs,
		len(res.Clusters), float64(res.CandidatePairs)/took.Seconds())
	return took, nil
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
