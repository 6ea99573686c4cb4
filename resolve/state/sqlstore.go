package state

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
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

// insertBatch inserts rows of ncol values, many rows per statement.
func (s *sqlStore) insertBatch(ctx context.Context, tx *sql.Tx, prefix string, ncol int, vals []any) error {
	if s.bulk != nil { // SQLite: one prepared statement, one row per step
		stmt, err := tx.PrepareContext(ctx, prefix+" VALUES ("+strings.TrimSuffix(strings.Repeat("?, ", ncol), ", ")+")")
		if err != nil {
			return err
		}
		defer stmt.Close()
		for lo := 0; lo < len(vals); lo += ncol {
			if _, err := stmt.ExecContext(ctx, vals[lo:lo+ncol]...); err != nil {
				return err
			}
		}
		return nil
	}
	const maxParams = 30000
	per := max(1, maxParams/ncol)
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", ncol), ", ") + ")"
	for lo := 0; lo < len(vals); lo += per * ncol {
		hi := min(len(vals), lo+per*ncol)
		n := (hi - lo) / ncol
		var b strings.Builder
		b.WriteString(prefix)
		b.WriteString(" VALUES ")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
		}
		if _, err := tx.ExecContext(ctx, s.q(b.String()), vals[lo:hi]...); err != nil {
			return err
		}
	}
	return nil
}

func (s *sqlStore) SaveSnapshot(ctx context.Context, runID string, snap *Snapshot) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.held(runID); err != nil {
		return err
	}
	// Validate first: IDs and member keys unique within the run.
	ids := map[string]bool{}
	keys := map[string]string{}
	for _, c := range snap.Clusters {
		if c.ID == "" {
			return fmt.Errorf("state: save run %s: a cluster has no ID", runID)
		}
		if ids[c.ID] {
			return fmt.Errorf("state: save run %s: cluster ID %s appears twice", runID, c.ID)
		}
		ids[c.ID] = true
		for _, m := range c.Members {
			if other, dup := keys[m.Key]; dup {
				return fmt.Errorf("state: save run %s: member %q is in clusters %s and %s", runID, m.Key, other, c.ID)
			}
			keys[m.Key] = c.ID
		}
	}
	order := make([]int, len(snap.Clusters)) // clusters in primary-key order
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(snap.Clusters[a].ID, snap.Clusters[b].ID) })
	err := s.bulkTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"state_cluster", "state_member", "state_flag", "state_record_status", "state_judgement"} {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE run_id = ?`), runID); err != nil {
				return err
			}
		}
		var cv, mv, fv, sv []any
		// Members go in in primary-key order (cluster, key): the B-tree then
		// grows at its end instead of splitting pages all over.
		type mrow struct {
			m  *Member
			id string
		}
		members := make([]mrow, 0, len(keys))
		for _, ci := range order {
			c := &snap.Clusters[ci]
			mk := make([]string, len(c.Members))
			for i := range c.Members {
				mk[i] = c.Members[i].Key
				members = append(members, mrow{&c.Members[i], c.ID})
			}
			cv = append(cv, runID, c.ID, c.CanonicalName, ContentKey(mk), c.Size)
			seenFlag := map[string]bool{}
			for _, f := range c.Flags {
				if !seenFlag[f.Code] {
					seenFlag[f.Code] = true
					fv = append(fv, runID, c.ID, f.Code, f.Severity)
				}
			}
			seenRec := map[[2]string]bool{}
			for _, r := range c.Statuses {
				k := [2]string{r.Source, r.RecordID}
				if !seenRec[k] {
					seenRec[k] = true
					sv = append(sv, runID, c.ID, r.Source, r.RecordID, r.Status)
				}
			}
		}
		slices.SortFunc(members, func(a, b mrow) int {
			return cmp.Or(strings.Compare(a.id, b.id), strings.Compare(a.m.Key, b.m.Key))
		})
		mv = make([]any, 0, 5*len(members))
		for _, r := range members {
			mv = append(mv, runID, r.m.Key, r.id, r.m.Name, r.m.Rows)
		}
		var jv []any
		for i, j := range snap.Judgements {
			jv = append(jv, runID, i, string(j.Kind), j.A, j.B, j.Note, j.File, j.Line, j.Outcome)
		}
		for _, b := range []struct {
			prefix string
			n      int
			vals   []any
		}{
			{`INSERT INTO state_cluster (run_id, cluster_id, canonical_name, content_key, size)`, 5, cv},
			{`INSERT INTO state_member (run_id, member_key, cluster_id, name, rows)`, 5, mv},
			{`INSERT INTO state_flag (run_id, cluster_id, code, severity)`, 4, fv},
			{`INSERT INTO state_record_status (run_id, cluster_id, source, record_id, status)`, 5, sv},
			{`INSERT INTO state_judgement (run_id, seq, kind, a, b, note, file, line, outcome)`, 9, jv},
		} {
			if err := s.insertBatch(ctx, tx, b.prefix, b.n, b.vals); err != nil {
				return err
			}
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
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE state_run SET outcome = ?, finished_at = ?, error = ?,
		rows_read = ?, rows_clustered = ?, rows_rejected = ?, rows_ignored = ?,
		clusters = CASE WHEN ? > 0 THEN ? ELSE clusters END, clusters_verified = ?, clusters_reused = ?
		WHERE run_id = ?`),
		string(outcome), ms(s.now()), msg, c.Read, c.Clustered, c.Rejected, c.Ignored,
		c.Clusters, c.Clusters, c.Verified, c.Reused, runID)
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
	snap, err := s.load(ctx, runID, false)
	if err != nil {
		return nil, err
	}
	return prevClusters(snap), nil
}

