package reconcile

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// rankByMap is how Search ranked names before the ranker: a map of sums,
// then a full sort. It is the reference the ranker must agree with.
func rankByMap(lists [][]int32, k int) []ranked {
	sums := map[int32]float64{}
	for _, l := range lists {
		w := 1 / math.Log2(1+float64(len(l)))
		for _, n := range l {
			sums[n] += w
		}
	}
	out := make([]ranked, 0, len(sums))
	for n, w := range sums {
		out = append(out, ranked{n, w})
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	return out[:min(len(out), k)]
}

func rankByRanker(r *ranker, lists [][]int32, k int) []ranked {
	for _, l := range lists {
		w := 1 / math.Log2(1+float64(len(l)))
		for _, n := range l {
			r.add(n, w)
		}
	}
	return r.top(k)
}

// postingLists draws keys of a query: lists of up to size names among n,
// some names on several lists.
func postingLists(rng *rand.Rand, keys, size, n int) [][]int32 {
	lists := make([][]int32, keys)
	for i := range lists {
		l := make([]int32, 1+rng.IntN(size))
		for j := range l {
			l[j] = int32(rng.IntN(n))
		}
		slices.Sort(l)
		lists[i] = slices.Compact(l)
	}
	return lists
}

// TestRankerTopIsTheSortedPrefix: the ranker's best k are the first k of
// every touched name sorted by weight (ties to the lower name), as the map
// and full sort gave them, and it is reset for the next query.
func TestRankerTopIsTheSortedPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := &ranker{w: make([]float64, 5000)}
	for round := range 50 {
		lists := postingLists(rng, 1+rng.IntN(30), 1+rng.IntN(1000), len(r.w))
		k := 1 + rng.IntN(150)
		want := rankByMap(lists, k)
		if got := rankByRanker(r, lists, k); !slices.Equal(got, want) {
			t.Fatalf("round %d, k %d: top differs from the sorted prefix:\n got %v\nwant %v", round, k, got, want)
		}
		if len(r.touched) != 0 || slices.ContainsFunc(r.w, func(w float64) bool { return w != 0 }) {
			t.Fatalf("round %d: the ranker was not reset", round)
		}
	}
}

// BenchmarkRank: ranking the names a query meets in an index of a million
// clusters (2.7M spellings; 20 keys of up to MaxBlock = 1,000 names, as
// keys fill up at that size), best 100: the map and full sort Search used
// before, and the ranker.
func BenchmarkRank(b *testing.B) {
	const names, k = 2_700_000, 100
	lists := postingLists(rand.New(rand.NewPCG(3, 4)), 20, 1000, names)
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_ = rankByMap(lists, k)
		}
	})
	b.Run("ranker", func(b *testing.B) {
		r := &ranker{w: make([]float64, names)}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			_ = rankByRanker(r, lists, k)
		}
	})
}
