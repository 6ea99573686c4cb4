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
//   - Store.LoadVerification / SaveVerification: per-cluster verification
//     results keyed by the cluster's content and the verification settings.
//   - AssignIDs: stable cluster IDs and the split/merge record.
//   - LoadJudgements, AddJudgement, Decide: the investigators' decisions.
//   - Compare, FromReport, ReportMemberKeys: snapshots and the report.
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
// Measured on a shared 2-core machine (load about 3), one million names in
// clusters of 1 to 6, 1% new the next night (go test -run XXX -bench .
// -benchtime 1x ./resolve/state, with RESOLVE_TEST_POSTGRES_DSN for
// PostgreSQL on loopback):
//
//	AssignIDs                    2.1 s, 270 MB allocated
//	SaveSnapshot, SQLite         15-17 s (100k names: 0.8 s)
//	SaveSnapshot, PostgreSQL     11 s    (100k names: 1.0 s)
//	Clusters (load), SQLite      4-6 s, 660 MB allocated
//	Clusters (load), PostgreSQL  2.6 s
//
// A snapshot costs about 100 bytes per name on disk; PruneSnapshots keeps
// the store from growing by one snapshot a night.
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
// returns its ID. Verification results are committed one by one as they are
// made (SaveVerification), so a rerun after a kill finds them and does not
// redo them.
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
//	js, _ := state.LoadJudgements(cfg.Judgements)
//	dec, _ := state.Decide(ctx, js, st)
//	// drop rows with dec.Ignored(name); opt.Same, opt.Different = dec.Same, dec.Different
//	// engine.Run, buildReport
//	keys := state.ReportMemberKeys(rep)
//	var prev []state.PrevCluster
//	if hasPrev { prev, _ = st.Clusters(ctx, prevRun.ID) }
//	ids, changes := state.AssignIDs(prev, keys, state.NewClusterID)
//	// rep.Clusters[i].ID = ids[i]; verify cluster i under
//	// state.VerificationKey(keys[i], verifyDigest) with Load/SaveVerification
//	snap := state.FromReport(rep); snap.Judgements = dec.Applied
//	_ = st.SaveSnapshot(ctx, run.ID, snap)
//	// changes from AssignIDs plus flags and statuses: Compare(prevSnap, snap)
//	_ = st.FinishRun(ctx, run.ID, state.Succeeded, counts, nil)
package state
