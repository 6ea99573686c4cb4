package cluster

import (
	"slices"
	"testing"
)

// A chain A~B, B~C where A and C conflict must not end in one group.
func TestNoChainingThroughConflicts(t *testing.T) {
	// 0 "Hyundai Motor", 1 "Hyundai Motors Mobis"?, 2 "Hyundai Mobis"
	scores := map[[2]int32]struct {
		s        float64
		conflict bool
	}{
		{0, 1}: {0.85, false},
		{1, 2}: {0.84, false},
		{0, 2}: {0.50, true},
	}
	score := func(a, b int32) (float64, bool) {
		if a > b {
			a, b = b, a
		}
		x := scores[[2]int32{a, b}]
		return x.s, x.conflict
	}
	edges := []Edge{{A: 0, B: 1, Score: 0.85}, {A: 1, B: 2, Score: 0.84}}
	res := Run(3, edges, score, Params{Threshold: 0.8, LinkThreshold: 0.8, Sample: 10}, Constraints{})
	if len(res.Groups) != 2 || !slices.Equal(res.Groups[0], []int32{0, 1}) {
		t.Fatalf("groups %v, want [[0 1] [2]]", res.Groups)
	}
	// Without the conflict, the chain is allowed (aliases that share nothing).
	scores[[2]int32{0, 2}] = struct {
		s        float64
		conflict bool
	}{0.2, false}
	res = Run(3, edges, score, Params{Threshold: 0.8, LinkThreshold: 0.8, Sample: 10}, Constraints{})
	if len(res.Groups) != 1 {
		t.Fatalf("groups %v, want one group", res.Groups)
	}
	if len(res.Links) != 2 {
		t.Fatalf("links %v, want the two merging edges", res.Links)
	}
}

func TestConstraints(t *testing.T) {
	none := func(a, b int32) (float64, bool) { return 0.9, false }
	edges := []Edge{{A: 0, B: 1, Score: 0.95}, {A: 1, B: 2, Score: 0.9}}
	res := Run(4, edges, none, Params{Threshold: 0.8, LinkThreshold: 0.8}, Constraints{
		CannotLink: [][2]int32{{0, 2}},
		MustLink:   [][2]int32{{0, 3}, {2, 3}},
	})
	for _, g := range res.Groups {
		if slices.Contains(g, 0) && slices.Contains(g, 2) {
			t.Fatalf("cannot-link pair joined: %v", res.Groups)
		}
	}
	if len(res.Refused) != 1 {
		t.Fatalf("the must-link that contradicts a cannot-link was not reported: %v", res.Refused)
	}
	var judged bool
	for _, l := range res.Links {
		judged = judged || l.Judgement == "same"
	}
	if !judged {
		t.Fatal("a must-link left no judgement link")
	}
}

func TestDeterministicOrder(t *testing.T) {
	none := func(a, b int32) (float64, bool) { return 0.9, false }
	a := Run(5, []Edge{{A: 3, B: 4, Score: 0.9}, {A: 0, B: 1, Score: 0.9}}, none, Params{Threshold: 0.8, LinkThreshold: 0.8}, Constraints{})
	b := Run(5, []Edge{{A: 1, B: 0, Score: 0.9}, {A: 4, B: 3, Score: 0.9}}, none, Params{Threshold: 0.8, LinkThreshold: 0.8}, Constraints{})
	if !slices.EqualFunc(a.Groups, b.Groups, slices.Equal) {
		t.Fatalf("edge order changed the groups: %v vs %v", a.Groups, b.Groups)
	}
}

// TestMustLinkNeverSplits: a "same" decision between a member of a
// five-member cluster and an outside name adds that name to the cluster; it
// does not pull the member out into a new two-member cluster because the
// outside name conflicts with another member.
func TestMustLinkNeverSplits(t *testing.T) {
	// 0..4 are one company linked by edges; 5 conflicts with 1.
	conflictWith1 := func(a, b int32) (float64, bool) {
		if (a == 5 && b == 1) || (a == 1 && b == 5) {
			return 0.2, true
		}
		return 0.9, false
	}
	edges := []Edge{{A: 0, B: 1, Score: 0.99}, {A: 0, B: 2, Score: 0.97}, {A: 1, B: 3, Score: 0.96}, {A: 2, B: 4, Score: 0.95}}
	p := Params{Threshold: 0.8, LinkThreshold: 0.8}
	without := Run(6, edges, conflictWith1, p, Constraints{})
	want := [][]int32{{0, 1, 2, 3, 4}, {5}}
	if !slices.EqualFunc(without.Groups, want, slices.Equal) {
		t.Fatalf("without the decision: %v, want %v", without.Groups, want)
	}
	res := Run(6, edges, conflictWith1, p, Constraints{MustLink: [][2]int32{{0, 5}}})
	if want := [][]int32{{0, 1, 2, 3, 4, 5}}; !slices.EqualFunc(res.Groups, want, slices.Equal) {
		t.Fatalf("with same(0, 5): %v, want %v (the decision adds 5, it never splits 0 from its cluster)", res.Groups, want)
	}
	if len(res.Links) != 5 || res.Links[4] != (Link{From: 5, To: 0, Score: 1, Judgement: "same"}) {
		t.Errorf("links %+v: want the matcher's four and the judgement's", res.Links)
	}
}

// TestProgress: Run tells how many edges it has taken, every 65,536, and
// never more than there are.
func TestProgress(t *testing.T) {
	const n = 200_000 // edges, each joining two items of its own
	edges := make([]Edge, n-1)
	for i := range edges {
		edges[i] = Edge{A: int32(2 * i), B: int32(2*i + 1), Score: 0.9}
	}
	var seen []int
	p := Params{Threshold: 0.8, LinkThreshold: 0.8, Sample: 4, Progress: func(done, total int) {
		if total != n-1 {
			t.Fatalf("total %d, want %d", total, n-1)
		}
		seen = append(seen, done)
	}}
	Run(2*n, edges, func(a, b int32) (float64, bool) { return 0.9, false }, p, Constraints{})
	if want := []int{65536, 131072, 196608}; !slices.Equal(seen, want) {
		t.Errorf("progress %v, want %v", seen, want)
	}
}
