package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Migration is one forward step of the schema. Versions start at 1 and
// increase by one; a migration, once released, is never edited (add a new one).
type Migration struct {
	Version int
	Name    string
	SQL     string // one or more statements, run in one transaction
}

// Migrations returns the schema history in order. To change the schema,
// append one entry at the end: Open applies every entry whose version is
// above the file's and records it in schema_migrations.
func Migrations() []Migration {
	return []Migration{
		{Version: 1, Name: "http cache", SQL: `
CREATE TABLE http_cache (
	source     TEXT    NOT NULL,
	key        TEXT    NOT NULL,
	status     INTEGER NOT NULL,
	body       BLOB    NOT NULL,
	fetched_at INTEGER NOT NULL, -- unix milliseconds
	expires_at INTEGER NOT NULL, -- unix milliseconds
	PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX http_cache_expires ON http_cache (expires_at);`},
		{Version: 2, Name: "bulk entities", SQL: `
-- One row per load of a bulk source; exactly one load per source is active.
CREATE TABLE bulk_load (
	load_id     INTEGER PRIMARY KEY,
	source      TEXT    NOT NULL,
	state       TEXT    NOT NULL CHECK (state IN ('loading', 'active')),
	files       TEXT    NOT NULL, -- JSON array of file names
	rows        INTEGER NOT NULL DEFAULT 0,
	countries   TEXT    NOT NULL DEFAULT '[]', -- JSON array of ISO codes present
	global      INTEGER NOT NULL DEFAULT 0,  -- 1: covers every country
	started_at  INTEGER NOT NULL,
	finished_at INTEGER
);
CREATE INDEX bulk_load_source ON bulk_load (source, state);
CREATE TABLE bulk_entity (
	entity_id   INTEGER PRIMARY KEY,
	load_id     INTEGER NOT NULL,
	ext_id      TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	country     TEXT    NOT NULL DEFAULT '',
	address_key TEXT    NOT NULL DEFAULT '',
	data        BLOB    NOT NULL
);
CREATE INDEX bulk_entity_ext ON bulk_entity (load_id, ext_id);
CREATE INDEX bulk_entity_address ON bulk_entity (address_key, load_id) WHERE address_key <> '';
CREATE TABLE bulk_key (
	load_id   INTEGER NOT NULL,
	key       TEXT    NOT NULL,
	entity_id INTEGER NOT NULL,
	PRIMARY KEY (load_id, key, entity_id)
) WITHOUT ROWID;
CREATE TABLE bulk_key_stat (
	load_id INTEGER NOT NULL,
	key     TEXT    NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (load_id, key)
) WITHOUT ROWID;`},
		{Version: 3, Name: "run state", SQL: stateSchemaV1},
		{Version: 4, Name: "shared verification bodies", SQL: stateSchemaV2},
	}
}

// stateSchemaV2 stores each distinct verification result once: most
// clusters of a nightly run get the same result (nothing found, the same
// coverage), which cost 659 bytes a cluster when every row held its own.
// A row written since keeps an empty body and names its body by hash;
// rows written before keep theirs (body_hash empty). Keep in step with
// resolve/state's PostgreSQL migration 2.
const stateSchemaV2 = `
CREATE TABLE state_verification_body (
	body_hash TEXT NOT NULL PRIMARY KEY, -- hex of the first 16 bytes of the body's SHA-256
	body      BLOB NOT NULL
) WITHOUT ROWID;
ALTER TABLE state_verification ADD COLUMN body_hash TEXT NOT NULL DEFAULT '';`

// stateSchemaV1 holds the run-state tables of package resolve/state (runs,
// clusters and members per run, flags and registry record statuses per
// cluster, judgements applied, and resumable verification results). The
// PostgreSQL backend of resolve/state creates the same tables with
// PostgreSQL types; keep the two in step. Times are unix milliseconds.
const stateSchemaV1 = `
CREATE TABLE state_run (
	run_id            TEXT    PRIMARY KEY,
	started_at        INTEGER NOT NULL,
	finished_at       INTEGER,
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
) WITHOUT ROWID;
CREATE INDEX state_cluster_id ON state_cluster (cluster_id);
CREATE TABLE state_member (
	run_id     TEXT    NOT NULL,
	member_key TEXT    NOT NULL,
	cluster_id TEXT    NOT NULL,
	name       TEXT    NOT NULL,
	rows       INTEGER NOT NULL,
	PRIMARY KEY (run_id, cluster_id, member_key)
) WITHOUT ROWID;
CREATE TABLE state_flag (
	run_id     TEXT NOT NULL,
	cluster_id TEXT NOT NULL,
	code       TEXT NOT NULL,
	severity   TEXT NOT NULL,
	PRIMARY KEY (run_id, cluster_id, code)
) WITHOUT ROWID;
CREATE TABLE state_record_status (
	run_id     TEXT NOT NULL,
	cluster_id TEXT NOT NULL,
	source     TEXT NOT NULL,
	record_id  TEXT NOT NULL,
	status     TEXT NOT NULL,
	PRIMARY KEY (run_id, cluster_id, source, record_id)
) WITHOUT ROWID;
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
) WITHOUT ROWID;
CREATE TABLE state_verification (
	verify_key   TEXT    PRIMARY KEY,
	content_key  TEXT    NOT NULL,
	settings     TEXT    NOT NULL,
	body         BLOB    NOT NULL,
	retrieved_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL
);
CREATE INDEX state_verification_expires ON state_verification (expires_at);`

func (s *Store) migrate(ctx context.Context, migs []Migration) error {
	for i, m := range migs {
		if m.Version != i+1 {
			return fmt.Errorf("migration %q has version %d, want %d (versions must be 1, 2, 3, ...)", m.Name, m.Version, i+1)
		}
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at TEXT    NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	cur, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if cur > len(migs) {
		return fmt.Errorf("%w: file at version %d, this build knows %d", ErrSchemaTooNew, cur, len(migs))
	}
	for _, m := range migs[cur:] {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			// Re-check inside the write lock: another process may have migrated.
			var v sql.NullInt64
			if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
				return err
			}
			if int(v.Int64) >= m.Version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return nil
}
