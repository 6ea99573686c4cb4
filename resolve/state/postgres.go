package state

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/resolve-tool/resolve/resolve/store"
)

// postgresMigrations is the PostgreSQL schema history of the run state, in
// step with resolve/store's SQLite migration "run state": the same tables and
// columns, with PostgreSQL types (BIGINT unix milliseconds, BYTEA). To change
// the schema, append an entry here and a migration in resolve/store.
func postgresMigrations() []store.Migration {
	return []store.Migration{
		{Version: 1, Name: "run state", SQL: `
CREATE TABLE state_run (
	run_id            TEXT    PRIMARY KEY,
	started_at        BIGINT  NOT NULL,
	finished_at       BIGINT,
	outcome           TEXT    NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
	error             TEXT    NOT NULL DEFAULT '',
	input_path        TEXT    NOT NULL,
	input_sha256      TEXT    NOT NULL,
	config_digest     TEXT    NOT NULL,
	tool_version      TEXT    NOT NULL DEFAULT '',
	host              TEXT    NOT NULL DEFAULT '',
	pid               INTEGER NOT NULL DEFAULT 0,
	rows_read         INTEGER NOT NULL DEFAULT 0,
	rows_clustered    INTEGER NOT NULL DEFAULT 0,
	rows_rejected     INTEGER NOT NULL DEFAULT 0,
	rows_ignored      INTEGER NOT NULL DEFAULT 0,
	clusters          INTEGER NOT NULL DEFAULT 0,
	clusters_verified INTEGER NOT NULL DEFAULT 0,
	clusters_reused   INTEGER NOT NULL DEFAULT 0,
	has_snapshot      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX state_run_outcome ON state_run (outcome, started_at);
CREATE TABLE state_cluster (
	run_id         TEXT    NOT NULL,
	cluster_id     TEXT    NOT NULL,
	canonical_name TEXT    NOT NULL,
	content_key    TEXT    NOT NULL,
	size           INTEGER NOT NULL,
	PRIMARY KEY (run_id, cluster_id)
);
CREATE INDEX state_cluster_id ON state_cluster (cluster_id);
CREATE TABLE state_member (
	run_id     TEXT    NOT NULL,
	member_key TEXT    NOT NULL,
	cluster_id TEXT    NOT NULL,
	name       TEXT    NOT NULL,
	rows       INTEGER NOT NULL,
	PRIMARY KEY (run_id, cluster_id, member_key)
);
CREATE TABLE state_flag (
	run_id     TEXT NOT NULL,
	cluster_id TEXT NOT NULL,
	code       TEXT NOT NULL,
	severity   TEXT NOT NULL,
	PRIMARY KEY (run_id, cluster_id, code)
);
CREATE TABLE state_record_status (
	run_id     TEXT NOT NULL,
	cluster_id TEXT NOT NULL,
	source     TEXT NOT NULL,
	record_id  TEXT NOT NULL,
	status     TEXT NOT NULL,
	PRIMARY KEY (run_id, cluster_id, source, record_id)
);
CREATE TABLE state_judgement (
	run_id  TEXT    NOT NULL,
	seq     INTEGER NOT NULL,
	kind    TEXT    NOT NULL,
	a       TEXT    NOT NULL,
	b       TEXT    NOT NULL,
	note    TEXT    NOT NULL,
	file    TEXT    NOT NULL,
	line    INTEGER NOT NULL,
	outcome TEXT    NOT NULL,
	PRIMARY KEY (run_id, seq)
);
CREATE TABLE state_verification (
	verify_key   TEXT   PRIMARY KEY,
	content_key  TEXT   NOT NULL,
	settings     TEXT   NOT NULL,
	body         BYTEA  NOT NULL,
	retrieved_at BIGINT NOT NULL,
	expires_at   BIGINT NOT NULL
);
CREATE INDEX state_verification_expires ON state_verification (expires_at);`},
		{Version: 2, Name: "shared verification bodies", SQL: `
CREATE TABLE state_verification_body (
	body_hash TEXT  PRIMARY KEY,
	body      BYTEA NOT NULL
);
ALTER TABLE state_verification ADD COLUMN body_hash TEXT NOT NULL DEFAULT '';`},
	}
}

