package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/resolve/synth"
)

// scaleMainSizes is resolve scale --main: the main job at each size, then
// how its wall and CPU time grew from size to size.
func (a *app) scaleMainSizes(ctx context.Context, sizes string, gen synth.Options, repeat int, rerun bool) error {
	ns, err := scaleSizes(sizes)
	if err != nil {
		return err
	}
	// Warm up (tables load on first use) so the sizes compare fairly.
	if _, err := a.scaleOnce(ctx, 2000, gen, 1, io.Discard); err != nil {
		return err
	}
	var ratios []string
	var prevN int
	var prevWall, prevCPU float64
	for _, n := range ns {
		wall, cpu, err := a.scaleMain(ctx, n, gen, repeat, rerun, a.stdout)
		if err != nil {
			return err
		}
		if prevN > 0 {
			ratios = append(ratios, fmt.Sprintf("%d/%d rows: %.1f× the wall time and %.1f× the CPU for %.1f× the names (first run)",
				n, prevN, wall/prevWall, cpu/prevCPU, float64(n)/float64(prevN)))
		}
		prevN, prevWall, prevCPU = n, wall, cpu
	}
	for _, r := range ratios {
		fmt.Fprintln(a.stdout, r)
	}
	return nil
}

// mainRun is one run of the main job as resolve scale --main measures it.
type mainRun struct {
	stages    []pipeline.StageTiming
	wall, cpu float64 // seconds
	gc        float64 // GC CPU seconds
	peakRSSMB float64
}

// scaleMain generates n names into a temporary directory and runs the main
// job on them (fresh store, JSON report), repeat times; with rerun, each
// time a second run on the same store follows, as a nightly run would. It
// prints every stage of the run whose wall time is the median, and returns
// that run's wall and CPU time (of the first run).
func (a *app) scaleMain(ctx context.Context, n int, gen synth.Options, repeat int, rerun bool, w io.Writer) (wall, cpu float64, err error) {
	dir, err := os.MkdirTemp("", "resolve-scale-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "names.csv")
	gen.Rows = n
	if err := writeAtomic(ctx, in, nil, func(w io.Writer) error { return synth.WriteCSV(w, gen) }); err != nil {
		return 0, 0, err
	}
	type pass struct{ first, again *mainRun }
	var passes []pass
	for i := range repeat {
		store := filepath.Join(dir, fmt.Sprintf("store-%d.db", i))
		var p pass
		if p.first, err = a.measureMain(ctx, in, store, filepath.Join(dir, "report.json")); err != nil {
			return 0, 0, err
		}
		if rerun {
			if p.again, err = a.measureMain(ctx, in, store, filepath.Join(dir, "report.json")); err != nil {
				return 0, 0, err
			}
		}
		passes = append(passes, p)
	}
	slices.SortFunc(passes, func(x, y pass) int { return cmpFloat(x.first.wall, y.first.wall) })
	med := passes[len(passes)/2]
	fmt.Fprintf(w, "main job, %d rows (resolve gen --seed %d, customs noise %v, hard %v), median of %d\n", n, gen.Seed, gen.Customs, gen.Hard, repeat)
	fmt.Fprintf(w, "  %-6s %-14s %10s %9s %9s %9s %13s %12s\n", "run", "stage", "items", "wall_s", "cpu_s", "gc_share", "heap_live_mb", "peak_rss_mb")
	med.first.print(w, "first")
	if med.again != nil {
		med.again.print(w, "rerun")
	}
	return med.first.wall, med.first.cpu, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (r *mainRun) print(w io.Writer, run string) {
	for _, s := range r.stages {
		fmt.Fprintf(w, "  %-6s %-14s %10d %9.2f %9.2f %8.0f%% %13d %12d\n", run, s.Stage, s.Items, s.Wall, s.CPU, share(s.GC, s.CPU), s.HeapLiveMB, s.PeakRSSMB)
	}
	fmt.Fprintf(w, "  %-6s %-14s %10s %9.2f %9.2f %8.0f%% %13s %12.0f\n", run, "total", "", r.wall, r.cpu, share(r.gc, r.cpu), "", r.peakRSSMB)
}

func share(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return 100 * part / whole
}

// measureMain runs the main job once, in this process, with the store and
// report paths given and the rest of the configuration as it is.
func (a *app) measureMain(ctx context.Context, in, store, out string) (*mainRun, error) {
	cfg := *a.cfg
	cfg.Store.Path, cfg.Store.PostgresDSN = store, ""
	cfg.Output.Path, cfg.Output.Format = out, "json"
	b := *a
	b.cfg = &cfg
	b.log = a.log.Level(max(a.log.GetLevel(), zerolog.WarnLevel)) // the table says what the info lines would
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	r := &mainRun{}
	wall0, cpu0, gc0 := time.Now(), processCPU(), pipeline.GCCPU()
	j := b.job()
	j.Stages = func(t pipeline.StageTiming) { r.stages = append(r.stages, t) }
	if err := j.Main(ctx, in); err != nil {
		return nil, err
	}
	r.wall, r.cpu, r.gc = time.Since(wall0).Seconds(), processCPU()-cpu0, pipeline.GCCPU()-gc0
	r.peakRSSMB = peakRSSMB()
	return r, nil
}

// resetPeakRSS starts the process's peak RSS (VmHWM) afresh, so that each
// size's peak is its own (Linux: /proc/self/clear_refs; elsewhere a no-op,
// and the peak is the process's).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func processCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
