package engine

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Pairs left unscored.
//
// A pair across scripts whose rows give different countries is most of the
// candidate pairs of a large input and the costliest to score (at a million
// generated names 2.76 M of 5.85 M pairs, 38 µs each: a Hangul or Han name
// meets every Latin name of its industry words on their meanings, and its
// pieces are aligned with every Latin word), and almost none of them
// matter: such a pair scores at most match.Matcher.CountryCeiling (0.75)
// and conflicts, so it is never an edge (the threshold across scripts is
// higher) nor a reciprocal best match (which takes no conflicting pair).
// What its score can still change is the best and second best offer of its
// two names (Best), and through them whether another pair of one of them
// is a reciprocal best match.
//
// Run therefore scores every other pair first and finds, from their offers
// alone, the pairs that could be reciprocal best matches: those Reciprocal
// holds for and that do not conflict. More offers can only take a pair out
// of that set, never add one (an offer raises a name's best or second best,
// and a pair that is a name's best with a lead over all its offers is so
// over part of them), so every reciprocal best match of the full set of
// scores is among them. The names of those pairs are live: a deferred pair
// of a live name is scored, and so every offer of a live name is. A
// deferred pair of two names that are not live keeps the score 0: it is no
// edge, and no reciprocal best match involves either name, with or without
// its offer. The edges are the ones every pair scored would give, so the
// clusters are too (TestDeferredPairsChangeNothing).

// deferrablePairs returns whether a candidate pair may be left for later:
// it is across scripts, its countries differ, and its score can reach
// neither the threshold across scripts nor (through CountryCeiling) any
// edge at all. It returns false for every pair when the ceiling is not
// below the threshold across scripts.
func deferrablePairs(names []*match.Name, side []match.Side, m *match.Matcher, p cluster.Params) func(block.Pair) bool {
	// round4 of the ceiling may round it up by half a unit of the fourth
	// decimal.
	if m.CountryCeiling()+1e-4 >= p.EdgeThreshold(true) {
		return func(block.Pair) bool { return false }
	}
	return func(pr block.Pair) bool {
		return match.CrossScript(side[pr.A], side[pr.B]) && match.CountriesDiffer(names[pr.A], names[pr.B])
	}
}

// neededLater returns the pairs of later (indices of pairs, unscored) that
// a reciprocal best match may need: those with a live name (see the comment
// above) among the n names, given the scores and conflicts of every pair
// not in later. It reuses later's array.
func neededLater(later []int32, n int, pairs []block.Pair, side []match.Side, scores []float64, conflicts []bool, p cluster.Params) []int32 {
	if len(later) == 0 || !reciprocalOn(p) {
		return nil // no reciprocal best matches (see reciprocalEdges)
	}
	best := bests(n, side, pairs, scores) // later pairs score 0 yet: no offers
	live := make([]bool, n)
	for i, pr := range pairs {
		if !conflicts[i] && Reciprocal(pr.A, pr.B, best[pr.A], best[pr.B], scores[i], p) {
			live[pr.A], live[pr.B] = true, true
		}
	}
	out := later[:0]
	for _, i := range later {
		if pr := pairs[i]; live[pr.A] || live[pr.B] {
			out = append(out, i)
		}
	}
	return out
}

// bests returns the Best of each of n names over the offers of the scored
// pairs across scripts, in pair order.
func bests(n int, side []match.Side, pairs []block.Pair, scores []float64) []Best {
	best := make([]Best, n)
	for i := range best {
		best[i] = NewBest()
	}
	for i, pr := range pairs {
		if scores[i] > 0 && match.CrossScript(side[pr.A], side[pr.B]) {
			best[pr.A].Offer(pr.B, scores[i])
			best[pr.B].Offer(pr.A, scores[i])
		}
	}
	return best
}

// scorePairs scores the pairs of which (indices of pairs) on workers
// goroutines, one scratch each, writing scores and conflicts at the pairs'
// indices, and adds to done as chunks finish.
func scorePairs(ctx context.Context, m *match.Matcher, names []*match.Name, pairs []block.Pair, which []int32, scores []float64, conflicts []bool, workers int, done *counter) error {
	// The workers take chunks of pairs in turn, not a fixed share each: the
	// pairs are in name order and names of some scripts cost more to score
	// than others, so halves left one CPU idle for seconds at a million
	// names.
	var wg sync.WaitGroup
	const chunk = 8192
	var next atomic.Int64
	var cancelled atomic.Bool
	for range min(workers, (len(which)+chunk-1)/chunk) {
		wg.Go(func() {
			var s match.Scratch
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(which) {
					return
				}
				if ctx.Err() != nil {
					cancelled.Store(true)
					return
				}
				hi := min(len(which), lo+chunk)
				for _, i := range which[lo:hi] {
					scores[i], conflicts[i] = m.ScoreConflict(names[pairs[i].A], names[pairs[i].B], &s)
				}
				if hi-lo == chunk {
					done.add(chunk)
				}
			}
		})
	}
	wg.Wait()
	if cancelled.Load() {
		return ctx.Err()
	}
	return nil
}
