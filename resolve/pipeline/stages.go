package pipeline

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/rs/zerolog"
)

// stageClock logs, at debug level, one line ("stage timing") per stage of
// the main job (read, open_state (store, run lock, judgements); the engine's dedup, prepare, block, score, cluster and
// assemble; build_report, ids, verify, compare, save_snapshot,
// write_report, the two side by side (see finishRun)): its items and their rate, its wall and CPU time (user and
// system, the whole process), the garbage collector's share of that CPU,
// the live heap at its end and the peak RSS so far, so that a profile of a
// nightly run needs no patch.
//
// It also labels the job's goroutine with the stage that runs (pprof label
// "stage"), and so every goroutine a stage starts: a CPU profile of the job
// (resolve --cpuprofile) splits by stage with go tool pprof -tagfocus
// stage=verify, or -tagroot stage for every stage at once. The stage that
// follows one is known from the order the clock was given; one not in it
// is labelled "after_" and the stage before it.
type stageClock struct {
	log  zerolog.Logger
	sink func(StageTiming) // nil, or told every stage too
	// heapProfile, if set, is a path prefix: each stage's end writes the
	// live heap (as of a collection run then) to PREFIX-STAGE.pprof.
	heapProfile string
	wall        time.Time
	cpu, gc     float64
	samples     []metrics.Sample
	order       []string        // the stages in the order they run, for the labels
	ctx         context.Context // the job's, whose labels the stage label is added to
}

// StageTiming is one stage of the main job as it was measured.
type StageTiming struct {
	Stage      string
	Items      int
	Wall       float64 // seconds
	CPU, GC    float64 // seconds of the whole process, GC's part of it
	HeapLiveMB int64
	PeakRSSMB  int64
}

// mainStages are the stages of Main in order; clustersStages those of
// VerifyClusters (its "ids" includes opening the store).
var (
	mainStages = []string{"read", "open_state", "dedup", "prepare", "block", "score", "cluster", "assemble",
		"build_report", "ids", "verify", "compare", "save_snapshot", "write_report"}
	clustersStages = []string{"read", "ids", "verify", "compare", "save_snapshot", "write_report"}
)

// newStageClock starts the job's clock over the stages of order (at least
// one), telling j.Stages and writing j.HeapProfile's profiles if they are
// set, and labels the calling goroutine with the first stage on top of
// ctx's labels. stop puts ctx's labels back.
func (j *Job) newStageClock(ctx context.Context, order []string) *stageClock {
	c := &stageClock{log: j.Log, sink: j.Stages, heapProfile: j.HeapProfile, samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}, order: order, ctx: ctx}
	c.label(order[0])
	c.wall, c.cpu, c.gc, _, _ = c.read()
	return c
}

// stop gives the calling goroutine back the labels of the job's context.
func (c *stageClock) stop() { pprof.SetGoroutineLabels(c.ctx) }

// label labels the calling goroutine, and those it starts from now on,
// with stage.
func (c *stageClock) label(stage string) {
	pprof.SetGoroutineLabels(pprof.WithLabels(c.ctx, pprof.Labels("stage", stage)))
}

// next is the stage that follows stage in c's order.
func (c *stageClock) next(stage string) string {
	for i, s := range c.order {
		if s == stage && i+1 < len(c.order) {
			return c.order[i+1]
		}
	}
	return "after_" + stage
}

func (c *stageClock) read() (wall time.Time, cpu, gc float64, live uint64, maxRSS int64) {
	wall = time.Now()
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		maxRSS = ru.Maxrss // KiB on Linux
	}
	gc = GCCPU()
	metrics.Read(c.samples)
	if c.samples[0].Value.Kind() == metrics.KindUint64 {
		live = c.samples[0].Value.Uint64()
	}
	return
}

// done logs the stage that ran since the previous call.
func (c *stageClock) done(stage string, items int) {
	wall, cpu, gc, live, rss := c.read()
	t := StageTiming{Stage: stage, Items: items, Wall: wall.Sub(c.wall).Seconds(), CPU: cpu - c.cpu, GC: gc - c.gc,
		HeapLiveMB: int64(live >> 20), PeakRSSMB: rss >> 10}
	c.wall, c.cpu, c.gc = wall, cpu, gc
	rate := 0.0
	if t.Wall > 0 {
		rate = float64(int64(float64(items) / t.Wall))
	}
	c.log.Debug().Str("stage", stage).Int("items", items).Float64("items_per_s", rate).
		Float64("wall_s", round3(t.Wall)).Float64("cpu_s", round3(t.CPU)).
		Float64("gc_cpu_s", round3(t.GC)).Int64("heap_live_mb", t.HeapLiveMB).Int64("peak_rss_mb", t.PeakRSSMB).
		Msg("stage timing")
	if c.sink != nil {
		c.sink(t)
	}
	if c.heapProfile != "" {
		c.writeHeapProfile(stage)
	}
	c.label(c.next(stage))
}

// writeHeapProfile collects garbage and writes the heap profile of stage;
// a failure is logged, not fatal: the profile is a diagnosis aid.
func (c *stageClock) writeHeapProfile(stage string) {
	runtime.GC()
	path := c.heapProfile + "-" + stage + ".pprof"
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		c.log.Warn().Err(err).Str("path", path).Msg("heap profile not written")
	}
	// The collection and the writing are not the next stage's work.
	c.wall, c.cpu, c.gc, _, _ = c.read()
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// gcMetrics are the runtime's estimates of the collector's CPU time: mark
// assists, dedicated mark workers and pauses. Idle-time marking is left out:
// it runs only on processors that have nothing else to do, and on a loaded
// machine the runtime counts it without it getting a CPU.
var gcMetrics = []string{"/cpu/classes/gc/mark/assist:cpu-seconds", "/cpu/classes/gc/mark/dedicated:cpu-seconds", "/cpu/classes/gc/pause:cpu-seconds"}

// GCCPU is the collector's CPU seconds so far in this process (gcMetrics).
func GCCPU() float64 {
	s := make([]metrics.Sample, len(gcMetrics))
	for i, n := range gcMetrics {
		s[i].Name = n
	}
	metrics.Read(s)
	total := 0.0
	for _, x := range s {
		if x.Value.Kind() == metrics.KindFloat64 {
			total += x.Value.Float64()
		}
	}
	return total
}