// OpenPostgres connects to PostgreSQL (pgx) and brings the run-state schema
// up to date (table state_schema_migrations records the versions; concurrent
// openers are serialised with a transaction-level advisory lock). The run
// lock is a session-level advisory lock (pg_try_advisory_lock) keyed by the
// schema, held on one dedicated connection from BeginRun to FinishRun; the
// server drops it when that connection ends, so a killed run never leaves
// it behind.
func OpenPostgres(ctx context.Context, dsn string, opt Options) (Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("state: postgres dsn: %w", err)
	}
	if opt.PostgresSchema != "" {
		cfg.RuntimeParams["search_path"] = opt.PostgresSchema
	}
	if opt.ReadOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	fail := func(err error) (Store, error) {
		_ = db.Close()
		return nil, fmt.Errorf("state: postgres %s@%s/%s: %w", cfg.User, cfg.Host, cfg.Database, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	migs := opt.migrations
	if migs == nil {
		migs = postgresMigrations()
	}
	if opt.ReadOnly {
		if err := checkPostgresVersion(ctx, db, len(migs)); err != nil {
			return fail(err)
		}
	} else {
		if opt.PostgresSchema != "" {
			if _, err := db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{opt.PostgresSchema}.Sanitize()); err != nil {
				return fail(err)
			}
		}
		if err := migratePostgres(ctx, db, migs); err != nil {
			return fail(err)
		}
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	return &sqlStore{
		db:     db,
		name:   "postgres",
		rebind: rebindDollar,
		lock:   &advisoryLock{db: db},
		now:    now,
		wait:   opt.LockWait,
		closer: db.Close,
	}, nil
}

// rebindDollar turns ? placeholders into $1, $2, ... (the state SQL has no
// ? inside literals).
func rebindDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkPostgresVersion fails unless the state schema is at version want:
// store.ErrSchemaOld below it (or without the tables), store.ErrSchemaTooNew
// above.
func checkPostgresVersion(ctx context.Context, db *sql.DB, want int) error {
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('state_schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	var cur sql.NullInt64
	if exists {
		if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM state_schema_migrations`).Scan(&cur); err != nil {
			return err
		}
	}
	switch {
	case int(cur.Int64) < want:
		return fmt.Errorf("%w: database at state version %d, this build reads version %d", store.ErrSchemaOld, cur.Int64, want)
	case int(cur.Int64) > want:
		return fmt.Errorf("%w: database at state version %d, this build knows %d", store.ErrSchemaTooNew, cur.Int64, want)
	}
	return nil
}

func migratePostgres(ctx context.Context, db *sql.DB, migs []store.Migration) error {
	for i, m := range migs {
		if m.Version != i+1 {
			return fmt.Errorf("migration %q has version %d, want %d", m.Name, m.Version, i+1)
		}
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS state_schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at TEXT    NOT NULL)`); err != nil {
		// Two openers racing on CREATE TABLE IF NOT EXISTS can collide on the
		// catalog; the loser sees the table on a retry.
		if _, err2 := db.ExecContext(ctx, `SELECT 1 FROM state_schema_migrations LIMIT 1`); err2 != nil {
			return fmt.Errorf("create state_schema_migrations: %w", err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('resolve-state-migrate:' || coalesce(current_schema(), '')))`); err != nil {
		return err
	}
	var cur sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM state_schema_migrations`).Scan(&cur); err != nil {
		return err
	}
	if int(cur.Int64) > len(migs) {
		return fmt.Errorf("%w: database at state version %d, this build knows %d", store.ErrSchemaTooNew, cur.Int64, len(migs))
	}
	for _, m := range migs[cur.Int64:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO state_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return tx.Commit()
}

// advisoryLock is the PostgreSQL run lock.
type advisoryLock struct {
	db *sql.DB
}

const advisoryKey = `hashtext('resolve-state-run:' || coalesce(current_schema(), ''))`

func (l *advisoryLock) acquire(ctx context.Context, wait time.Duration, _ string) (func() error, error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("state: lock: %w", err)
	}
	start := time.Now()
	deadline := start.Add(wait)
	for {
		var ok bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+advisoryKey+`)`).Scan(&ok); err != nil {
			_ = conn.Close()
			return nil, fmt.Errorf("state: lock: %w", err)
		}
		if ok {
			break
		}
		if !time.Now().Before(deadline) {
			_ = conn.Close()
			le := &LockedError{Store: "postgres"}
			if wait > 0 {
				le.Waited = time.Since(start).Round(time.Millisecond)
			}
			return nil, le
		}
		select {
		case <-ctx.Done():
			_ = conn.Close()
			return nil, ctx.Err()
		case <-time.After(min(lockPoll, time.Until(deadline))):
		}
	}
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var ok bool
		err := conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock(`+advisoryKey+`)`).Scan(&ok)
		if err == nil && !ok {
			err = errors.New("advisory lock was not held")
		}
		if err != nil {
			// Do not return a connection that may still hold the lock to the
			// pool: discard it, which ends the session and its locks.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = conn.Close()
		return err
	}, nil
}

// holder: the advisory lock does not carry the holder; the running run does.
func (l *advisoryLock) holder() (int, string, time.Time) { return 0, "", time.Time{} }
