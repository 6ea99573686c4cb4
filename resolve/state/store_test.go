package state

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/store"
)

// The suite runs on SQLite always and on PostgreSQL when
// RESOLVE_TEST_POSTGRES_DSN is set (`eval "$(bash .ci/postgres.sh)"` starts a
// throwaway server on loopback and prints the line to export). Each test gets
// a fresh store: a new file, or a new PostgreSQL schema dropped afterwards.

const pgEnv = "RESOLVE_TEST_POSTGRES_DSN"

// location is one fresh store; open returns a new handle on it.
type location struct {
	backend string
	path    string // SQLite file
	dsn     string // PostgreSQL
	schema  string
}

func (l location) open(t *testing.T, opt Options) Store {
	t.Helper()
	s, err := l.openErr(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (l location) openErr(opt Options) (Store, error) {
	ctx := context.Background()
	if l.backend == "postgres" {
		opt.PostgresSchema = l.schema
		return OpenPostgres(ctx, l.dsn, opt)
	}
	open := store.Open
	if opt.ReadOnly { // as resolve serve opens it
		open = func(ctx context.Context, path string) (*store.Store, error) {
			return store.OpenReadOnly(ctx, path, store.Options{})
		}
	}
	st, err := open(ctx, l.path)
	if err != nil {
		return nil, err
	}
	s, err := OpenSQLite(ctx, st, opt)
	if err != nil {
		st.Close()
		return nil, err
	}
	return closeBoth{s, st}, nil
}

// closeBoth closes the state handle and the store file under it.
type closeBoth struct {
	Store
	st *store.Store
}

func (c closeBoth) Close() error { return errors.Join(c.Store.Close(), c.st.Close()) }

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// eachBackend runs f on a fresh SQLite store and, when configured, a fresh
// PostgreSQL schema.
func eachBackend(t *testing.T, f func(t *testing.T, loc location)) {
	t.Run("sqlite", func(t *testing.T) {
		f(t, location{backend: "sqlite", path: filepath.Join(t.TempDir(), "resolve.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv(pgEnv)
		if dsn == "" {
			t.Skip(pgEnv + ` is not set: PostgreSQL not tested (eval "$(bash .ci/postgres.sh)" starts one)`)
		}
		schema := "resolve_test_" + randHex(6)
		t.Cleanup(func() { dropSchema(t, dsn, schema) })
		f(t, location{backend: "postgres", dsn: dsn, schema: schema})
	})
}

func dropSchema(t testing.TB, dsn, schema string) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE`); err != nil {
		t.Logf("drop schema %s: %v", schema, err)
	}
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func info(n int) RunInfo {
	return RunInfo{InputPath: "names.csv", InputSHA256: fmt.Sprintf("%064d", n), ConfigDigest: "cfg1", Version: "test"}
}

// snap builds a snapshot: clusters given as ID → members (names, keyed in
// country GB), with flags and statuses added by the caller.
func snap(clusters ...ClusterState) *Snapshot { return &Snapshot{Clusters: clusters} }

func cl(id string, names ...string) ClusterState {
	c := ClusterState{ID: id, CanonicalName: names[0], Size: len(names)}
	for _, n := range names {
		c.Members = append(c.Members, Member{Key: MemberKey(n, "GB"), Name: n, Rows: 1})
	}
	return c
}

func TestRunLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		if _, ok, err := s.PreviousSuccessful(ctx); ok || err != nil {
			t.Fatalf("empty store: ok=%v err=%v", ok, err)
		}
		run, stale, err := s.BeginRun(ctx, info(1))
		if err != nil || len(stale) != 0 {
			t.Fatalf("begin: %v stale=%v", err, stale)
		}
		if _, _, err := s.BeginRun(ctx, info(1)); err == nil {
			t.Fatal("a second BeginRun on one handle must fail")
		}
		runs, err := s.ListRuns(ctx, 0)
		if err != nil || len(runs) != 1 || runs[0].Outcome != Running || runs[0].ID != run.ID || runs[0].PID != os.Getpid() {
			t.Fatalf("runs %+v %v", runs, err)
		}
		a := cl("CA", "Zorbex Trading Co Ltd", "ZORBEX TRADING LTD")
		a.Size = 5
		a.Members[0].Rows = 4
		a.Flags = []FlagState{{Code: "dissolved_company", Severity: "high"}}
		a.Statuses = []RecordStatus{{Source: "gleif", RecordID: "LEI0001", Status: "active"}}
		want := snap(a, cl("CB", "Kestrava Foods Ltd"))
		want.Judgements = []AppliedJudgement{{Judgement: Judgement{Kind: Same, A: "x", B: "y", Note: "n", File: "j.csv", Line: 2}, Outcome: "applied"}}
		if err := s.SaveSnapshot(ctx, run.ID, want); err != nil {
			t.Fatal(err)
		}
		clk.add(time.Minute)
		counts := Counts{Read: 7, Clustered: 6, Rejected: 1, Clusters: 2, Verified: 1, Reused: 1}
		if err := s.FinishRun(ctx, run.ID, Succeeded, counts, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishRun(ctx, run.ID, Succeeded, counts, nil); !errors.Is(err, ErrNotHeld) {
			t.Fatalf("finishing twice: %v", err)
		}
		prev, ok, err := s.PreviousSuccessful(ctx)
		if err != nil || !ok || prev.ID != run.ID {
			t.Fatalf("previous %+v %v %v", prev, ok, err)
		}
		if prev.Counts != counts || prev.Outcome != Succeeded || !prev.FinishedAt.Equal(clk.now()) ||
			!prev.StartedAt.Equal(clk.now().Add(-time.Minute)) || prev.RunInfo != info(1) || !prev.HasSnapshot {
			t.Errorf("run %+v", prev)
		}
		got, err := s.Snapshot(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("snapshot round trip (-want +got):\n%s", diff)
		}
		pc, err := s.Clusters(ctx, run.ID)
		if err != nil || len(pc) != 2 || pc[0].ID != "CA" || len(pc[0].Members) != 2 {
			t.Fatalf("clusters %+v %v", pc, err)
		}
		if diff := cmp.Diff(pc, got.PrevClusters()); diff != "" {
			t.Errorf("Clusters and Snapshot.PrevClusters differ:\n%s", diff)
		}

		// A failed run is listed but never "previous".
		clk.add(time.Hour)
		r2, _, err := s.BeginRun(ctx, info(2))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.FinishRun(ctx, r2.ID, Failed, Counts{}, errors.New("registry down")); err != nil {
			t.Fatal(err)
		}
		prev, _, _ = s.PreviousSuccessful(ctx)
		if prev.ID != run.ID {
			t.Errorf("previous is %s, want %s", prev.ID, run.ID)
		}
		got2, err := s.GetRun(ctx, r2.ID)
		if err != nil || got2.Outcome != Failed || got2.Error != "registry down" {
			t.Errorf("failed run %+v %v", got2, err)
		}
		runs, _ = s.ListRuns(ctx, 1)
		if len(runs) != 1 || runs[0].ID != r2.ID {
			t.Errorf("newest run %+v", runs)
		}
		if _, err := s.Snapshot(ctx, r2.ID); !errors.Is(err, ErrNoSnapshot) {
			t.Errorf("snapshot of a failed run: %v", err)
		}
		if _, err := s.GetRun(ctx, "R-none"); !errors.Is(err, ErrNoRun) {
			t.Errorf("unknown run: %v", err)
		}
	})
}

func TestSaveSnapshotValidates(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		run, _, err := s.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		defer s.FinishRun(ctx, run.ID, Failed, Counts{}, nil)
		for name, sn := range map[string]*Snapshot{
			"duplicate ID":     snap(cl("CA", "a"), cl("CA", "b")),
			"member twice":     snap(cl("CA", "a"), cl("CB", "A")),
			"cluster ID empty": snap(cl("", "a")),
		} {
			if err := s.SaveSnapshot(ctx, run.ID, sn); err == nil {
				t.Errorf("%s: saved", name)
			}
		}
		if err := s.SaveSnapshot(ctx, "R-other", snap(cl("CA", "a"))); !errors.Is(err, ErrNotHeld) {
			t.Errorf("save for a run not begun here: %v", err)
		}
	})
}

func TestLockExcludesSecondRun(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		h1 := loc.open(t, Options{})
		h2 := loc.open(t, Options{})
		run, _, err := h1.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = h2.BeginRun(ctx, info(2))
		var le *LockedError
		if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
			t.Fatalf("second run: want ErrLocked, got %v", err)
		}
		if le.RunID != run.ID || le.PID != os.Getpid() || le.Since.IsZero() {
			t.Errorf("holder not named: %+v", le)
		}
		t.Log(err)

		// With a wait, the second run gets the store once the first is done.
		h3 := loc.open(t, Options{LockWait: 10 * time.Second})
		go func() {
			time.Sleep(300 * time.Millisecond)
			h1.FinishRun(ctx, run.ID, Succeeded, Counts{}, nil)
		}()
		start := time.Now()
		r3, stale, err := h3.BeginRun(ctx, info(3))
		if err != nil || len(stale) != 0 {
			t.Fatalf("waiting run: %v stale=%v", err, stale)
		}
		if time.Since(start) < 250*time.Millisecond {
			t.Error("the waiting run did not wait")
		}
		// A short wait that runs out names how long it waited.
		h4 := loc.open(t, Options{LockWait: 300 * time.Millisecond})
		_, _, err = h4.BeginRun(ctx, info(4))
		if !errors.As(err, &le) || le.Waited < 250*time.Millisecond || le.RunID != r3.ID {
			t.Fatalf("short wait: %v", err)
		}
		h3.FinishRun(ctx, r3.ID, Succeeded, Counts{}, nil)
	})
}

func TestConcurrentBeginRunOneWins(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		const n = 6
		hs := make([]Store, n)
		for i := range hs {
			hs[i] = loc.open(t, Options{})
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range hs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, _, errs[i] = hs[i].BeginRun(ctx, info(i))
			}(i)
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrLocked):
				t.Errorf("unexpected error %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d runs began at once, want 1", won)
		}
		runs, _ := hs[0].ListRuns(ctx, 0)
		if len(runs) != 1 {
			t.Fatalf("%d runs recorded", len(runs))
		}
	})
}

func TestStaleRunMarkedFailed(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		h1 := loc.openErr
		s1, err := h1(Options{})
		if err != nil {
			t.Fatal(err)
		}
		dead, _, err := s1.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		s1.Close() // the process "dies": lock gone, run still running
		s2 := loc.open(t, Options{})
		run, stale, err := s2.BeginRun(ctx, info(2))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{dead.ID}, stale); diff != "" {
			t.Fatalf("stale (-want +got):\n%s", diff)
		}
		r, _ := s2.GetRun(ctx, dead.ID)
		if r.Outcome != Failed || r.FinishedAt.IsZero() || r.Error == "" {
			t.Errorf("stale run %+v", r)
		}
		cur, _ := s2.GetRun(ctx, run.ID)
		if cur.Outcome != Running {
			t.Errorf("the new run is %s", cur.Outcome)
		}
	})
}

func TestVerificationStore(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		k := VerificationKey([]string{MemberKey("Zorbex", "GB")}, "verify-v1")
		if _, ok, err := s.LoadVerification(ctx, k); ok || err != nil {
			t.Fatalf("empty: %v %v", ok, err)
		}
		if err := s.SaveVerification(ctx, k, []byte(`{"matches":[]}`), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveVerification(ctx, VerificationKey([]string{"x"}, "verify-v1"), []byte("x"), 0); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.LoadVerification(ctx, k)
		if err != nil || !ok || string(got) != `{"matches":[]}` {
			t.Fatalf("load: %q %v %v", got, ok, err)
		}
		// Other settings: another key.
		if _, ok, _ := s.LoadVerification(ctx, VerificationKey([]string{MemberKey("Zorbex", "GB")}, "verify-v2")); ok {
			t.Error("settings digest ignored")
		}
		// Overwrite, then expire.
		if err := s.SaveVerification(ctx, k, []byte("v2"), 2*time.Hour); err != nil {
			t.Fatal(err)
		}
		clk.add(90 * time.Minute)
		if got, ok, _ := s.LoadVerification(ctx, k); !ok || string(got) != "v2" {
			t.Fatalf("after overwrite: %q %v", got, ok)
		}
		clk.add(time.Hour)
		if _, ok, _ := s.LoadVerification(ctx, k); ok {
			t.Fatal("expired result returned")
		}
		n, err := s.PruneVerification(ctx)
		if err != nil || n != 1 {
			t.Fatalf("prune: %d %v", n, err)
		}
	})
}

func TestLoadVerificationsInBulk(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		var keys []VerifyKey
		for i := 0; i < 1203; i++ { // more than one query's worth
			k := VerificationKey([]string{MemberKey(fmt.Sprintf("Fictional %d", i), "GB")}, "v1")
			keys = append(keys, k)
			if i%3 == 0 {
				continue // never verified
			}
			ttl := time.Hour
			if i%3 == 2 {
				ttl = time.Minute // expires below
			}
			if err := s.SaveVerification(ctx, k, []byte(fmt.Sprint(i)), ttl); err != nil {
				t.Fatal(err)
			}
		}
		clk.add(30 * time.Minute)
		got, err := s.LoadVerifications(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range keys {
			b, ok := got[k]
			if want := i%3 == 1; ok != want || (ok && string(b) != fmt.Sprint(i)) {
				t.Fatalf("key %d: got %q %v, want present=%v", i, b, ok, want)
			}
		}
	})
}

func TestDiffFlagsAndStatuses(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		save := func(sn *Snapshot) string {
			t.Helper()
			clk.add(24 * time.Hour)
			run, _, err := s.BeginRun(ctx, info(1))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveSnapshot(ctx, run.ID, sn); err != nil {
				t.Fatal(err)
			}
			if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{}, nil); err != nil {
				t.Fatal(err)
			}
			return run.ID
		}
		a1 := cl("CA", "Zorbex Trading Co Ltd", "ZRBX Trading")
		a1.Flags = []FlagState{{"registry_mismatch", "medium"}}
		a1.Statuses = []RecordStatus{{"companies_house", "09999999", "active"}, {"gleif", "LEI1", "active"}}
		b1 := cl("CB", "Kestrava Foods Ltd")
		b1.Flags = []FlagState{{"no_web_presence", "low"}}
		d1 := cl("CD", "Osterfell Marine", "Osterfell Marine Supply")
		run1 := save(snap(a1, b1, d1))

		a2 := cl("CA", "Zorbex Trading Co Ltd", "ZRBX Trading")
		a2.Flags = []FlagState{{"registry_mismatch", "medium"}, {"struck_off", "high"}}
		a2.Statuses = []RecordStatus{{"companies_house", "09999999", "struck_off"}, {"gleif", "LEI1", "active"}}
		b2 := cl("CB", "Kestrava Foods Ltd")
		c2 := cl("CC", "Wrenfield Ceramics")
		c2.Flags = []FlagState{{"young_company", "low"}}
		d2a := cl("CD", "Osterfell Marine")
		d2b := cl("CE", "Osterfell Marine Supply")
		run2 := save(snap(a2, b2, c2, d2a, d2b))

		got, err := s.Diff(ctx, run1, run2)
		if err != nil {
			t.Fatal(err)
		}
		want := report.Changes{
			PreviousRunID:   run1,
			NewClusters:     []string{"CC", "CE"},
			RemovedClusters: []string{},
			Merged:          []report.ClusterChange{},
			Split:           []report.ClusterChange{{From: []string{"CD"}, To: []string{"CD", "CE"}}},
			NewFlags:        []report.FlagChange{{ClusterID: "CA", Code: "struck_off"}, {ClusterID: "CC", Code: "young_company"}},
			ClearedFlags:    []report.FlagChange{{ClusterID: "CB", Code: "no_web_presence"}},
			StatusChanges: []report.StatusChange{{ClusterID: "CA", Source: "companies_house", RecordID: "09999999",
				From: "active", To: "struck_off"}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("diff (-want +got):\n%s", diff)
		}
		// And back: a merge.
		back, err := s.Diff(ctx, run2, run1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]report.ClusterChange{{From: []string{"CD", "CE"}, To: []string{"CD"}}}, back.Merged); diff != "" {
			t.Errorf("merge (-want +got):\n%s", diff)
		}
		if _, err := s.Diff(ctx, run1, "R-none"); !errors.Is(err, ErrNoRun) {
			t.Errorf("unknown run: %v", err)
		}

		// ClusterNames: the latest succeeded run that had the ID.
		names, ok, err := s.ClusterNames(ctx, "CD")
		if err != nil || !ok || !cmp.Equal(names, []string{"Osterfell Marine"}) {
			t.Errorf("CD names %v %v %v", names, ok, err)
		}
		run3 := save(snap(cl("CA", "Zorbex Trading Co Ltd")))
		_ = run3
		names, ok, _ = s.ClusterNames(ctx, "CE")
		if !ok || !cmp.Equal(names, []string{"Osterfell Marine Supply"}) {
			t.Errorf("CE from history: %v %v", names, ok)
		}
		if _, ok, _ := s.ClusterNames(ctx, "CZ"); ok {
			t.Error("unknown cluster found")
		}
	})
}

// TestJudgementsAcrossRuns: a "same" judgement given by cluster ID resolves
// through the store to the member names of the previous run.
func TestJudgementsAcrossRuns(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		run, _, err := s.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		s.SaveSnapshot(ctx, run.ID, snap(cl("C00000000AA", "Alpha Kestrel", "Alpha Kestrel Ltd"), cl("C00000000BB", "Beta Kestrel")))
		s.FinishRun(ctx, run.ID, Succeeded, Counts{}, nil)
		d, err := Decide(ctx, []Judgement{{Kind: Different, A: "C00000000AA", B: "C00000000BB"}}, s)
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]string{{"Alpha Kestrel", "Beta Kestrel"}, {"Alpha Kestrel Ltd", "Beta Kestrel"}}
		if diff := cmp.Diff(want, d.Different); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestFromReport(t *testing.T) {
	rep := &report.Report{Clusters: []report.Cluster{{
		ID: "CA", CanonicalName: "Zorbex Trading Co Ltd", Size: 3,
		Members: []report.Member{{Name: "Zorbex Trading Co Ltd", Country: "GB"}, {Name: "ZORBEX TRADING CO LTD", Country: "GB"},
			{Name: "ZRBX Trading", Country: "GB"}},
		Flags:           []report.Flag{{Code: "struck_off", Severity: "high"}},
		RegistryMatches: []report.RegistryMatch{{Source: "companies_house", Record: report.Record{ID: "09999999", Status: "struck_off"}}},
	}}}
	s := FromReport(rep)
	want := &Snapshot{Clusters: []ClusterState{{
		ID: "CA", CanonicalName: "Zorbex Trading Co Ltd", Size: 3,
		Members: []Member{{Key: MemberKey("zorbex trading co ltd", "GB"), Name: "ZORBEX TRADING CO LTD", Rows: 2},
			{Key: MemberKey("ZRBX Trading", "GB"), Name: "ZRBX Trading", Rows: 1}},
		Flags:    []FlagState{{"struck_off", "high"}},
		Statuses: []RecordStatus{{"companies_house", "09999999", "struck_off"}},
	}}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	keys := ReportMemberKeys(rep)
	if diff := cmp.Diff([][]string{{MemberKey("zorbex trading co ltd", "GB"), MemberKey("ZRBX Trading", "GB")}}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

// ReportMemberKeys gives every cluster of a large report (done on every
// CPU, a chunk of clusters at a time) its member keys at its own index:
// sorted, without repeats, and folded as MemberKey folds them.
func TestReportMemberKeysOfManyClusters(t *testing.T) {
	rep := &report.Report{}
	for i := range 20_000 {
		c := report.Cluster{ID: fmt.Sprintf("C%d", i)}
		for j := range 1 + i%4 {
			c.Members = append(c.Members, report.Member{Name: fmt.Sprintf("Firm  %d-%d LTD", i, 3-j), Country: "GB"})
		}
		c.Members = append(c.Members, c.Members[0]) // a repeat
		rep.Clusters = append(rep.Clusters, c)
	}
	keys := ReportMemberKeys(rep)
	if len(keys) != len(rep.Clusters) {
		t.Fatalf("%d key lists for %d clusters", len(keys), len(rep.Clusters))
	}
	for i, c := range rep.Clusters {
		var want []string
		for j := len(c.Members) - 2; j >= 0; j-- { // names made in descending order
			want = append(want, MemberKey(c.Members[j].Name, "GB"))
		}
		if !slices.Equal(keys[i], want) {
			t.Fatalf("cluster %d: keys %q, want %q", i, keys[i], want)
		}
	}
}

// TestSQLiteMigratesExistingFile: a store file made before the run-state
// migration keeps its cache and gains the state tables.
func TestSQLiteMigratesExistingFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	all := store.Migrations()
	old, err := store.OpenWith(ctx, path, store.Options{Migrations: all[:2]})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Cache(nil).Put(ctx, "gleif", "k", []byte("cached"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSQLite(ctx, old, Options{}); err == nil {
		t.Fatal("a file without the state tables should be refused")
	}
	old.Close()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, _ := st.SchemaVersion(ctx); v != len(all) {
		t.Fatalf("version %d", v)
	}
	if body, _, ok, _ := st.Cache(nil).Get(ctx, "gleif", "k"); !ok || string(body) != "cached" {
		t.Fatal("cache lost in migration")
	}
	s, err := OpenSQLite(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	run, _, err := s.BeginRun(ctx, info(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{}, nil); err != nil {
		t.Fatal(err)
	}
}

func pgOnly(t *testing.T) string {
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Skip(pgEnv + ` is not set: PostgreSQL not tested (eval "$(bash .ci/postgres.sh)" starts one)`)
	}
	return dsn
}

// TestPostgresMigratesForward: an existing database gains only the new
// migration and keeps its runs; a newer database is refused.
func TestPostgresMigratesForward(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		if loc.backend != "postgres" {
			t.Skip("PostgreSQL migrations; SQLite's are in TestSQLiteMigratesExistingFile")
		}
		ctx := context.Background()
		s := loc.open(t, Options{})
		run, _, _ := s.BeginRun(ctx, info(1))
		s.FinishRun(ctx, run.ID, Succeeded, Counts{Read: 3}, nil)
		s.Close()
		migs := append(postgresMigrations(), store.Migration{Version: len(postgresMigrations()) + 1, Name: "extra",
			SQL: `ALTER TABLE state_run ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'`})
		s2 := loc.open(t, Options{migrations: migs})
		r, err := s2.GetRun(ctx, run.ID)
		if err != nil || r.Counts.Read != 3 {
			t.Fatalf("run after migration: %+v %v", r, err)
		}
		s2.Close()
		// Reopening with the same list applies nothing twice.
		loc.open(t, Options{migrations: migs}).Close()
		_, err = loc.openErr(Options{})
		if !errors.Is(err, store.ErrSchemaTooNew) {
			t.Fatalf("older build on a newer database: %v", err)
		}
	})
}

// TestSchemasMatch: the SQLite and PostgreSQL state tables have the same
// columns in the same order.
func TestSchemasMatch(t *testing.T) {
	dsn := pgOnly(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	schema := "resolve_test_" + randHex(6)
	pg, err := OpenPostgres(ctx, dsn, Options{PostgresSchema: schema})
	if err != nil {
		t.Fatal(err)
	}
	pdb := pg.(*sqlStore).db
	defer func() {
		pdb.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		pg.Close()
	}()
	cols := func(db *sql.DB, q string, table string) []string {
		rows, err := db.QueryContext(ctx, q, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	for _, table := range []string{"state_run", "state_cluster", "state_member", "state_flag", "state_record_status", "state_judgement", "state_verification", "state_verification_body"} {
		lite := cols(st.DB(), `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
		post := cols(pdb, `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
		if len(lite) == 0 || !cmp.Equal(lite, post) {
			t.Errorf("%s: sqlite %v, postgres %v", table, lite, post)
		}
	}
}

func TestPruneSnapshots(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		var ids []string
		for i, outcome := range []Outcome{Succeeded, Failed, Succeeded, Succeeded, Failed} {
			clk.add(time.Hour)
			run, _, err := s.BeginRun(ctx, info(i))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveSnapshot(ctx, run.ID, snap(cl(fmt.Sprintf("C%d", i), "Zorbex"))); err != nil {
				t.Fatal(err)
			}
			s.FinishRun(ctx, run.ID, outcome, Counts{}, nil)
			ids = append(ids, run.ID)
		}
		n, err := s.PruneSnapshots(ctx, 2)
		if err != nil || n != 2 {
			t.Fatalf("pruned %d %v, want 2", n, err)
		}
		for i, want := range []bool{false, false, true, true, true} {
			r, _ := s.GetRun(ctx, ids[i])
			if r.HasSnapshot != want {
				t.Errorf("run %d: snapshot %v, want %v", i, r.HasSnapshot, want)
			}
		}
		if _, ok, _ := s.ClusterNames(ctx, "C0"); ok {
			t.Error("pruned cluster still resolves")
		}
		if n, _ := s.PruneSnapshots(ctx, 2); n != 0 {
			t.Errorf("second prune removed %d", n)
		}
	})
}
