// Package eval measures clustering quality against labelled data.
//
// Input: one row per name with the id of the true entity (cluster_id), as in
// ../shared/data/eval/*/*.tsv. The names are clustered with package engine and
// compared with the truth:
//
//   - pairwise precision, recall and F1 over pairs of rows;
//   - recall over "shared-word" true pairs only: pairs whose names share a
//     word other than a legal form, generic word or stopword. Sanctions
//     aliases include acronyms and former names that no string matcher can
//     link; this figure says how well the matcher does where it could;
//   - B-cubed precision, recall and F1 (per-row averages);
//   - the worst false merges (wrongly joined pairs, highest score first) and
//     misses (true pairs left apart, highest score first).
package eval

import (
	"context"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/normalize"
)

// Item is one labelled name.
type Item struct {
	Name    string
	Country string
	Truth   string
	Kind    string // the kind of variant the row is, if the file says (see KindMetrics)
}

// Example is a pair shown to explain an error.
type Example struct {
	A, B   string
	TruthA string
	TruthB string
	Score  float64
}

// Metrics are the measured figures.
type Metrics struct {
	Rows, TrueClusters, PredictedClusters int

	TruePairs, PredictedPairs, CorrectPairs int64
	Precision, Recall, F1                   float64

	SharedTruePairs, SharedCorrectPairs int64
	SharedRecall                        float64

	BCubedPrecision, BCubedRecall, BCubedF1 float64

	CandidatePairs int
	// BlockingRecall is the share of shared-word true pairs whose names
	// reached the scorer as a candidate pair (or are the same name).
	BlockingRecall float64

	// IdenticalFalsePairs are predicted pairs of rows with the same name
	// (up to case and spacing) but different true entities: only a country
	// can separate them. PrecisionDistinct leaves them out.
	IdenticalFalsePairs int64
	PrecisionDistinct   float64

	FalseMerges []Example
	Misses      []Example

	// MissStages say where the true pairs of distinct names that were left
	// apart were lost (see MissStages).
	MissStages MissStages

	// Kinds are precision and recall per kind of variant, when the items
	// have kinds (resolve gen's customs noise).
	Kinds []KindMetrics
}

// MissStages count the true pairs of distinct names that ended in
// different clusters by the stage that lost them.
type MissStages struct {
	// Unblocked pairs score at or above the threshold but never reached
	// the scorer: blocking lost them.
	Unblocked int64
	// Below pairs were scored under the threshold: the matcher lost them.
	Below int64
	// Refused pairs were candidates at or above the threshold that the
	// clustering kept apart (a conflict with another member).
	Refused int64
	// Unreached pairs score under the threshold and were never
	// candidates: both blocking and the matcher would have to change.
	Unreached int64
	// UnblockedExamples are unblocked pairs, highest score first.
	UnblockedExamples []Example
}

