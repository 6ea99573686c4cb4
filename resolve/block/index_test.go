package block

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// refIndex is the index built the plain way: every (key, item) entry
// sorted, then read off in order.
func refIndex(keys [][]uint64) *Index {
	type entry struct {
		key  uint64
		item int32
	}
	var es []entry
	for i, ks := range keys {
		ks = slices.Compact(slices.Sorted(slices.Values(ks)))
		for _, k := range ks {
			es = append(es, entry{k, int32(i)})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return int(a.item - b.item)
	})
	ix := &Index{itemOff: make([]int32, len(keys)+1), postings: make([]int32, len(es)), itemKeys: make([]int32, len(es))}
	for i, e := range es {
		if i == 0 || e.key != es[i-1].key {
			ix.keys = append(ix.keys, e.key)
			ix.postOff = append(ix.postOff, int32(i))
		}
		ix.postings[i] = e.item
		ix.itemOff[e.item+1]++
	}
	ix.postOff = append(ix.postOff, int32(len(es)))
	for i := 1; i < len(ix.itemOff); i++ {
		ix.itemOff[i] += ix.itemOff[i-1]
	}
	fill := slices.Clone(ix.itemOff)
	for k := range ix.keys {
		for _, item := range ix.post(int32(k)) {
			ix.itemKeys[fill[item]] = int32(k)
			fill[item]++
		}
	}
	return ix
}

// NewIndex builds exactly the plain index: the same keys, postings in item
// order, each item's key ids ascending; with repeated keys in an item,
// items without keys, Bipartite keys and no items at all.
func TestNewIndexAsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 17, 1000, 5003} {
		keys := make([][]uint64, n)
		for i := range keys {
			for range r.IntN(12) {
				k := r.Uint64N(uint64(50 + n/3))
				if r.IntN(10) == 0 {
					k |= Bipartite
				}
				keys[i] = append(keys[i], k)
			}
			if len(keys[i]) > 0 && r.IntN(4) == 0 {
				keys[i] = append(keys[i], keys[i][0]) // a repeat
			}
		}
		got, want := index(keys), refIndex(keys)
		for _, f := range []struct {
			name      string
			got, want any
		}{{"keys", got.keys, want.keys}, {"postOff", got.postOff, want.postOff}, {"postings", got.postings, want.postings},
			{"itemOff", got.itemOff, want.itemOff}, {"itemKeys", got.itemKeys, want.itemKeys}} {
			if !equalAny(f.got, f.want) {
				t.Errorf("n=%d: %s differ:\n got %v\nwant %v", n, f.name, f.got, f.want)
			}
		}
	}
}

func equalAny(a, b any) bool {
	switch x := a.(type) {
	case []uint64:
		return slices.Equal(x, b.([]uint64))
	case []int32:
		y := b.([]int32)
		return len(x) == len(y) && (len(x) == 0 || slices.Equal(x, y))
	}
	return false
}

// BenchmarkNewIndex builds the index of 200,000 items with 18 keys each
// (what a million names' corpus averages), B/op the memory it allocates.
// go test -bench NewIndex -benchmem ./resolve/block
func BenchmarkNewIndex(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 200_000
	keys := make([][]uint64, n)
	for i := range keys {
		for range 18 {
			keys[i] = append(keys[i], r.Uint64N(n))
		}
	}
	b.ResetTimer()
	for range b.N {
		index(keys)
	}
}
