package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Cache is the response cache: answers of outside services keyed by source
// and request key, each with an expiry. It is safe for concurrent use.
type Cache struct {
	s   *Store
	now func() time.Time
}

// Entry is one cached answer.
type Entry struct {
	Status    int // HTTP status of the answer (200, 404, ...)
	Body      []byte
	FetchedAt time.Time
	ExpiresAt time.Time
}

// Cache returns the response cache. now is the clock used for expiry (nil:
// time.Now); tests inject a fixed clock.
func (s *Store) Cache(now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	return &Cache{s: s, now: now}
}

// Get returns the unexpired body stored under (source, key) with the time it
// was fetched. ok is false when there is no such entry or it has expired.
func (c *Cache) Get(ctx context.Context, source, key string) (body []byte, fetchedAt time.Time, ok bool, err error) {
	e, ok, err := c.GetEntry(ctx, source, key)
	if err != nil || !ok {
		return nil, time.Time{}, ok, err
	}
	return e.Body, e.FetchedAt, true, nil
}

// GetEntry is Get with the stored status and expiry.
func (c *Cache) GetEntry(ctx context.Context, source, key string) (Entry, bool, error) {
	var e Entry
	var fetched, expires int64
	err := c.s.db.QueryRowContext(ctx,
		`SELECT status, body, fetched_at, expires_at FROM http_cache WHERE source = ? AND key = ?`,
		source, key).Scan(&e.Status, &e.Body, &fetched, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("store: cache get %s: %w", source, err)
	}
	e.FetchedAt = time.UnixMilli(fetched).UTC()
	e.ExpiresAt = time.UnixMilli(expires).UTC()
	if !c.now().Before(e.ExpiresAt) {
		return Entry{}, false, nil
	}
	return e, true, nil
}

// Put stores a 200 answer for ttl. A ttl of zero or less stores nothing.
func (c *Cache) Put(ctx context.Context, source, key string, body []byte, ttl time.Duration) error {
	return c.PutEntry(ctx, source, key, 200, body, ttl)
}

// PutEntry stores an answer with its HTTP status for ttl. A ttl of zero or
// less stores nothing. The caller decides which statuses are cacheable.
func (c *Cache) PutEntry(ctx context.Context, source, key string, status int, body []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return nil
	}
	if body == nil {
		body = []byte{}
	}
	now := c.now()
	_, err := c.s.db.ExecContext(ctx,
		`INSERT INTO http_cache (source, key, status, body, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (source, key) DO UPDATE SET status = excluded.status, body = excluded.body,
		   fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
		source, key, status, body, now.UnixMilli(), now.Add(ttl).UnixMilli())
	if err != nil {
		return fmt.Errorf("store: cache put %s: %w", source, err)
	}
	return nil
}

// Prune deletes expired entries and returns how many.
func (c *Cache) Prune(ctx context.Context) (int64, error) {
	res, err := c.s.db.ExecContext(ctx, `DELETE FROM http_cache WHERE expires_at <= ?`, c.now().UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: cache prune: %w", err)
	}
	return res.RowsAffected()
}
