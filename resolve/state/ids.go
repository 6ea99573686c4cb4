package state

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/report"
)

// PrevCluster is a cluster of an earlier run: its ID and its member keys.
type PrevCluster struct {
	ID      string
	Members []string
}

// MemberKey is the key of a distinct name: the case-folded (NFKC) name with
// runs of white space collapsed, the separator U+001F, and the country code.
// Two rows have the same member key exactly when the engine treats them as
// one distinct name (its own key joins the same parts with a NUL, which
// PostgreSQL text cannot hold).
func MemberKey(name, country string) string {
	return FoldName(name) + keySep + country
}

const keySep = "\x1f"

// FoldName is the name part of a member key, also used to match judgement
// names: case-folded, NFKC, white space collapsed.
func FoldName(name string) string {
	return strings.Join(strings.Fields(normalize.Fold(name)), " ")
}

// ContentKey identifies a set of member keys regardless of order or
// repeats: the hex SHA-256 of the sorted, distinct keys, one per line.
func ContentKey(members []string) string {
	ks := slices.Clone(members)
	slices.Sort(ks)
	ks = slices.Compact(ks)
	h := sha256.New()
	for _, k := range ks {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// NewClusterID is the default fresh-ID function for AssignIDs: "C" and the
// first 10 hex digits (upper case) of ContentKey(members). The same members
// always give the same ID, so a first run is reproducible.
func NewClusterID(members []string) string {
	return "C" + strings.ToUpper(ContentKey(members)[:10])
}

// AssignIDs gives each new cluster (next[j] holds its member keys) an ID,
// carrying IDs over from the previous run's clusters:
//
//   - A new cluster N may inherit the ID of a previous cluster P when N holds
//     more than half of P's members (|N ∩ P| * 2 > |P|, where |P| counts all of
//     P's members, including those missing from the new input).
//   - Among the eligible pairs, larger overlaps are served first; ties go to
//     the smaller previous ID, then to the new cluster with the smaller
//     content key. Each previous ID is inherited at most once and each new
//     cluster inherits at most one ID.
//   - Any other new cluster gets newID(its sorted member keys); a fresh ID that
//     is already taken (by a previous cluster or another new one) gets a
//     suffix "-2", "-3", ... in content-key order.
//
// Because only member sets are compared, the result does not depend on the
// order of the rows, of the clusters, or of the members within a cluster.
//
// changes lists new clusters (IDs not in prev), removed clusters (IDs of prev
// not in the result), splits (one previous cluster whose members now sit in
// two or more new clusters: From [old], To [new...]) and merges (one new
// cluster holding members of two or more previous clusters: From [old...],
// To [new]). Flag and status changes are left empty (see Compare), as is
// PreviousRunID. All lists are sorted and never nil.
//
// Worked example: prev A={a,b,c}, B={d,e}; next N1={a,b,c,x}, N2={d},
// N3={e,y}. N1 holds 3 of A's 3 members: it is A. N2 holds 1 of B's 2
// members (not more than half) and N3 likewise: both get fresh IDs. B is
// removed and recorded as split into N2 and N3.
func AssignIDs(prev []PrevCluster, next [][]string, newID func(members []string) string) (ids []string, changes report.Changes) {
	owner, size := ownerIndex(prev)
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
	return ids, lineageWith(prev, owner, cur)
}

// ownerIndex maps each member key to the index of its cluster (the first
// one, should a key repeat) and counts each cluster's distinct members.
func ownerIndex(prev []PrevCluster) (map[string]int32, []int) {
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

// lineage compares two clusterings by ID and by members.
func lineage(prev, cur []PrevCluster) report.Changes {
	owner, _ := ownerIndex(prev)
	return lineageWith(prev, owner, cur)
}

func lineageWith(prev []PrevCluster, owner map[string]int32, cur []PrevCluster) report.Changes {
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

func emptyChanges() report.Changes {
	return report.Changes{
		NewClusters: []string{}, RemovedClusters: []string{},
		Merged: []report.ClusterChange{}, Split: []report.ClusterChange{},
		NewFlags: []report.FlagChange{}, ClearedFlags: []report.FlagChange{},
		StatusChanges: []report.StatusChange{},
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
