package state

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/report"
)

// The compact AssignIDs (Previous, overlaps) gives exactly the IDs and
// changes of the map-based implementation it replaced, kept here as the
// reference, over random histories with splits, merges, repeats and
// collisions of fresh IDs.
func TestAssignIDsMatchesReference(t *testing.T) {
	for seed := uint64(0); seed < 2000; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		universe := 5 + r.IntN(60)
		key := func() string { return fmt.Sprintf("name %d\x1fGB", r.IntN(universe)) }
		var prev []PrevCluster
		for i, n := 0, r.IntN(15); i < n; i++ {
			c := PrevCluster{ID: fmt.Sprintf("C%02d", r.IntN(40))}
			for m, k := 0, 1+r.IntN(5); m < k; m++ {
				c.Members = append(c.Members, key())
			}
			if slices.ContainsFunc(prev, func(p PrevCluster) bool { return p.ID == c.ID }) {
				continue
			}
			prev = append(prev, c)
		}
		// Today's clusters are disjoint, as a clustering is (two with the
		// same members would tie on everything and make the order of the
		// reference's sort show).
		var next [][]string
		taken := map[string]bool{}
		for i, n := 0, r.IntN(15); i < n; i++ {
			var ms []string
			for m, k := 0, 1+r.IntN(5); m < k; m++ {
				if k := key(); !taken[k] {
					taken[k] = true
					ms = append(ms, k, k) // a repeat within a cluster is allowed
				}
			}
			if len(ms) > 0 {
				next = append(next, ms)
			}
		}
		// Fresh IDs that collide with previous ones and each other.
		newID := func(ms []string) string { return fmt.Sprintf("C%02d", len(ms)*3%40) }
		wantIDs, wantCh := referenceAssignIDs(prev, next, newID)
		gotIDs, gotCh := AssignIDs(prev, next, newID)
		if !slices.Equal(gotIDs, wantIDs) {
			t.Fatalf("seed %d: ids %v, want %v", seed, gotIDs, wantIDs)
		}
		if d := gocmp.Diff(wantCh, gotCh); d != "" {
			t.Fatalf("seed %d: changes (-want +got):\n%s", seed, d)
		}
		// Compare of the two snapshots gives the same lineage.
		a, b := &Snapshot{}, &Snapshot{}
		for _, p := range prev {
			cs := ClusterState{ID: p.ID}
			for _, k := range slices.Compact(slices.Sorted(slices.Values(p.Members))) {
				cs.Members = append(cs.Members, Member{Key: k})
			}
			a.Clusters = append(a.Clusters, cs)
		}
		for j, ms := range next {
			cs := ClusterState{ID: gotIDs[j]}
			for _, k := range slices.Compact(slices.Sorted(slices.Values(ms))) {
				cs.Members = append(cs.Members, Member{Key: k})
			}
			b.Clusters = append(b.Clusters, cs)
		}
		owner, _ := referenceOwner(a.PrevClusters())
		wantLin := referenceLineage(a.PrevClusters(), owner, b.PrevClusters())
		gotLin := Compare(a, b)
		gotLin.NewFlags, gotLin.ClearedFlags, gotLin.StatusChanges = wantLin.NewFlags, wantLin.ClearedFlags, wantLin.StatusChanges
		if d := gocmp.Diff(wantLin, gotLin); d != "" {
			t.Fatalf("seed %d: Compare lineage (-want +got):\n%s", seed, d)
		}
	}
}

// The reference: AssignIDs as it was before the compact index.

