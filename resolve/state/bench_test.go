package state

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// partition makes n member keys in clusters of 1 to 6 members.
func partition(n int, r *rand.Rand) [][]string {
	var out [][]string
	for i := 0; i < n; {
		size := min(n-i, 1+r.IntN(6))
		c := make([]string, size)
		for j := range c {
			c[j] = fmt.Sprintf("fictional company %08d\x1fGB", i+j)
		}
		out = append(out, c)
		i += size
	}
	return out
}

// nightly makes yesterday's clusters with IDs and today's: 1% new names
// appended to random clusters or alone.
func nightly(n int) ([]PrevCluster, [][]string) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := partition(n, r)
	ids, _ := AssignIDs(nil, parts, NewClusterID)
	prev := make([]PrevCluster, len(parts))
	for i := range parts {
		prev[i] = PrevCluster{ID: ids[i], Members: parts[i]}
	}
	next := make([][]string, len(parts))
	for i := range parts {
		next[i] = append([]string(nil), parts[i]...)
	}
	for k := 0; k < n/100; k++ {
		key := fmt.Sprintf("new company %08d\x1fGB", k)
		if k%2 == 0 {
			j := r.IntN(len(next))
			next[j] = append(next[j], key)
		} else {
			next = append(next, []string{key})
		}
	}
	return prev, next
}

func BenchmarkAssignIDs(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		prev, next := nightly(n)
		b.Run(fmt.Sprintf("names=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				AssignIDs(prev, next, NewClusterID)
			}
		})
		// What the pipeline pays: the previous run as Store.Previous reads it.
		p := NewPrevious(prev)
		b.Run(fmt.Sprintf("compact/names=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.AssignIDs(next, NewClusterID)
			}
		})
	}
}

// BenchmarkSnapshot stores a run's clusters and loads them back as the next
// run does (SQLite always; PostgreSQL when RESOLVE_TEST_POSTGRES_DSN is set).
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		prev, _ := nightly(n)
		sn := &Snapshot{}
		for _, p := range prev {
			c := ClusterState{ID: p.ID, CanonicalName: p.Members[0], Size: len(p.Members)}
			for _, k := range p.Members {
				c.Members = append(c.Members, Member{Key: k, Name: k[:len(k)-3], Rows: 1})
			}
			sn.Clusters = append(sn.Clusters, c)
		}
		eachBackendB(b, func(b *testing.B, loc location) {
			ctx := context.Background()
			s, err := loc.openErr(Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			run, _, err := s.BeginRun(ctx, info(1))
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("save/names=%d", n), func(b *testing.B) {
				for b.Loop() {
					if err := s.SaveSnapshot(ctx, run.ID, sn); err != nil {
						b.Fatal(err)
					}
				}
			})
			if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{}, nil); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("clusters/names=%d", n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Clusters(ctx, run.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("previous/names=%d", n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Previous(ctx, run.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func eachBackendB(b *testing.B, f func(b *testing.B, loc location)) {
	b.Run("sqlite", func(b *testing.B) {
		f(b, location{backend: "sqlite", path: filepath.Join(b.TempDir(), "resolve.db")})
	})
	b.Run("postgres", func(b *testing.B) {
		dsn := os.Getenv(pgEnv)
		if dsn == "" {
			b.Skip(pgEnv + " is not set")
		}
		schema := "resolve_bench_" + randHex(6)
		b.Cleanup(func() { dropSchema(b, dsn, schema) })
		f(b, location{backend: "postgres", dsn: dsn, schema: schema})
	})
}
