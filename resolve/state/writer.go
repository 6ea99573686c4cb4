package state

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// VerifyResult is one verification result to store: the blob under key,
// valid for TTL (a TTL of zero or less stores nothing).
type VerifyResult struct {
	Key  VerifyKey
	Blob []byte
	TTL  time.Duration
}

// WriterOptions tune a ResultWriter. The zero value is the default.
type WriterOptions struct {
	// MaxBatch: a commit begins as soon as this many results wait
	// (default 2000).
	MaxBatch int
	// MaxDelay: no result waits longer than this for its commit to begin,
	// and commits that are not full are at least this far apart (default
	// 1s). A result that comes after a quiet spell (no commit for MaxDelay)
	// is committed at once.
	MaxDelay time.Duration
}

// Default batch limits of a ResultWriter.
const (
	DefaultMaxBatch = 2000
	DefaultMaxDelay = time.Second
)

// ErrWriterClosed: Add after Close.
var ErrWriterClosed = errors.New("state: result writer is closed")

// ResultWriter commits verification results in batches, from one goroutine,
// so that the workers that make them never wait on the database and a run
// makes one commit per batch instead of one per cluster.
//
// A batch is committed (Store.SaveVerifications, one transaction) when
// MaxBatch results wait, or when the oldest has waited MaxDelay, whichever
// comes first. While verification is slow (registry calls), results arrive
// further apart than MaxDelay and each is committed as it comes; while it is
// fast (everything reused or nothing to search), batches fill up and a
// million clusters cost 500 commits. A process killed at any point loses at
// most the results that were waiting (fewer than MaxBatch, none older than
// MaxDelay) and the batch being committed, which is all or nothing: the next
// run finds every committed result (LoadVerifications) and verifies exactly
// the others again.
//
// Commits run on a context that is not cancelled with the one given to
// NewResultWriter, so a run that is interrupted (SIGTERM) still commits what
// it finished when it calls Close.
type ResultWriter struct {
	st  Store
	ctx context.Context
	opt WriterOptions
	in  chan VerifyResult

	done      chan struct{}
	committed atomic.Int64
	commits   atomic.Int64

	mu     sync.Mutex
	err    error // the first failed commit
	closed bool
}

// NewResultWriter starts a writer on st. Close it to commit what waits.
func NewResultWriter(ctx context.Context, st Store, opt WriterOptions) *ResultWriter {
	if opt.MaxBatch <= 0 {
		opt.MaxBatch = DefaultMaxBatch
	}
	if opt.MaxDelay <= 0 {
		opt.MaxDelay = DefaultMaxDelay
	}
	w := &ResultWriter{st: st, ctx: context.WithoutCancel(ctx), opt: opt,
		in: make(chan VerifyResult, opt.MaxBatch), done: make(chan struct{})}
	go w.loop()
	return w
}

// Add queues one result for the next commit. It blocks only while a full
// queue (MaxBatch results) waits for a commit. It returns the error of an
// earlier commit that failed (the results of that batch are lost; nothing is
// committed after it), or ErrWriterClosed after Close.
func (w *ResultWriter) Add(key VerifyKey, blob []byte, ttl time.Duration) error {
	w.mu.Lock()
	err, closed := w.err, w.closed
	w.mu.Unlock()
	if err != nil {
		return err
	}
	if closed {
		return ErrWriterClosed
	}
	w.in <- VerifyResult{Key: key, Blob: blob, TTL: ttl}
	return nil
}

// Close commits the results that wait and stops the writer; it returns the
// first commit error. Add must not be running concurrently with Close.
func (w *ResultWriter) Close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.in)
	}
	w.mu.Unlock()
	<-w.done
	return w.Err()
}

// Err returns the first commit error, if any.
func (w *ResultWriter) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Committed returns how many results have been committed so far, and in
// how many transactions.
func (w *ResultWriter) Committed() (results, commits int64) {
	return w.committed.Load(), w.commits.Load()
}

func (w *ResultWriter) loop() {
	defer close(w.done)
	pending := make([]VerifyResult, 0, w.opt.MaxBatch)
	var last time.Time // the previous commit; zero: none yet
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	armed := false
	flush := func() {
		if armed {
			timer.Stop()
			armed = false
		}
		if len(pending) == 0 {
			return
		}
		if w.Err() == nil {
			if err := w.st.SaveVerifications(w.ctx, pending); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			} else {
				w.committed.Add(int64(len(pending)))
				w.commits.Add(1)
			}
		}
		clear(pending) // let the blobs go
		pending = pending[:0]
		last = time.Now()
	}
	for {
		if len(pending) > 0 && !armed {
			wait := w.opt.MaxDelay - time.Since(last)
			if wait <= 0 {
				flush()
				continue
			}
			timer.Reset(wait)
			armed = true
		}
		select {
		case r, ok := <-w.in:
			if !ok {
				flush()
				return
			}
			pending = append(pending, r)
			if len(pending) >= w.opt.MaxBatch {
				flush()
			}
		case <-timer.C:
			armed = false
			flush()
		}
	}
}
