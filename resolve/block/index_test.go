package block

import (
	"context"
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

// hashed is key k as package match makes keys: an FNV-1a hash, the top bit
// left for the Bipartite flag, and a Bipartite key's partner (the same
// number with the flag) differing in the lowest bit only.
func hashed(k uint64) uint64 {
	bip := k & Bipartite
	h := uint64(14695981039346656037)
	for i := 0; i < 8; i++ {
		h = (h ^ (k >> (8 * i) & 0xff)) * 1099511628211
	}
	if bip != 0 {
		return h&^1 | Bipartite | k&1
	}
	return h &^ Bipartite
}

// NewIndex builds exactly the plain index: the same keys, postings in item
// order, each item's key ids ascending; with repeated keys in an item,
// items without keys, Bipartite keys (with and without a partner) and no
// items at all; keys as small numbers (all in one bucket) and as hashes
// (spread over the buckets, with enough entries for many of them).
func TestNewIndexAsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, hash := range []bool{false, true} {
		for _, n := range []int{0, 1, 2, 3, 17, 1000, 5003, 60_000} {
			keys := make([][]uint64, n)
			for i := range keys {
				for range r.IntN(12) {
					k := r.Uint64N(uint64(50 + n/3))
					if r.IntN(10) == 0 {
						k |= Bipartite
					}
					if hash {
						k = hashed(k)
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
					t.Errorf("n=%d, hashed %v: %s differ:\n got %v\nwant %v", n, hash, f.name, f.got, f.want)
				}
			}
			if hash && n == 60_000 && len(got.bucketOff) < 64 {
				t.Errorf("n=%d: %d buckets, want many", n, len(got.bucketOff)-1)
			}
			// Every key is found, with its postings and its partner's.
			for k, key := range want.keys {
				if p := got.Postings(key); p != len(want.post(int32(k))) {
					t.Fatalf("n=%d, hashed %v: Postings(%#x) = %d, want %d", n, hash, key, p, len(want.post(int32(k))))
				}
				if g, w := got.others(int32(k)), want.others(int32(k)); !slices.Equal(g, w) {
					t.Fatalf("n=%d, hashed %v: others of %#x = %v, want %v", n, hash, key, g, w)
				}
			}
			if got.Postings(1<<62+12345) != 0 {
				t.Errorf("n=%d: a key no item has has postings", n)
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
// (what a million names' corpus averages), hashed as package match hashes
// its keys (a tenth of them Bipartite), B/op the memory it allocates.
// go test -bench NewIndex -benchmem ./resolve/block
func BenchmarkNewIndex(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 200_000
	keys := make([][]uint64, n)
	for i := range keys {
		for range 18 {
			k := r.Uint64N(n)
			if r.IntN(10) == 0 {
				k |= Bipartite
			}
			keys[i] = append(keys[i], hashed(k))
		}
	}
	b.ResetTimer()
	for range b.N {
		index(keys)
	}
}

// BenchmarkCandidates ranks the candidates of 50,000 items with 18 hashed
// keys each from a space of 100,000 (postings of about 9 items), 40 kept
// per item as the default configuration keeps.
// go test -bench Candidates -benchmem ./resolve/block
func BenchmarkCandidates(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 50_000
	keys := make([][]uint64, n)
	for i := range keys {
		for range 18 {
			keys[i] = append(keys[i], hashed(r.Uint64N(2*n)))
		}
	}
	ix := index(keys)
	p := Params{MaxCandidates: 40, MaxBlock: 1000}
	b.ResetTimer()
	for range b.N {
		if _, err := ix.Candidates(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
