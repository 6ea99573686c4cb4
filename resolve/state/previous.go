package state

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/report"
)

// Previous is an earlier run's snapshot in the compact form the next run
// needs to give its clusters stable IDs (AssignIDs) and say what changed
// (Changes): the cluster IDs, an index from member key to cluster, and the
// flags and registry record statuses. It holds no object per member: the
// keys sit end to end in one string, indexed by a pointer-free hash table.
// A million names in 286k clusters take 79 MB, of which the collector has
// only the cluster IDs to trace; the snapshot as objects (Store.Snapshot),
// with the index the next run built over it, took 139 MB in millions of
// separate strings (measured with runtime.ReadMemStats after a GC).
//
// Store.Previous reads it; NewPrevious builds it from clusters in memory.
// A Previous is read-only once built and safe for concurrent readers.
type Previous struct {
	// RunID is the run it was read from (empty when built in memory).
	RunID string

	ids  []string // cluster IDs
	size []int32  // distinct members per cluster

	keys  string   // member keys, end to end
	end   []uint32 // key j is keys[end[j-1]:end[j]] (from 0 for j = 0)
	of    []int32  // key j's cluster
	index map[uint64]int32
	extra map[string]int32 // keys whose hash an earlier key already has
	seed  maphash.Seed

	byID []int32 // cluster indices sorted by ID, built when first needed

	flags    []prevFlag
	statuses []prevStatus
}

type prevFlag struct {
	cluster int32
	code    string
}

type prevStatus struct {
	cluster                int32
	source, record, status string
}

// previousBuilder fills a Previous cluster by cluster.
type previousBuilder struct {
	p    *Previous
	keys strings.Builder
	ends []uint32
	of   []int32
}

func newPreviousBuilder(clusters, members int) *previousBuilder {
	b := &previousBuilder{p: &Previous{seed: maphash.MakeSeed()}}
	b.p.ids = make([]string, 0, clusters)
	b.p.size = make([]int32, 0, clusters)
	b.ends = make([]uint32, 0, members)
	b.of = make([]int32, 0, members)
	return b
}

// cluster adds a cluster; its members follow with member.
func (b *previousBuilder) cluster(id string) {
	b.p.ids = append(b.p.ids, id)
	b.p.size = append(b.p.size, 0)
}

// member adds a member key to the last cluster.
func (b *previousBuilder) member(key []byte) { b.memberOf(len(b.p.ids)-1, key) }

// memberOf adds a member key to cluster i.
func (b *previousBuilder) memberOf(i int, key []byte) {
	b.keys.Write(key)
	b.ends = append(b.ends, uint32(b.keys.Len()))
	b.of = append(b.of, int32(i))
}

// done indexes the keys. A key that repeats keeps its first cluster and
// counts only there.
func (b *previousBuilder) done() *Previous {
	p := b.p
	p.keys, p.end, p.of = b.keys.String(), b.ends, b.of
	p.index = make(map[uint64]int32, len(p.end))
	for j := range p.end {
		k := p.key(j)
		h := maphash.String(p.seed, k)
		if i, ok := p.index[h]; ok {
			if p.key(int(i)) == k {
				continue // a repeat
			}
			if p.extra == nil {
				p.extra = map[string]int32{}
			}
			if _, dup := p.extra[k]; dup {
				continue
			}
			p.extra[k] = int32(j)
		} else {
			p.index[h] = int32(j)
		}
		p.size[p.of[j]]++
	}
	return p
}

// NewPrevious builds the compact form of clusters held in memory.
func NewPrevious(clusters []PrevCluster) *Previous {
	n := 0
	for _, c := range clusters {
		n += len(c.Members)
	}
	b := newPreviousBuilder(len(clusters), n)
	for _, c := range clusters {
		b.cluster(c.ID)
		for _, k := range c.Members {
			b.member([]byte(k))
		}
	}
	return b.done()
}

func (p *Previous) key(j int) string {
	lo := uint32(0)
	if j > 0 {
		lo = p.end[j-1]
	}
	return p.keys[lo:p.end[j]]
}

// Len is the number of clusters.
func (p *Previous) Len() int {
	if p == nil {
		return 0
	}
	return len(p.ids)
}

// ID is cluster i's ID.
func (p *Previous) ID(i int) string { return p.ids[i] }

// Size is the number of distinct members of cluster i.
func (p *Previous) Size(i int) int { return int(p.size[i]) }

// Lookup returns the cluster that held member key k.
func (p *Previous) Lookup(k string) (cluster int, ok bool) {
	if p == nil {
		return -1, false
	}
	if j, ok := p.index[maphash.String(p.seed, k)]; ok && p.key(int(j)) == k {
		return int(p.of[j]), true
	}
	if j, ok := p.extra[k]; ok {
		return int(p.of[j]), true
	}
	return -1, false
}

