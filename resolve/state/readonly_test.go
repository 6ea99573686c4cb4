package state

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/store"
)

// openReadOnly opens loc as `resolve serve` does: the SQLite file with
// store.OpenReadOnly, PostgreSQL with Options.ReadOnly.
func (l location) openReadOnly(opt Options) (Store, error) {
	opt.ReadOnly = true
	return l.openErr(opt)
}

// TestReadOnlyStateReadsRunsAndRefusesWrites: a read-only handle reads the
// runs and snapshots a writer saved, and every write (a run's lock and
// record, a stored verification, pruning) fails.
func TestReadOnlyStateReadsRunsAndRefusesWrites(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		w := loc.open(t, Options{})
		var last string
		for i, c := range []ClusterState{cl("CA", "Zorbex Trading Co Ltd", "ZORBEX TRADING LTD"), cl("CB", "Kestrava Foods Ltd")} {
			run, _, err := w.BeginRun(ctx, info(i))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.SaveSnapshot(ctx, run.ID, snap(c)); err != nil {
				t.Fatal(err)
			}
			if err := w.FinishRun(ctx, run.ID, Succeeded, Counts{Read: len(c.Members), Clusters: 1}, nil); err != nil {
				t.Fatal(err)
			}
			last = run.ID
		}
		w.Close()

		r, err := loc.openReadOnly(Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		prev, ok, err := r.PreviousSuccessful(ctx)
		if err != nil || !ok || prev.ID != last {
			t.Fatalf("previous successful run: %+v %v %v", prev, ok, err)
		}
		sn, err := r.Snapshot(ctx, last)
		if err != nil || len(sn.Clusters) != 1 || sn.Clusters[0].ID != "CB" || sn.Clusters[0].Members[0].Name != "Kestrava Foods Ltd" {
			t.Fatalf("snapshot: %+v %v", sn, err)
		}
		if _, _, err := r.BeginRun(ctx, info(3)); err == nil {
			t.Error("BeginRun succeeded on a read-only handle")
		}
		if err := r.SaveVerification(ctx, VerifyKey{Content: "c", Settings: "s"}, []byte("{}"), time.Hour); err == nil {
			t.Error("SaveVerification succeeded on a read-only handle")
		}
		if n, err := r.PruneSnapshots(ctx, 1); err == nil {
			t.Errorf("PruneSnapshots deleted %d snapshots through a read-only handle", n)
		}
	})
}

// TestReadOnlyStateRefusesAnOldSchema: a state schema an older build wrote
// is refused with store.ErrSchemaOld and not migrated; a PostgreSQL schema
// that was never created is not created.
func TestReadOnlyStateRefusesAnOldSchema(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		if _, err := loc.openReadOnly(Options{}); err == nil {
			t.Fatal("opened a store that does not exist")
		}
		if loc.backend == "postgres" {
			if loc.schemaExists(t) {
				t.Fatal("a read-only open created the schema")
			}
			loc.open(t, Options{migrations: postgresMigrations()[:1]}).Close()
		} else {
			st, err := store.OpenWith(ctx, loc.path, store.Options{Migrations: store.Migrations()[:3]})
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
		}
		if _, err := loc.openReadOnly(Options{}); !errors.Is(err, store.ErrSchemaOld) {
			t.Fatalf("old schema: %v, want store.ErrSchemaOld", err)
		}
		if _, err := loc.openReadOnly(Options{}); !errors.Is(err, store.ErrSchemaOld) {
			t.Fatalf("old schema, opened again: %v: the first read-only open migrated it", err)
		}
	})
}

// schemaExists reports whether loc's PostgreSQL schema exists.
func (l location) schemaExists(t *testing.T) bool {
	t.Helper()
	s, err := OpenPostgres(context.Background(), l.dsn, Options{ReadOnly: true, migrations: []store.Migration{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ok bool
	if err := s.(*sqlStore).db.QueryRowContext(context.Background(), `SELECT to_regnamespace($1) IS NOT NULL`, l.schema).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

// Two runs that start within one millisecond (a frozen clock here) keep
// their order: the second is the previous successful run, not whichever
// run ID's random suffix sorts last.
func TestRunsStartedInOneMillisecondKeepTheirOrder(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		frozen := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
		w := loc.open(t, Options{Now: func() time.Time { return frozen }})
		var last string
		for i := range 4 {
			run, _, err := w.BeginRun(ctx, info(i))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.SaveSnapshot(ctx, run.ID, snap(cl("CA", "Zorbex Trading Co Ltd"))); err != nil {
				t.Fatal(err)
			}
			if err := w.FinishRun(ctx, run.ID, Succeeded, Counts{Read: 1, Clusters: 1}, nil); err != nil {
				t.Fatal(err)
			}
			last = run.ID
		}
		prev, ok, err := w.PreviousSuccessful(ctx)
		if err != nil || !ok || prev.ID != last {
			t.Fatalf("previous successful run %s (%v, %v), want the last one, %s", prev.ID, ok, err, last)
		}
		w.Close()
	})
}
