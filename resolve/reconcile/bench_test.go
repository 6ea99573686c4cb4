package reconcile

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/synth"
)

// benchData generates clusters of synthetic (fictional) company names with
// customs noise, one cluster per generated company, and holds one row in 20
// out of the index as queries.
func benchData(b *testing.B, clusters int) ([]Entity, []Spelling) {
	b.Helper()
	byTruth := map[string]int{}
	var ents []Entity
	var queries []Spelling
	row := 0
	err := synth.Generate(synth.Options{Rows: clusters * 3, Seed: 7, Customs: true}, func(r synth.Row) error {
		row++
		if len(ents) >= clusters {
			if _, ok := byTruth[r.Truth]; !ok {
				return nil
			}
		}
		if row%20 == 0 {
			queries = append(queries, Spelling{r.Name, r.Country})
			return nil
		}
		i, ok := byTruth[r.Truth]
		if !ok {
			i = len(ents)
			byTruth[r.Truth] = i
			ents = append(ents, Entity{ID: fmt.Sprintf("C%010x", i), Name: r.Name, Countries: []string{r.Country}})
		}
		ents[i].Spellings = append(ents[i].Spellings, Spelling{r.Name, r.Country})
		ents[i].Size++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ents, queries
}

// BenchmarkSearch: reconciliation queries against indexes of 10k and 100k
// clusters (1M with RESOLVE_BENCH_LARGE=1): queries per second and the
// latency percentiles of one query (Index.Search plus the match decision,
// no HTTP), the time to build the index and the heap it holds. Figures go
// in notes, not assertions.
func BenchmarkSearch(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("RESOLVE_BENCH_LARGE") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		var ix *Index
		var queries []Spelling
		var build time.Duration
		var heap float64 // MiB the index holds
		b.Run(fmt.Sprintf("clusters=%d", n), func(b *testing.B) {
			if ix == nil { // built once, not for each b.N the benchmark tries
				var ents []Entity
				ents, queries = benchData(b, n)
				var before runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				start := time.Now()
				ix = NewIndex(ents, IndexParams{Match: match.DefaultParams()})
				build = time.Since(start)
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				heap = float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / (1 << 20)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				q := queries[i%len(queries)]
				t := time.Now()
				hits := ix.Search(q.Name, q.Country, 4)
				scores := make([]float64, len(hits))
				for j, h := range hits {
					scores[j] = h.Score
				}
				_ = len(hits) > 0 && ix.Decide(scores, hits[0].Conflict)
				lat = append(lat, time.Since(t))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
			b.ReportMetric(build.Seconds(), "build-s")
			b.ReportMetric(heap, "index-MiB")
		})
	}
}
