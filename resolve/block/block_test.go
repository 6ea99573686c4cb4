package block

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

func index(keys [][]uint64) *Index {
	return NewIndex(len(keys), func(i int, dst []uint64) []uint64 { return append(dst, keys[i]...) })
}

func TestCandidates(t *testing.T) {
	// 0,1 share a rare key; 2 shares nothing; 3..9 share a common key.
	keys := [][]uint64{{1, 100}, {1, 101}, {2}, {50}, {50}, {50}, {50}, {50}, {50}, {50}}
	ix := index(keys)
	if ix.Postings(50) != 7 || ix.Postings(1) != 2 || ix.Postings(999) != 0 {
		t.Fatalf("postings: %d %d %d", ix.Postings(50), ix.Postings(1), ix.Postings(999))
	}
	pairs, err := ix.Candidates(context.Background(), Params{MaxCandidates: 10, MaxBlock: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pairs, Pair{0, 1}) {
		t.Fatalf("the pair sharing a rare key is missing: %v", pairs)
	}
	for _, p := range pairs {
		if p.A == 2 || p.B == 2 || p.A >= p.B {
			t.Fatalf("bad pair %v", p)
		}
	}
	if !slices.IsSortedFunc(pairs, func(a, b Pair) int {
		if a.A != b.A {
			return int(a.A - b.A)
		}
		return int(a.B - b.B)
	}) || len(slices.Compact(slices.Clone(pairs))) != len(pairs) {
		t.Fatal("pairs not sorted and unique")
	}
}

func TestCapsBoundTheWork(t *testing.T) {
	keys := make([][]uint64, 200)
	for i := range keys {
		keys[i] = []uint64{7} // one key shared by everybody
	}
	ix := index(keys)
	pairs, err := ix.Candidates(context.Background(), Params{MaxCandidates: 5, MaxBlock: 50}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// An over-full block is only used for a bounded window per item.
	if len(pairs) > 200*5 || len(pairs) == 0 {
		t.Fatalf("%d pairs for 200 items with 5 candidates each", len(pairs))
	}
	per := map[int32]int{}
	for _, p := range pairs {
		per[p.A]++
	}
	for item, n := range per {
		if n > 2*5 {
			t.Fatalf("item %d has %d candidates", item, n)
		}
	}
}

func TestCancel(t *testing.T) {
	ix := index([][]uint64{{1}, {1}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Candidates(ctx, Params{MaxCandidates: 5, MaxBlock: 50}, nil); err == nil {
		t.Fatal("no error after cancel")
	}
}

func TestBipartiteKeysPairAcrossSidesOnly(t *testing.T) {
	const k = Bipartite | 0x40 // side 0; k|1 is side 1
	// 0 is on side 0; 1 and 2 on side 1; 3 on side 0. 1 and 2 share only the
	// bipartite key, so they must not meet; neither must 0 and 3.
	keys := [][]uint64{{k}, {k | 1}, {k | 1}, {k}}
	pairs, err := index(keys).Candidates(context.Background(), Params{MaxCandidates: 10, MaxBlock: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{{0, 1}, {0, 2}, {1, 3}, {2, 3}}
	if !slices.Equal(pairs, want) {
		t.Fatalf("pairs = %v, want %v", pairs, want)
	}
}

// A Bipartite key whose own side holds more than MaxBlock items pairs none
// of them with the few items of the other side: it says nothing of any of
// them. A rarer key still pairs its items across the sides.
func TestBipartiteKeyCommonOnOneSide(t *testing.T) {
	const common, rare = Bipartite | 0x40, Bipartite | 0x80
	keys := [][]uint64{{common, rare}, {common | 1, rare | 1}} // 0 on side 0, 1 on side 1
	// Side 1 of the common key: 7 items in all, each with a key of its own.
	for i := range 6 {
		keys = append(keys, []uint64{common | 1, uint64(1000 + 2*i)})
	}
	pairs, err := index(keys).Candidates(context.Background(), Params{MaxCandidates: 10, MaxBlock: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Pair{{0, 1}}; !slices.Equal(pairs, want) {
		t.Fatalf("pairs = %v, want %v (only the rare key's)", pairs, want)
	}
}

// TestCandidatesProgressCountsItems: the progress count is the number of
// items done over all workers, rising to n exactly at the end (it counted
// 4,096 per worker report and reached n when half the items were done on
// two workers).
func TestCandidatesProgressCountsItems(t *testing.T) {
	const n = 50_000
	keys := make([][]uint64, n)
	for i := range keys {
		keys[i] = []uint64{uint64(i / 4)}
	}
	for _, workers := range []int{1, 2, 3, 8} {
		var seen []int
		_, err := index(keys).Candidates(context.Background(), Params{MaxCandidates: 5, MaxBlock: 50, Workers: workers},
			func(done int) { seen = append(seen, done) }) // called under the index's lock
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) < 2 || seen[len(seen)-1] != n {
			t.Fatalf("%d workers: progress %v, want several reports ending at %d", workers, seen, n)
		}
		for i, d := range seen[:len(seen)-1] {
			if d > n || (i > 0 && d < seen[i-1]) {
				t.Fatalf("%d workers: report %d is %d after %d (n = %d)", workers, i, d, seen[max(0, i-1)], n)
			}
			// Before the last worker finishes, not every item is done.
			if d == n && i < len(seen)-2 {
				t.Fatalf("%d workers: progress reached %d at report %d of %d", workers, n, i, len(seen))
			}
		}
		if workers == 2 && seen[len(seen)/2] > n*3/4 {
			t.Errorf("2 workers: halfway through the reports progress is already %d of %d", seen[len(seen)/2], n)
		}
	}
}

// Reserve keeps candidates the ranking would cut: item 0 shares two keys
// with items 1–4 and one with item 5, so with two candidates it chooses 1
// and 2, and with one reserved also 5, the one Reserve picks.
func TestReserveKeepsCutCandidates(t *testing.T) {
	keys := [][]uint64{{1, 2, 3}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {3}}
	candidatesOf0 := func(p Params, reserve func(item, other int32) bool) []int32 {
		ix := index(keys)
		ix.Reserve = reserve
		out := slices.Clone(ix.candidatesOf(0, p, newScratch(len(keys))))
		slices.Sort(out)
		return out
	}
	p := Params{MaxCandidates: 2, MaxBlock: 50}
	if got := candidatesOf0(p, nil); !slices.Equal(got, []int32{1, 2}) {
		t.Fatalf("without a reserve: candidates of 0 %v, want [1 2]", got)
	}
	p.MaxReserved = 1
	pick5 := func(item, other int32) bool { return item == 0 && other == 5 }
	if got := candidatesOf0(p, pick5); !slices.Equal(got, []int32{1, 2, 5}) {
		t.Errorf("with item 5 reserved: candidates of 0 %v, want [1 2 5]", got)
	}
	p.MaxReserved = 0
	if got := candidatesOf0(p, pick5); !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("with MaxReserved 0: candidates of 0 %v, want [1 2]", got)
	}
}

// A name's candidates do not change when names that share none of its keys
// are added, wherever they fall in the order: the ranking of an item reads
// only the postings of its own keys, and ties are broken by the order of
// the items, which the added ones do not change. (What may change is
// documented in the package doc: names that share a key with it.)
func TestCandidatesUnchangedByUnrelatedItems(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	randomKeys := func(n int, base uint64, space int) [][]uint64 {
		out := make([][]uint64, n)
		for i := range out {
			for range 1 + rng.IntN(4) {
				out[i] = append(out[i], base+uint64(rng.IntN(space)))
			}
			if rng.IntN(10) == 0 { // a few Bipartite keys, of both sides
				out[i] = append(out[i], Bipartite|base<<1|uint64(rng.IntN(2)))
			}
		}
		return out
	}
	p := Params{MaxCandidates: 4, MaxBlock: 12}
	small := randomKeys(300, 1000, 150)  // keys 1000..1149: blocks of 0 to about 15 items
	other := randomKeys(2000, 5000, 400) // keys of their own
	pairs, err := index(small).Candidates(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The grown corpus: the small one's items in their order, the others
	// scattered between them. id maps a grown index to a small one, or -1.
	var grown [][]uint64
	var id []int32
	o := 0
	for i, k := range small {
		for ; o < len(other) && rng.IntN(8) != 0; o++ {
			grown, id = append(grown, other[o]), append(id, -1)
		}
		grown, id = append(grown, k), append(id, int32(i))
	}
	for ; o < len(other); o++ {
		grown, id = append(grown, other[o]), append(id, -1)
	}
	all, err := index(grown).Candidates(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	var back []Pair
	for _, q := range all {
		a, b := id[q.A], id[q.B]
		if (a < 0) != (b < 0) {
			t.Fatalf("an added item was paired with an unrelated one: %v", q)
		}
		if a >= 0 {
			back = append(back, Pair{a, b})
		}
	}
	if len(pairs) < 100 || !slices.Equal(back, pairs) {
		t.Fatalf("the small corpus's %d pairs became %d after adding %d unrelated items", len(pairs), len(back), len(other))
	}
}

// An item's candidates come in rank order: the summed weight of the keys
// shared, highest first, ties by item. Item 0 shares keys 1 and 2 with
// items 2 and 4 (weights 1/log2(5) + 1/log2(4) each), key 3 with items 1
// and 5 (1/log2(4)), key 1 only with item 3 (1/log2(5)).
func TestCandidatesInRankOrder(t *testing.T) {
	keys := [][]uint64{{1, 2, 3}, {3}, {1, 2}, {1}, {1, 2}, {3}}
	ix := index(keys)
	p := Params{MaxCandidates: 4, MaxBlock: 50}
	if got := ix.candidatesOf(0, p, newScratch(len(keys))); !slices.Equal(got, []int32{2, 4, 1, 5}) {
		t.Errorf("candidates of 0 %v, want [2 4 1 5]", got)
	}
	p.MaxReserved = 1
	ix.Reserve = func(item, other int32) bool { return other == 3 }
	if got := ix.candidatesOf(0, p, newScratch(len(keys))); !slices.Equal(got, []int32{2, 4, 1, 5, 3}) {
		t.Errorf("with item 3 reserved: candidates of 0 %v, want [2 4 1 5 3]", got)
	}
}

// TestCommonKeyMeetsNearestItems: under a key shared by more than MaxBlock
// items, an item that has other keys meets the CommonWindow items nearest
// it in the order, no others; items added far from it in the order leave
// its candidates as they were, one added beside it takes a place.
func TestCommonKeyMeetsNearestItems(t *testing.T) {
	const common = 1
	build := func(n int, own uint64) [][]uint64 {
		keys := make([][]uint64, n)
		for i := range keys {
			keys[i] = []uint64{common, own + uint64(i)} // and a key of its own
		}
		return keys
	}
	p := Params{MaxCandidates: 10, MaxBlock: 20}
	of := func(keys [][]uint64, item int32) []int32 {
		pairs, err := index(keys).Candidates(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []int32
		for _, q := range pairs {
			switch item {
			case q.A:
				out = append(out, q.B)
			case q.B:
				out = append(out, q.A)
			}
		}
		slices.Sort(out)
		return out
	}
	keys := build(40, 1000)
	want := []int32{8, 9, 11, 12}
	if got := of(keys, 10); !slices.Equal(got, want) {
		t.Fatalf("item 10 of 40 under a common key: candidates %v, want %v", got, want)
	}
	if got := of(append(keys, build(200, 5000)...), 10); !slices.Equal(got, want) {
		t.Fatalf("200 items added after the 40: item 10's candidates %v, want %v", got, want)
	}
	beside := slices.Insert(slices.Clone(keys), 11, []uint64{common, 999})
	if got, want := of(beside, 10), []int32{8, 9, 11, 12}; !slices.Equal(got, want) {
		t.Fatalf("an item added next to item 10: candidates %v, want %v (the added one is 11 now)", got, want)
	}
}
