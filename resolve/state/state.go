package state

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/store"
)

// Outcome is the state of a run.
type Outcome string

// Run outcomes.
const (
	Running   Outcome = "running"
	Succeeded Outcome = "succeeded"
	Failed    Outcome = "failed"
)

// Sentinel errors.
var (
	// ErrLocked: another run holds the store. The error is a *LockedError
	// naming the holder when it can be found.
	ErrLocked = errors.New("state: another resolve run is using the store")
	// ErrNoRun: no run with that ID.
	ErrNoRun = errors.New("state: no such run")
	// ErrNoSnapshot: the run never saved its clusters (it failed early).
	ErrNoSnapshot = errors.New("state: run has no saved clusters")
	// ErrNotHeld: FinishRun or SaveSnapshot for a run this handle did not begin.
	ErrNotHeld = errors.New("state: run was not begun by this handle")
)

// LockedError says who holds the store. errors.Is(err, ErrLocked) is true.
type LockedError struct {
	Store  string        // the SQLite file or "postgres"
	Waited time.Duration // how long BeginRun waited
	// The holder, when known (from the lock file or the running run).
	RunID string
	PID   int
	Host  string
	Since time.Time
}

func (e *LockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", ErrLocked.Error(), e.Store)
	if e.RunID != "" || e.PID != 0 {
		b.WriteString(" (held by")
		if e.RunID != "" {
			fmt.Fprintf(&b, " run %s", e.RunID)
		}
		if e.PID != 0 {
			fmt.Fprintf(&b, " pid %d", e.PID)
		}
		if e.Host != "" {
			fmt.Fprintf(&b, " on %s", e.Host)
		}
		if !e.Since.IsZero() {
			fmt.Fprintf(&b, " since %s", e.Since.UTC().Format(time.RFC3339))
		}
		b.WriteString(")")
	}
	if e.Waited > 0 {
		fmt.Fprintf(&b, "; waited %s", e.Waited)
	}
	b.WriteString("; hint: wait for it to finish, or raise store.lock_wait")
	return b.String()
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// RunInfo describes a run as it begins.
type RunInfo struct {
	InputPath    string
	InputSHA256  string
	ConfigDigest string
	Version      string // tool version
}

// Counts are a run's headline numbers, recorded when it finishes.
type Counts struct {
	Read, Clustered, Rejected, Ignored int
	Clusters                           int
	Verified, Reused                   int // clusters verified afresh / taken from stored results
}

// Run is one row of the runs table.
type Run struct {
	ID         string
	StartedAt  time.Time
	FinishedAt time.Time // zero while running
	Outcome    Outcome
	Error      string // why it failed
	RunInfo
	Host        string
	PID         int
	Counts      Counts
	HasSnapshot bool // its clusters were saved
}

// Snapshot is what a run found: its clusters with members, flags and
// registry record statuses, and the judgements it applied.
type Snapshot struct {
	Clusters   []ClusterState
	Judgements []AppliedJudgement
}

// ClusterState is one cluster of a run.
type ClusterState struct {
	ID            string
	CanonicalName string
	Size          int      // rows
	Members       []Member // distinct names
	Flags         []FlagState
	Statuses      []RecordStatus
	// ContentKey, if set, is ContentKey of the members' keys, saved as
	// given (FromReportKeys takes it from Previous.AssignIDsContent);
	// empty, SaveSnapshot computes it.
	ContentKey string
}

// Member is a distinct name of a cluster.
type Member struct {
	Key  string // MemberKey
	Name string // one raw spelling, used to resolve judgements given by cluster ID
	Rows int
}

// FlagState is a flag raised on a cluster.
type FlagState struct {
	Code, Severity string
}

// RecordStatus is the status of a registry record matched to a cluster.
type RecordStatus struct {
	Source, RecordID, Status string
}

// AppliedJudgement is a judgement as a run used it.
type AppliedJudgement struct {
	Judgement
	Outcome string // "applied", "conflict" (part of a reported conflict), "unresolved"
}

// Store keeps run state. Open returns the SQLite or PostgreSQL
// implementation; both behave the same (one test suite runs over both).
//
// BeginRun takes the store's run lock and holds it until FinishRun (or
// Close): two runs on one store never overlap. The read methods do not need
// the lock.
type Store interface {
	// BeginRun takes the lock (waiting up to Options.LockWait, then failing
	// with a *LockedError), marks every run still "running" as failed (their
	// process is gone: we hold the lock), and records a new running run.
	// stale lists the runs so marked.
	BeginRun(ctx context.Context, info RunInfo) (run Run, stale []string, err error)
	// SaveSnapshot stores the run's clusters (replacing any saved before).
	SaveSnapshot(ctx context.Context, runID string, snap *Snapshot) error
	// FinishRun records the outcome and counts and releases the lock. cause is
	// the error that failed the run (nil on success). It runs even when ctx is
	// cancelled (it uses a short detached context).
	FinishRun(ctx context.Context, runID string, outcome Outcome, counts Counts, cause error) error

	// PreviousSuccessful is the latest succeeded run with a snapshot.
	PreviousSuccessful(ctx context.Context) (Run, bool, error)
	// ListRuns returns runs, newest first; limit <= 0 means all.
	ListRuns(ctx context.Context, limit int) ([]Run, error)
	// GetRun returns one run or ErrNoRun.
	GetRun(ctx context.Context, runID string) (Run, error)
	// Clusters returns the run's clusters with member keys, for AssignIDs.
	Clusters(ctx context.Context, runID string) ([]PrevCluster, error)
	// Previous reads the run's snapshot in the compact form the next run
	// needs (Previous: cluster IDs, member key → cluster, flags and record
	// statuses) without an object per member.
	Previous(ctx context.Context, runID string) (*Previous, error)
	// Snapshot returns everything SaveSnapshot stored for the run.
	Snapshot(ctx context.Context, runID string) (*Snapshot, error)
	// Diff compares two runs' snapshots (see Compare).
	Diff(ctx context.Context, runA, runB string) (report.Changes, error)
	// ClusterNames returns the raw member names of a cluster ID as of the
	// latest succeeded run that had it (for judgements given by cluster ID).
	ClusterNames(ctx context.Context, clusterID string) ([]string, bool, error)

	// LoadVerification returns an unexpired stored verification result.
	LoadVerification(ctx context.Context, key VerifyKey) (blob []byte, ok bool, err error)
	// LoadVerifications returns the unexpired stored results among keys, in
	// a few queries (keys without one are absent from the map).
	LoadVerifications(ctx context.Context, keys []VerifyKey) (map[VerifyKey][]byte, error)
	// SaveVerification stores (commits) one result at once, for ttl.
	SaveVerification(ctx context.Context, key VerifyKey, blob []byte, ttl time.Duration) error
	// SaveVerifications stores results in one transaction (multi-row
	// statements): all of them or, on error, none. A key given twice keeps
	// its last result. ResultWriter batches results for it.
	SaveVerifications(ctx context.Context, results []VerifyResult) error
	// PruneSnapshots deletes the saved clusters of runs older than the
	// newest keep (at least 1) succeeded runs that have them; the runs
	// themselves stay listed. Returns how many runs lost their snapshot.
	// ClusterNames and Diff only see runs that kept theirs.
	PruneSnapshots(ctx context.Context, keep int) (int, error)
	// PruneVerification deletes expired results.
	PruneVerification(ctx context.Context) (int64, error)

	// Close releases the lock if held (without finishing the run) and closes
	// what Open opened (never the *store.Store passed in).
	Close() error
}

// VerifyKey identifies a stored verification result: the cluster's content
// (ContentKey of its member keys) and a digest of the verification settings
// that produced it. A cluster whose members or settings change gets a new key.
type VerifyKey struct {
	Content  string
	Settings string
}

// VerificationKey is the VerifyKey of a cluster's member keys under the given
// settings digest.
func VerificationKey(members []string, settingsDigest string) VerifyKey {
	return VerifyKey{Content: ContentKey(members), Settings: settingsDigest}
}

func (k VerifyKey) id() string { return k.Content + ":" + k.Settings }

// Options tune Open.
type Options struct {
	// LockWait is how long BeginRun waits for another run's lock; 0 fails at
	// once (config key store.lock_wait).
	LockWait time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// PostgresSchema, if set, puts the tables in this schema (created if
	// missing) instead of the DSN's search_path. PostgreSQL only.
	PostgresSchema string
	// ReadOnly (PostgreSQL) opens the state for reading only, as `resolve
	// serve` does: every transaction of the connection is read-only
	// (default_transaction_read_only), nothing is created or migrated, and
	// a database whose state schema is older than this build's is refused
	// with store.ErrSchemaOld. SQLite's read-only mode is the store's
	// (store.OpenReadOnly).
	ReadOnly bool

	migrations []store.Migration // tests: replaces the PostgreSQL list
}

// Open returns the PostgreSQL store when postgresDSN is set (config key
// store.postgres_dsn), else the SQLite store on st (config key store.path).
// Open never closes st.
func Open(ctx context.Context, st *store.Store, postgresDSN string, opt Options) (Store, error) {
	if postgresDSN != "" {
		return OpenPostgres(ctx, postgresDSN, opt)
	}
	if st == nil {
		return nil, errors.New("state: no store: give a SQLite store or store.postgres_dsn")
	}
	return OpenSQLite(ctx, st, opt)
}

// FromReport builds the snapshot of a report: member keys from
// MemberKey(member.Name, member.Country), flags by code, and the status of
// every registry match.
func FromReport(rep *report.Report) *Snapshot {
	return FromReportKeys(rep, nil, nil)
}

// FromReportKeys is FromReport with each member's key given (members[i][j]
// is MemberKey of rep.Clusters[i].Members[j], as ReportKeys returns them)
// and, if contents is not nil, each cluster's ContentKey, so that neither is
// computed again. members nil: the keys are computed.
func FromReportKeys(rep *report.Report, members [][]string, contents []string) *Snapshot {
	s := &Snapshot{Clusters: make([]ClusterState, 0, len(rep.Clusters))}
	var idx map[string]int // only for large clusters
	for ci, c := range rep.Clusters {
		cs := ClusterState{ID: c.ID, CanonicalName: c.CanonicalName, Size: c.Size,
			Members: make([]Member, 0, len(c.Members))}
		if contents != nil {
			cs.ContentKey = contents[ci]
		}
		large := len(c.Members) > 16
		if large {
			if idx == nil {
				idx = map[string]int{}
			}
			clear(idx)
		}
		for mi, m := range c.Members {
			var k string
			if members != nil {
				k = members[ci][mi]
			} else {
				k = MemberKey(m.Name, m.Country)
			}
			i := -1
			if large {
				if x, ok := idx[k]; ok {
					i = x
				} else {
					idx[k] = len(cs.Members)
				}
			} else {
				i = slices.IndexFunc(cs.Members, func(x Member) bool { return x.Key == k })
			}
			if i >= 0 {
				cs.Members[i].Rows++
				if m.Name < cs.Members[i].Name {
					cs.Members[i].Name = m.Name
				}
				continue
			}
			cs.Members = append(cs.Members, Member{Key: k, Name: m.Name, Rows: 1})
		}
		for _, f := range c.Flags {
			cs.Flags = append(cs.Flags, FlagState{Code: f.Code, Severity: f.Severity})
		}
		for _, r := range c.RegistryMatches {
			cs.Statuses = append(cs.Statuses, RecordStatus{Source: r.Source, RecordID: r.Record.ID, Status: r.Record.Status})
		}
		s.Clusters = append(s.Clusters, cs)
	}
	return s
}

// ReportMemberKeys returns the member keys of each report cluster, in the
// same order, computed as FromReport does, sorted and without repeats: the
// input for AssignIDs and VerificationKey.
// The clusters are done on every CPU, each written at its index (folding a
// million names took a second).
func ReportMemberKeys(rep *report.Report) [][]string {
	_, sorted := ReportKeys(rep)
	return sorted
}

// ReportKeys returns each report member's key, members[i][j] for
// rep.Clusters[i].Members[j] (the input for FromReportKeys), and
// ReportMemberKeys, the same keys of each cluster sorted and without
// repeats; the strings are shared, each key computed once.
func ReportKeys(rep *report.Report) (members, sorted [][]string) {
	members = make([][]string, len(rep.Clusters))
	out := make([][]string, len(rep.Clusters))
	const chunk = 4096
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(out)/chunk)) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(out) {
					return
				}
				for i := lo; i < min(lo+chunk, len(out)); i++ {
					c := &rep.Clusters[i]
					ks := make([]string, len(c.Members))
					for j, m := range c.Members {
						ks[j] = MemberKey(m.Name, m.Country)
					}
					members[i] = ks
					if sortedDistinct(ks) {
						out[i] = ks // one member, mostly
						continue
					}
					ks = slices.Clone(ks)
					slices.Sort(ks)
					out[i] = slices.Clip(slices.Compact(ks))
				}
			}
		})
	}
	wg.Wait()
	return members, out
}

// Compare lists what changed from snapshot a to snapshot b: cluster lineage
// as in AssignIDs (new, removed, merged, split), flags by (cluster ID, code)
// present only in b (new) or only in a (cleared), and registry records
// matched to the same cluster in both whose status differs. Clusters are
// compared by ID, which AssignIDs keeps stable. PreviousRunID is left empty.
// Previous.Changes does the same from the compact form.
func Compare(a, b *Snapshot) report.Changes {
	return previousOf(a).Changes(b, nil)
}

// PrevClusters returns the snapshot's clusters with their member keys, the
// input of AssignIDs: the same as Store.Clusters for the run, without a
// second read when the whole snapshot is loaded anyway.
func (s *Snapshot) PrevClusters() []PrevCluster { return prevClusters(s) }

func prevClusters(s *Snapshot) []PrevCluster {
	out := make([]PrevCluster, len(s.Clusters))
	for i, c := range s.Clusters {
		ks := make([]string, len(c.Members))
		for j, m := range c.Members {
			ks[j] = m.Key
		}
		out[i] = PrevCluster{ID: c.ID, Members: ks}
	}
	return out
}
