package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/resolve-tool/resolve/resolve/store"
)

// OpenSQLite returns the Store on the embedded store file. The tables come
// from resolve/store's migration "run state", applied by store.Open. The run
// lock is an flock(2) lock on the file path+".lock" beside the database,
// which the kernel drops when the holding process dies (even on SIGKILL);
// the file also holds the holder's pid, host and start time for the error
// message. Closing the returned Store does not close st.
func OpenSQLite(ctx context.Context, st *store.Store, opt Options) (Store, error) {
	var n int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'state_run'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("state: %s: %w", st.Path(), err)
	}
	if n == 0 {
		return nil, fmt.Errorf("state: %s has no run-state tables (open it with store.Open, which migrates it)", st.Path())
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	return &sqlStore{
		db:     st.DB(),
		name:   st.Path(),
		rebind: func(q string) string { return q },
		lock:   &fileLock{path: st.Path() + ".lock"},
		now:    now,
		wait:   opt.LockWait,
		bulk:   sqliteBulk,
		reclaim: func(ctx context.Context) {
			// Truncating the WAL gives back what a transaction that failed
			// on a full disk wrote to it.
			_, _ = st.DB().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		},
	}, nil
}

// bulkCacheKiB is the page cache of a snapshot write, in KiB: 128 MiB.
// 256 MiB saved no time (1,000,000 generated names: save_snapshot 7.3 s wall
// with 256 MiB, 7.4 s with 128; the rerun on a store holding that run
// 8.2 / 8.0 s) and cost the job's peak RSS 64–104 MB (2,046,644 →
// 1,982,496 kB first run, 2,123,852 → 2,019,484 kB rerun).
const bulkCacheKiB = 128 << 10

// sqliteBulk gives the connection a page cache of bulkCacheKiB for the
// length of a snapshot write (a million members): with SQLite's default
// 2 MiB the transaction spills pages to the WAL over and over. The cache is
// allocated as it fills and freed when the size is set back.
func sqliteBulk(ctx context.Context, c *sql.Conn) func() {
	var old int64
	if err := c.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		return func() {}
	}
	if _, err := c.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(bulkCacheKiB)); err != nil {
		return func() {}
	}
	return func() {
		_, _ = c.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = `+strconv.FormatInt(old, 10))
	}
}

// fileLock is the SQLite run lock.
type fileLock struct {
	path string
}

// lockPoll is how often a waiting BeginRun retries the lock.
const lockPoll = 200 * time.Millisecond

func (l *fileLock) acquire(ctx context.Context, wait time.Duration, holder string) (func() error, error) {
	fl := flock.New(l.path)
	start := time.Now()
	var ok bool
	var err error
	if wait > 0 {
		wctx, cancel := context.WithTimeout(ctx, wait)
		ok, err = fl.TryLockContext(wctx, lockPoll)
		cancel()
		if err != nil && errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = nil // waited the whole time: locked
		}
	} else {
		ok, err = fl.TryLock()
	}
	if err != nil {
		_ = fl.Close()
		return nil, fmt.Errorf("state: lock %s: %w", l.path, err)
	}
	if !ok {
		_ = fl.Close()
		le := &LockedError{Store: strings.TrimSuffix(l.path, ".lock")}
		if wait > 0 {
			le.Waited = time.Since(start).Round(time.Millisecond)
		}
		return nil, le
	}
	// Record the holder for the message a second run prints. flock is
	// advisory: writing through another descriptor does not disturb it.
	_ = os.WriteFile(l.path, []byte(holder), 0o644)
	return func() error {
		// Clear the holder before unlocking so the next reader never sees a
		// stale one attributed to a free lock.
		_ = os.Truncate(l.path, 0)
		return fl.Close() // Close unlocks
	}, nil
}

func (l *fileLock) holder() (pid int, host string, since time.Time) {
	data, err := os.ReadFile(l.path)
	if err != nil {
		return 0, "", time.Time{}
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		switch k {
		case "pid":
			pid, _ = strconv.Atoi(v)
		case "host":
			host = v
		case "since":
			since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return pid, host, since
}
