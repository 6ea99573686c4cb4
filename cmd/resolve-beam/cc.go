package main

import (
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"

	"github.com/resolve-tool/resolve/resolve/engine"
)

// Connected components of the edges that can merge (scored at or above the
// threshold, the reciprocal best matches below it, and the pairs a "same"
// judgement names), as a map node →
// label, the label being the component's smallest key. Nodes without an
// edge are not in the map: each is a component of its own.
//
// Algorithm: min-label propagation for a fixed number of rounds, then the
// residual graph of labels solved by union-find on one worker.
//
//   - Round 0 gives each node the smallest of its own key and its
//     neighbours'; each further round (a CoGroupByKey of labels and
//     adjacency, then a min per node) lets a label travel one more hop.
//     Each edge carries one label per round, so a round costs O(E) messages
//     whatever the graph, unlike hash-to-min whose messages are sets that
//     grow with the component.
//   - Label propagation needs as many rounds as a component's diameter, and
//     a Beam graph is fixed before it runs, so the rounds cannot loop until
//     nothing changes. After the rounds, the nodes sharing a label are
//     connected, and two labels joined by an edge belong together: those
//     label pairs (the residual edges) go to one worker, which joins them
//     with union-find and maps each label to the smallest of its set. The
//     result is exact for any number of rounds; the rounds only shrink the
//     residual. Entity-resolution components are small and shallow (a few
//     names around a canonical one), so after a few rounds the residual is
//     a small fraction of the edges (see the README's figures).
func components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	s = s.Scope("components")
	adj := beam.ParDo(s, edgeEnds, edges)
	labels := beam.CombinePerKey(s, minString, beam.ParDo(s, minEnd, adj))
	for r := 1; r < rounds; r++ {
		g := beam.CoGroupByKey(s, labels, adj)
		labels = beam.CombinePerKey(s, minString, beam.ParDo(s, spreadLabel, g))
	}
	// Residual: at each node, the labels its neighbours hold.
	msgs := beam.ParDo(s, sendLabel, beam.CoGroupByKey(s, labels, adj))
	residual := filter.Distinct(s, beam.ParDo(s, residualEdges, beam.CoGroupByKey(s, labels, msgs)))
	roots := beam.ParDo(s, unionFind, beam.GroupByKey(s, beam.AddFixedKey(s, residual)))
	return beam.ParDo(s, relabel, labels, beam.SideInput{Input: roots})
}

func init() {
	register.Function2x0[engine.KeyEdge, func(string, string)](edgeEnds)
	register.Emitter2[string, string]()
	register.Function2x2[string, string, string, string](minEnd)
	register.Function4x0[string, func(*string) bool, func(*string) bool, func(string, string)](spreadLabel)
	register.Iter1[string]()
	register.Function4x0[string, func(*string) bool, func(*string) bool, func(string, string)](sendLabel)
	register.Function4x0[string, func(*string) bool, func(*string) bool, func(LabelPair)](residualEdges)
	register.Emitter1[LabelPair]()
	register.Function3x0[int, func(*LabelPair) bool, func(string, string)](unionFind)
	register.Iter1[LabelPair]()
	register.Function3x2[string, string, func(string) func(*string) bool, string, string](relabel)
}

// LabelPair is an edge between two labels, A < B.
type LabelPair struct{ A, B string }

func edgeEnds(e engine.KeyEdge, emit func(string, string)) {
	emit(e.A, e.B)
	emit(e.B, e.A)
}

func minEnd(u, v string) (string, string) { return u, min(u, v) }

// first reads the one label of a node.
func first(it func(*string) bool) (string, bool) {
	var l string
	ok := it(&l)
	return l, ok
}

func spreadLabel(u string, label, nbrs func(*string) bool, emit func(string, string)) {
	l, ok := first(label)
	if !ok {
		l = u
	}
	emit(u, l)
	var v string
	for nbrs(&v) {
		emit(v, l)
	}
}

func sendLabel(u string, label, nbrs func(*string) bool, emit func(string, string)) {
	l, ok := first(label)
	if !ok {
		l = u
	}
	var v string
	for nbrs(&v) {
		emit(v, l)
	}
}

func residualEdges(v string, label, msgs func(*string) bool, emit func(LabelPair)) {
	l, ok := first(label)
	if !ok {
		l = v
	}
	var m string
	for msgs(&m) {
		if m != l {
			emit(LabelPair{A: min(l, m), B: max(l, m)})
		}
	}
}

// unionFind joins the residual label pairs and maps every label of them
// that is not the smallest of its set to that smallest label.
func unionFind(_ int, pairs func(*LabelPair) bool, emit func(string, string)) {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	var p LabelPair
	for pairs(&p) {
		ra, rb := find(p.A), find(p.B)
		if ra == rb {
			continue
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra // the smaller label is the root
		if _, ok := parent[ra]; !ok {
			parent[ra] = ra
		}
	}
	keys := make([]string, 0, len(parent))
	for k := range parent {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if r := find(k); r != k {
			emit(k, r)
		}
	}
}

func relabel(node, label string, roots func(string) func(*string) bool) (string, string) {
	if r, ok := first(roots(label)); ok {
		return node, r
	}
	return node, label
}
