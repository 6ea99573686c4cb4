package state

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
)

// locker is the run lock of one backend.
type locker interface {
	// acquire takes the lock, waiting up to wait; it returns a *LockedError
	// (without holder details) when another holder keeps it.
	acquire(ctx context.Context, wait time.Duration, holder string) (release func() error, err error)
	// holder returns what the lock itself knows of its holder (may be empty).
	holder() (pid int, host string, since time.Time)
}

// sqlStore is the Store on database/sql, shared by both backends. SQL is
// written with ? placeholders; rebind turns them into $1, $2, ... for
// PostgreSQL.
type sqlStore struct {
	db     *sql.DB
	name   string // for messages: file path or "postgres"
	rebind func(string) string
	lock   locker
	now    func() time.Time
	wait   time.Duration
	closer func() error // closes what Open opened
	// bulk, if set, prepares a pinned connection for a large write and
	// returns how to undo it (SQLite: a larger page cache).
	bulk func(ctx context.Context, c *sql.Conn) (undo func())
	// reclaim, if set, gives back disk space that a failed write may hold
	// (SQLite: the WAL grown by a transaction that failed on a full disk),
	// so that FinishRun can still record the failure.
	reclaim func(ctx context.Context)

	bodyMu sync.Mutex
	bodies map[string][]byte // verification bodies read, by hash

	mu      sync.Mutex
	runID   string       // the run this handle began
	release func() error // releases the lock
}

func (s *sqlStore) q(query string) string { return s.rebind(query) }

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func newRunID(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return "R" + now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

func (s *sqlStore) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
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

// bulkTx is inTx on a pinned connection prepared for a large write.
func (s *sqlStore) bulkTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.bulk == nil {
		return s.inTx(ctx, fn)
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	defer s.bulk(ctx, c)()
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *sqlStore) BeginRun(ctx context.Context, info RunInfo) (Run, []string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.runID != "" {
		return Run{}, nil, fmt.Errorf("state: run %s is already in progress on this handle", s.runID)
	}
	host, _ := os.Hostname()
	now := s.now().UTC()
	pid := os.Getpid()
	release, err := s.lock.acquire(ctx, s.wait, fmt.Sprintf("pid=%d\nhost=%s\nsince=%s\n", pid, host, now.Format(time.RFC3339)))
	if err != nil {
		var le *LockedError
		if errors.As(err, &le) {
			s.describeHolder(ctx, le)
		}
		return Run{}, nil, err
	}
	run := Run{ID: newRunID(now), StartedAt: now, Outcome: Running, RunInfo: info, Host: host, PID: pid}
	var stale []string
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT run_id FROM state_run WHERE outcome = 'running' ORDER BY started_at`))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			stale = append(stale, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(stale) > 0 {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE state_run SET outcome = 'failed', finished_at = ?,
				error = ? WHERE outcome = 'running'`), ms(now),
				"interrupted: the process ended without finishing (found by run "+run.ID+")"); err != nil {
				return err
			}
		}
		// Runs are ordered by their start: a run that starts within the
		// millisecond of the one before (tests, a fast clock) starts just
		// after it, so that the order never falls back to the run IDs'
		// random suffixes.
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT MAX(started_at) FROM state_run`)).Scan(&last); err != nil {
			return err
		}
		if last.Valid && ms(now) <= last.Int64 {
			now = fromMS(last.Int64 + 1)
			run.StartedAt = now
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO state_run (run_id, started_at, outcome, input_path, input_sha256,
			config_digest, tool_version, host, pid) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)`),
			run.ID, ms(now), info.InputPath, info.InputSHA256, info.ConfigDigest, info.Version, host, pid)
		return err
	})
	if err != nil {
		_ = release()
		return Run{}, nil, fmt.Errorf("state: begin run: %w", err)
	}
	s.runID, s.release = run.ID, release
	return run, stale, nil
}

