package state

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/normalize"
)

// Store.Previous reads the same clusters, flags and statuses as
// Store.Snapshot, in compact form: AssignIDs and Changes from it equal
// those from the snapshot as objects.
func TestPreviousEqualsSnapshot(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		a := cl("CA", "Zorbex Trading Co Ltd", "ZRBX Trading", "Zorbex Trading")
		a.Flags = []FlagState{{"registry_mismatch", "medium"}}
		a.Statuses = []RecordStatus{{"gleif", "LEI1", "active"}}
		b := cl("CB", "Kestrava Foods Ltd", "Kestrava Foods")
		d := cl("CD", "Osterfell Marine")
		d.Flags = []FlagState{{"no_web_presence", "low"}}
		run, _, err := s.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveSnapshot(ctx, run.ID, snap(d, a, b)); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{Clusters: 3}, nil); err != nil {
			t.Fatal(err)
		}
		full, err := s.Snapshot(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Previous(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.RunID != run.ID || p.Len() != 3 {
			t.Fatalf("previous of %s: run %s, %d clusters", run.ID, p.RunID, p.Len())
		}
		if d := cmp.Diff(full.PrevClusters(), p.Clusters()); d != "" {
			t.Fatalf("clusters (-snapshot +previous):\n%s", d)
		}
		if i, ok := p.Lookup(MemberKey("ZRBX Trading", "GB")); !ok || p.ID(i) != "CA" || p.Size(i) != 3 {
			t.Errorf("lookup: %d %v", i, ok)
		}
		if p.Has(MemberKey("ZRBX Trading", "KR")) {
			t.Error("another country's key found")
		}

		// Today: A loses a name to a new cluster with a fresh name, B and D
		// merge, D's flag clears, A's record changes status.
		next := [][]string{
			{MemberKey("Zorbex Trading Co Ltd", "GB"), MemberKey("Zorbex Trading", "GB")},
			{MemberKey("ZRBX Trading", "GB"), MemberKey("Zorbex New Ltd", "GB")},
			{MemberKey("Kestrava Foods Ltd", "GB"), MemberKey("Kestrava Foods", "GB"), MemberKey("Osterfell Marine", "GB")},
		}
		for _, ks := range next {
			slices.Sort(ks)
		}
		wantIDs, wantLin := AssignIDs(full.PrevClusters(), next, NewClusterID)
		ids, lin := p.AssignIDs(next, NewClusterID)
		if !slices.Equal(ids, wantIDs) || ids[0] != "CA" || ids[2] != "CB" {
			t.Fatalf("ids %v, want %v", ids, wantIDs)
		}
		if d := cmp.Diff(wantLin, lin); d != "" {
			t.Fatalf("lineage (-objects +compact):\n%s", d)
		}
		today := &Snapshot{}
		for j, ks := range next {
			c := ClusterState{ID: ids[j]}
			for _, k := range ks {
				c.Members = append(c.Members, Member{Key: k})
			}
			today.Clusters = append(today.Clusters, c)
		}
		today.Clusters[0].Flags = []FlagState{{"registry_mismatch", "medium"}, {"struck_off", "high"}}
		today.Clusters[0].Statuses = []RecordStatus{{"gleif", "LEI1", "lapsed"}}
		want := Compare(full, today)
		if d := cmp.Diff(want, p.Changes(today, &lin)); d != "" {
			t.Fatalf("changes with AssignIDs' lineage (-Compare +Previous):\n%s", d)
		}
		if d := cmp.Diff(want, p.Changes(today, nil)); d != "" {
			t.Fatalf("changes (-Compare +Previous):\n%s", d)
		}
		if len(want.Merged) != 1 || len(want.Split) != 1 || len(want.NewFlags) != 1 || len(want.ClearedFlags) != 1 ||
			len(want.StatusChanges) != 1 {
			t.Errorf("the example should show a merge, a split, a new and a cleared flag and a status change: %+v", want)
		}
	})
}

// SaveSnapshot refuses a member in two clusters, a cluster ID twice and a
// cluster without an ID, and writes nothing then.
func TestSaveSnapshotRefusesDuplicates(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		s := loc.open(t, Options{})
		run, _, err := s.BeginRun(ctx, info(1))
		if err != nil {
			t.Fatal(err)
		}
		for name, sn := range map[string]*Snapshot{
			"member twice": snap(cl("CA", "Zorbex", "Kestrava"), cl("CB", "Osterfell", "Kestrava")),
			"id twice":     snap(cl("CA", "Zorbex"), cl("CA", "Osterfell")),
			"no id":        snap(cl("", "Zorbex")),
		} {
			if err := s.SaveSnapshot(ctx, run.ID, sn); err == nil {
				t.Errorf("%s: saved", name)
			}
		}
		if r, _ := s.GetRun(ctx, run.ID); r.HasSnapshot {
			t.Error("a refused snapshot was recorded")
		}
		if err := s.SaveSnapshot(ctx, run.ID, snap(cl("CA", "Zorbex", "Kestrava"), cl("CB", "Osterfell"))); err != nil {
			t.Fatal(err)
		}
	})
}

// FoldName's fast path (nothing to collapse) agrees with collapsing.
func TestFoldNameCollapses(t *testing.T) {
	for _, n := range []string{"", " ", "Zorbex", "Zorbex Trading", " Zorbex", "Zorbex ", "Zorbex  Trading",
		"Zorbex\tTrading", "Zorbex\u00a0Trading", "Zorbex\u3000Trading", "Zorbex\u2028", "경기산업 (주)", "a b c", "\u0085x"} {
		want := strings.Join(strings.Fields(normalize.Fold(n)), " ")
		if got := FoldName(n); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", n, got, want)
		}
	}
}
