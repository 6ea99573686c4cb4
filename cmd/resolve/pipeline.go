package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/store"
)

// resolveMain is the main job: read, take the run lock, apply judgements,
// cluster, give clusters their stable IDs, verify (reusing stored results),
// compare with the previous run, save the run and write the report.
func (a *app) resolveMain(ctx context.Context, inPath string) error {
	return a.mainJob(ctx, inPath, nil)
}

// mainJob is resolveMain; stages, if set, receives each stage's timing as
// it is logged (resolve scale --main).
func (a *app) mainJob(ctx context.Context, inPath string, stages func(stageTiming)) (err error) {
	started := time.Now().UTC()
	clock := newStageClock(a.log)
	clock.sink = stages
	clock.heapProfile = a.heapProfile
	in, err := a.readInput(ctx, inPath)
	if err != nil {
		return err
	}
	clock.done("read", len(in.records))
	a.log.Info().Int("records", len(in.records)).Int("rejected", len(in.rejected)).Msg("input read")

	b, err := a.beginRun(ctx, state.RunInfo{InputPath: in.path, InputSHA256: in.sha256, ConfigDigest: a.cfg.Digest(), Version: version})
	if err != nil {
		return err // a *state.LockedError says who holds the store
	}
	defer b.close()
	ss, run := b.ss, b.run
	counts := state.Counts{}
	defer func() { b.fail(ctx, err, counts) }()

	judged, err := a.applyJudgements(ctx, ss, in)
	if err != nil {
		return err
	}
	clock.done("open_state", len(in.records))
	rows := make([]engine.Row, len(in.records))
	for i, r := range in.records {
		rows[i] = engine.Row{Name: r.MatchName(), Country: r.Country} // the report keeps r.Name whole
	}
	opt := engineOptions(a.cfg)
	opt.Progress = a.stageProgress()
	opt.StageDone = clock.done
	if judged.dec != nil {
		opt.Same, opt.Different = judged.dec.Same, judged.dec.Different
	}
	res, err := engine.Run(ctx, rows, opt)
	if err != nil {
		return err
	}
	a.log.Info().Int("clusters", len(res.Clusters)).Int("candidate_pairs", res.CandidatePairs).Int("scored_pairs", res.ScoredPairs).Msg("clustered")
	// Neither the engine's rows nor its candidate pairs (48 MB at a million
	// names) are needed for the report, which is built at the job's peak
	// of memory.
	rows, res.Pairs = nil, nil

	rep := buildReport(in, res)
	rep.Run.ID = run.ID
	rep.Run.Version = version
	rep.Run.StartedAt = started
	rep.Run.ConfigDigest = a.cfg.Digest()
	rep.Run.Sources = sourceUse(a.cfg)
	rep.Judgements = judged.report(res)
	pairs := res.CandidatePairs
	// The report now holds all that is needed: let the engine's names and the
	// input records go before verification, which needs memory of its own.
	res, in.records = nil, nil
	// Collected now, while the heap is at its largest: the next stages then
	// reuse what the names and records held instead of growing the heap
	// before the soft memory limit's collection catches up (peak RSS).
	runtime.GC()
	clock.done("build_report", len(rep.Clusters))
	return a.finishRun(ctx, runEnd{begun: b, rep: rep, judged: judged, pairs: pairs, clock: clock}, &counts)
}

// begun is a run under the store's run lock, with the previous successful
// run.
type begun struct {
	st      *store.Store
	ss      state.Store
	run     state.Run
	prev    state.Run
	hasPrev bool
	log     zerolog.Logger
}