// describeHolder fills a LockedError from the lock and the running run.
func (s *sqlStore) describeHolder(ctx context.Context, le *LockedError) {
	le.PID, le.Host, le.Since = s.lock.holder()
	var id, host string
	var started, pid int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT run_id, started_at, host, pid FROM state_run
		WHERE outcome = 'running' ORDER BY started_at DESC LIMIT 1`)).Scan(&id, &started, &host, &pid)
	if err != nil {
		return
	}
	le.RunID = id
	if le.PID == 0 {
		le.PID, le.Host, le.Since = int(pid), host, fromMS(started)
	}
}

func (s *sqlStore) held(runID string) error {
	if s.runID == "" || s.runID != runID {
		return fmt.Errorf("%w: %s", ErrNotHeld, runID)
	}
	return nil
}

// execer is a transaction or the database.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// rowsPerStatement is how many rows one multi-row INSERT carries (at most
// maxStatementParams values): large enough that a million rows cost a few
// thousand statements, small enough for SQLite's and PostgreSQL's limits on
// bound parameters and for a statement that is prepared once and reused.
const (
	rowsPerStatement   = 256
	maxStatementParams = 2048
)

// rowWriter inserts rows of ncol values inside a transaction with
// multi-row INSERT statements: full statements go through one prepared
// statement, the rest through a shorter one at flush. The argument slice is
// reused, so a million rows hold at most one statement's values at a time.
type rowWriter struct {
	ctx            context.Context
	s              *sqlStore
	tx             execer
	prefix, suffix string
	ncol, per      int
	stmt           *sql.Stmt
	args           []any
}

// rows starts a rowWriter; expect is how many rows will come, when known
// (it sizes the argument slice), or 0.
func (s *sqlStore) rows(ctx context.Context, tx execer, prefix, suffix string, ncol, expect int) *rowWriter {
	per := max(1, min(rowsPerStatement, maxStatementParams/ncol))
	n := per
	if expect > 0 {
		n = min(per, expect)
	}
	return &rowWriter{ctx: ctx, s: s, tx: tx, prefix: prefix, suffix: suffix, ncol: ncol, per: per,
		args: make([]any, 0, n*ncol)}
}

func (w *rowWriter) query(n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", w.ncol), ", ") + ")"
	var b strings.Builder
	b.Grow(len(w.prefix) + len(w.suffix) + 8 + n*(len(one)+2))
	b.WriteString(w.prefix)
	b.WriteString(" VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	b.WriteString(w.suffix)
	return w.s.q(b.String())
}

// add appends one row of ncol values.
func (w *rowWriter) add(vals ...any) error {
	w.args = append(w.args, vals...)
	if len(w.args) < w.per*w.ncol {
		return nil
	}
	if w.stmt == nil {
		st, err := w.tx.PrepareContext(w.ctx, w.query(w.per))
		if err != nil {
			return err
		}
		w.stmt = st
	}
	_, err := w.stmt.ExecContext(w.ctx, w.args...)
	clear(w.args)
	w.args = w.args[:0]
	return err
}

// flush inserts the rows that wait.
func (w *rowWriter) flush() error {
	if len(w.args) == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(w.ctx, w.query(len(w.args)/w.ncol), w.args...)
	clear(w.args)
	w.args = w.args[:0]
	return err
}

func (w *rowWriter) close() {
	if w.stmt != nil {
		_ = w.stmt.Close()
	}
}

// SaveSnapshot writes the run's rows in one transaction, each table in
// primary-key order (clusters by ID, members by cluster and key: the B-trees
// grow at their ends instead of splitting pages all over) with multi-row
// statements that hold at most one statement's values at a time.
func (s *sqlStore) SaveSnapshot(ctx context.Context, runID string, snap *Snapshot) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.held(runID); err != nil {
		return err
	}
	order, members, err := snapshotOrder(runID, snap)
	if err != nil {
		return err
	}
	err = s.bulkTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"state_cluster", "state_member", "state_flag", "state_record_status", "state_judgement"} {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE run_id = ?`), runID); err != nil {
				return err
			}
		}
		cw := s.rows(ctx, tx, `INSERT INTO state_cluster (run_id, cluster_id, canonical_name, content_key, size)`, "", 5, len(order))
		defer cw.close()
		var mk []string
		for _, ci := range order {
			c := &snap.Clusters[ci]
			content := c.ContentKey
			if content == "" {
				mk = mk[:0]
				for i := range c.Members {
					mk = append(mk, c.Members[i].Key)
				}
				content = ContentKey(mk)
			}
			if err := cw.add(runID, c.ID, c.CanonicalName, content, c.Size); err != nil {
				return err
			}
		}
		if err := cw.flush(); err != nil {
			return err
		}
		mw := s.rows(ctx, tx, `INSERT INTO state_member (run_id, member_key, cluster_id, name, rows)`, "", 5, len(members))
		defer mw.close()
		for _, r := range members {
			c := &snap.Clusters[r.cluster]
			m := &c.Members[r.member]
			if err := mw.add(runID, m.Key, c.ID, m.Name, m.Rows); err != nil {
				return err
			}
		}
		if err := mw.flush(); err != nil {
			return err
		}
		fw := s.rows(ctx, tx, `INSERT INTO state_flag (run_id, cluster_id, code, severity)`, "", 4, 0)
		defer fw.close()
		sw := s.rows(ctx, tx, `INSERT INTO state_record_status (run_id, cluster_id, source, record_id, status)`, "", 5, 0)
		defer sw.close()
		for _, ci := range order {
			c := &snap.Clusters[ci]
			for i, f := range c.Flags {
				if slices.ContainsFunc(c.Flags[:i], func(g FlagState) bool { return g.Code == f.Code }) {
					continue // the first of a code counts
				}
				if err := fw.add(runID, c.ID, f.Code, f.Severity); err != nil {
					return err
				}
			}
			for i, r := range c.Statuses {
				if slices.ContainsFunc(c.Statuses[:i], func(o RecordStatus) bool { return o.Source == r.Source && o.RecordID == r.RecordID }) {
					continue
				}
				if err := sw.add(runID, c.ID, r.Source, r.RecordID, r.Status); err != nil {
					return err
				}
			}
		}
		if err := fw.flush(); err != nil {
			return err
		}
		if err := sw.flush(); err != nil {
			return err
		}
		jw := s.rows(ctx, tx, `INSERT INTO state_judgement (run_id, seq, kind, a, b, note, file, line, outcome)`, "", 9, len(snap.Judgements))
		defer jw.close()
		for i, j := range snap.Judgements {
			if err := jw.add(runID, i, string(j.Kind), j.A, j.B, j.Note, j.File, j.Line, j.Outcome); err != nil {
				return err
			}
		}
		if err := jw.flush(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`UPDATE state_run SET has_snapshot = 1, clusters = ? WHERE run_id = ?`),
			len(snap.Clusters), runID)
		return err
	})
	if err != nil {
		return fmt.Errorf("state: save run %s: %w", runID, err)
	}
	return nil
}

