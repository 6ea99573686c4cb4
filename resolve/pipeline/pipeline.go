// Package pipeline is resolve's main job as a library, from a
// configuration: read the input (every bad row kept with its reason), take
// the store's run lock, apply the investigators' judgements, cluster
// (package engine), build the report's clusters (package job), give them
// stable IDs against the previous run, verify them reusing stored results
// (package verify and its sources), compare with the previous run, save the
// run's snapshot and write the report, then record the run's outcome.
//
// Job holds the configuration and what the caller wires in (where the
// report goes, progress, the terminal's summary); cmd/resolve keeps flags
// and that wiring only. Job.Main runs the whole job, Job.VerifyClusters the
// stages from the IDs on over clusters another job made (resolve-beam's
// JSON lines). A run killed at any stage loses no finished work: verified
// results are committed in batches as they come (state.ResultWriter), and
// the report appears only once the snapshot is saved.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/store"
)

// Job is the main job of resolve over one configuration. Its stages are
// its methods, in order: readInput, beginRun (the store's run lock),
// applyJudgements, the engine and buildReport, then finishRun (stable IDs,
// verification reusing stored results, the comparison with the previous
// run, the snapshot and the report). Main runs them all; VerifyClusters
// reads clusters another job made (resolve-beam) and runs finishRun on
// them, so both end a run the same way.
//
// The command line gives the wiring: where the report goes (Write), what
// the terminal shows (Progress, Written). Nothing here parses flags.
type Job struct {
	Config  *config.Config
	Log     zerolog.Logger
	Version string    // the tool's version, in the report, the run record and the stored results' digest
	Stdin   io.Reader // the input read for the path "-"
	// Write writes the finished report where the configuration says; the
	// report must not appear before ready returns nil (the snapshot is
	// saved), and ready must be waited for even if writing fails.
	Write func(ctx context.Context, rep *report.Report, ready func() error) error
	// Progress, if set, returns a function told how far a stage is (done
	// so far; -1 finishes it; total < 0 is unknown).
	Progress func(stage string, total int) func(done int)
	// Written, if set, is told of the report once it is written.
	Written func(rep *report.Report)
	// Stages, if set, is told every stage's timing (resolve scale --main).
	Stages func(StageTiming)
	// HeapProfile, if set, is a path prefix: each stage's end writes the
	// live heap to PREFIX-STAGE.pprof.
	HeapProfile string
}