func (s *sqlStore) Snapshot(ctx context.Context, runID string) (*Snapshot, error) {
	return s.load(ctx, runID, true)
}

// load reads a run's snapshot; all=false reads only clusters and members.
func (s *sqlStore) load(ctx context.Context, runID string, all bool) (*Snapshot, error) {
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
	if !all {
		return snap, nil
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
	var body []byte
	var expires int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT body, expires_at FROM state_verification WHERE verify_key = ?`),
		key.id()).Scan(&body, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state: load verification %s: %w", key.id(), err)
	}
	if ms(s.now()) >= expires {
		return nil, false, nil
	}
	return body, true, nil
}

func (s *sqlStore) LoadVerifications(ctx context.Context, keys []VerifyKey) (map[VerifyKey][]byte, error) {
	out := make(map[VerifyKey][]byte, len(keys))
	byID := make(map[string]VerifyKey, len(keys))
	now := ms(s.now())
	const chunk = 500
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(len(keys), lo+chunk)]
		args := make([]any, len(part))
		marks := make([]string, len(part))
		for i, k := range part {
			byID[k.id()] = k
			args[i], marks[i] = k.id(), "?"
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT verify_key, body, expires_at FROM state_verification WHERE verify_key IN (`+
			strings.Join(marks, ",")+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("state: load verifications: %w", err)
		}
		for rows.Next() {
			var id string
			var body []byte
			var expires int64
			if err := rows.Scan(&id, &body, &expires); err != nil {
				rows.Close()
				return nil, fmt.Errorf("state: load verifications: %w", err)
			}
			if now < expires {
				out[byID[id]] = body
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *sqlStore) SaveVerification(ctx context.Context, key VerifyKey, blob []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return nil
	}
	if blob == nil {
		blob = []byte{}
	}
	now := s.now()
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO state_verification
		(verify_key, content_key, settings, body, retrieved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (verify_key) DO UPDATE SET body = excluded.body, retrieved_at = excluded.retrieved_at,
		expires_at = excluded.expires_at`),
		key.id(), key.Content, key.Settings, blob, ms(now), ms(now.Add(ttl)))
	if err != nil {
		return fmt.Errorf("state: save verification %s: %w", key.id(), err)
	}
	return nil
}

func (s *sqlStore) PruneVerification(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM state_verification WHERE expires_at <= ?`), ms(s.now()))
	if err != nil {
		return 0, fmt.Errorf("state: prune verification: %w", err)
	}
	return res.RowsAffected()
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