// memberRef is member m of cluster c of a snapshot.
type memberRef struct{ cluster, member int32 }

// snapshotOrder checks that cluster IDs and member keys are unique within
// the run and returns the clusters in ID order and the members in (cluster
// ID, key) order: the primary-key order of the tables.
func snapshotOrder(runID string, snap *Snapshot) (order []int32, members []memberRef, err error) {
	order = make([]int32, len(snap.Clusters))
	n := 0
	for i := range order {
		order[i] = int32(i)
		n += len(snap.Clusters[i].Members)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(snap.Clusters[a].ID, snap.Clusters[b].ID) })
	for x, ci := range order {
		c := &snap.Clusters[ci]
		if c.ID == "" {
			return nil, nil, fmt.Errorf("state: save run %s: a cluster has no ID", runID)
		}
		if x > 0 && snap.Clusters[order[x-1]].ID == c.ID {
			return nil, nil, fmt.Errorf("state: save run %s: cluster ID %s appears twice", runID, c.ID)
		}
	}
	key := func(r memberRef) string { return snap.Clusters[r.cluster].Members[r.member].Key }
	members = make([]memberRef, 0, n)
	for _, ci := range order {
		for m := range snap.Clusters[ci].Members {
			members = append(members, memberRef{ci, int32(m)})
		}
	}
	// Unique keys: a pointer-free table of key hashes, with the rare key
	// whose hash another key has checked exactly.
	seed := maphash.MakeSeed()
	seen := make(map[uint64]int32, len(members))
	var exact map[string]int32
	dup := func(a, b memberRef) error {
		return fmt.Errorf("state: save run %s: member %q is in clusters %s and %s", runID, key(b),
			snap.Clusters[a.cluster].ID, snap.Clusters[b.cluster].ID)
	}
	for x, r := range members {
		k := key(r)
		h := maphash.String(seed, k)
		y, ok := seen[h]
		if !ok {
			seen[h] = int32(x)
			continue
		}
		if key(members[y]) == k {
			return nil, nil, dup(members[y], r)
		}
		if y, ok := exact[k]; ok {
			return nil, nil, dup(members[y], r)
		}
		if exact == nil {
			exact = map[string]int32{}
		}
		exact[k] = int32(x)
	}
	// Within a cluster (clusters already in ID order), members by key.
	for lo := 0; lo < len(members); {
		hi := lo + 1
		for hi < len(members) && members[hi].cluster == members[lo].cluster {
			hi++
		}
		slices.SortFunc(members[lo:hi], func(a, b memberRef) int { return strings.Compare(key(a), key(b)) })
		lo = hi
	}
	return order, members, nil
}

