package engine

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/synth"
)

// crossOptions are testOptions with the default configuration's
// thresholds across scripts and reciprocal best matches.
func crossOptions() Options {
	o := testOptions()
	o.Cluster.CrossThreshold, o.Cluster.ReciprocalFloor, o.Cluster.ReciprocalMargin = 0.88, 0.68, 0.10
	o.Block.MaxCandidates, o.Block.MaxReserved = 40, 10
	return o
}

// Leaving pairs across scripts with different countries unscored where no
// reciprocal best match needs them gives the clusters, canonical names and
// links of scoring every pair; on these names some such pairs are left
// unscored and some are scored.
func TestDeferredPairsChangeNothing(t *testing.T) {
	var rows []Row
	_ = synth.Generate(synth.Options{Rows: 30000, Seed: 3, Customs: true}, func(r synth.Row) error {
		rows = append(rows, Row{Name: r.Name, Country: r.Country})
		return nil
	})
	rows = append(rows, sample...)
	opt := crossOptions()
	want, err := run(context.Background(), rows, opt, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want.ScoredPairs != want.CandidatePairs {
		t.Fatalf("scoring all: %d of %d pairs scored", want.ScoredPairs, want.CandidatePairs)
	}
	side := make([]match.Side, len(got.Names))
	for i, n := range got.Names {
		side[i] = match.SideOf(n)
	}
	deferrable := deferrablePairs(got.Names, side, got.Matcher, opt.Cluster)
	later := 0
	for _, p := range got.Pairs {
		if deferrable(p) {
			later++
		}
	}
	unscored := got.CandidatePairs - got.ScoredPairs
	t.Logf("%d candidate pairs, %d deferrable, %d left unscored", got.CandidatePairs, later, unscored)
	if unscored == 0 || unscored == later {
		t.Fatalf("%d deferrable pairs, %d left unscored: want some scored and some not", later, unscored)
	}
	if !reflect.DeepEqual(got.Clusters, want.Clusters) {
		t.Fatal("the clusters differ from those of scoring every pair")
	}
	reciprocal := 0
	for _, c := range got.Clusters {
		for _, l := range c.Links {
			if l.Reciprocal {
				reciprocal++
			}
		}
	}
	if reciprocal == 0 {
		t.Fatal("no reciprocal best match: the test says nothing")
	}
}

// neededLater, over random names, pairs and scores (many ties, margin 0
// too): the reciprocal best matches are those of every score known when
// the deferred pairs (conflicting, at most a ceiling) keep a score only
// where neededLater asks for it.
func TestNeededLaterKeepsReciprocalEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 2000; round++ {
		n := 4 + r.IntN(12)
		side := make([]match.Side, n)
		for i := range side {
			side[i] = match.Side(1 + r.IntN(2))
		}
		var pairs []block.Pair
		for a := 0; a < n; a++ {
			for b := a + 1; b < n; b++ {
				if r.IntN(3) > 0 {
					pairs = append(pairs, block.Pair{A: int32(a), B: int32(b)})
				}
			}
		}
		p := cluster.Params{Threshold: 0.8, CrossThreshold: 0.88, ReciprocalFloor: 0.68, ReciprocalMargin: []float64{0, 0.05, 0.1}[r.IntN(3)]}
		full := make([]float64, len(pairs))
		conflicts := make([]bool, len(pairs))
		var later []int32
		for i := range pairs {
			full[i] = float64(50+r.IntN(50)) / 100 // 0.50–0.99, ties likely
			conflicts[i] = r.IntN(5) == 0
			if match.CrossScript(side[pairs[i].A], side[pairs[i].B]) && r.IntN(2) == 0 {
				later = append(later, int32(i))
				full[i] = min(full[i], 0.75)
				conflicts[i] = true
			}
		}
		want := reciprocalEdges(n, side, pairs, full, conflicts, p)
		scores := slices.Clone(full)
		for _, i := range later {
			scores[i] = 0
		}
		for _, i := range neededLater(slices.Clone(later), n, pairs, side, scores, conflicts, p) {
			scores[i] = full[i]
		}
		if got := reciprocalEdges(n, side, pairs, scores, conflicts, p); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: reciprocal edges %v, want %v", round, got, want)
		}
	}
}

// BenchmarkScoreAcrossScripts scores the candidate pairs across scripts
// whose rows give one country, as blocking finds them among 100,000
// generated names (package synth: fictional companies): the pairs that
// cannot be left unscored (deferrablePairs), most of them scoring 0, and
// the costliest kind. It reports µs a pair on one goroutine.
func BenchmarkScoreAcrossScripts(b *testing.B) {
	var rows []Row
	_ = synth.Generate(synth.Options{Rows: 100000, Seed: 1}, func(r synth.Row) error {
		rows = append(rows, Row{Name: r.Name, Country: r.Country})
		return nil
	})
	opt := testOptions()
	names, m, err := prepare(context.Background(), rows, opt.Match, func(string, int, int) {})
	if err != nil {
		b.Fatal(err)
	}
	bp := block.Params{MaxCandidates: 40, MaxBlock: 1000}
	pairs, err := newIndex(names, m, bp).Candidates(context.Background(), bp, nil)
	if err != nil {
		b.Fatal(err)
	}
	side := make([]match.Side, len(names))
	for i, n := range names {
		side[i] = match.SideOf(n)
	}
	deferrable := deferrablePairs(names, side, m, opt.Cluster)
	var cross []block.Pair
	for _, p := range pairs {
		if match.CrossScript(side[p.A], side[p.B]) && !deferrable(p) {
			cross = append(cross, p)
		}
	}
	if len(cross) < 1000 {
		b.Fatalf("only %d pairs across scripts among %d candidates", len(cross), len(pairs))
	}
	var s match.Scratch
	b.ResetTimer()
	for b.Loop() {
		for _, p := range cross {
			m.ScoreConflict(names[p.A], names[p.B], &s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cross))/1e3, "µs/pair")
	b.ReportMetric(float64(len(cross)), "pairs")
}
