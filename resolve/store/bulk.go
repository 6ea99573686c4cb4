package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// BulkEntity is one record of a bulk file as the store keeps it. Data is
// opaque to the store (verify/bulk puts a JSON record there).
type BulkEntity struct {
	ExtID      string   // the source's own id (LEI, OFAC ent_num, ...)
	Name       string   // primary name, for display and samples
	Country    string   // ISO 3166-1 alpha-2, upper case, or ""
	AddressKey string   // normalised registered address, or ""
	Keys       []string // name blocking keys (deduplicated by the store)
	Data       []byte
}

// Load is one in-progress load of a bulk source. Rows are written in batched
// transactions through prepared statements; the new rows become visible only
// at Commit, which also drops the previous load of the same source, so
// re-indexing is idempotent and a failed load leaves the old data in place.
// A Load is used by one goroutine.
type Load struct {
	s         *Store
	id        int64
	source    string
	batch     int
	conn      *sql.Conn // pinned: the TEMP staging table lives on it
	tx        *sql.Tx
	insE      *sql.Stmt
	insK      *sql.Stmt
	pending   int
	rows      int64
	countries map[string]bool
	seen      map[string]struct{} // key dedup scratch
}

// BeginLoad starts loading source. batch is the number of entities per
// transaction (default 10,000). Leftovers of an earlier load of the same
// source that never committed are removed first.
func (s *Store) BeginLoad(ctx context.Context, source string, files []string, batch int) (*Load, error) {
	if source == "" {
		return nil, errors.New("store: begin load: empty source")
	}
	if batch <= 0 {
		batch = 10000
	}
	fj, _ := json.Marshal(files)
	var stale []int64
	rows, err := s.db.QueryContext(ctx, `SELECT load_id FROM bulk_load WHERE source = ? AND state = 'loading'`, source)
	if err != nil {
		return nil, fmt.Errorf("store: begin load %s: %w", source, err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		stale = append(stale, id)
	}
	rows.Close()
	for _, id := range stale {
		if err := s.dropLoad(ctx, id); err != nil {
			return nil, fmt.Errorf("store: begin load %s: drop stale load %d: %w", source, id, err)
		}
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO bulk_load (source, state, files, started_at) VALUES (?, 'loading', ?, ?)`,
		source, string(fj), time.Now().UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: begin load %s: %w", source, err)
	}
	id, _ := res.LastInsertId()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin load %s: %w", source, err)
	}
	// Keys are appended to a connection-local staging table while the load
	// streams (cheap, in rowid order) and moved into bulk_key sorted at
	// commit, which avoids random B-tree inserts into a large index.
	for _, q := range []string{`PRAGMA cache_size = -65536`, `DROP TABLE IF EXISTS temp.bulk_key_stage`,
		`CREATE TEMP TABLE bulk_key_stage (key TEXT NOT NULL, entity_id INTEGER NOT NULL)`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Close()
			return nil, fmt.Errorf("store: begin load %s: %w", source, err)
		}
	}
	return &Load{s: s, id: id, source: source, batch: batch, conn: conn, countries: map[string]bool{}, seen: map[string]struct{}{}}, nil
}

func (l *Load) begin(ctx context.Context) error {
	tx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	insE, err := tx.PrepareContext(ctx, `INSERT INTO bulk_entity (load_id, ext_id, name, country, address_key, data) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	insK, err := tx.PrepareContext(ctx, `INSERT INTO temp.bulk_key_stage (key, entity_id) VALUES (?, ?)`)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	l.tx, l.insE, l.insK = tx, insE, insK
	return nil
}

// Add writes one entity.
func (l *Load) Add(ctx context.Context, e BulkEntity) error {
	if l.tx == nil {
		if err := l.begin(ctx); err != nil {
			return fmt.Errorf("store: load %s: begin batch: %w", l.source, err)
		}
	}
	res, err := l.insE.ExecContext(ctx, l.id, e.ExtID, e.Name, e.Country, e.AddressKey, e.Data)
	if err != nil {
		return fmt.Errorf("store: load %s: entity %q: %w", l.source, e.ExtID, err)
	}
	eid, _ := res.LastInsertId()
	clear(l.seen)
	for _, k := range e.Keys {
		if k == "" {
			continue
		}
		if _, dup := l.seen[k]; dup {
			continue
		}
		l.seen[k] = struct{}{}
		if _, err := l.insK.ExecContext(ctx, k, eid); err != nil {
			return fmt.Errorf("store: load %s: key %q: %w", l.source, k, err)
		}
	}
	if e.Country != "" {
		l.countries[e.Country] = true
	}
	l.rows++
	l.pending++
	if l.pending >= l.batch {
		return l.flush()
	}
	return nil
}

// Rows is the number of entities added so far.
func (l *Load) Rows() int64 { return l.rows }

func (l *Load) flush() error {
	if l.tx == nil {
		return nil
	}
	err := l.tx.Commit()
	l.tx, l.insE, l.insK, l.pending = nil, nil, nil, 0
	if err != nil {
		return fmt.Errorf("store: load %s: commit batch: %w", l.source, err)
	}
	return nil
}

// Commit makes the load the active one for its source (global: the source
// covers every country, e.g. a sanctions list) and deletes the previous load.
func (l *Load) Commit(ctx context.Context, global bool) error {
	if err := l.flush(); err != nil {
		return err
	}
	cs := make([]string, 0, len(l.countries))
	for c := range l.countries {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	cj, _ := json.Marshal(cs)
	var old []int64
	// Move the staged keys into the key index in key order (fast appends).
	tx, err := l.conn.BeginTx(ctx, nil)
	if err == nil {
		_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO bulk_key (load_id, key, entity_id)
			SELECT ?, key, entity_id FROM temp.bulk_key_stage ORDER BY key, entity_id`, l.id)
		if err == nil {
			err = tx.Commit()
		} else {
			_ = tx.Rollback()
		}
	}
	l.release()
	if err != nil {
		return fmt.Errorf("store: load %s: build key index: %w", l.source, err)
	}
	err = l.s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bulk_key_stat (load_id, key, n)
			SELECT load_id, key, COUNT(*) FROM bulk_key WHERE load_id = ? GROUP BY key`, l.id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT load_id FROM bulk_load WHERE source = ? AND state = 'active'`, l.source)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			old = append(old, id)
		}
		rows.Close()
		if _, err := tx.ExecContext(ctx, `UPDATE bulk_load SET state = 'loading' WHERE load_id IN (SELECT load_id FROM bulk_load WHERE source = ? AND state = 'active')`, l.source); err != nil {
			return err
		}
		g := 0
		if global {
			g = 1
		}
		_, err = tx.ExecContext(ctx, `UPDATE bulk_load SET state = 'active', rows = ?, countries = ?, global = ?, finished_at = ? WHERE load_id = ?`,
			l.rows, string(cj), g, time.Now().UnixMilli(), l.id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: load %s: activate: %w", l.source, err)
	}
	// The old rows are invisible now (state 'loading'); delete them. A crash
	// here leaves them for the next BeginLoad of this source to remove.
	for _, id := range old {
		if err := l.s.dropLoad(ctx, id); err != nil {
			return fmt.Errorf("store: load %s: drop previous load: %w", l.source, err)
		}
	}
	return nil
}

// Abort discards the load's rows. Use a fresh context: the load's own may be cancelled.
func (l *Load) Abort(ctx context.Context) error {
	if l.tx != nil {
		_ = l.tx.Rollback()
		l.tx = nil
	}
	l.release()
	return l.s.dropLoad(ctx, l.id)
}

// release drops the staging table and returns the pinned connection.
func (l *Load) release() {
	if l.conn == nil {
		return
	}
	_, _ = l.conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.bulk_key_stage`)
	_, _ = l.conn.ExecContext(context.Background(), `PRAGMA cache_size = -2000`)
	_ = l.conn.Close()
	l.conn = nil
}

func (s *Store) dropLoad(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM bulk_key WHERE load_id = ?`,
			`DELETE FROM bulk_key_stat WHERE load_id = ?`,
			`DELETE FROM bulk_entity WHERE load_id = ?`,
			`DELETE FROM bulk_load WHERE load_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// LoadInfo describes the active load of one bulk source.
type LoadInfo struct {
	ID        int64
	Source    string
	Files     []string
	Rows      int64
	Countries []string
	Global    bool
	LoadedAt  time.Time
}

// ActiveLoads lists the active load of every bulk source, by source name.
func (s *Store) ActiveLoads(ctx context.Context) ([]LoadInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT load_id, source, files, rows, countries, global, COALESCE(finished_at, started_at)
		FROM bulk_load WHERE state = 'active' ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("store: active loads: %w", err)
	}
	defer rows.Close()
	var out []LoadInfo
	for rows.Next() {
		var li LoadInfo
		var files, countries string
		var g int
		var at int64
		if err := rows.Scan(&li.ID, &li.Source, &files, &li.Rows, &countries, &g, &at); err != nil {
			return nil, fmt.Errorf("store: active loads: %w", err)
		}
		_ = json.Unmarshal([]byte(files), &li.Files)
		_ = json.Unmarshal([]byte(countries), &li.Countries)
		li.Global = g == 1
		li.LoadedAt = time.UnixMilli(at).UTC()
		out = append(out, li)
	}
	return out, rows.Err()
}

// Candidate is an entity found by name keys.
type Candidate struct {
	ExtID  string
	Name   string
	Data   []byte
	Shared int // how many of the query's usable keys it carries
}

// Candidates returns the entities of a load that share name keys with the
// query, most shared keys first, at most limit. Keys carried by more than
// maxKeyFreq entities are too common to block on and are not used, unless
// every key is that common, in which case only the rarest is used.
func (s *Store) Candidates(ctx context.Context, loadID int64, keys []string, maxKeyFreq, limit int) ([]Candidate, error) {
	if len(keys) == 0 || limit <= 0 {
		return nil, nil
	}
	keys = dedup(keys)
	type kf struct {
		key string
		n   int
	}
	var stats []kf
	for _, k := range keys {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT n FROM bulk_key_stat WHERE load_id = ? AND key = ?`, loadID, k).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			continue // no entity has it
		}
		if err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		stats = append(stats, kf{k, n})
	}
	if len(stats) == 0 {
		return nil, nil
	}
	var use []any
	for _, st := range stats {
		if maxKeyFreq <= 0 || st.n <= maxKeyFreq {
			use = append(use, st.key)
		}
	}
	if len(use) == 0 {
		sort.Slice(stats, func(i, j int) bool { return stats[i].n < stats[j].n })
		use = []any{stats[0].key}
	}
	q := `SELECT e.ext_id, e.name, e.data, COUNT(*) AS c FROM bulk_key k JOIN bulk_entity e ON e.entity_id = k.entity_id
		WHERE k.load_id = ? AND k.key IN (?` + strings.Repeat(", ?", len(use)-1) + `)
		GROUP BY k.entity_id ORDER BY c DESC, k.entity_id LIMIT ?`
	args := append(append([]any{loadID}, use...), limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ExtID, &c.Name, &c.Data, &c.Shared); err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Entity returns one entity of a load by its source id.
func (s *Store) Entity(ctx context.Context, loadID int64, extID string) (Candidate, bool, error) {
	var c Candidate
	err := s.db.QueryRowContext(ctx, `SELECT ext_id, name, data FROM bulk_entity WHERE load_id = ? AND ext_id = ? LIMIT 1`,
		loadID, extID).Scan(&c.ExtID, &c.Name, &c.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return Candidate{}, false, nil
	}
	if err != nil {
		return Candidate{}, false, fmt.Errorf("store: entity %q: %w", extID, err)
	}
	return c, true, nil
}

// AddressCount returns how many entities of a load have the normalised
// address key, and up to sample of their names.
func (s *Store) AddressCount(ctx context.Context, loadID int64, addressKey string, sample int) (int, []string, error) {
	if addressKey == "" {
		return 0, nil, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM bulk_entity WHERE address_key = ? AND load_id = ?`,
		addressKey, loadID).Scan(&n); err != nil {
		return 0, nil, fmt.Errorf("store: address count: %w", err)
	}
	if n == 0 || sample <= 0 {
		return n, nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM bulk_entity WHERE address_key = ? AND load_id = ? ORDER BY name LIMIT ?`,
		addressKey, loadID, sample)
	if err != nil {
		return 0, nil, fmt.Errorf("store: address count: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var nm string
		if err := rows.Scan(&nm); err != nil {
			return 0, nil, err
		}
		names = append(names, nm)
	}
	return n, names, rows.Err()
}

func dedup(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// AtAddress returns up to limit entities of a load with the normalised
// address key, ordered by name.
func (s *Store) AtAddress(ctx context.Context, loadID int64, addressKey string, limit int) ([]Candidate, error) {
	if addressKey == "" || limit <= 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ext_id, name, data FROM bulk_entity WHERE address_key = ? AND load_id = ? ORDER BY name LIMIT ?`,
		addressKey, loadID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: at address: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ExtID, &c.Name, &c.Data); err != nil {
			return nil, fmt.Errorf("store: at address: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
