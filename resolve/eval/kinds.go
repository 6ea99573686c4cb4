package eval

import (
	"maps"
	"slices"
)

// KindMetrics are pairwise precision and recall over the pairs that involve
// at least one row of one kind of variant (Item.Kind: the customs noise of
// resolve gen — place, abbrev, truncated, acronym, order, joined — or
// "none" for the rows without).
type KindMetrics struct {
	Kind                                    string
	Rows                                    int
	TruePairs, PredictedPairs, CorrectPairs int64
	Precision, Recall                       float64
	// Linked is the share of the rows of the kind, other than the first row
	// of their entity, clustered with that first row (resolve gen writes an
	// entity's plain form first): recall of the variants themselves.
	Linked float64
}

// kindMetrics measures each kind of the items' variants; nil when no item
// has a kind.
func kindMetrics(items []Item, pred []int) []KindMetrics {
	kinds := map[string]bool{}
	for _, it := range items {
		if it.Kind != "" {
			kinds[it.Kind] = true
		}
	}
	if len(kinds) == 0 {
		return nil
	}
	kinds["none"] = true
	first := map[string]int{}
	for i, it := range items {
		if _, ok := first[it.Truth]; !ok {
			first[it.Truth] = i
		}
	}
	var out []KindMetrics
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		is := func(it Item) bool { return it.Kind == k || (k == "none" && it.Kind == "") }
		// Pairs with at least one row of the kind in a group of n rows of
		// which m are of the kind: C(n,2) − C(n−m,2).
		type group struct{ n, m int }
		truth, predicted, joint := map[string]*group{}, map[int]*group{}, map[[2]any]*group{}
		km := KindMetrics{Kind: k}
		add := func(g *group, of bool) {
			g.n++
			if of {
				g.m++
			}
		}
		var variants, linked int
		for i, it := range items {
			of := is(it)
			if of {
				km.Rows++
				if f := first[it.Truth]; f != i {
					variants++
					if pred[f] == pred[i] {
						linked++
					}
				}
			}
			for _, g := range []*group{get(truth, it.Truth), get(predicted, pred[i]), get(joint, [2]any{it.Truth, pred[i]})} {
				add(g, of)
			}
		}
		count := func(g *group) int64 { return pairs(g.n) - pairs(g.n-g.m) }
		for _, g := range truth {
			km.TruePairs += count(g)
		}
		for _, g := range predicted {
			km.PredictedPairs += count(g)
		}
		for _, g := range joint {
			km.CorrectPairs += count(g)
		}
		km.Precision = ratio(km.CorrectPairs, km.PredictedPairs)
		km.Recall = ratio(km.CorrectPairs, km.TruePairs)
		km.Linked = ratio(int64(linked), int64(variants))
		out = append(out, km)
	}
	return out
}

func get[K comparable, V any](m map[K]*V, k K) *V {
	v, ok := m[k]
	if !ok {
		v = new(V)
		m[k] = v
	}
	return v
}
