package main

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Reciprocal best matches across scripts, as engine.Run finds them after
// scoring (package engine, reciprocal.go): a pair across scripts scoring in
// [ReciprocalFloor, CrossThreshold) is an edge, marked Reciprocal, when each name
// is the other's best candidate in the other script, ahead of its second by
// ReciprocalMargin, and the pair does not conflict. A name's best depends on
// all its candidates across scripts, which the scoring stage meets on many
// workers, so it takes three steps, none of which holds more than one name's
// offers or one pair:
//
//  1. scoreFn gives each name of a pair across scripts scoring above 0 an
//     Offer of the other (name key → partner key, score), and keys each Near
//     pair (those in [ReciprocalFloor, Threshold)) by its first name.
//  2. The offers are combined per name into an engine.KeyBest (bestFn: the
//     best score, its partner and the second best, in any order of offers and
//     partial results, as engine.Best gives them in Run).
//  3. A CoGroupByKey of the bests with the Near pairs by the first name gives
//     each pair that name's best (nearWithBest), keyed now by the second name;
//     a second CoGroupByKey with the bests gives the other (reciprocalFn),
//     which decides with engine.ReciprocalKeys and match's ScoreConflict.
//
// Cost: two elements per cross-script pair scored, one KeyBest per name with
// a candidate across scripts shuffled twice, and the Near pairs (a small
// share of the pairs) twice; the stage is empty when cluster.reciprocal_floor
// is 0.

// Offer is a candidate across scripts offered to a name: the partner's key
// and the pair's score.
type Offer struct {
	Partner string
	Score   float64
}

// Near is a pair across scripts scoring in [ReciprocalFloor, Threshold),
// A's key the smaller (pairKey's order).
type Near struct {
	A, B  NameRef
	Score float64
}

// NearBest is a Near pair with its first name's best.
type NearBest struct {
	Near  Near
	BestA engine.KeyBest
}

func init() {
	register.Combiner2[engine.KeyBest, Offer](&bestFn{})
	register.Function4x0[string, func(*engine.KeyBest) bool, func(*Near) bool, func(string, NearBest)](nearWithBest)
	register.Iter1[engine.KeyBest]()
	register.Iter1[Near]()
	register.Iter1[NearBest]()
	register.Emitter2[string, NearBest]()
	register.DoFn5x1[string, func(*engine.KeyBest) bool, func(*NearBest) bool, func(*[]byte) bool, func(engine.KeyEdge), error](&reciprocalFn{})
}

// reciprocalOn reports whether c finds reciprocal best matches at all (as
// engine.Run's reciprocalEdges: a floor above 0 and below the threshold).
func reciprocalOn(c ClusterParams) bool {
	return c.ReciprocalFloor > 0 && c.ReciprocalFloor < c.edgeThreshold(true)
}

// edgeThreshold is cluster.Params.EdgeThreshold.
func (c ClusterParams) edgeThreshold(cross bool) float64 {
	return cluster.Params{Threshold: c.Threshold, CrossThreshold: c.CrossThreshold}.EdgeThreshold(cross)
}

// reciprocalEdges returns the reciprocal best matches among the Near pairs,
// from the offers (both as scoreFn emits them), as edges marked Reciprocal.
func reciprocalEdges(s beam.Scope, offers, nears beam.PCollection, corpus beam.SideInput, p Params, corpusID string) beam.PCollection {
	s = s.Scope("reciprocal")
	bests := beam.CombinePerKey(s, &bestFn{}, offers)
	byB := beam.ParDo(s, nearWithBest, beam.CoGroupByKey(s, bests, nears))
	return beam.ParDo(s, &reciprocalFn{P: p, CorpusID: corpusID}, beam.CoGroupByKey(s, bests, byB), corpus)
}

// bestFn combines a name's offers into its KeyBest.
type bestFn struct{}

func (bestFn) CreateAccumulator() engine.KeyBest { return engine.KeyBest{} }

func (bestFn) AddInput(b engine.KeyBest, o Offer) engine.KeyBest {
	b.Offer(o.Partner, o.Score)
	return b
}

func (bestFn) MergeAccumulators(a, b engine.KeyBest) engine.KeyBest {
	a.Merge(b)
	return a
}

// nearWithBest gives the Near pairs of a name (their first) the name's best
// and keys them by their second name.
func nearWithBest(_ string, bests func(*engine.KeyBest) bool, nears func(*Near) bool, emit func(string, NearBest)) {
	var b engine.KeyBest
	bests(&b) // one, or none for a key without offers (never for a Near pair's)
	var n Near
	for nears(&n) {
		emit(n.B.Key, NearBest{Near: n, BestA: b})
	}
}

// reciprocalFn decides the Near pairs of a name (their second), with both
// bests at hand, as engine.Run does: engine.ReciprocalKeys, then no
// conflict.
type reciprocalFn struct {
	P        Params
	CorpusID string
	prep     prepared
	sc       match.Scratch
}

func (f *reciprocalFn) ProcessElement(_ string, bests func(*engine.KeyBest) bool, nears func(*NearBest) bool,
	counts func(*[]byte) bool, emit func(engine.KeyEdge)) error {
	var bb engine.KeyBest
	bests(&bb)
	cp := f.P.engine().Cluster
	var nb NearBest
	for nears(&nb) {
		n := nb.Near
		if !engine.ReciprocalKeys(n.A.Key, n.B.Key, nb.BestA, bb, n.Score, cp) {
			continue
		}
		if err := f.prep.init(f.CorpusID, f.P.Match, counts); err != nil {
			return err
		}
		if _, conflict := f.prep.m.ScoreConflict(f.prep.name(n.A), f.prep.name(n.B), &f.sc); conflict {
			continue
		}
		emit(engine.KeyEdge{A: n.A.Key, B: n.B.Key, Score: n.Score, Reciprocal: true})
	}
	return nil
}
