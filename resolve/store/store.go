// Package store is resolve's embedded store: one SQLite file (pure Go,
// modernc.org/sqlite) holding the HTTP response cache of the registry
// adapters, the bulk registry files loaded with `resolve index`, and (later)
// run state.
//
// Entry points: Open (creates the file and applies forward migrations),
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
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// ErrSchemaTooNew is returned by Open when the file was written by a newer
// resolve whose migrations this build does not know.
var ErrSchemaTooNew = errors.New("store schema is newer than this build of resolve")

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
	if path == "" {
		return nil, errors.New("store: empty path")
	}
	busy := o.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Statement journals and sorts in memory, not in temporary files: a
	// multi-row upsert keeps a statement journal, which on disk cost one
	// pwrite per page touched (most of a batched verification commit).
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// SQLite allows one writer; readers run in parallel under WAL.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, path: path}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	migs := o.Migrations
	if migs == nil {
		migs = Migrations()
	}
	if err := s.migrate(ctx, migs); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
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