// Run clusters the items and measures the result. worst bounds the examples.
func Run(ctx context.Context, items []Item, opt engine.Options, worst int) (*Metrics, error) {
	rows := make([]engine.Row, len(items))
	for i, it := range items {
		rows[i] = engine.Row{Name: it.Name, Country: it.Country}
	}
	res, err := engine.Run(ctx, rows, opt)
	if err != nil {
		return nil, err
	}
	pred := make([]int, len(items))
	for ci, c := range res.Clusters {
		for _, r := range c.Rows {
			pred[r] = ci
		}
	}
	met := &Metrics{Rows: len(items), PredictedClusters: len(res.Clusters), CandidatePairs: res.CandidatePairs}

	truthIdx := map[string][]int{}
	for i, it := range items {
		truthIdx[it.Truth] = append(truthIdx[it.Truth], i)
	}
	met.TrueClusters = len(truthIdx)
	predIdx := make([][]int, len(res.Clusters))
	for i, p := range pred {
		predIdx[p] = append(predIdx[p], i)
	}

	// Pairwise counts from the contingency table.
	joint := map[[2]int]int{}
	truthID := map[string]int{}
	for i, it := range items {
		t, ok := truthID[it.Truth]
		if !ok {
			t = len(truthID)
			truthID[it.Truth] = t
		}
		joint[[2]int{t, pred[i]}]++
	}
	for _, n := range joint {
		met.CorrectPairs += pairs(n)
	}
	for _, ix := range truthIdx {
		met.TruePairs += pairs(len(ix))
	}
	for _, ix := range predIdx {
		met.PredictedPairs += pairs(len(ix))
	}
	met.Precision = ratio(met.CorrectPairs, met.PredictedPairs)
	met.Kinds = kindMetrics(items, pred)
	// Wrong pairs between identical names, counted per predicted cluster.
	for _, ix := range predIdx {
		byName := map[string]map[string]int{}
		for _, i := range ix {
			id := strings.Join(strings.Fields(normalize.Fold(items[i].Name)), " ")
			if byName[id] == nil {
				byName[id] = map[string]int{}
			}
			byName[id][items[i].Truth]++
		}
		for _, truths := range byName {
			var n, same int64
			for _, c := range truths {
				n += int64(c)
				same += pairs(c)
			}
			met.IdenticalFalsePairs += pairs(int(n)) - same
		}
	}
	met.PrecisionDistinct = ratio(met.CorrectPairs, met.PredictedPairs-met.IdenticalFalsePairs)
	met.Recall = ratio(met.CorrectPairs, met.TruePairs)
	met.F1 = f1(met.Precision, met.Recall)

	// B-cubed.
	var bp, br float64
	for i, it := range items {
		n := float64(joint[[2]int{truthID[it.Truth], pred[i]}])
		bp += n / float64(len(predIdx[pred[i]]))
		br += n / float64(len(truthIdx[it.Truth]))
	}
	met.BCubedPrecision = bp / float64(len(items))
	met.BCubedRecall = br / float64(len(items))
	met.BCubedF1 = f1(met.BCubedPrecision, met.BCubedRecall)

	// Shared-word recall, blocking recall and misses.
	cand := map[[2]int]bool{}
	for _, p := range res.Pairs {
		cand[[2]int{int(p.A), int(p.B)}] = true
	}
	var reached int64
	for _, ix := range truthIdx {
		for x := 0; x < len(ix); x++ {
			for y := x + 1; y < len(ix); y++ {
				a, b := ix[x], ix[y]
				na, nb := res.RowName[a], res.RowName[b]
				if !shareWord(res.Names[na], res.Names[nb]) {
					continue
				}
				met.SharedTruePairs++
				lo, hi := min(na, nb), max(na, nb)
				if lo == hi || cand[[2]int{lo, hi}] {
					reached++
				}
				if pred[a] == pred[b] {
					met.SharedCorrectPairs++
					continue
				}
				met.Misses = append(met.Misses, Example{A: items[a].Name, B: items[b].Name, TruthA: items[a].Truth, TruthB: items[b].Truth,
					Score: res.Matcher.Score(res.Names[na], res.Names[nb]).Score})
			}
		}
	}
	met.MissStages = missStages(res, items, truthIdx, pred, cand, opt.Cluster.Threshold)
	met.SharedRecall = ratio(met.SharedCorrectPairs, met.SharedTruePairs)
	met.BlockingRecall = ratio(reached, met.SharedTruePairs)

	for _, ix := range predIdx {
		if len(ix) > 200 {
			ix = ix[:200] // enough to show the worst merges of a huge cluster
		}
		for x := 0; x < len(ix); x++ {
			for y := x + 1; y < len(ix); y++ {
				a, b := ix[x], ix[y]
				if items[a].Truth == items[b].Truth {
					continue
				}
				met.FalseMerges = append(met.FalseMerges, Example{A: items[a].Name, B: items[b].Name, TruthA: items[a].Truth, TruthB: items[b].Truth,
					Score: res.Matcher.Score(res.Names[res.RowName[a]], res.Names[res.RowName[b]]).Score})
			}
		}
	}
	met.FalseMerges = top(met.FalseMerges, worst)
	met.Misses = top(met.Misses, worst)
	met.MissStages.UnblockedExamples = top(met.MissStages.UnblockedExamples, worst)
	return met, nil
}

// missStages sorts the true pairs of distinct names left in different
// clusters by the stage that lost them (see MissStages).
func missStages(res *engine.Result, items []Item, truthIdx map[string][]int, pred []int, cand map[[2]int]bool, threshold float64) MissStages {
	var ms MissStages
	seen := map[[2]int]bool{}
	for _, ix := range truthIdx {
		for x := 0; x < len(ix); x++ {
			for y := x + 1; y < len(ix); y++ {
				a, b := ix[x], ix[y]
				na, nb := res.RowName[a], res.RowName[b]
				lo, hi := min(na, nb), max(na, nb)
				if pred[a] == pred[b] || lo == hi || seen[[2]int{lo, hi}] {
					continue
				}
				seen[[2]int{lo, hi}] = true
				score := res.Matcher.Score(res.Names[lo], res.Names[hi]).Score
				above := score >= threshold
				switch blocked := cand[[2]int{lo, hi}]; {
				case above && blocked:
					ms.Refused++
				case above:
					ms.Unblocked++
					ms.UnblockedExamples = append(ms.UnblockedExamples, Example{A: res.Names[lo].Raw, B: res.Names[hi].Raw,
						TruthA: items[a].Truth, TruthB: items[b].Truth, Score: score})
				case blocked:
					ms.Below++
				default:
					ms.Unreached++
				}
			}
		}
	}
	return ms
}

// shareWord reports whether two names share a distinctive word or number
// (compared by romanisation key).
func shareWord(a, b *match.Name) bool {
	for _, x := range a.Words {
		if x.Kind != match.Distinctive && x.Kind != match.Number && x.Kind != match.Qualifier {
			continue
		}
		for _, y := range b.Words {
			if y.Kind == x.Kind && (x.Text == y.Text || (x.Key != "" && x.Key == y.Key)) {
				return true
			}
		}
	}
	return false
}

func top(ex []Example, n int) []Example {
	slices.SortFunc(ex, func(x, y Example) int {
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		if x.A != y.A {
			if x.A < y.A {
				return -1
			}
			return 1
		}
		if x.B < y.B {
			return -1
		}
		return 1
	})
	if len(ex) > n {
		ex = ex[:n]
	}
	return ex
}

func pairs(n int) int64 { return int64(n) * int64(n-1) / 2 }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
