package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrationsApplyOnceAndAreOrdered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.SchemaVersion(ctx)
	if v != len(Migrations()) {
		t.Fatalf("version %d, want %d", v, len(Migrations()))
	}
	var mode string
	if err := s.DB().QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q %v, want wal", mode, err)
	}
	s.Close()
	// Reopen with one more migration: only it runs.
	migs := append(Migrations(), Migration{Version: len(Migrations()) + 1, Name: "extra", SQL: `CREATE TABLE extra (x INTEGER)`})
	s, err = OpenWith(ctx, path, Options{Migrations: migs})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(ctx); v != len(migs) {
		t.Fatalf("after extra: version %d", v)
	}
	s.Close()
	// An older build refuses a newer file.
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("want ErrSchemaTooNew, got %v", err)
	}
	// A gap in versions is a programming error.
	_, err = OpenWith(ctx, filepath.Join(t.TempDir(), "g.db"), Options{Migrations: []Migration{{Version: 2, Name: "gap", SQL: "SELECT 1"}}})
	if err == nil {
		t.Fatal("want error for a version gap")
	}
}

func TestCacheExpiryAndStatus(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := s.Cache(func() time.Time { return now })
	if _, _, ok, err := c.Get(ctx, "gleif", "k"); ok || err != nil {
		t.Fatalf("empty cache: ok=%v err=%v", ok, err)
	}
	if err := c.Put(ctx, "gleif", "k", []byte("body"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := c.PutEntry(ctx, "gleif", "nf", 404, nil, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(ctx, "gleif", "zero-ttl", []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	body, at, ok, err := c.Get(ctx, "gleif", "k")
	if err != nil || !ok || string(body) != "body" || !at.Equal(now) {
		t.Fatalf("get: %q %v %v %v", body, at, ok, err)
	}
	if _, _, ok, _ := c.Get(ctx, "companies_house", "k"); ok {
		t.Fatal("sources must not share entries")
	}
	e, ok, err := c.GetEntry(ctx, "gleif", "nf")
	if err != nil || !ok || e.Status != 404 || len(e.Body) != 0 {
		t.Fatalf("404 entry: %+v %v %v", e, ok, err)
	}
	if _, _, ok, _ := c.Get(ctx, "gleif", "zero-ttl"); ok {
		t.Fatal("ttl 0 must not be stored")
	}
	now = now.Add(time.Hour)
	if _, _, ok, _ := c.Get(ctx, "gleif", "k"); ok {
		t.Fatal("entry must expire at fetched_at+ttl")
	}
	n, err := c.Prune(ctx)
	if err != nil || n != 2 {
		t.Fatalf("prune: %d %v", n, err)
	}
}

func TestCacheConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	c := s.Cache(nil)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := fmt.Sprintf("k%d", i%10)
				if err := c.Put(ctx, "src", k, []byte(k), time.Hour); err != nil {
					errs <- err
				}
				if _, _, _, err := c.Get(ctx, "src", k); err != nil {
					errs <- err
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func load(t *testing.T, s *Store, source string, ents []BulkEntity, global bool) {
	t.Helper()
	ctx := context.Background()
	l, err := s.BeginLoad(ctx, source, []string{"f.csv"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if err := l.Add(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Commit(ctx, global); err != nil {
		t.Fatal(err)
	}
}

func TestBulkLoadCandidatesAndReindex(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	ents := []BulkEntity{
		{ExtID: "1", Name: "Northwind Trading Limited", Country: "HK", AddressKey: "a1", Keys: []string{"northwind", "trading", "limited", "northwind"}, Data: []byte(`1`)},
		{ExtID: "2", Name: "Southwind Trading Limited", Country: "HK", AddressKey: "a1", Keys: []string{"southwind", "trading", "limited"}, Data: []byte(`2`)},
		{ExtID: "3", Name: "Northwind Shipping Co", Country: "GB", Keys: []string{"northwind", "shipping", "co"}, Data: []byte(`3`)},
	}
	load(t, s, "gleif", ents, false)
	loads, err := s.ActiveLoads(ctx)
	if err != nil || len(loads) != 1 {
		t.Fatalf("loads %+v %v", loads, err)
	}
	li := loads[0]
	if li.Rows != 3 || fmt.Sprint(li.Countries) != "[GB HK]" || li.Global {
		t.Fatalf("load info %+v", li)
	}
	got, err := s.Candidates(ctx, li.ID, []string{"northwind", "trading", "limited"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ExtID != "1" || got[0].Shared != 3 {
		t.Fatalf("candidates %+v", got)
	}
	// "limited" is on 2 entities: with maxKeyFreq 1 only "shipping" is used.
	got, _ = s.Candidates(ctx, li.ID, []string{"shipping", "limited"}, 1, 10)
	if len(got) != 1 || got[0].ExtID != "3" {
		t.Fatalf("frequency filter: %+v", got)
	}
	got, _ = s.Candidates(ctx, li.ID, []string{"absent"}, 0, 10)
	if len(got) != 0 {
		t.Fatalf("absent key: %+v", got)
	}
	n, names, err := s.AddressCount(ctx, li.ID, "a1", 5)
	if err != nil || n != 2 || fmt.Sprint(names) != "[Northwind Trading Limited Southwind Trading Limited]" {
		t.Fatalf("address count %d %v %v", n, names, err)
	}
	// Re-index replaces the source's rows.
	load(t, s, "gleif", ents[:1], false)
	loads, _ = s.ActiveLoads(ctx)
	if len(loads) != 1 || loads[0].Rows != 1 {
		t.Fatalf("after reindex: %+v", loads)
	}
	var total int
	_ = s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM bulk_entity`).Scan(&total)
	if total != 1 {
		t.Fatalf("old rows left behind: %d entities", total)
	}
	// An aborted load leaves the active one untouched.
	l, _ := s.BeginLoad(ctx, "gleif", nil, 1)
	_ = l.Add(ctx, ents[1])
	if err := l.Abort(ctx); err != nil {
		t.Fatal(err)
	}
	loads, _ = s.ActiveLoads(ctx)
	if len(loads) != 1 || loads[0].Rows != 1 {
		t.Fatalf("after abort: %+v", loads)
	}
	if c, ok, _ := s.Entity(ctx, loads[0].ID, "1"); !ok || c.Name != "Northwind Trading Limited" {
		t.Fatalf("entity: %+v %v", c, ok)
	}
}

// fileDigest is the SHA-256 of a file's bytes.
func fileDigest(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestOpenReadOnlyNeverWrites: a read-only store reads what was committed,
// refuses every write, leaves the file byte-identical, never creates a
// missing file, and reads rows a writer commits while it is open.
func TestOpenReadOnlyNeverWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := w.Cache(nil)
	if err := c.Put(ctx, "gleif", "k1", []byte("fictional body"), time.Hour); err != nil {
		t.Fatal(err)
	}
	w.Close()
	before := fileDigest(t, path)

	r, err := OpenReadOnly(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	body, _, ok, err := r.Cache(nil).Get(ctx, "gleif", "k1")
	if err != nil || !ok || string(body) != "fictional body" {
		t.Fatalf("read: %q %v %v", body, ok, err)
	}
	if err := r.Cache(nil).Put(ctx, "gleif", "k2", []byte("x"), time.Hour); err == nil {
		t.Error("a write on the read-only store succeeded")
	}
	if _, err := r.DB().ExecContext(ctx, `PRAGMA query_only = 0`); err == nil {
		if _, err := r.DB().ExecContext(ctx, `CREATE TABLE t (x)`); err == nil {
			t.Error("a write succeeded after query_only was turned off: mode=ro is not in force")
		}
	}
	if v, err := r.SchemaVersion(ctx); err != nil || v != len(Migrations()) {
		t.Errorf("schema version %d %v", v, err)
	}

	// A writer commits while the read-only store is open: the reader sees it.
	w, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Cache(nil).Put(ctx, "gleif", "k3", []byte("later"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := r.Cache(nil).Get(ctx, "gleif", "k3"); err != nil || !ok {
		t.Errorf("a row committed by a writer is not read: %v %v", ok, err)
	}
	w.Close()
	r.Close()

	// Without a writer, a read-only session leaves the file as it was.
	before = fileDigest(t, path)
	r, err = OpenReadOnly(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := r.Cache(nil).Get(ctx, "gleif", "k1"); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if after := fileDigest(t, path); after != before {
		t.Error("a read-only session changed the store file")
	}

	missing := filepath.Join(t.TempDir(), "missing.db")
	if _, err := OpenReadOnly(ctx, missing, Options{}); err == nil {
		t.Error("opened a missing file")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenReadOnly created a missing file")
	}
}

// TestOpenReadOnlyRefusesAnotherSchema: a file an older build wrote (fewer
// migrations) is refused with ErrSchemaOld and left unmigrated; a newer one
// with ErrSchemaTooNew; a file that is not a store, with an error.
func TestOpenReadOnlyRefusesAnotherSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	s, err := OpenWith(ctx, old, Options{Migrations: Migrations()[:2]})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileDigest(t, old)
	if _, err := OpenReadOnly(ctx, old, Options{}); !errors.Is(err, ErrSchemaOld) {
		t.Errorf("old schema: %v, want ErrSchemaOld", err)
	}
	if fileDigest(t, old) != before {
		t.Error("refusing an old store changed it")
	}
	if _, err := OpenReadOnly(ctx, old, Options{Migrations: Migrations()[:1]}); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("newer schema: %v, want ErrSchemaTooNew", err)
	}
	other := filepath.Join(dir, "other.db")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(ctx, other, Options{}); !errors.Is(err, ErrSchemaOld) {
		t.Errorf("an empty file: %v, want ErrSchemaOld (version 0)", err)
	}
}