// Has reports whether member key k was in the run.
func (p *Previous) Has(k string) bool {
	_, ok := p.Lookup(k)
	return ok
}

// CountKnown counts the member keys of clusters (each cluster's keys,
// as ReportKeys gives them) that the previous run held, and those it did
// not: the report's names reused and names new.
func (p *Previous) CountKnown(clusters [][]string) (known, unknown int) {
	for _, ks := range clusters {
		for _, k := range ks {
			if p.Has(k) {
				known++
			} else {
				unknown++
			}
		}
	}
	return known, unknown
}

// Clusters expands the index back into clusters with member keys (for
// callers that want objects; costs what the compact form saves).
func (p *Previous) Clusters() []PrevCluster {
	out := make([]PrevCluster, p.Len())
	for i := range out {
		out[i] = PrevCluster{ID: p.ids[i]}
	}
	for j := range p.end {
		i := p.of[j]
		out[i].Members = append(out[i].Members, p.key(j))
	}
	return out
}

// findID returns the index of the cluster with ID id (binary search over
// the IDs in byte order, sorted once).
func (p *Previous) findID(id string) (int, bool) {
	if p.Len() == 0 {
		return -1, false
	}
	if p.byID == nil {
		p.byID = make([]int32, len(p.ids))
		for i := range p.byID {
			p.byID[i] = int32(i)
		}
		slices.SortFunc(p.byID, func(a, b int32) int { return strings.Compare(p.ids[a], p.ids[b]) })
	}
	x, ok := slices.BinarySearchFunc(p.byID, id, func(i int32, id string) int { return strings.Compare(p.ids[i], id) })
	if !ok {
		return -1, false
	}
	return int(p.byID[x]), true
}

// overlap is one (new cluster, previous cluster) pair that share members.
type overlap struct {
	next, prev, n int32
}

// overlaps lists, for each new cluster in order, the previous clusters
// holding its members and how many, in previous-cluster order. members[j]
// must be distinct keys.
func (p *Previous) overlaps(members [][]string) []overlap {
	var out []overlap
	var hit []int32
	for j, ms := range members {
		hit = hit[:0]
		for _, k := range ms {
			if i, ok := p.Lookup(k); ok {
				hit = append(hit, int32(i))
			}
		}
		slices.Sort(hit)
		for x := 0; x < len(hit); {
			y := x + 1
			for y < len(hit) && hit[y] == hit[x] {
				y++
			}
			out = append(out, overlap{int32(j), hit[x], int32(y - x)})
			x = y
		}
	}
	return out
}

// lineage lists new, removed, merged and split clusters. ids[j] is new
// cluster j's ID, ov its overlaps (as overlaps returns them, ordered by new
// cluster), fresh[j] says that ids[j] is not a previous ID and kept[i] that
// previous cluster i's ID is among ids.
func (p *Previous) lineage(ids []string, ov []overlap, fresh, kept []bool) report.Changes {
	ch := emptyChanges()
	for j, id := range ids {
		if fresh[j] {
			ch.NewClusters = append(ch.NewClusters, id)
		}
	}
	for i := range kept {
		if !kept[i] {
			ch.RemovedClusters = append(ch.RemovedClusters, p.ids[i])
		}
	}
	// Merges: a new cluster with members of two or more previous ones.
	for x := 0; x < len(ov); {
		y := x + 1
		for y < len(ov) && ov[y].next == ov[x].next {
			y++
		}
		if y-x >= 2 {
			from := make([]string, 0, y-x)
			for _, o := range ov[x:y] {
				from = append(from, p.ids[o.prev])
			}
			slices.Sort(from)
			ch.Merged = append(ch.Merged, report.ClusterChange{From: from, To: []string{ids[ov[x].next]}})
		}
		x = y
	}
	// Splits: a previous cluster whose members went to two or more.
	byPrev := slices.Clone(ov)
	slices.SortFunc(byPrev, func(a, b overlap) int { return cmp.Or(cmp.Compare(a.prev, b.prev), cmp.Compare(a.next, b.next)) })
	for x := 0; x < len(byPrev); {
		y := x + 1
		for y < len(byPrev) && byPrev[y].prev == byPrev[x].prev {
			y++
		}
		if y-x >= 2 {
			to := make([]string, 0, y-x)
			for _, o := range byPrev[x:y] {
				to = append(to, ids[o.next])
			}
			slices.Sort(to)
			ch.Split = append(ch.Split, report.ClusterChange{From: []string{p.ids[byPrev[x].prev]}, To: to})
		}
		x = y
	}
	sortLineage(&ch)
	return ch
}

