package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
)

// TestBlockingSameAsBlock: the pipeline's blocking (keyHitsFn, then
// candidatesFn) gives the candidate pairs block.Index gives over the same
// keys: random keys of 3,000 items, many shared by more than max_block
// items (common keys, Bipartite ones too, on either side), some an item's
// own, with max_candidates cutting. The engine's blocking keys are not
// needed for this: the two read keys alike whatever they are.
func TestBlockingSameAsBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	keys := make([][]uint64, n)
	for i := range keys {
		for range 1 + rng.IntN(5) {
			keys[i] = append(keys[i], uint64(1+rng.IntN(200)))
		}
		if rng.IntN(3) == 0 {
			keys[i] = append(keys[i], block.Bipartite|uint64(rng.IntN(20))<<1|uint64(rng.IntN(2)))
		}
		if rng.IntN(4) == 0 {
			keys[i] = append(keys[i], uint64(10000+i))
		}
		slices.Sort(keys[i])
		keys[i] = slices.Compact(keys[i])
	}
	bp := block.Params{MaxCandidates: 5, MaxBlock: 30}
	ix := block.NewIndex(n, func(i int, dst []uint64) []uint64 { return append(dst, keys[i]...) })
	want, err := ix.Candidates(context.Background(), bp, nil)
	if err != nil {
		t.Fatal(err)
	}
	ref := func(i int) NameRef { return NameRef{Key: fmt.Sprintf("%08d", i)} } // keys in the items' order
	groups := map[uint64][]Posting{}
	for i, ks := range keys {
		for _, k := range ks {
			g := k
			if k&block.Bipartite != 0 {
				g = k &^ 1
			}
			groups[g] = append(groups[g], Posting{Key: k, Item: ref(i)})
		}
	}
	p := Params{Block: bp}
	hits := map[string][]Hit{}
	kf := &keyHitsFn{P: p}
	for g, ps := range groups {
		kf.ProcessElement(g, iterOf(ps), func(item string, h Hit) { hits[item] = append(hits[item], h) })
	}
	got := map[string]bool{}
	cf := &candidatesFn{P: p}
	for item, hs := range hits {
		cf.ProcessElement(item, iterOf(hs), func(pk string) { got[pk] = true })
	}
	wantSet := map[string]bool{}
	for _, q := range want {
		wantSet[pairKey(ref(int(q.A)), ref(int(q.B)))] = true
	}
	miss, extra := 0, 0
	for k := range wantSet {
		if !got[k] {
			miss++
		}
	}
	for k := range got {
		if !wantSet[k] {
			extra++
		}
	}
	if miss+extra > 0 || len(wantSet) < 5000 {
		t.Errorf("block gives %d candidate pairs, the pipeline %d: %d of block's missing, %d more", len(wantSet), len(got), miss, extra)
	}
}

// iterOf is a Beam iterator over xs, as a DoFn is given a group's values.
func iterOf[T any](xs []T) func(*T) bool {
	i := 0
	return func(x *T) bool {
		if i == len(xs) {
			return false
		}
		*x = xs[i]
		i++
		return true
	}
}