func referenceAssignIDs(prev []PrevCluster, next [][]string, newID func(members []string) string) (ids []string, changes report.Changes) {
	owner, size := referenceOwner(prev)
	taken := make(map[string]bool, len(prev)+len(next))
	for _, p := range prev {
		taken[p.ID] = true
	}
	sorted := make([][]string, len(next))
	ckey := make([]string, len(next))
	for j, ms := range next {
		s := slices.Clone(ms)
		slices.Sort(s)
		sorted[j] = slices.Compact(s)
		ckey[j] = ContentKey(sorted[j])
	}

	type cand struct{ j, i, overlap int }
	var cands []cand
	counts := map[int32]int{}
	for j, ms := range sorted {
		clear(counts)
		for _, k := range ms {
			if i, ok := owner[k]; ok {
				counts[i]++
			}
		}
		for i, c := range counts {
			if 2*c > size[i] {
				cands = append(cands, cand{j, int(i), c})
			}
		}
	}
	slices.SortFunc(cands, func(x, y cand) int {
		return cmp.Or(
			cmp.Compare(y.overlap, x.overlap),
			strings.Compare(prev[x.i].ID, prev[y.i].ID),
			strings.Compare(ckey[x.j], ckey[y.j]),
		)
	})
	ids = make([]string, len(next))
	used := make([]bool, len(prev))
	for _, c := range cands {
		if ids[c.j] != "" || used[c.i] {
			continue
		}
		ids[c.j] = prev[c.i].ID
		used[c.i] = true
	}
	order := make([]int, 0, len(next))
	for j := range next {
		if ids[j] == "" {
			order = append(order, j)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(ckey[a], ckey[b]) })
	for _, j := range ids {
		if j != "" {
			taken[j] = true
		}
	}
	for _, j := range order {
		base := newID(sorted[j])
		id := base
		for n := 2; taken[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		taken[id] = true
		ids[j] = id
	}

	cur := make([]PrevCluster, len(next))
	for j := range next {
		cur[j] = PrevCluster{ID: ids[j], Members: sorted[j]}
	}
	return ids, referenceLineage(prev, owner, cur)
}

func referenceOwner(prev []PrevCluster) (map[string]int32, []int) {
	n := 0
	for _, p := range prev {
		n += len(p.Members)
	}
	owner := make(map[string]int32, n)
	size := make([]int, len(prev))
	for i, p := range prev {
		for _, k := range p.Members {
			if _, dup := owner[k]; dup {
				continue
			}
			owner[k] = int32(i)
			size[i]++
		}
	}
	return owner, size
}

func referenceLineage(prev []PrevCluster, owner map[string]int32, cur []PrevCluster) report.Changes {
	ch := emptyChanges()
	prevIDs := make(map[string]bool, len(prev))
	for _, p := range prev {
		prevIDs[p.ID] = true
	}
	curIDs := make(map[string]bool, len(cur))
	went := make([][]int32, len(prev)) // previous cluster → new clusters holding its members
	var from []int32
	for j, c := range cur {
		curIDs[c.ID] = true
		if !prevIDs[c.ID] {
			ch.NewClusters = append(ch.NewClusters, c.ID)
		}
		from = from[:0]
		for _, k := range c.Members {
			i, ok := owner[k]
			if !ok {
				continue
			}
			if !slices.Contains(from, i) {
				from = append(from, i)
			}
			if w := went[i]; len(w) == 0 || w[len(w)-1] != int32(j) {
				went[i] = append(w, int32(j))
			}
		}
		if len(from) >= 2 {
			ids := make([]string, len(from))
			for x, i := range from {
				ids[x] = prev[i].ID
			}
			slices.Sort(ids)
			ch.Merged = append(ch.Merged, report.ClusterChange{From: ids, To: []string{c.ID}})
		}
	}
	for i, p := range prev {
		if !curIDs[p.ID] {
			ch.RemovedClusters = append(ch.RemovedClusters, p.ID)
		}
		if to := went[i]; len(to) >= 2 {
			ids := make([]string, len(to))
			for x, j := range to {
				ids[x] = cur[j].ID
			}
			slices.Sort(ids)
			ch.Split = append(ch.Split, report.ClusterChange{From: []string{p.ID}, To: ids})
		}
	}
	slices.Sort(ch.NewClusters)
	slices.Sort(ch.RemovedClusters)
	slices.SortFunc(ch.Merged, func(a, b report.ClusterChange) int {
		return cmp.Or(slices.Compare(a.To, b.To), slices.Compare(a.From, b.From))
	})
	slices.SortFunc(ch.Split, func(a, b report.ClusterChange) int {
		return cmp.Or(slices.Compare(a.From, b.From), slices.Compare(a.To, b.To))
	})
	return ch
}