// beginRun opens the store and its run state, begins a run (waiting for
// the run lock; runs found interrupted are marked failed) and finds the
// previous successful run. close releases the store; fail records the run
// as failed when the job ends in a failure.
func (a *app) beginRun(ctx context.Context, info state.RunInfo) (_ *begun, err error) {
	b := &begun{log: a.log}
	if b.st, err = a.openStore(ctx); err != nil {
		return nil, err
	}
	if b.ss, err = state.Open(ctx, b.st, a.cfg.Store.PostgresDSN, state.Options{LockWait: a.cfg.Store.LockWait}); err != nil {
		b.st.Close()
		return nil, fmt.Errorf("open run state: %w", err)
	}
	run, stale, err := b.ss.BeginRun(ctx, info)
	if err != nil {
		b.close()
		return nil, err
	}
	b.run = run
	for _, id := range stale {
		a.log.Warn().Str("run", id).Msg("an earlier run was interrupted; marked failed, its finished verification is reused")
	}
	if b.prev, b.hasPrev, err = b.ss.PreviousSuccessful(ctx); err != nil {
		b.fail(ctx, err, state.Counts{})
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *begun) close() {
	b.ss.Close()
	b.st.Close()
}

// fail records the run as failed if err is a failure (a finished run with
// flags at --fail-on, or nothing verified, is not).
func (b *begun) fail(ctx context.Context, err error, counts state.Counts) {
	if err != nil && !errors.Is(err, errFlagged) && !errors.Is(err, errUnverified) {
		if ferr := b.ss.FinishRun(context.WithoutCancel(ctx), b.run.ID, state.Failed, counts, err); ferr != nil {
			b.log.Error().Err(ferr).Str("run", b.run.ID).Msg("could not record the run as failed; the next run marks it failed")
		}
	}
}

// runEnd is what the end of a run (finishRun) works on: the run begun, and
// the report of its clusters before IDs and verification.
type runEnd struct {
	*begun
	rep    *report.Report
	judged judged
	pairs  int // candidate pairs scored
	clock  *stageClock
	// keepIDs: the clusters come with IDs, given by the rule below against
	// a previous run the store does not hold (resolve verify --clusters on
	// resolve-beam's lines); they, the reuse of names and the changes are
	// kept unless the store has a previous run.
	keepIDs bool
}

// finishRun is the end of the main job and of resolve verify --clusters:
// stable IDs, verification (reusing stored results), the comparison with
// the previous run, the snapshot, the report and the run's outcome
// (counts, for the caller's record of a failure).
func (a *app) finishRun(ctx context.Context, e runEnd, counts *state.Counts) (err error) {
	ss, rep, prev, hasPrev, pairs, clock := e.ss, e.rep, e.prev, e.hasPrev, e.pairs, e.clock
	judged := e.judged
	// Stable IDs: a cluster keeps the ID of yesterday's cluster whose
	// members it mostly holds. Yesterday's run is read as a compact index
	// (member key → cluster), not as objects, and the lineage AssignIDs
	// finds is the one the report's changes give.
	// Each member's key and each cluster's content key are computed here
	// once, for the IDs, the comparison and the snapshot.
	memberKeys, keys := state.ReportKeys(rep)
	var before *state.Previous
	if hasPrev {
		if before, err = ss.Previous(ctx, prev.ID); err != nil {
			return err
		}
	} else {
		before = state.NewPrevious(nil)
	}
	ids, lineage, contents := before.AssignIDsContent(keys)
	kept := e.keepIDs && !hasPrev
	for i := range rep.Clusters {
		if !kept || rep.Clusters[i].ID == "" {
			rep.Clusters[i].ID = ids[i]
		}
	}

	reuse := &report.Reuse{}
	if kept && rep.Run.Reuse != nil {
		reuse = rep.Run.Reuse
	}
	if hasPrev {
		reuse.PreviousRunID = prev.ID
		for _, ks := range keys {
			for _, k := range ks {
				if before.Has(k) {
					reuse.NamesReused++
				} else {
					reuse.NamesNew++
				}
			}
		}
	}
	rep.Run.Reuse = reuse
	if err := markChecked(ctx, ss, judged.dec, rep, keys, before); err != nil {
		return err
	}
	clock.done("ids", len(rep.Clusters))
	if a.cfg.Verify.Enabled {
		if err := a.verifyStage(ctx, e.st, ss, rep, reuse); err != nil {
			return err
		}
	}
	clock.done("verify", len(rep.Clusters))
	rep.Summary = summarise(rep, pairs)
	reuse.PairsScored = pairs

	snap := state.FromReportKeys(rep, memberKeys, contents)
	memberKeys, contents = nil, nil
	if judged.dec != nil {
		snap.Judgements = judged.dec.Applied
	}
	if hasPrev {
		ch := before.Changes(snap, &lineage)
		ch.PreviousRunID = prev.ID
		rep.Changes = &ch
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	clock.done("compare", len(snap.Clusters))
	// The report is written while the snapshot is saved (neither changes
	// what they read), to a temporary file that is renamed into place only
	// once the snapshot is saved: a failed save leaves --out as it was, and
	// stdout is written only after the save. The save_snapshot stage's CPU
	// includes the writing beside it; write_report is what is left of it.
	rep.Run.FinishedAt = time.Now().UTC()
	// SQLite's page cache for the save (state's bulkCacheKiB) is outside the Go heap and
	// its soft limit: the heap gives back the pages it no longer uses first.
	debug.FreeOSMemory()
	saved := make(chan error, 1) // buffered: the writer may have failed and not be waiting
	written := make(chan error, 1)
	go func() { written <- a.writeReport(ctx, rep, func() error { return <-saved }) }()
	serr := ss.SaveSnapshot(ctx, e.run.ID, snap)
	saved <- serr
	clock.done("save_snapshot", len(snap.Clusters))
	werr := <-written
	if serr != nil {
		return serr
	}
	if werr != nil {
		return werr
	}
	clock.done("write_report", len(rep.Clusters))
	a.reportWritten(rep)
	*counts = state.Counts{Read: rep.Run.Rows.Read, Clustered: rep.Run.Rows.Clustered, Rejected: rep.Run.Rows.Rejected,
		Ignored: rep.Run.Rows.Ignored, Clusters: len(rep.Clusters), Verified: reuse.ClustersVerified, Reused: reuse.ClustersReused}
	if err := ss.FinishRun(context.WithoutCancel(ctx), e.run.ID, state.Succeeded, *counts, nil); err != nil {
		return err
	}
	if keep := a.cfg.Store.KeepRuns; keep > 0 {
		if n, err := ss.PruneSnapshots(ctx, keep); err != nil {
			a.log.Warn().Err(err).Msg("pruning old run snapshots failed")
		} else if n > 0 {
			a.log.Debug().Int("runs", n).Msg("pruned old run snapshots")
		}
		if _, err := ss.PruneVerification(ctx); err != nil {
			a.log.Warn().Err(err).Msg("pruning expired verification results failed")
		}
	}
	if a.cfg.FailOn != "" && flaggedAtLeast(rep, a.cfg.FailOn) {
		return errFlagged
	}
	if a.cfg.FailOn != "" && rep.Summary.Verification != nil && rep.Summary.Verification.Outcome == "failed" {
		return errUnverified
	}
	return nil
}

// judged holds the investigators' decisions of a run.
type judged struct {
	file string
	dec  *state.Decisions
}

// applyJudgements loads the judgements file, resolves cluster IDs against past
// runs, and moves ignored rows out of the input.
func (a *app) applyJudgements(ctx context.Context, ss state.Store, in *loaded) (judged, error) {
	j := judged{file: a.cfg.Judgements}
	if j.file == "" {
		return j, nil
	}
	js, err := state.LoadJudgements(j.file)
	if err != nil {
		return j, usageErr("fix the judgements file (header kind,a,b,note)", "%v", err)
	}
	if j.dec, err = state.Decide(ctx, js, ss); err != nil {
		return j, err
	}
	kept := in.records[:0]
	for _, r := range in.records {
		if j.dec.Ignored(r.Name) {
			in.ignored = append(in.ignored, report.IgnoredRow{Row: r.Row, ID: r.ID, Name: r.Name, Reason: "ignore judgement in " + j.file})
			continue
		}
		kept = append(kept, r)
	}
	in.records = kept
	for _, c := range j.dec.Conflicts {
		a.log.Warn().Msg("conflicting judgements: " + c.String())
	}
	return j, nil
}

func (j judged) report(res *engine.Result) *report.Judgements {
	if j.dec == nil {
		return nil
	}
	r := &report.Judgements{File: j.file, Conflicts: []string{}, Unresolved: []string{}}
	for _, x := range j.dec.Applied {
		if x.Outcome == "applied" {
			r.Applied++
		}
	}
	for _, c := range j.dec.Conflicts {
		r.Conflicts = append(r.Conflicts, c.String())
	}
	for _, c := range res.Conflicts {
		r.Conflicts = append(r.Conflicts, fmt.Sprintf("same %q %q was not applied: a different judgement separates them", c[0], c[1]))
	}
	for _, u := range j.dec.Unresolved {
		r.Unresolved = append(r.Unresolved, u.String())
	}
	return r
}

// verifyStage indexes configured bulk files and verifies the clusters,
// taking each cluster's result from the store when an earlier run (even one
// that was killed) already verified the same members under the same settings.
func (a *app) verifyStage(ctx context.Context, st *store.Store, ss state.Store, rep *report.Report, reuse *report.Reuse) error {
	if err := a.indexConfiguredBulk(ctx, st); err != nil {
		return err
	}
	v, err := a.newVerification(ctx, st)
	if err != nil {
		return err
	}
	if v.web != nil {
		defer v.web.Close()
	}
	v.state, v.digest, v.ttl = ss, v.settingsDigest(), v.resultTTL()
	if v.searchesNothing() {
		// Nothing stored, nothing read: a million clusters are verified in
		// memory in seconds, where storing their results took minutes.
		v.state = nil
		a.log.Debug().Msg("no source can search (nothing indexed, no online source, no web check): results are not stored")
	}
	total := len(rep.Clusters)
	if m := a.cfg.Verify.MaxClusters; m > 0 {
		total = min(total, m)
	}
	bar := a.progress("verify", total)
	v.progress = bar
	err = v.verifyAll(ctx, rep)
	bar(-1)
	if err != nil {
		return err
	}
	rep.Summary.Verification = v.summary()
	logOutcome(a.log, rep.Summary.Verification)
	reuse.ClustersVerified, reuse.ClustersReused = int(v.verified.Load()), int(v.reused.Load())
	rep.Run.Sources = v.sourceUsage(rep)
	a.log.Info().Int("flagged", countFlagged(rep)).Int("verified", reuse.ClustersVerified).Int("reused", reuse.ClustersReused).Msg("verified")
	return nil
}

// verified is the part of a cluster the verify stage fills, as stored.
type verified struct {
	RegistryMatches []report.RegistryMatch `json:"registry_matches"`
	Coverage        []report.Coverage      `json:"coverage"`
	Web             []report.WebSite       `json:"web"`
	Flags           []report.Flag          `json:"flags"`
	Risk            report.Risk            `json:"risk"`
}

func (v *verification) settingsDigest() string {
	c := v.cfg
	var loads []string
	if v.local != nil {
		for _, l := range v.local.Loads() {
			loads = append(loads, fmt.Sprintf("%s:%d:%s", l.Source, l.ID, l.LoadedAt.UTC().Format(time.RFC3339Nano)))
		}
	}
	sources := c.Sources.ByName()
	for i := range sources {
		// The key itself stays out of the digest (a rotated key changes
		// nothing that was found); whether there is one does not: a source
		// skipped for want of a key is asked once a key is set.
		if sources[i].APIKey != "" {
			sources[i].APIKey = "set"
		}
	}
	b, _ := json.Marshal(struct {
		Verify  any
		Sources any
		Web     any
		Flags   any
		Match   any
		Loads   []string
		Version string
	}{c.Verify, sources, c.Web, c.Flags, c.Match, loads, version})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// resultTTL is how long a stored verification stays valid: the shortest
// cache lifetime of the sources that produced it.
func (v *verification) resultTTL() time.Duration {
	ttl := time.Duration(0)
	for _, s := range v.cfg.Sources.ByName() {
		if s.Enabled && s.TTL > 0 && (ttl == 0 || s.TTL < ttl) {
			ttl = s.TTL
		}
	}
	if v.web != nil && v.cfg.Web.TTL > 0 && (ttl == 0 || v.cfg.Web.TTL < ttl) {
		ttl = v.cfg.Web.TTL
	}
	if ttl == 0 {
		ttl = 24 * time.Hour
	}
	return ttl
}

// stageClock logs, at debug level, one line ("stage timing") per stage of
// the main job (read, open_state (store, run lock, judgements); the engine's dedup, prepare, block, score, cluster and
// assemble; build_report, ids, verify, compare, save_snapshot,
// write_report, the two side by side (see finishRun)): its items and their rate, its wall and CPU time (user and
// system, the whole process), the garbage collector's share of that CPU,
// the live heap at its end and the peak RSS so far, so that a profile of a
// nightly run needs no patch.
type stageClock struct {
	log  zerolog.Logger
	sink func(stageTiming) // nil, or told every stage too
	// heapProfile, if set, is a path prefix: each stage's end writes the
	// live heap (as of a collection run then) to PREFIX-STAGE.pprof.
	heapProfile string
	wall        time.Time
	cpu, gc     float64
	samples     []metrics.Sample
}

// stageTiming is one stage as stageClock measured it.
type stageTiming struct {
	Stage      string
	Items      int
	Wall       float64 // seconds
	CPU, GC    float64 // seconds of the whole process, GC's part of it
	HeapLiveMB int64
	PeakRSSMB  int64
}

func newStageClock(log zerolog.Logger) *stageClock {
	c := &stageClock{log: log, samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	c.wall, c.cpu, c.gc, _, _ = c.read()
	return c
}

func (c *stageClock) read() (wall time.Time, cpu, gc float64, live uint64, maxRSS int64) {
	wall = time.Now()
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		maxRSS = ru.Maxrss // KiB on Linux
	}
	gc = gcCPU()
	metrics.Read(c.samples)
	if c.samples[0].Value.Kind() == metrics.KindUint64 {
		live = c.samples[0].Value.Uint64()
	}
	return
}

// done logs the stage that ran since the previous call.
func (c *stageClock) done(stage string, items int) {
	wall, cpu, gc, live, rss := c.read()
	t := stageTiming{Stage: stage, Items: items, Wall: wall.Sub(c.wall).Seconds(), CPU: cpu - c.cpu, GC: gc - c.gc,
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