// Main is the main job: read, take the run lock, apply judgements,
// cluster, give clusters their stable IDs, verify (reusing stored results),
// compare with the previous run, save the run and write the report.
func (j *Job) Main(ctx context.Context, inPath string) (err error) {
	started := time.Now().UTC()
	clock := j.newStageClock(ctx, mainStages)
	defer clock.stop()
	in, err := j.readInput(ctx, inPath)
	if err != nil {
		return err
	}
	clock.done("read", len(in.records))
	j.Log.Info().Int("records", len(in.records)).Int("rejected", len(in.rejected)).Msg("input read")

	b, err := j.beginRun(ctx, state.RunInfo{InputPath: in.path, InputSHA256: in.sha256, ConfigDigest: j.Config.Digest(), Version: j.Version})
	if err != nil {
		return err // a *state.LockedError says who holds the store
	}
	defer b.close()
	ss, run := b.ss, b.run
	counts := state.Counts{}
	defer func() { b.fail(ctx, err, counts) }()

	judged, err := j.applyJudgements(ctx, ss, in)
	if err != nil {
		return err
	}
	clock.done("open_state", len(in.records))
	rows := make([]engine.Row, len(in.records))
	for i, r := range in.records {
		rows[i] = engine.Row{Name: r.MatchName(), Country: r.Country} // the report keeps r.Name whole
	}
	opt := job.EngineOptions(j.Config)
	opt.Progress = j.stageProgress()
	opt.StageDone = clock.done
	if judged.dec != nil {
		opt.Same, opt.Different = judged.dec.Same, judged.dec.Different
	}
	res, err := engine.Run(ctx, rows, opt)
	if err != nil {
		return err
	}
	j.Log.Info().Int("clusters", len(res.Clusters)).Int("candidate_pairs", res.CandidatePairs).Int("scored_pairs", res.ScoredPairs).Msg("clustered")
	// Neither the engine's rows nor its candidate pairs (48 MB at a million
	// names) are needed for the report, which is built at the job's peak
	// of memory.
	rows, res.Pairs = nil, nil

	rep := buildReport(in, res)
	rep.Run.ID = run.ID
	rep.Run.Version = j.Version
	rep.Run.StartedAt = started
	rep.Run.ConfigDigest = j.Config.Digest()
	rep.Run.Sources = sourceUse(j.Config)
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
	return j.finishRun(ctx, runEnd{begun: b, rep: rep, judged: judged, pairs: pairs, clock: clock}, &counts)
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
func (j *Job) beginRun(ctx context.Context, info state.RunInfo) (_ *begun, err error) {
	b := &begun{log: j.Log}
	if b.st, err = j.OpenStore(ctx); err != nil {
		return nil, err
	}
	if b.ss, err = state.Open(ctx, b.st, j.Config.Store.PostgresDSN, state.Options{LockWait: j.Config.Store.LockWait}); err != nil {
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
		j.Log.Warn().Str("run", id).Msg("an earlier run was interrupted; marked failed, its finished verification is reused")
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
	if err != nil && !errors.Is(err, ErrFlagged) && !errors.Is(err, ErrUnverified) {
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
func (j *Job) finishRun(ctx context.Context, e runEnd, counts *state.Counts) (err error) {
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
		reuse.NamesReused, reuse.NamesNew = before.CountKnown(keys)
	}
	rep.Run.Reuse = reuse
	if err := markChecked(ctx, ss, judged.dec, rep, keys, before); err != nil {
		return err
	}
	clock.done("ids", len(rep.Clusters))
	if j.Config.Verify.Enabled {
		if err := j.verifyStage(ctx, e.st, ss, rep, reuse); err != nil {
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
	go func() { written <- j.Write(ctx, rep, func() error { return <-saved }) }()
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
	if j.Written != nil {
		j.Written(rep)
	}
	*counts = state.Counts{Read: rep.Run.Rows.Read, Clustered: rep.Run.Rows.Clustered, Rejected: rep.Run.Rows.Rejected,
		Ignored: rep.Run.Rows.Ignored, Clusters: len(rep.Clusters), Verified: reuse.ClustersVerified, Reused: reuse.ClustersReused}
	if err := ss.FinishRun(context.WithoutCancel(ctx), e.run.ID, state.Succeeded, *counts, nil); err != nil {
		return err
	}
	if keep := j.Config.Store.KeepRuns; keep > 0 {
		if n, err := ss.PruneSnapshots(ctx, keep); err != nil {
			j.Log.Warn().Err(err).Msg("pruning old run snapshots failed")
		} else if n > 0 {
			j.Log.Debug().Int("runs", n).Msg("pruned old run snapshots")
		}
		if _, err := ss.PruneVerification(ctx); err != nil {
			j.Log.Warn().Err(err).Msg("pruning expired verification results failed")
		}
	}
	if j.Config.FailOn != "" && flaggedAtLeast(rep, j.Config.FailOn) {
		return ErrFlagged
	}
	if j.Config.FailOn != "" && rep.Summary.Verification != nil && rep.Summary.Verification.Outcome == "failed" {
		return ErrUnverified
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
func (j *Job) applyJudgements(ctx context.Context, ss state.Store, in *loaded) (judged, error) {
	d := judged{file: j.Config.Judgements}
	if d.file == "" {
		return d, nil
	}
	js, err := state.LoadJudgements(d.file)
	if err != nil {
		return d, usageErr("fix the judgements file (header kind,a,b,note)", "%v", err)
	}
	if d.dec, err = state.Decide(ctx, js, ss); err != nil {
		return d, err
	}
	kept := in.records[:0]
	for _, r := range in.records {
		if d.dec.Ignored(r.Name) {
			in.ignored = append(in.ignored, report.IgnoredRow{Row: r.Row, ID: r.ID, Name: r.Name, Reason: "ignore judgement in " + d.file})
			continue
		}
		kept = append(kept, r)
	}
	in.records = kept
	for _, c := range d.dec.Conflicts {
		j.Log.Warn().Msg("conflicting judgements: " + c.String())
	}
	return d, nil
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
