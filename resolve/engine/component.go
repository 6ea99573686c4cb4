package engine

import (
	"context"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/normalize"
)

// This file holds the entry points a distributed runner (cmd/resolve-beam)
// needs to give the same partition as Run without holding the whole input:
// the key that makes rows one distinct name, the word frequencies of the
// whole input counted in parts (CountName), and the clustering of one connected component of the
// scored edges. The reciprocal best matches across scripts, which depend on
// every candidate of a name, are found before that, by key (KeyBest,
// ReciprocalKeys in reciprocal.go), and come in as edges marked Reciprocal.
//
// Why a component can be clustered alone: package cluster merges two groups
// only along an edge at or above the threshold, an edge marked Reciprocal
// or a must-link, and scores
// cross pairs only between groups it is about to merge, so every group of
// Run lies inside one connected component of those edges, and what happens
// in one component never depends on another. Inside a component, Run's
// order of work is by name id, and name ids follow the order of DedupKey;
// ClusterComponent numbers the component's names in that same order, so
// edges are taken in the same order, the same samples are scored, and the
// same canonical name and links come out.

// DedupKey is the key under which Run treats rows as one distinct name:
// the case-folded name with white space collapsed, NUL, and the country.
// Run numbers distinct names in the byte order of this key.
func DedupKey(r Row) string { return dedupKey(r) }

// CountName adds one distinct name (its representative row: the row whose
// Name is smallest among those of its DedupKey, as Run picks it) to the
// word frequencies of a part of the input. The parts' counts, merged in
// any order (match.CorpusCounts.Merge), give through
// match.NewCorpusFromCounts the corpus of Run's matcher: match.New(p,
// corpus) is then the matcher Run builds.
func CountName(cc *match.CorpusCounts, r Row) { cc.Add(match.Analyse(r.Name, r.Country)) }

// KeyEdge is a scored candidate pair between two distinct names, named by
// their DedupKey.
type KeyEdge struct {
	A, B  string
	Score float64
	// Reciprocal marks a pair below the threshold that Run links as a
	// reciprocal best match across scripts (ReciprocalKeys, and no
	// conflict).
	Reciprocal bool
}

// ClusterComponent clusters the rows of one connected component of the
// edges at or above opt.Cluster.Threshold (and those marked Reciprocal) as
// Run clusters them within the whole input: m is the matcher of the whole
// input (see CountName), edges are the component's scored candidate pairs
// (those below the threshold and not marked Reciprocal are ignored, as in
// Run) and opt.Same and opt.Different the run's decisions
// (those naming names outside the component are ignored). The Result is
// Run's for these rows: Cluster.Rows and RowName index rows, Names are the
// component's distinct names in DedupKey order; clusters come largest
// first, then by first row. Pairs and CandidatePairs are left empty.
func ClusterComponent(ctx context.Context, m *match.Matcher, rows []Row, edges []KeyEdge, opt Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	keyOf := make([]string, len(rows))
	for i, r := range rows {
		keyOf[i] = dedupKey(r)
	}
	keys := slices.Clone(keyOf)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	id := make(map[string]int, len(keys))
	for i, k := range keys {
		id[k] = i
	}
	rowName := make([]int, len(rows))
	rep := make([]Row, len(keys))
	seen := make([]bool, len(keys))
	for i, r := range rows {
		n := id[keyOf[i]]
		rowName[i] = n
		if !seen[n] || r.Name < rep[n].Name {
			rep[n], seen[n] = r, true
		}
	}
	names := make([]*match.Name, len(rep))
	side := make([]match.Side, len(rep))
	for i, r := range rep {
		names[i] = match.Analyse(r.Name, r.Country)
		m.Weigh(names[i])
		side[i] = match.SideOf(names[i])
	}

	ce := make([]cluster.Edge, 0, len(edges))
	for _, e := range edges {
		a, okA := id[e.A]
		b, okB := id[e.B]
		if okA && okB && (e.Score >= opt.Cluster.EdgeThreshold(match.CrossScript(side[a], side[b])) || e.Reciprocal) {
			ce = append(ce, cluster.Edge{A: int32(a), B: int32(b), Score: e.Score, Reciprocal: e.Reciprocal})
		}
	}

	var cons cluster.Constraints
	if len(opt.Same)+len(opt.Different) > 0 {
		byName := make(map[string][]int32)
		for i, k := range keys {
			name, _, _ := strings.Cut(k, "\x00")
			byName[name] = append(byName[name], int32(i)) // ascending: keys are sorted
		}
		lookup := func(name string) []int32 {
			return byName[strings.Join(strings.Fields(normalize.Fold(name)), " ")]
		}
		for _, s := range opt.Same {
			for _, a := range lookup(s[0]) {
				for _, b := range lookup(s[1]) {
					cons.MustLink = append(cons.MustLink, [2]int32{a, b})
				}
			}
		}
		for _, d := range opt.Different {
			for _, a := range lookup(d[0]) {
				for _, b := range lookup(d[1]) {
					cons.CannotLink = append(cons.CannotLink, [2]int32{a, b})
				}
			}
		}
	}
	var sc match.Scratch
	scorer := func(a, b int32) (float64, bool) { return m.ScoreConflict(names[a], names[b], &sc) }
	cr := cluster.Run(len(names), ce, scorer, opt.Cluster, cons)

	res := &Result{Names: names, RowName: rowName, Matcher: m}
	for _, r := range cr.Refused {
		res.Conflicts = append(res.Conflicts, [2]string{names[r[0]].Raw, names[r[1]].Raw})
	}
	res.Clusters = assemble(rowName, rows, names, cr)
	return res, nil
}
