package reconcile

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

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

// benchIndex is an index of synthetic clusters with its held-out queries,
// the time it took to build and the heap it holds (MiB).
type benchIndex struct {
	ix      *Index
	queries []Spelling
	build   time.Duration
	heap    float64
}

// benchIndexes are built once per size, not for each b.N a benchmark tries.
var benchIndexes = map[int]*benchIndex{}

func benchIndexOf(b *testing.B, n int) *benchIndex {
	b.Helper()
	if bi := benchIndexes[n]; bi != nil {
		return bi
	}
	ents, queries := benchData(b, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := NewIndex(ents, IndexParams{Match: match.DefaultParams()})
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	bi := &benchIndex{ix: ix, queries: queries, build: build,
		heap: float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / (1 << 20)}
	benchIndexes[n] = bi
	return bi
}

// benchSizes are 10k and 100k clusters, and 1M with RESOLVE_BENCH_LARGE=1.
func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if os.Getenv("RESOLVE_BENCH_LARGE") != "" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

// reportLatency reports the median and 99th percentile of lat (each of
// one query, or of what per names) and the rate of units (queries) per
// second.
func reportLatency(b *testing.B, lat []time.Duration, units int, per string) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs"+per)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs"+per)
	b.ReportMetric(float64(units)/b.Elapsed().Seconds(), "queries/s")
}

// BenchmarkSearch: reconciliation queries against indexes of 10k and 100k
// clusters (1M with RESOLVE_BENCH_LARGE=1): queries per second and the
// latency percentiles of one query (Index.Search plus the match decision,
// no HTTP), the time to build the index and the heap it holds. Figures go
// in notes, not assertions.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("clusters=%d", n), func(b *testing.B) {
			bi := benchIndexOf(b, n)
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				q := bi.queries[i%len(bi.queries)]
				t := time.Now()
				hits := bi.ix.Search(q.Name, q.Country, 4)
				scores := make([]float64, len(hits))
				for j, h := range hits {
					scores[j] = h.Score
				}
				_ = len(hits) > 0 && bi.ix.Decide(scores, hits[0].Conflict)
				lat = append(lat, time.Since(t))
			}
			b.StopTimer()
			reportLatency(b, lat, b.N, "")
			b.ReportMetric(bi.build.Seconds(), "build-s")
			b.ReportMetric(bi.heap, "index-MiB")
		})
	}
}

// BenchmarkServiceQueries: the same queries as OpenRefine sends them, in
// batches of 10 (POST queries=..., with the country property), through
// the HTTP service on loopback: queries per second and the latency of one
// batch (JSON in and out, the match decision, the HTTP stack on one
// keep-alive connection; one client, so one batch at a time).
func BenchmarkServiceQueries(b *testing.B) {
	const batch = 10
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("clusters=%d", n), func(b *testing.B) {
			bi := benchIndexOf(b, n)
			svc := New(bi.ix, nil, nil, Options{Loopback: true, Rate: 1e9, Burst: 1 << 30, BatchSize: batch}, zerolog.Nop())
			ts := httptest.NewServer(svc.Handler())
			defer ts.Close()
			bodies := make([]string, 0, len(bi.queries)/batch+1)
			for lo := 0; lo < len(bi.queries); lo += batch {
				qs := map[string]any{}
				for i, q := range bi.queries[lo:min(lo+batch, len(bi.queries))] {
					qs[fmt.Sprintf("q%d", i)] = map[string]any{"query": q.Name, "type": TypeCluster, "limit": 4,
						"properties": []map[string]string{{"pid": "countries", "v": q.Country}}}
				}
				js, _ := json.Marshal(qs)
				bodies = append(bodies, url.Values{"queries": {string(js)}}.Encode())
			}
			c := ts.Client()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				t := time.Now()
				resp, err := c.Post(ts.URL+"/", "application/x-www-form-urlencoded", strings.NewReader(bodies[i%len(bodies)]))
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d", resp.StatusCode)
				}
				lat = append(lat, time.Since(t))
			}
			b.StopTimer()
			reportLatency(b, lat, b.N*batch, "/batch")
		})
	}
}