// Changes lists what changed from the previous run to snapshot b, as
// Compare does: lineage (new, removed, merged, split clusters), flags by
// (cluster ID, code) present only in b (new) or only before (cleared), and
// registry records matched to the same cluster in both whose status
// differs. lineage, when given, is what AssignIDs returned for b's clusters
// (it is the same), so that only flags and statuses are compared here.
func (p *Previous) Changes(b *Snapshot, lineage *report.Changes) report.Changes {
	var ch report.Changes
	if lineage != nil {
		ch = *lineage
	} else {
		ch = p.lineageOf(b)
	}
	type fk struct{ c, code string }
	before := make(map[fk]bool, len(p.flags))
	for _, f := range p.flags {
		before[fk{p.ids[f.cluster], f.code}] = true
	}
	after := map[fk]bool{}
	for _, c := range b.Clusters {
		for _, f := range c.Flags {
			after[fk{c.ID, f.Code}] = true
		}
	}
	ch.NewFlags, ch.ClearedFlags = []report.FlagChange{}, []report.FlagChange{}
	for k := range after {
		if !before[k] {
			ch.NewFlags = append(ch.NewFlags, report.FlagChange{ClusterID: k.c, Code: k.code})
		}
	}
	for k := range before {
		if !after[k] {
			ch.ClearedFlags = append(ch.ClearedFlags, report.FlagChange{ClusterID: k.c, Code: k.code})
		}
	}
	byFlag := func(x, y report.FlagChange) int {
		return cmp.Or(strings.Compare(x.ClusterID, y.ClusterID), strings.Compare(x.Code, y.Code))
	}
	slices.SortFunc(ch.NewFlags, byFlag)
	slices.SortFunc(ch.ClearedFlags, byFlag)

	type sk struct{ c, src, rec string }
	was := make(map[sk]string, len(p.statuses))
	for _, s := range p.statuses {
		was[sk{p.ids[s.cluster], s.source, s.record}] = s.status
	}
	ch.StatusChanges = []report.StatusChange{}
	for _, c := range b.Clusters {
		for _, s := range c.Statuses {
			old, ok := was[sk{c.ID, s.Source, s.RecordID}]
			if ok && old != s.Status {
				ch.StatusChanges = append(ch.StatusChanges, report.StatusChange{
					ClusterID: c.ID, Source: s.Source, RecordID: s.RecordID, From: old, To: s.Status})
			}
		}
	}
	slices.SortFunc(ch.StatusChanges, func(x, y report.StatusChange) int {
		return cmp.Or(strings.Compare(x.ClusterID, y.ClusterID), strings.Compare(x.Source, y.Source),
			strings.Compare(x.RecordID, y.RecordID))
	})
	return ch
}

// lineageOf compares the clusters of b with the previous ones by ID and by
// members.
func (p *Previous) lineageOf(b *Snapshot) report.Changes {
	ids := make([]string, len(b.Clusters))
	members := make([][]string, len(b.Clusters))
	cur := make(map[string]bool, len(b.Clusters))
	fresh := make([]bool, len(b.Clusters))
	for j, c := range b.Clusters {
		ids[j] = c.ID
		cur[c.ID] = true
		_, known := p.findID(c.ID)
		fresh[j] = !known
		ks := make([]string, len(c.Members))
		for x, m := range c.Members {
			ks[x] = m.Key
		}
		members[j] = ks
	}
	kept := make([]bool, p.Len())
	for i := range kept {
		kept[i] = cur[p.ids[i]]
	}
	return p.lineage(ids, p.overlaps(members), fresh, kept)
}

// previousOf is the compact form of a snapshot in memory.
func previousOf(s *Snapshot) *Previous {
	p := NewPrevious(prevClusters(s))
	for i, c := range s.Clusters {
		for _, f := range c.Flags {
			p.flags = append(p.flags, prevFlag{int32(i), f.Code})
		}
		for _, r := range c.Statuses {
			p.statuses = append(p.statuses, prevStatus{int32(i), r.Source, r.RecordID, r.Status})
		}
	}
	return p
}

// MembersOf returns the member keys of the clusters with the given IDs (one
// pass over the index, however many IDs); an ID the run did not have is
// absent from the map.
func (p *Previous) MembersOf(ids []string) map[string][]string {
	out := map[string][]string{}
	want := map[int32]string{}
	for _, id := range ids {
		if i, ok := p.findID(id); ok {
			want[int32(i)] = id
			out[id] = []string{}
		}
	}
	if len(want) == 0 {
		return out
	}
	for j := range p.end {
		if id, ok := want[p.of[j]]; ok {
			out[id] = append(out[id], p.key(j))
		}
	}
	return out
}
