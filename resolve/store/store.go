// Package store is resolve's embedded store: one SQLite file (pure Go,
// modernc.org/sqlite) holding the HTTP response cache of the registry
// adapters, the bulk registry files loaded with `resolve index`, and (later)
// run state.
//
// Entry points: Open (creates the file and applies forward migrations),
// OpenReadOnly (an existing file, never written, at this build's schema),
// Store.Cache (the response cache), Store.BeginLoad / Store.Candidates /
// Store.AddressCount (the bulk entity tables used by verify/bulk).
//
// The file is opened in WAL mode with a busy timeout, so several goroutines
// (and a second process reading) can use it at once; write transactions take
// the write lock when they begin (BEGIN IMMEDIATE), which avoids the
// lock-upgrade deadlocks of deferred transactions.
//
// Example:
//
//	st, err := store.Open(ctx, "resolve.db")
//	if err != nil { return err }
//	defer st.Close()
//	c := st.Cache(nil)
//	_ = c.Put(ctx, "gleif", "GET https://api.gleif.org/...", body, 720*time.Hour)
//	body, fetchedAt, ok, err := c.Get(ctx, "gleif", "GET https://api.gleif.org/...")
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// ErrSchemaTooNew is returned by Open when the file was written by a newer
// resolve whose migrations this build does not know.
var ErrSchemaTooNew = errors.New("store schema is newer than this build of resolve")

// ErrSchemaOld is returned by OpenReadOnly when the file was written by an
// older resolve: its schema needs a migration, which only Open applies.
var ErrSchemaOld = errors.New("store schema is older than this build of resolve")

// Store is an open store file. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// Options tune Open. The zero value is the default.
type Options struct {
	// BusyTimeout is how long a statement waits for a lock held by another
	// connection or process before failing with SQLITE_BUSY. Default 10s.
	BusyTimeout time.Duration
	// Migrations replaces the built-in list (tests only).
	Migrations []Migration
}

// Open opens (creating if needed) the store at path and brings its schema up
// to date. The directory must exist.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	s, err := openDB(ctx, path, o, false)
	if err != nil {
		return nil, err
	}
	migs := o.Migrations
	if migs == nil {
		migs = Migrations()
	}
	if err := s.migrate(ctx, migs); err != nil {
		_ = s.db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens an existing store for reading only, for `resolve
// serve`: the file is opened with SQLite's mode=ro, so it is never created,
// migrated or checkpointed, and every write fails with SQLITE_READONLY. It
// reads what a writer (a nightly run) has committed, WAL included, while
// that writer works. A file whose schema is older than this build's is
// refused with ErrSchemaOld (only Open migrates), a newer one with
// ErrSchemaTooNew. Options.Migrations, if set, replaces the built-in list
// it compares with (tests only).
func OpenReadOnly(ctx context.Context, path string, o Options) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	s, err := openDB(ctx, path, o, true)
	if err != nil {
		return nil, err
	}
	want := len(Migrations())
	if o.Migrations != nil {
		want = len(o.Migrations)
	}
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	var cur int
	if err == nil && n == 1 {
		cur, err = s.SchemaVersion(ctx)
	}
	switch {
	case err != nil:
		err = fmt.Errorf("store: %s: %w", path, err)
	case cur < want:
		err = fmt.Errorf("%w: %s is at version %d, this build reads version %d", ErrSchemaOld, path, cur, want)
	case cur > want:
		err = fmt.Errorf("%w: %s is at version %d, this build knows %d", ErrSchemaTooNew, path, cur, want)
	}
	if err != nil {
		_ = s.db.Close()
		return nil, err
	}
	return s, nil
}

// openDB opens the database handle: WAL, a busy timeout and immediate write
// transactions, or, read-only, mode=ro with query_only and the file's
// journal mode left as it is (setting it would be a write).
func openDB(ctx context.Context, path string, o Options, readOnly bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: empty path")
	}
	busy := o.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	if readOnly {
		q.Set("mode", "ro")
		q.Set("_query_only", "1")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_txlock", "immediate")
	}
	q.Add("_pragma", "foreign_keys(1)")
	// Statement journals and sorts in memory, not in temporary files: a
	// multi-row upsert keeps a statement journal, which on disk cost one
	// pwrite per page touched (most of a batched verification commit).
	q.Add("_pragma", "temp_store(MEMORY)")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// SQLite allows one writer; readers run in parallel under WAL.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// Close closes the file.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	return s.db.Close()
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// DB exposes the database handle to packages that add their own tables
// through a migration (run state). Use transactions for multi-statement writes.
func (s *Store) DB() *sql.DB { return s.db }

// SchemaVersion returns the highest applied migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return int(v.Int64), nil
}

// inTx runs fn in one write transaction.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
