package state

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
)

// joinID is a readable content-derived fresh ID: "N:" and the sorted members.
func joinID(m []string) string { return "N:" + strings.Join(m, ",") }

func cc(from, to []string) report.ClusterChange { return report.ClusterChange{From: from, To: to} }

func TestAssignIDs(t *testing.T) {
	type tc struct {
		name    string
		prev    []PrevCluster
		next    [][]string
		ids     []string
		new     []string
		removed []string
		merged  []report.ClusterChange
		split   []report.ClusterChange
	}
	ss := func(s ...string) []string { return s }
	tests := []tc{
		{name: "first run: all fresh", next: [][]string{{"a", "b"}, {"c"}},
			ids: ss("N:a,b", "N:c"), new: ss("N:a,b", "N:c")},
		{name: "unchanged", prev: []PrevCluster{{"A", ss("a", "b")}, {"B", ss("c")}},
			next: [][]string{{"c"}, {"b", "a"}}, ids: ss("B", "A")},
		{name: "member added", prev: []PrevCluster{{"A", ss("a", "b")}},
			next: [][]string{{"a", "b", "x"}}, ids: ss("A")},
		{name: "singleton grows", prev: []PrevCluster{{"A", ss("a")}},
			next: [][]string{{"a", "x", "y"}}, ids: ss("A")},
		{name: "exactly half is not enough", prev: []PrevCluster{{"A", ss("a", "b")}},
			next: [][]string{{"x", "a"}, {"b"}}, ids: ss("N:a,x", "N:b"), new: ss("N:a,x", "N:b"), removed: ss("A"),
			split: []report.ClusterChange{cc(ss("A"), ss("N:a,x", "N:b"))}},
		{name: "members lost from the input count against", prev: []PrevCluster{{"A", ss("a", "b", "c", "d")}},
			next: [][]string{{"a", "b"}}, ids: ss("N:a,b"), new: ss("N:a,b"), removed: ss("A")},
		{name: "split: the majority keeps the ID", prev: []PrevCluster{{"A", ss("a", "b", "c")}},
			next: [][]string{{"c"}, {"a", "b"}}, ids: ss("N:c", "A"), new: ss("N:c"),
			split: []report.ClusterChange{cc(ss("A"), ss("A", "N:c"))}},
		{name: "merge: larger overlap wins", prev: []PrevCluster{{"A", ss("a")}, {"B", ss("b", "c")}},
			next: [][]string{{"a", "b", "c"}}, ids: ss("B"), removed: ss("A"),
			merged: []report.ClusterChange{cc(ss("A", "B"), ss("B"))}},
		{name: "merge tie: smaller ID wins", prev: []PrevCluster{{"Y", ss("b")}, {"X", ss("a")}},
			next: [][]string{{"a", "b"}}, ids: ss("X"), removed: ss("Y"),
			merged: []report.ClusterChange{cc(ss("X", "Y"), ss("X"))}},
		{name: "fresh ID colliding with an old one gets a suffix", prev: []PrevCluster{{"N:a", ss("a", "b", "c")}},
			next: [][]string{{"a"}, {"b"}, {"c"}}, ids: ss("N:a-2", "N:b", "N:c"), new: ss("N:a-2", "N:b", "N:c"), removed: ss("N:a"),
			split: []report.ClusterChange{cc(ss("N:a"), ss("N:a-2", "N:b", "N:c"))}},
		{name: "worked example of the doc", prev: []PrevCluster{{"A", ss("a", "b", "c")}, {"B", ss("d", "e")}},
			next: [][]string{{"a", "b", "c", "x"}, {"d"}, {"e", "y"}}, ids: ss("A", "N:d", "N:e,y"),
			new: ss("N:d", "N:e,y"), removed: ss("B"), split: []report.ClusterChange{cc(ss("B"), ss("N:d", "N:e,y"))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, ch := AssignIDs(tt.prev, tt.next, joinID)
			if diff := cmp.Diff(tt.ids, ids); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			want := emptyChanges()
			if tt.new != nil {
				want.NewClusters = tt.new
			}
			if tt.removed != nil {
				want.RemovedClusters = tt.removed
			}
			if tt.merged != nil {
				want.Merged = tt.merged
			}
			if tt.split != nil {
				want.Split = tt.split
			}
			if diff := cmp.Diff(want, ch); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewClusterIDIsContentDerived(t *testing.T) {
	a := NewClusterID([]string{"x\x1fKR", "y\x1fKR", "x\x1fKR"})
	b := NewClusterID([]string{"y\x1fKR", "x\x1fKR"})
	if a != b || len(a) != 11 || a[0] != 'C' || strings.ToUpper(a) != a {
		t.Fatalf("ids %q %q", a, b)
	}
	if NewClusterID([]string{"x\x1fKR"}) == a {
		t.Fatal("different members, same ID")
	}
	if !clusterIDPattern.MatchString(a) {
		t.Fatalf("%q does not match the cluster ID pattern", a)
	}
}

func TestMemberKeyFolds(t *testing.T) {
	if MemberKey("ZORBEX  Trading", "KR") != MemberKey("zorbex trading ", "KR") {
		t.Fatal("case and spacing should not matter")
	}
	if MemberKey("Zorbex", "KR") == MemberKey("Zorbex", "CN") {
		t.Fatal("country is part of the key")
	}
}

// FuzzAssignIDsOrderFree: the IDs given to each member set do not depend on
// the order of clusters or members; every ID is unique.
func FuzzAssignIDsOrderFree(f *testing.F) {
	f.Add(uint64(1), uint8(12), uint8(4))
	f.Add(uint64(7), uint8(40), uint8(9))
	f.Fuzz(func(t *testing.T, seed uint64, nMembers, nClusters uint8) {
		r := rand.New(rand.NewPCG(seed, 1))
		nm, nc := int(nMembers%60)+1, int(nClusters%12)+1
		part := func() [][]string {
			cs := make([][]string, nc)
			for m := 0; m < nm; m++ {
				if r.IntN(5) == 0 {
					continue // member absent from this run
				}
				j := r.IntN(nc)
				cs[j] = append(cs[j], fmt.Sprintf("m%02d", m))
			}
			return slices.DeleteFunc(cs, func(c []string) bool { return len(c) == 0 })
		}
		prevParts := part()
		prev := make([]PrevCluster, len(prevParts))
		pids, _ := AssignIDs(nil, prevParts, NewClusterID)
		for i := range prevParts {
			prev[i] = PrevCluster{ID: pids[i], Members: prevParts[i]}
		}
		next := part()
		ids, ch := AssignIDs(prev, next, NewClusterID)

		// Shuffle everything and assign again.
		prev2 := slices.Clone(prev)
		r.Shuffle(len(prev2), func(i, j int) { prev2[i], prev2[j] = prev2[j], prev2[i] })
		perm := r.Perm(len(next))
		next2 := make([][]string, len(next))
		for i, p := range perm {
			next2[i] = slices.Clone(next[p])
			r.Shuffle(len(next2[i]), func(a, b int) { next2[i][a], next2[i][b] = next2[i][b], next2[i][a] })
		}
		ids2, ch2 := AssignIDs(prev2, next2, NewClusterID)
		for i, p := range perm {
			if ids2[i] != ids[p] {
				t.Fatalf("cluster %v: %s, after shuffling %s", next[p], ids[p], ids2[i])
			}
		}
		if diff := cmp.Diff(ch, ch2); diff != "" {
			t.Fatalf("changes differ after shuffling:\n%s", diff)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("ID %s given twice: %v", id, ids)
			}
			seen[id] = true
		}
	})
}

// Fictional companies; each line is one company's spellings.
var fictional = [][]string{
	{"Zorbex Trading Co Ltd", "ZORBEX TRADING CO., LTD.", "Zorbex Trading Company Limited"},
	{"Quillmore Shipping LLC", "QUILLMORE SHIPPING L.L.C.", "Quillmore Shipping"},
	{"Harrowgate Polymers GmbH", "Harrowgate Polymers G.m.b.H."},
	{"Velastro Electronics Inc", "VELASTRO ELECTRONICS INC.", "Velastro Electronics Incorporated"},
	{"Brindlewick Textiles Pvt Ltd", "Brindlewick Textiles Private Limited"},
	{"Osterfell Marine Supply SA", "OSTERFELL MARINE SUPPLY S.A."},
	{"Kestrava Foods Ltd", "KESTRAVA FOODS LIMITED"},
	{"Pellucid Orbit Logistics", "PELLUCID ORBIT LOGISTICS CO"},
	{"Thimbleton Machinery Corp", "Thimbleton Machinery Corporation"},
	{"Crumhollow Chemicals BV", "CRUMHOLLOW CHEMICALS B.V."},
	{"Yarrowmere Steel Works", "YARROWMERE STEEL WORKS LTD"},
	{"Glasswick Optics Ltd"},
	{"Fennimore Agro Exports", "FENNIMORE AGRO EXPORTS PVT LTD"},
	{"Dunsparrow Freight Services", "Dunsparrow Freight Services Ltd"},
}

func engineRun(t *testing.T, names []string) *engine.Result {
	t.Helper()
	return engineRunWith(t, names, nil)
}

func engineRunWith(t *testing.T, names []string, d *Decisions) *engine.Result {
	t.Helper()
	rows := make([]engine.Row, len(names))
	for i, n := range names {
		rows[i] = engine.Row{Name: n, Country: "GB"}
	}
	opt := engine.Options{
		Match:   match.DefaultParams(),
		Cluster: cluster.Params{Threshold: 0.80, LinkThreshold: 0.80, Sample: 12},
		Block:   block.Params{MaxCandidates: 40, MaxBlock: 1000, Workers: 1},
	}
	if d != nil {
		opt.Same, opt.Different = d.Same, d.Different
	}
	res, err := engine.Run(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// clusterKeys returns the member keys of each engine cluster.
func clusterKeys(res *engine.Result, names []string) [][]string {
	out := make([][]string, len(res.Clusters))
	for i, c := range res.Clusters {
		seen := map[string]bool{}
		for _, ri := range c.Rows {
			k := MemberKey(names[ri], "GB")
			if !seen[k] {
				seen[k] = true
				out[i] = append(out[i], k)
			}
		}
	}
	return out
}

// idsByName maps every name to the ID of its cluster.
func idsByName(names []string, res *engine.Result, ids []string) map[string]string {
	m := map[string]string{}
	for i, c := range res.Clusters {
		for _, ri := range c.Rows {
			m[names[ri]] = ids[i]
		}
	}
	return m
}

// TestIDsSurviveShufflingAndAdditions runs the real engine twice: the second
// input is the first shuffled plus a few new spellings and one new company.
// Every old name keeps its cluster ID; only the new company is new.
func TestIDsSurviveShufflingAndAdditions(t *testing.T) {
	var day1 []string
	for _, c := range fictional {
		day1 = append(day1, c...)
	}
	res1 := engineRun(t, day1)
	keys1 := clusterKeys(res1, day1)
	ids1, ch1 := AssignIDs(nil, keys1, NewClusterID)
	t.Logf("day 1: %d names in %d clusters", len(day1), len(ids1))
	if len(ids1) > len(fictional)+2 {
		t.Fatalf("the engine left %d clusters for %d companies: the test needs real clustering", len(ids1), len(fictional))
	}
	if len(ch1.NewClusters) != len(ids1) {
		t.Fatalf("first run: %d new of %d", len(ch1.NewClusters), len(ids1))
	}
	prev := make([]PrevCluster, len(ids1))
	for i := range ids1 {
		prev[i] = PrevCluster{ID: ids1[i], Members: keys1[i]}
	}
	before := idsByName(day1, res1, ids1)

	day2 := slices.Clone(day1)
	day2 = append(day2, "Zorbex Trading Co. Ltd", "Kestrava Foods Limited.", "Quillmore Shipping L.L.C",
		"Wrenfield Ceramics Ltd", "WRENFIELD CERAMICS LIMITED")
	rand.New(rand.NewPCG(42, 42)).Shuffle(len(day2), func(i, j int) { day2[i], day2[j] = day2[j], day2[i] })
	res2 := engineRun(t, day2)
	keys2 := clusterKeys(res2, day2)
	ids2, ch2 := AssignIDs(prev, keys2, NewClusterID)
	after := idsByName(day2, res2, ids2)
	for n, id := range before {
		if after[n] != id {
			t.Errorf("%q: cluster %s on day 1, %s on day 2", n, id, after[n])
		}
	}
	if len(ch2.NewClusters) != 1 || after["Wrenfield Ceramics Ltd"] != ch2.NewClusters[0] {
		t.Errorf("new clusters %v, want only Wrenfield's (%s)", ch2.NewClusters, after["Wrenfield Ceramics Ltd"])
	}
	if len(ch2.RemovedClusters)+len(ch2.Merged)+len(ch2.Split) != 0 {
		t.Errorf("unexpected changes %+v", ch2)
	}
}

// TestJudgementsThroughEngine: a "different" judgement splits a cluster, a
// "same" judgement (given by cluster ID) merges two; the next run with the
// same judgements keeps every ID and records no change.
func TestJudgementsThroughEngine(t *testing.T) {
	ctx := context.Background()
	var names []string
	for _, c := range fictional {
		names = append(names, c...)
	}
	res0 := engineRun(t, names)
	keys0 := clusterKeys(res0, names)
	ids0, _ := AssignIDs(nil, keys0, NewClusterID)
	prev := make([]PrevCluster, len(ids0))
	for i := range ids0 {
		prev[i] = PrevCluster{ID: ids0[i], Members: keys0[i]}
	}
	byName := idsByName(names, res0, ids0)
	zorbex, quill, kestrava := byName["Zorbex Trading Co Ltd"], byName["Quillmore Shipping LLC"], byName["Kestrava Foods Ltd"]
	if zorbex != byName["Zorbex Trading Company Limited"] {
		t.Fatal("the engine should cluster the Zorbex spellings")
	}
	// Names of a cluster as the store would give them.
	resolver := fakeClusters{}
	for i, c := range res0.Clusters {
		for _, ri := range c.Rows {
			resolver[ids0[i]] = append(resolver[ids0[i]], names[ri])
		}
	}
	js := []Judgement{
		{Kind: Different, A: "Zorbex Trading Company Limited", B: "Zorbex Trading Co Ltd"},
		{Kind: Different, A: "Zorbex Trading Company Limited", B: "ZORBEX TRADING CO., LTD."},
		{Kind: Same, A: quill, B: kestrava},
	}
	d, err := Decide(ctx, js, resolver)
	if err != nil || len(d.Conflicts) != 0 {
		t.Fatalf("%v %v", err, d.Conflicts)
	}
	res1 := engineRunWith(t, names, d)
	keys1 := clusterKeys(res1, names)
	ids1, ch := AssignIDs(prev, keys1, NewClusterID)
	after := idsByName(names, res1, ids1)
	if after["Zorbex Trading Co Ltd"] != zorbex || after["Zorbex Trading Company Limited"] == zorbex {
		t.Errorf("different: Zorbex %s / %s, was %s", after["Zorbex Trading Co Ltd"], after["Zorbex Trading Company Limited"], zorbex)
	}
	if after["Quillmore Shipping LLC"] != after["Kestrava Foods Ltd"] {
		t.Error("same: Quillmore and Kestrava not merged")
	}
	if len(ch.Split) != 1 || ch.Split[0].From[0] != zorbex {
		t.Errorf("split %v", ch.Split)
	}
	if len(ch.Merged) != 1 || len(ch.Merged[0].From) != 2 {
		t.Errorf("merged %v", ch.Merged)
	}

	// Next night, same input and judgements: nothing changes.
	prev1 := make([]PrevCluster, len(ids1))
	for i := range ids1 {
		prev1[i] = PrevCluster{ID: ids1[i], Members: keys1[i]}
	}
	res2 := engineRunWith(t, names, d)
	ids2, ch2 := AssignIDs(prev1, clusterKeys(res2, names), NewClusterID)
	if diff := cmp.Diff(after, idsByName(names, res2, ids2)); diff != "" {
		t.Errorf("IDs moved on the next run (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(emptyChanges(), ch2); diff != "" {
		t.Errorf("changes on an unchanged run:\n%s", diff)
	}
}

// The keys the main job computes once give what computing them where they
// are used gives: AssignIDsContent's IDs and lineage are AssignIDs' with
// NewClusterID and its contents ContentKey; FromReportKeys is FromReport.
func TestKeysComputedOnceAgree(t *testing.T) {
	rep := &report.Report{Clusters: []report.Cluster{
		{ID: "X", CanonicalName: "Acme", Size: 3, Members: []report.Member{
			{Name: "ACME  Ltd", Country: "GB"}, {Name: "Acme Ltd", Country: "GB"}, {Name: "Acme GmbH", Country: "DE"}}},
		{ID: "Y", CanonicalName: "Beta", Size: 1, Members: []report.Member{{Name: "Beta", Country: ""}}},
		{ID: "Z", CanonicalName: "Gamma", Size: 2, Members: []report.Member{{Name: "Gamma", Country: "FR"}, {Name: "Delta", Country: "FR"}}},
	}}
	members, keys := ReportKeys(rep)
	if diff := cmp.Diff(ReportMemberKeys(rep), keys); diff != "" {
		t.Fatalf("ReportKeys' sorted keys differ from ReportMemberKeys (-want +got):\n%s", diff)
	}
	prev := NewPrevious([]PrevCluster{{ID: "C1", Members: []string{MemberKey("Gamma", "FR"), MemberKey("Delta", "FR"), MemberKey("Eps", "FR")}}})
	wantIDs, wantCh := prev.AssignIDs(keys, NewClusterID)
	ids, ch, contents := prev.AssignIDsContent(keys)
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantCh, ch); diff != "" {
		t.Errorf("lineage (-want +got):\n%s", diff)
	}
	for j, ks := range keys {
		if contents[j] != ContentKey(ks) {
			t.Errorf("cluster %d: content %s, ContentKey %s", j, contents[j], ContentKey(ks))
		}
	}
	want := FromReport(rep)
	for i := range want.Clusters {
		want.Clusters[i].ContentKey = contents[i]
	}
	if diff := cmp.Diff(want, FromReportKeys(rep, members, contents)); diff != "" {
		t.Errorf("FromReportKeys (-FromReport +got):\n%s", diff)
	}
}
