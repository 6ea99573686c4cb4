// Package state keeps what one nightly run of resolve hands to the next: the
// runs, their clusters with stable IDs, the flags and registry statuses found,
// the investigators' judgements applied, and verification results that a
// killed run had already committed.
//
// # Entry points
//
//   - Open / OpenSQLite / OpenPostgres: a Store on the embedded SQLite file
//     (resolve/store; the tables come from its migration 3, "run state") or on
//     PostgreSQL (pgx) when the configuration gives store.postgres_dsn. Both
//     have the same tables and the same behaviour; one test suite runs over
//     both.
//   - Store.BeginRun / SaveSnapshot / FinishRun: the run lifecycle under a run
//     lock. PreviousSuccessful, ListRuns, GetRun, Clusters, Snapshot, Diff,
//     ClusterNames read.
//   - Store.Previous: the previous run in compact form (Previous: member key
//     → cluster ID, flags, statuses), what the next run needs.
//   - Store.LoadVerifications / SaveVerifications and ResultWriter:
//     per-cluster verification results keyed by the cluster's content and
//     the verification settings, committed in batches; each distinct result
//     body is stored once.
//   - AssignIDs, Previous.AssignIDs: stable cluster IDs and the split/merge
//     record (Previous.AssignIDsContent also returns the content keys it
//     computed); Previous.Changes: what changed since.
//   - LoadJudgements, AddJudgement, Decide: the investigators' decisions.
//   - Compare, FromReport, ReportMemberKeys: snapshots and the report;
//     ReportKeys and FromReportKeys, for a caller that needs the keys more
//     than once (the main job), compute each member key once.
//
// # Stable cluster IDs
//
// A member key (MemberKey) names a distinct name: folded name and country.
// AssignIDs gives a new cluster the ID of the previous cluster of which it
// holds more than half of the members; larger overlaps are served first, ties
// go to the smaller ID, and an ID is inherited at most once. Other clusters
// get a fresh content-derived ID (NewClusterID: "C" and 10 hex digits of the
// SHA-256 of the sorted member keys). Only member sets are compared, so row
// order never matters, and a cluster that gains names keeps its ID. Cost: one
// pass over the members with a map lookup each, then a sort of the eligible
// (new, old) pairs, of which there are at most one per new cluster per old
// cluster it overlaps.
//
// # Cost
//
// Measured on a shared 2-core machine (load 2-4), clusters of 1 to 6 names,
// 1% new the next night (go test -run '^$' -bench 'Snapshot|AssignIDs|
// Verification|ResultWriter' -benchtime 3x ./resolve/state, with
// RESOLVE_TEST_POSTGRES_DSN for PostgreSQL on loopback):
//
//	Previous.AssignIDs, 1M names         1.4 s, 63 MB allocated (AssignIDs on objects: 2.3 s)
//	SaveSnapshot, 100k names             SQLite 1.0-1.1 s, PostgreSQL 2.0 s (one transaction, multi-row)
//	Previous (load), 100k names          SQLite 0.22 s, PostgreSQL 0.23 s
//	20,000 verification results, save    ResultWriter 0.3-0.5 s; one commit each 3.6-4.4 s
//	20,000 verification results, load    SQLite 0.2 s, PostgreSQL 0.24 s (each body read once)
//
// A snapshot costs about 100 bytes per name on disk; PruneSnapshots keeps
// the store from growing by one snapshot a night. A verification result
// costs a row of about 180 bytes naming its body; a body many clusters
// share (nothing found, the same coverage) is stored once.
//
// Worked example: yesterday A={a,b,c}, B={d,e}; today {a,b,c,x}, {d}, {e,y}.
// The first holds all of A: it is A. {d} and {e,y} each hold one of B's two
// members, not more than half: both get fresh IDs. B is removed and recorded
// as split into the two fresh IDs.
//
// # Locking and killed runs
//
// BeginRun takes a lock that FinishRun releases: on SQLite an flock(2) on
// the file "<db>.lock" beside the database (its text names the holder's pid,
// host and start time), on PostgreSQL a session advisory lock keyed by the
// schema. The kernel (or the server) drops either lock when the holding
// process dies, even by SIGKILL. A second run waits up to Options.LockWait
// (store.lock_wait), then fails with a *LockedError (errors.Is ErrLocked)
// naming the holder's run, pid, host and start time. Once a run holds the
// lock, any run still marked "running" is dead: BeginRun marks it failed and
// returns its ID. Verification results are committed in batches as they are
// made (ResultWriter: every 2,000 results or after 1 s, whichever comes
// first; a result after a quiet spell at once), so a run killed at any point
// loses at most the batch that was waiting, and a rerun finds every
// committed result and redoes exactly the others.
//
// # Judgements
//
// A judgements file (config key judgements) is CSV with the header
// kind,a,b,note, or a YAML list of {kind, a, b, note} when the name ends in
// .yaml or .yml. Kinds: "same" and "different" between two names or cluster
// IDs, "ignore" a name (b empty). Errors name the file, line, column and
// field. Decide turns them into engine.Options.Same / Different (raw names;
// a cluster ID stands for its members' names as of the latest succeeded run
// that had it) and an ignore set, and reports contradictions (a "different"
// whose two sides a "same" or a chain of "same" judgements joins) as
// Conflicts instead of resolving them silently.
//
// # Calling it from the pipeline
//
//	st, _ := state.Open(ctx, storeFile, cfg.Store.PostgresDSN, state.Options{LockWait: cfg.Store.LockWait})
//	defer st.Close()
//	run, stale, err := st.BeginRun(ctx, state.RunInfo{InputPath: in.path, InputSHA256: in.sha256, ConfigDigest: digest, Version: version})
//	// errors.Is(err, state.ErrLocked): exit with the message; log stale.
//	prevRun, hasPrev, _ := st.PreviousSuccessful(ctx)
//	prev := state.NewPrevious(nil)
//	if hasPrev { prev, _ = st.Previous(ctx, prevRun.ID) }
//	js, _ := state.LoadJudgements(cfg.Judgements)
//	dec, _ := state.Decide(ctx, js, st)
//	// drop rows with dec.Ignored(name); opt.Same, opt.Different = dec.Same, dec.Different
//	// engine.Run, buildReport
//	keys := state.ReportMemberKeys(rep)
//	ids, lineage := prev.AssignIDs(keys, state.NewClusterID)
//	// rep.Clusters[i].ID = ids[i]; verify cluster i under its VerifyKey:
//	// LoadVerifications, then w := state.NewResultWriter(ctx, st, state.WriterOptions{});
//	// w.Add(key, blob, ttl) per result; w.Close()
//	snap := state.FromReport(rep); snap.Judgements = dec.Applied
//	changes := prev.Changes(snap, &lineage) // lineage plus flags and statuses
//	_ = st.SaveSnapshot(ctx, run.ID, snap)
//	_ = st.FinishRun(ctx, run.ID, state.Succeeded, counts, nil)
package state
