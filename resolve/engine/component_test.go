package engine

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/synth"
)

// explained is a cluster in terms of input rows and raw names, so that
// clusters from different numberings compare.
type explained struct {
	Rows      []int
	Canonical string
	Links     map[string]explainedLink // raw name → link
}

type explainedLink struct {
	To        string
	Score     float64
	Judgement string
}

func explain(res *Result, rowIndex []int) []explained {
	var out []explained
	for _, c := range res.Clusters {
		e := explained{Canonical: res.Names[c.Canonical].Raw, Links: map[string]explainedLink{}}
		for _, r := range c.Rows {
			e.Rows = append(e.Rows, rowIndex[r])
		}
		for id, l := range c.Links {
			e.Links[res.Names[id].Raw] = explainedLink{To: res.Names[l.To].Raw, Score: l.Score, Judgement: l.Judgement}
		}
		out = append(out, e)
	}
	return out
}

// TestClusterComponentAsRun: clustering each connected component of Run's
// edges alone, with Run's matcher built again from word frequencies counted
// in parts (CountName, match.CorpusCounts), gives Run's
// clusters, canonical names and links.
func TestClusterComponentAsRun(t *testing.T) {
	rows := slices.Clone(sample)
	if err := synth.Generate(synth.Options{Rows: 1500, Seed: 7}, func(r synth.Row) error {
		rows = append(rows, Row{Name: r.Name, Country: r.Country})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	opt := testOptions()
	opt.Same = [][2]string{{"Stroytransgaz OAO", "Stroytransgaz"}}
	opt.Different = [][2]string{{"Hyundai Motor Company", "Hyundai Motors"}}
	ctx := context.Background()
	res, err := Run(ctx, rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	ident := make([]int, len(rows))
	for i := range ident {
		ident[i] = i
	}
	want := explain(res, ident)

	// Components of the edges at or above the threshold and the must-links,
	// by name id.
	parent := make([]int, len(res.Names))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	keyOf := make([]string, len(res.Names))
	for i, r := range rows {
		keyOf[res.RowName[i]] = DedupKey(r)
	}
	var edges []KeyEdge
	var sc match.Scratch
	for _, p := range res.Pairs {
		if s := res.Matcher.ScoreFast(res.Names[p.A], res.Names[p.B], &sc); s >= opt.Cluster.Threshold {
			edges = append(edges, KeyEdge{A: keyOf[p.A], B: keyOf[p.B], Score: s})
			parent[find(int(p.A))] = find(int(p.B))
		}
	}
	id := map[string]int{}
	for i, k := range keyOf {
		id[k] = i
	}
	for _, s := range opt.Same {
		a, b := id[DedupKey(Row{Name: s[0]})], id[DedupKey(Row{Name: s[1]})]
		parent[find(a)] = find(b)
	}

	reps := make([]Row, len(res.Names))
	for i, n := range res.Names {
		reps[i] = Row{Name: n.Raw, Country: n.Country}
	}
	// Run's matcher again, from word frequencies counted in two parts.
	var parts [2]match.CorpusCounts
	for i, r := range reps {
		CountName(&parts[i%2], r)
	}
	parts[1].Merge(&parts[0])
	m := match.New(opt.Match, match.NewCorpusFromCounts(&parts[1]))
	byComp := map[int][]int{} // root → row indices, ascending
	for i := range rows {
		r := find(res.RowName[i])
		byComp[r] = append(byComp[r], i)
	}
	var got []explained
	for root, idx := range byComp {
		var crow []Row
		for _, i := range idx {
			crow = append(crow, rows[i])
		}
		var cedges []KeyEdge
		for _, e := range edges {
			if find(id[e.A]) == root {
				cedges = append(cedges, e)
			}
		}
		cres, err := ClusterComponent(ctx, m, crow, cedges, opt)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, explain(cres, idx)...)
	}
	slices.SortStableFunc(got, func(a, b explained) int {
		if len(a.Rows) != len(b.Rows) {
			return len(b.Rows) - len(a.Rows)
		}
		return a.Rows[0] - b.Rows[0]
	})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("clusters by component differ from Run's (-Run +components):\n%s", diff)
	}
}