func (s *sqlStore) FinishRun(ctx context.Context, runID string, outcome Outcome, c Counts, cause error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.held(runID); err != nil {
		return err
	}
	if outcome != Succeeded && outcome != Failed {
		return fmt.Errorf("state: finish run %s: outcome %q (want succeeded or failed)", runID, outcome)
	}
	msg := ""
	if cause != nil {
		msg = cause.Error()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	finish := func() error {
		_, err := s.db.ExecContext(ctx, s.q(`UPDATE state_run SET outcome = ?, finished_at = ?, error = ?,
			rows_read = ?, rows_clustered = ?, rows_rejected = ?, rows_ignored = ?,
			clusters = CASE WHEN ? > 0 THEN ? ELSE clusters END, clusters_verified = ?, clusters_reused = ?
			WHERE run_id = ?`),
			string(outcome), ms(s.now()), msg, c.Read, c.Clustered, c.Rejected, c.Ignored,
			c.Clusters, c.Clusters, c.Verified, c.Reused, runID)
		return err
	}
	err := finish()
	if err != nil && s.reclaim != nil {
		// A run that failed on a full disk: the one-row update may fit once
		// the space the failed write holds is given back.
		s.reclaim(ctx)
		err = finish()
	}
	rerr := s.releaseLocked()
	if err != nil {
		return fmt.Errorf("state: finish run %s: %w", runID, err)
	}
	if rerr != nil {
		return fmt.Errorf("state: finish run %s: release lock: %w", runID, rerr)
	}
	return nil
}

// releaseLocked drops the lock; s.mu is held.
func (s *sqlStore) releaseLocked() error {
	var err error
	if s.release != nil {
		err = s.release()
	}
	s.runID, s.release = "", nil
	return err
}

func (s *sqlStore) Close() error {
	s.mu.Lock()
	err := s.releaseLocked()
	s.mu.Unlock()
	if s.closer != nil {
		err = errors.Join(err, s.closer())
	}
	return err
}

const runCols = `run_id, started_at, finished_at, outcome, error, input_path, input_sha256, config_digest,
	tool_version, host, pid, rows_read, rows_clustered, rows_rejected, rows_ignored, clusters,
	clusters_verified, clusters_reused, has_snapshot`

func scanRun(sc interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var started int64
	var finished sql.NullInt64
	var outcome string
	var pid, snap int64
	err := sc.Scan(&r.ID, &started, &finished, &outcome, &r.Error, &r.InputPath, &r.InputSHA256, &r.ConfigDigest,
		&r.Version, &r.Host, &pid, &r.Counts.Read, &r.Counts.Clustered, &r.Counts.Rejected, &r.Counts.Ignored,
		&r.Counts.Clusters, &r.Counts.Verified, &r.Counts.Reused, &snap)
	if err != nil {
		return Run{}, err
	}
	r.StartedAt = fromMS(started)
	if finished.Valid {
		r.FinishedAt = fromMS(finished.Int64)
	}
	r.Outcome = Outcome(outcome)
	r.PID = int(pid)
	r.HasSnapshot = snap != 0
	return r, nil
}

func (s *sqlStore) PreviousSuccessful(ctx context.Context) (Run, bool, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM state_run
		WHERE outcome = 'succeeded' AND has_snapshot = 1 ORDER BY started_at DESC, run_id DESC LIMIT 1`)))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, false, nil
	}
	if err != nil {
		return Run{}, false, fmt.Errorf("state: previous run: %w", err)
	}
	return r, true, nil
}

func (s *sqlStore) ListRuns(ctx context.Context, limit int) ([]Run, error) {
	q := `SELECT ` + runCols + ` FROM state_run ORDER BY started_at DESC, run_id DESC`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(q))
	if err != nil {
		return nil, fmt.Errorf("state: list runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("state: list runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("state: list runs: %w", err)
	}
	return out, nil
}

func (s *sqlStore) GetRun(ctx context.Context, runID string) (Run, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM state_run WHERE run_id = ?`), runID))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, fmt.Errorf("%w: %s", ErrNoRun, runID)
	}
	if err != nil {
		return Run{}, fmt.Errorf("state: run %s: %w", runID, err)
	}
	return r, nil
}

