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
	"github.com/resolve-tool/resolve/resolve/job"
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
	var customs, hard, mainJob, rerun bool
	cmd := &cobra.Command{
		Use:   "scale [--rows 100000,1000000] [--repeat N] [--customs] [--hard] [--main [--rerun]]",
		Short: "Run the clustering engine (or the main job) on generated names and print time, memory, pairs and clusters",
		Long: `For each size, generate that many names (seeded, in memory), cluster them with
the configured parameters --repeat times, and print the median wall time, the
peak RSS of the process, candidate pairs and cluster counts; then how much
longer each size took than the one before it. The scale test of the README.
--customs generates the names with resolve gen's customs-record noise; --hard
makes them alike (common leading words, stems one letter apart).

--main runs the whole main job instead (read, cluster, IDs, verify, compare,
save, write the JSON report; a fresh store in a temporary directory, the rest
of the configuration as it is) and prints every stage with its items, wall
and CPU time, the collector's share of that CPU, the live heap and peak RSS,
then the run's total; --rerun runs it again on the same store, as the next
night would. The GC share is the Go runtime's estimate (the time its workers
held a processor, idle-time marking left out): on a loaded machine, where a
processor is not a CPU, it overstates.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if repeat < 1 {
				return usageErr("give --repeat 1 or more", "bad --repeat %d", repeat)
			}
			if rerun && !mainJob {
				return usageErr("give --rerun with --main", "--rerun measures the main job's second run")
			}
			if mainJob {
				return a.scaleMainSizes(cmd.Context(), sizes, synth.Options{Seed: seed, Customs: customs, Hard: hard}, repeat, rerun)
			}
			// Warm up (tables load on first use) so the sizes compare fairly.
			gen := synth.Options{Seed: seed, Customs: customs, Hard: hard}
			if _, err := a.scaleOnce(cmd.Context(), 2000, gen, 1, io.Discard); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%10s %10s %12s %14s %10s %12s\n", "rows", "seconds", "peak_rss_mb", "candidate_pairs", "clusters", "pairs/s")
			var prevN int
			var prev time.Duration
			var ratios []string
			ns, err := scaleSizes(sizes)
			if err != nil {
				return err
			}
			for _, n := range ns {
				took, err := a.scaleOnce(cmd.Context(), n, gen, repeat, a.stdout)
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
	cmd.Flags().BoolVar(&hard, "hard", false, "generate alike names (common leading words, stems one letter apart)")
	cmd.Flags().BoolVar(&mainJob, "main", false, "run the whole main job per size and print every stage")
	cmd.Flags().BoolVar(&rerun, "rerun", false, "with --main: run the main job a second time on the same store")
	cmd.Flags().IntVar(&repeat, "repeat", 1, "runs per size; the median time is printed (a shared machine's noise is large)")
	return cmd
}

// scaleOnce clusters n generated names repeat times, prints one line and
// returns the median time.
func (a *app) scaleOnce(ctx context.Context, n int, gen synth.Options, repeat int, w io.Writer) (time.Duration, error) {
	rows := make([]engine.Row, 0, n)
	gen.Rows = n
	if err := synth.Generate(gen, func(r synth.Row) error {
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
		res, err = engine.Run(ctx, rows, job.EngineOptions(a.cfg))
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

// scaleSizes reads --rows.
func scaleSizes(sizes string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, usageErr("give sizes like --rows 100000,1000000", "bad size %q", f)
		}
		out = append(out, n)
	}
	return out, nil
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
