package state

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode"

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
	f := normalize.Fold(name)
	if spacedOnce(f) {
		return f // nothing to collapse: no second string
	}
	return strings.Join(strings.Fields(f), " ")
}

// spacedOnce reports whether s is already as strings.Fields and a join with
// single spaces would leave it: no white space at either end, none but
// single ASCII spaces inside.
func spacedOnce(s string) bool {
	prev := ' ' // a space at the start is not allowed
	for _, r := range s {
		if r == ' ' {
			if prev == ' ' {
				return false
			}
		} else if unicode.IsSpace(r) {
			return false
		}
		prev = r
	}
	return prev != ' ' || s == ""
}

// ContentKey identifies a set of member keys regardless of order or
// repeats: the hex SHA-256 of the sorted, distinct keys, one per line.
func ContentKey(members []string) string {
	sum := membersSum(members)
	return hex.EncodeToString(sum[:])
}

// membersSum is contentSum of the members sorted without repeats.
func membersSum(members []string) [sha256.Size]byte {
	ks := members
	if !sortedDistinct(ks) {
		ks = slices.Compact(slices.Sorted(slices.Values(members)))
	}
	return contentSum(ks)
}

// NewClusterID is the default fresh-ID function for AssignIDs: "C" and the
// first 10 hex digits (upper case) of ContentKey(members). The same members
// always give the same ID, so a first run is reproducible.
func NewClusterID(members []string) string {
	sum := membersSum(members)
	return clusterID(&sum)
}

// clusterID is NewClusterID of the members whose content sum is sum.
func clusterID(sum *[sha256.Size]byte) string {
	return "C" + strings.ToUpper(hex.EncodeToString(sum[:5]))
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
	return NewPrevious(prev).AssignIDs(next, newID)
}

// AssignIDs is the package function AssignIDs against the compact form of
// the previous run. Cost: one index lookup per member, a sort of the
// (new, previous) overlaps, and the content key (SHA-256) of every new
// cluster; no map or object per member.
func (p *Previous) AssignIDs(next [][]string, newID func(members []string) string) (ids []string, changes report.Changes) {
	ids, changes, _ = p.assignIDs(next, func(j int, members []string, _ *[sha256.Size]byte) string { return newID(members) })
	return ids, changes
}

// AssignIDsContent is AssignIDs with NewClusterID for fresh IDs, and also
// returns each new cluster's ContentKey (contents[j] of next[j]): the
// content keys AssignIDs computes anyway, so that neither the fresh IDs nor
// the snapshot (ClusterState.ContentKey) hash the members again.
func (p *Previous) AssignIDsContent(next [][]string) (ids []string, changes report.Changes, contents []string) {
	ids, changes, sums := p.assignIDs(next, func(_ int, _ []string, sum *[sha256.Size]byte) string { return clusterID(sum) })
	contents = make([]string, len(sums))
	for j := range sums {
		contents[j] = hex.EncodeToString(sums[j][:])
	}
	return ids, changes, contents
}

func (p *Previous) assignIDs(next [][]string, newID func(j int, members []string, sum *[sha256.Size]byte) string) (ids []string, changes report.Changes, ckey [][sha256.Size]byte) {
	sorted := make([][]string, len(next))
	ckey = make([][sha256.Size]byte, len(next)) // raw: compares as its hex does
	for j, ms := range next {
		if !sortedDistinct(ms) {
			ms = slices.Compact(slices.Sorted(slices.Values(ms)))
		}
		sorted[j] = ms
		ckey[j] = contentSum(ms)
	}
	ov := p.overlaps(sorted)
	var cands []overlap
	for _, o := range ov {
		if 2*o.n > p.size[o.prev] {
			cands = append(cands, o)
		}
	}
	slices.SortFunc(cands, func(x, y overlap) int {
		return cmp.Or(
			cmp.Compare(y.n, x.n),
			strings.Compare(p.ids[x.prev], p.ids[y.prev]),
			bytes.Compare(ckey[x.next][:], ckey[y.next][:]),
		)
	})
	ids = make([]string, len(next))
	used := make([]bool, p.Len())
	for _, c := range cands {
		if ids[c.next] != "" || used[c.prev] {
			continue
		}
		ids[c.next] = p.ids[c.prev]
		used[c.prev] = true
	}
	var order []int
	for j := range next {
		if ids[j] == "" {
			order = append(order, j)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(ckey[a][:], ckey[b][:]) })
	fresh := make([]bool, len(next))
	given := make(map[string]bool, len(order)) // fresh IDs of this call
	for _, j := range order {
		base := newID(j, sorted[j], &ckey[j])
		id := base
		for n := 2; ; n++ {
			if _, old := p.findID(id); !old && !given[id] {
				break
			}
			id = fmt.Sprintf("%s-%d", base, n)
		}
		given[id] = true
		ids[j], fresh[j] = id, true
	}
	return ids, p.lineage(ids, ov, fresh, used), ckey
}

// sortedDistinct reports whether ks is sorted without repeats.
func sortedDistinct(ks []string) bool {
	for i := 1; i < len(ks); i++ {
		if ks[i-1] >= ks[i] {
			return false
		}
	}
	return true
}

// contentSum is the SHA-256 behind ContentKey of sorted, distinct keys.
func contentSum(sorted []string) [sha256.Size]byte {
	h := sha256.New()
	for _, k := range sorted {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// sortLineage puts the lineage lists in their documented order.
func sortLineage(ch *report.Changes) {
	slices.Sort(ch.NewClusters)
	slices.Sort(ch.RemovedClusters)
	slices.SortFunc(ch.Merged, func(a, b report.ClusterChange) int {
		return cmp.Or(slices.Compare(a.To, b.To), slices.Compare(a.From, b.From))
	})
	slices.SortFunc(ch.Split, func(a, b report.ClusterChange) int {
		return cmp.Or(slices.Compare(a.From, b.From), slices.Compare(a.To, b.To))
	})
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