func (s *sqlStore) snapshotRun(ctx context.Context, runID string) error {
	r, err := s.GetRun(ctx, runID)
	if err != nil {
		return err
	}
	if !r.HasSnapshot {
		return fmt.Errorf("%w: %s (%s)", ErrNoSnapshot, runID, r.Outcome)
	}
	return nil
}

func (s *sqlStore) Clusters(ctx context.Context, runID string) ([]PrevCluster, error) {
	p, err := s.Previous(ctx, runID)
	if err != nil {
		return nil, err
	}
	return p.Clusters(), nil
}

func (s *sqlStore) Previous(ctx context.Context, runID string) (*Previous, error) {
	r, err := s.GetRun(ctx, runID)
	if err != nil {
		return nil, err
	}
	if !r.HasSnapshot {
		return nil, fmt.Errorf("%w: %s (%s)", ErrNoSnapshot, runID, r.Outcome)
	}
	fail := func(err error) (*Previous, error) { return nil, fmt.Errorf("state: load run %s: %w", runID, err) }
	b := newPreviousBuilder(r.Counts.Clusters, 0)
	var ids strings.Builder
	var idEnd []int
	var raw sql.RawBytes
	err = s.each(ctx, `SELECT cluster_id FROM state_cluster WHERE run_id = ? ORDER BY cluster_id`,
		[]any{runID}, func(sc func(...any) error) error {
			if err := sc(&raw); err != nil {
				return err
			}
			ids.Write(raw)
			idEnd = append(idEnd, ids.Len())
			return nil
		})
	if err != nil {
		return fail(err)
	}
	all := ids.String() // the IDs share one string
	for i, e := range idEnd {
		lo := 0
		if i > 0 {
			lo = idEnd[i-1]
		}
		b.cluster(all[lo:e])
	}
	// Members come in the same cluster order: walk the clusters along.
	ci := 0
	var cid, key sql.RawBytes
	err = s.each(ctx, `SELECT cluster_id, member_key FROM state_member WHERE run_id = ? ORDER BY cluster_id, member_key`,
		[]any{runID}, func(sc func(...any) error) error {
			if err := sc(&cid, &key); err != nil {
				return err
			}
			for ci < len(b.p.ids) && b.p.ids[ci] != string(cid) {
				ci++
			}
			if ci == len(b.p.ids) {
				return fmt.Errorf("member %q names cluster %s, which the run does not have", key, cid)
			}
			b.memberOf(ci, key)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	p := b.done()
	p.RunID = runID
	find := func(id []byte) (int32, error) {
		i, ok := p.findID(string(id))
		if !ok {
			return 0, fmt.Errorf("row names cluster %s, which the run does not have", id)
		}
		return int32(i), nil
	}
	err = s.each(ctx, `SELECT cluster_id, code FROM state_flag WHERE run_id = ?`,
		[]any{runID}, func(sc func(...any) error) error {
			var code string
			if err := sc(&cid, &code); err != nil {
				return err
			}
			i, err := find(cid)
			p.flags = append(p.flags, prevFlag{i, code})
			return err
		})
	if err != nil {
		return fail(err)
	}
	err = s.each(ctx, `SELECT cluster_id, source, record_id, status FROM state_record_status WHERE run_id = ?`,
		[]any{runID}, func(sc func(...any) error) error {
			var st prevStatus
			if err := sc(&cid, &st.source, &st.record, &st.status); err != nil {
				return err
			}
			i, err := find(cid)
			st.cluster = i
			p.statuses = append(p.statuses, st)
			return err
		})
	if err != nil {
		return fail(err)
	}
	return p, nil
}

func (s *sqlStore) Snapshot(ctx context.Context, runID string) (*Snapshot, error) {
	return s.load(ctx, runID)
}

// load reads a run's whole snapshot as objects.
func (s *sqlStore) load(ctx context.Context, runID string) (*Snapshot, error) {
	if err := s.snapshotRun(ctx, runID); err != nil {
		return nil, err
	}
	fail := func(err error) (*Snapshot, error) { return nil, fmt.Errorf("state: load run %s: %w", runID, err) }
	snap := &Snapshot{}
	idx := map[string]int{}
	err := s.each(ctx, `SELECT cluster_id, canonical_name, size FROM state_cluster WHERE run_id = ? ORDER BY cluster_id`,
		[]any{runID}, func(sc func(...any) error) error {
			var c ClusterState
			if err := sc(&c.ID, &c.CanonicalName, &c.Size); err != nil {
				return err
			}
			idx[c.ID] = len(snap.Clusters)
			snap.Clusters = append(snap.Clusters, c)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	clusterOf := func(id string) (*ClusterState, error) {
		i, ok := idx[id]
		if !ok {
			return nil, fmt.Errorf("row names cluster %s, which the run does not have", id)
		}
		return &snap.Clusters[i], nil
	}
	err = s.each(ctx, `SELECT cluster_id, member_key, name, rows FROM state_member WHERE run_id = ? ORDER BY cluster_id, member_key`,
		[]any{runID}, func(sc func(...any) error) error {
			var id string
			var m Member
			if err := sc(&id, &m.Key, &m.Name, &m.Rows); err != nil {
				return err
			}
			c, err := clusterOf(id)
			if err != nil {
				return err
			}
			c.Members = append(c.Members, m)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	err = s.each(ctx, `SELECT cluster_id, code, severity FROM state_flag WHERE run_id = ? ORDER BY cluster_id, code`,
		[]any{runID}, func(sc func(...any) error) error {
			var id string
			var f FlagState
			if err := sc(&id, &f.Code, &f.Severity); err != nil {
				return err
			}
			c, err := clusterOf(id)
			if err != nil {
				return err
			}
			c.Flags = append(c.Flags, f)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	err = s.each(ctx, `SELECT cluster_id, source, record_id, status FROM state_record_status WHERE run_id = ?
		ORDER BY cluster_id, source, record_id`,
		[]any{runID}, func(sc func(...any) error) error {
			var id string
			var r RecordStatus
			if err := sc(&id, &r.Source, &r.RecordID, &r.Status); err != nil {
				return err
			}
			c, err := clusterOf(id)
			if err != nil {
				return err
			}
			c.Statuses = append(c.Statuses, r)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	err = s.each(ctx, `SELECT kind, a, b, note, file, line, outcome FROM state_judgement WHERE run_id = ? ORDER BY seq`,
		[]any{runID}, func(sc func(...any) error) error {
			var j AppliedJudgement
			var kind string
			if err := sc(&kind, &j.A, &j.B, &j.Note, &j.File, &j.Line, &j.Outcome); err != nil {
				return err
			}
			j.Kind = Kind(kind)
			snap.Judgements = append(snap.Judgements, j)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	return snap, nil
}

func (s *sqlStore) each(ctx context.Context, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) Diff(ctx context.Context, runA, runB string) (report.Changes, error) {
	a, err := s.Snapshot(ctx, runA)
	if err != nil {
		return report.Changes{}, err
	}
	b, err := s.Snapshot(ctx, runB)
	if err != nil {
		return report.Changes{}, err
	}
	ch := Compare(a, b)
	ch.PreviousRunID = runA
	return ch, nil
}

func (s *sqlStore) ClusterNames(ctx context.Context, clusterID string) ([]string, bool, error) {
	var runID string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT c.run_id FROM state_cluster c JOIN state_run r ON r.run_id = c.run_id
		WHERE c.cluster_id = ? AND r.outcome = 'succeeded' ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1`),
		clusterID).Scan(&runID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state: cluster %s: %w", clusterID, err)
	}
	var names []string
	err = s.each(ctx, `SELECT name FROM state_member WHERE run_id = ? AND cluster_id = ? ORDER BY member_key`,
		[]any{runID, clusterID}, func(sc func(...any) error) error {
			var n string
			if err := sc(&n); err != nil {
				return err
			}
			names = append(names, n)
			return nil
		})
	if err != nil {
		return nil, false, fmt.Errorf("state: cluster %s: %w", clusterID, err)
	}
	names = slices.Compact(names)
	return names, len(names) > 0, nil
}

func (s *sqlStore) LoadVerification(ctx context.Context, key VerifyKey) ([]byte, bool, error) {
	got, err := s.LoadVerifications(ctx, []VerifyKey{key})
	if err != nil {
		return nil, false, fmt.Errorf("state: load verification %s: %w", key.id(), err)
	}
	b, ok := got[key]
	return b, ok, nil
}

// LoadVerifications reads the rows of keys 500 at a time, then the bodies
// they name that this handle has not read yet. Rows that share a body get
// the same slice: a million clusters with one result between them cost one
// body read (callers must not modify a blob).
func (s *sqlStore) LoadVerifications(ctx context.Context, keys []VerifyKey) (map[VerifyKey][]byte, error) {
	out := make(map[VerifyKey][]byte, len(keys))
	byID := make(map[string]VerifyKey, min(len(keys), 500))
	now := ms(s.now())
	need := map[VerifyKey]string{} // key → body hash
	const chunk = 500
	args := make([]any, 0, chunk)
	var id, hash sql.RawBytes
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(len(keys), lo+chunk)]
		clear(byID)
		args = args[:0]
		for _, k := range part {
			kid := k.id()
			byID[kid] = k
			args = append(args, kid)
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT verify_key, body_hash, body, expires_at FROM state_verification
			WHERE verify_key IN (?`+strings.Repeat(",?", len(part)-1)+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("state: load verifications: %w", err)
		}
		for rows.Next() {
			var body []byte
			var expires int64
			if err := rows.Scan(&id, &hash, &body, &expires); err != nil {
				rows.Close()
				return nil, fmt.Errorf("state: load verifications: %w", err)
			}
			if now >= expires {
				continue
			}
			k := byID[string(id)]
			if len(hash) == 0 {
				out[k] = body // written before bodies were shared
				continue
			}
			if b, ok := s.cachedBody(string(hash)); ok {
				out[k] = b
				continue
			}
			need[k] = string(hash)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("state: load verifications: %w", err)
		}
	}
	if len(need) == 0 {
		return out, nil
	}
	var hashes []string
	seen := map[string]bool{}
	for _, h := range need {
		if !seen[h] {
			seen[h] = true
			hashes = append(hashes, h)
		}
	}
	bodies, err := s.loadBodies(ctx, hashes)
	if err != nil {
		return nil, fmt.Errorf("state: load verifications: %w", err)
	}
	for k, h := range need {
		if b, ok := bodies[h]; ok { // a body pruned under us: not stored
			out[k] = b
		}
	}
	return out, nil
}

// maxCachedBodies bounds the bodies a handle keeps: those it read or
// wrote, so that a rerun reads each once and a run writes each once. A body
// is immutable (named by its hash); only PruneVerification removes bodies,
// and it forgets them here too.
const maxCachedBodies = 4096

func (s *sqlStore) cachedBody(hash string) ([]byte, bool) {
	s.bodyMu.Lock()
	defer s.bodyMu.Unlock()
	b, ok := s.bodies[hash]
	return b, ok
}

func (s *sqlStore) loadBodies(ctx context.Context, hashes []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(hashes))
	const chunk = 500
	for lo := 0; lo < len(hashes); lo += chunk {
		part := hashes[lo:min(len(hashes), lo+chunk)]
		args := make([]any, len(part))
		for i, h := range part {
			args[i] = h
		}
		err := s.each(ctx, `SELECT body_hash, body FROM state_verification_body WHERE body_hash IN (?`+
			strings.Repeat(",?", len(part)-1)+`)`, args, func(sc func(...any) error) error {
			var h string
			var b []byte
			if err := sc(&h, &b); err != nil {
				return err
			}
			out[h] = b
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	s.bodyMu.Lock()
	for h, b := range out {
		s.keepBodyLocked(h, b)
	}
	s.bodyMu.Unlock()
	return out, nil
}

// keepBodyLocked remembers a body that is in the store (bodyMu held).
func (s *sqlStore) keepBodyLocked(hash string, b []byte) {
	if s.bodies == nil || len(s.bodies) >= maxCachedBodies {
		s.bodies = map[string][]byte{}
	}
	s.bodies[hash] = b
}

// bodyHash names a verification body: hex of the first 16 bytes of its
// SHA-256.
func bodyHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func (s *sqlStore) SaveVerification(ctx context.Context, key VerifyKey, blob []byte, ttl time.Duration) error {
	if err := s.SaveVerifications(ctx, []VerifyResult{{Key: key, Blob: blob, TTL: ttl}}); err != nil {
		return fmt.Errorf("state: save verification %s: %w", key.id(), err)
	}
	return nil
}

// The upserts of stored verification results and their shared bodies.
const (
	verifyInsert = `INSERT INTO state_verification (verify_key, content_key, settings, body, retrieved_at, expires_at,
		body_hash)`
	verifyConflict = ` ON CONFLICT (verify_key) DO UPDATE SET body = excluded.body, body_hash = excluded.body_hash,
		retrieved_at = excluded.retrieved_at, expires_at = excluded.expires_at`
	bodyInsert   = `INSERT INTO state_verification_body (body_hash, body)`
	bodyConflict = ` ON CONFLICT (body_hash) DO NOTHING`
)

// SaveVerifications writes each distinct body once (state_verification_body)
// and one row per key naming it, in one transaction.
func (s *sqlStore) SaveVerifications(ctx context.Context, results []VerifyResult) error {
	// A key given twice keeps its last result: one statement may not
	// update a row twice (PostgreSQL refuses it).
	last := make(map[VerifyKey]int, len(results))
	for i, r := range results {
		if r.TTL > 0 {
			last[r.Key] = i
		}
	}
	if len(last) == 0 {
		return nil
	}
	hashes := map[string]string{} // body → hash; most results share a few bodies
	var bodies [][]byte           // bodies this handle has not written or read
	for i, r := range results {
		if j, ok := last[r.Key]; !ok || j != i {
			continue
		}
		if _, ok := hashes[string(r.Blob)]; !ok {
			h := bodyHash(r.Blob)
			hashes[string(r.Blob)] = h
			if _, known := s.cachedBody(h); !known {
				bodies = append(bodies, r.Blob)
			}
		}
	}
	now := s.now()
	empty := []byte{}
	write := func(ctx context.Context, tx execer) error {
		if len(bodies) > 0 {
			bw := s.rows(ctx, tx, bodyInsert, bodyConflict, 2, len(bodies))
			defer bw.close()
			for _, b := range bodies {
				if b == nil {
					b = empty
				}
				if err := bw.add(hashes[string(b)], b); err != nil {
					return err
				}
			}
			if err := bw.flush(); err != nil {
				return err
			}
		}
		w := s.rows(ctx, tx, verifyInsert, verifyConflict, 7, len(last))
		defer w.close()
		for i, r := range results {
			if j, ok := last[r.Key]; !ok || j != i {
				continue
			}
			if err := w.add(r.Key.id(), r.Key.Content, r.Key.Settings, empty, ms(now), ms(now.Add(r.TTL)),
				hashes[string(r.Blob)]); err != nil {
				return err
			}
		}
		return w.flush()
	}
	var err error
	if len(bodies) == 0 && len(last) <= rowsPerStatement {
		err = write(ctx, s.db) // one statement: no transaction around it
	} else {
		err = s.inTx(ctx, func(tx *sql.Tx) error { return write(ctx, tx) })
	}
	if err == nil {
		s.bodyMu.Lock()
		for _, b := range bodies {
			s.keepBodyLocked(hashes[string(b)], b)
		}
		s.bodyMu.Unlock()
	}
	if err != nil {
		return fmt.Errorf("state: save %d verification results: %w", len(last), err)
	}
	return nil
}

// PruneVerification deletes expired results, then the bodies no result
// names any more. It returns how many results went.
func (s *sqlStore) PruneVerification(ctx context.Context) (int64, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM state_verification WHERE expires_at <= ?`), ms(s.now()))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM state_verification_body
			WHERE body_hash NOT IN (SELECT body_hash FROM state_verification)`)
		return err
	})
	s.bodyMu.Lock()
	s.bodies = nil
	s.bodyMu.Unlock()
	if err != nil {
		return 0, fmt.Errorf("state: prune verification: %w", err)
	}
	return n, nil
}

func (s *sqlStore) PruneSnapshots(ctx context.Context, keep int) (int, error) {
	keep = max(keep, 1)
	var cutoff int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT started_at FROM state_run WHERE outcome = 'succeeded' AND has_snapshot = 1
		ORDER BY started_at DESC, run_id DESC LIMIT 1 OFFSET ?`), keep-1).Scan(&cutoff)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // fewer than keep
	}
	if err != nil {
		return 0, fmt.Errorf("state: prune snapshots: %w", err)
	}
	var ids []string
	err = s.each(ctx, `SELECT run_id FROM state_run WHERE has_snapshot = 1 AND outcome <> 'running' AND started_at < ?`,
		[]any{cutoff}, func(sc func(...any) error) error {
			var id string
			if err := sc(&id); err != nil {
				return err
			}
			ids = append(ids, id)
			return nil
		})
	if err != nil {
		return 0, fmt.Errorf("state: prune snapshots: %w", err)
	}
	for _, id := range ids {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			for _, t := range []string{"state_cluster", "state_member", "state_flag", "state_record_status", "state_judgement"} {
				if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE run_id = ?`), id); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, s.q(`UPDATE state_run SET has_snapshot = 0 WHERE run_id = ?`), id)
			return err
		})
		if err != nil {
			return 0, fmt.Errorf("state: prune snapshot of %s: %w", id, err)
		}
	}
	return len(ids), nil
}
