package state

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"
)

func writerKeys(n int) []VerifyKey {
	ks := make([]VerifyKey, n)
	for i := range ks {
		ks[i] = VerificationKey([]string{MemberKey(fmt.Sprintf("Fictional Writer %d", i), "GB")}, "v1")
	}
	return ks
}

// Batches close at MaxBatch; the first result, after a quiet spell, goes
// at once; Close commits the rest.
func TestResultWriterBatchesBySize(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		w := NewResultWriter(ctx, s, WriterOptions{MaxBatch: 4, MaxDelay: time.Hour})
		keys := writerKeys(11)
		for i, k := range keys {
			if err := w.Add(k, []byte(fmt.Sprint(i)), time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		// [0] [1-4] [5-8] and [9 10] at Close.
		if n, c := w.Committed(); n != 11 || c != 4 {
			t.Errorf("committed %d results in %d commits, want 11 in 4", n, c)
		}
		got, err := s.LoadVerifications(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range keys {
			if string(got[k]) != fmt.Sprint(i) {
				t.Errorf("key %d: %q", i, got[k])
			}
		}
		if err := w.Add(keys[0], nil, time.Hour); err != ErrWriterClosed {
			t.Errorf("Add after Close: %v", err)
		}
	})
}

// A batch that does not fill is committed once its oldest result has
// waited MaxDelay, without Close.
func TestResultWriterFlushesByTime(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		w := NewResultWriter(ctx, s, WriterOptions{MaxBatch: 1000, MaxDelay: 100 * time.Millisecond})
		defer w.Close()
		keys := writerKeys(3)
		for i, k := range keys {
			if err := w.Add(k, []byte(fmt.Sprint(i)), time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			if n, _ := w.Committed(); n == 3 {
				break
			}
			if time.Now().After(deadline) {
				n, c := w.Committed()
				t.Fatalf("after 10 s: %d results committed in %d commits", n, c)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if _, c := w.Committed(); c > 3 {
			t.Errorf("%d commits for 3 results", c)
		}
		got, err := s.LoadVerifications(ctx, keys)
		if err != nil || len(got) != 3 {
			t.Fatalf("stored %d of 3 (%v)", len(got), err)
		}
	})
}

// One transaction: a key given twice keeps its last result; a result with
// no TTL is not stored; more rows than one statement carries.
func TestSaveVerificationsBatch(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		keys := writerKeys(1000)
		var rs []VerifyResult
		for i, k := range keys {
			rs = append(rs, VerifyResult{Key: k, Blob: []byte(fmt.Sprint(i)), TTL: time.Hour})
		}
		rs = append(rs, VerifyResult{Key: keys[7], Blob: []byte("again"), TTL: time.Hour})
		rs[9].TTL = 0
		if err := s.SaveVerifications(ctx, rs); err != nil {
			t.Fatal(err)
		}
		got, err := s.LoadVerifications(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 999 || string(got[keys[7]]) != "again" || got[keys[9]] != nil || string(got[keys[999]]) != "999" {
			t.Fatalf("stored %d; 7=%q 9=%q 999=%q", len(got), got[keys[7]], got[keys[9]], got[keys[999]])
		}
	})
}

func rawDB(s Store) *sql.DB {
	if c, ok := s.(closeBoth); ok {
		s = c.Store
	}
	return s.(*sqlStore).db
}

// Results with the same body store it once; rows written before bodies
// were shared still load; pruning expired results drops the bodies no
// result names.
func TestVerificationBodiesShared(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		clk := newClock()
		s := loc.open(t, Options{Now: clk.now})
		db := rawDB(s)
		count := func(table string) int {
			t.Helper()
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		keys := writerKeys(300)
		var rs []VerifyResult
		for i, k := range keys {
			body, ttl := `{"nothing":"found"}`, time.Hour
			if i%100 == 0 {
				body, ttl = fmt.Sprintf(`{"match":%d}`, i), time.Minute
			}
			rs = append(rs, VerifyResult{Key: k, Blob: []byte(body), TTL: ttl})
		}
		if err := s.SaveVerifications(ctx, rs); err != nil {
			t.Fatal(err)
		}
		if n := count("state_verification_body"); n != 4 {
			t.Errorf("%d bodies stored for 4 distinct results", n)
		}
		// A row as an older build wrote it: its own body, no hash.
		legacy := VerificationKey([]string{MemberKey("Legacy Fictional Ltd", "GB")}, "v1")
		q := `INSERT INTO state_verification (verify_key, content_key, settings, body, retrieved_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`
		if loc.backend == "postgres" {
			q = rebindDollar(q)
		}
		if _, err := db.ExecContext(ctx, q, legacy.id(), legacy.Content, legacy.Settings, []byte("old"),
			ms(clk.now()), ms(clk.now().Add(time.Hour))); err != nil {
			t.Fatal(err)
		}
		all := append(slices.Clone(keys), legacy)
		got, err := s.LoadVerifications(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 301 || string(got[keys[1]]) != `{"nothing":"found"}` || string(got[keys[200]]) != `{"match":200}` ||
			string(got[legacy]) != "old" {
			t.Fatalf("loaded %d: %q %q %q", len(got), got[keys[1]], got[keys[200]], got[legacy])
		}
		if b, ok, err := s.LoadVerification(ctx, keys[100]); err != nil || !ok || string(b) != `{"match":100}` {
			t.Fatalf("one: %q %v %v", b, ok, err)
		}
		clk.add(30 * time.Minute)
		n, err := s.PruneVerification(ctx)
		if err != nil || n != 3 {
			t.Fatalf("pruned %d results (%v), want 3", n, err)
		}
		if n := count("state_verification_body"); n != 1 {
			t.Errorf("%d bodies left, want the one still named", n)
		}
		got, err = s.LoadVerifications(ctx, all)
		if err != nil || len(got) != 298 {
			t.Fatalf("after prune: %d (%v)", len(got), err)
		}
	})
}

// BenchmarkResultWriter commits the 20,000 results of
// BenchmarkSaveVerificationOneByOne through a ResultWriter (batches of
// 2,000 or 1 s).
func BenchmarkResultWriter(b *testing.B) {
	const n = 20_000
	keys, body := verifyBench(n)
	eachBackendB(b, func(b *testing.B, loc location) {
		ctx := context.Background()
		s, err := loc.openErr(Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.Run(fmt.Sprintf("save/results=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := NewResultWriter(ctx, s, WriterOptions{})
				for _, k := range keys {
					if err := w.Add(k, body, time.Hour); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
