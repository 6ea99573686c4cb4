package engine

import (
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Reciprocal best matches across scripts.
//
// A name in Hangul, Han, kana or Cyrillic and its English or romanised name
// share no letters, so the evidence between them is only what the
// dictionaries and analysers can say, and English names add or leave out
// words the native name does not have (동양생명 / Tongyang Life Insurance,
// 北京竞业达数码科技 / Beijing Jingyeda Technology): many true pairs score
// 0.70–0.80 while no other name comes near. Such a pair is linked when each
// name is the other's best candidate in the other script, ahead of its next
// one by Margin, and nothing conflicts (the reciprocal best hit of sequence
// alignment, the mutual nearest neighbour of cross-lingual entity
// alignment). A name with two plausible partners, or a pair with explicit
// negative evidence, stays apart; so does every pair within one script.
//
// What it costs: where a native name's own English name is absent from the
// input, its best partner may be a related company's (한화 / Hanwha
// Solutions). On the cross-script sets with a third of the companies'
// English names and another third's native names left out, precision fell
// by 0.003 in Korean and by less or not at all elsewhere, while recall rose
// by 0.01–0.04 (TestCrossScriptPartnersMissing in package eval).

// Best is what a name knows of its candidates in the other script: the best
// score, the partner that gave it, and the second best score. Offers may come
// in any order: a tie for the best leaves Second equal to Score, so the name
// has no clear partner whichever came first.
type Best struct {
	Score, Second float64
	Partner       int32 // -1 when there is none
}

// NewBest returns a Best with no offers.
func NewBest() Best { return Best{Partner: -1} }

// Offer records the candidate partner with its score.
func (b *Best) Offer(partner int32, score float64) {
	switch {
	case score > b.Score:
		b.Second, b.Score, b.Partner = b.Score, score, partner
	case score > b.Second:
		b.Second = score
	}
}

// Reciprocal reports whether the pair (a, b) scoring score is linked as a
// reciprocal best match under p: below the threshold, at or above
// p.ReciprocalFloor, each the other's partner, each ahead of its second best
// by p.ReciprocalMargin. Whether the pair conflicts is the caller's to check.
func Reciprocal(a, b int32, ba, bb Best, score float64, p cluster.Params) bool {
	return ba.Partner == b && bb.Partner == a && leads(ba.Score, ba.Second, bb.Score, bb.Second, score, p)
}

// leads is Reciprocal but for the partners: the pair's score within
// [p.ReciprocalFloor, p.EdgeThreshold(true)) (reciprocal best matches are
// pairs across scripts), each side's best ahead of its second by
// p.ReciprocalMargin.
func leads(bestA, secondA, bestB, secondB, score float64, p cluster.Params) bool {
	return p.ReciprocalFloor > 0 && score >= p.ReciprocalFloor && score < p.EdgeThreshold(true) &&
		bestA-secondA >= p.ReciprocalMargin && bestB-secondB >= p.ReciprocalMargin
}

// KeyBest is Best for a runner that names names by their DedupKey rather
// than by Run's name ids (cmd/resolve-beam, which combines the offers of a
// name on many workers). Offers and merges may come in any order and
// give the same KeyBest: Score and Second as Best's, and on a tie for the
// best, the partner with the smallest key, which is the one Best keeps in
// Run (its offers come in pair order, and name ids follow key order). The
// partner matters on a tie only when ReciprocalMargin is 0.
type KeyBest struct {
	Score, Second float64
	Partner       string // "" when there is none (no DedupKey is empty)
}

// Offer records the candidate partner with its score.
func (b *KeyBest) Offer(partner string, score float64) {
	switch {
	case score > b.Score:
		b.Second, b.Score, b.Partner = b.Score, score, partner
	case score == b.Score && b.Partner != "":
		b.Second, b.Partner = score, min(b.Partner, partner)
	case score > b.Second:
		b.Second = score
	}
}

// Merge records the offers o holds (offers disjoint from b's, as the
// partial results of a combine are).
func (b *KeyBest) Merge(o KeyBest) {
	if o.Partner == "" {
		return
	}
	b.Offer(o.Partner, o.Score)
	b.Second = max(b.Second, o.Second) // b.Score >= o.Score >= o.Second now
}

// ReciprocalKeys is Reciprocal for the pair of the names keyed a and b,
// with their KeyBest.
func ReciprocalKeys(a, b string, ba, bb KeyBest, score float64, p cluster.Params) bool {
	return ba.Partner == b && bb.Partner == a && leads(ba.Score, ba.Second, bb.Score, bb.Second, score, p)
}

// reciprocalOn reports whether p lets reciprocal best matches be edges: a
// floor above 0 and below the threshold across scripts.
func reciprocalOn(p cluster.Params) bool {
	return p.ReciprocalFloor > 0 && p.ReciprocalFloor < p.EdgeThreshold(true)
}

// reciprocalEdges returns the reciprocal best matches among the scored
// candidate pairs (see Reciprocal) that do not conflict (conflicts holds
// each pair's), each an edge marked Reciprocal. side holds the
// match.SideOf of each of n names.
func reciprocalEdges(n int, side []match.Side, pairs []block.Pair, scores []float64, conflicts []bool, p cluster.Params) []cluster.Edge {
	if !reciprocalOn(p) {
		return nil
	}
	best := bests(n, side, pairs, scores)
	var out []cluster.Edge
	for i, pr := range pairs {
		if conflicts[i] || !Reciprocal(pr.A, pr.B, best[pr.A], best[pr.B], scores[i], p) {
			continue
		}
		out = append(out, cluster.Edge{A: pr.A, B: pr.B, Score: scores[i], Reciprocal: true})
	}
	return out
}

// Reserved reports whether blocking keeps the name other among the
// candidates of the name item beyond cluster.max_candidates
// (block.Params.MaxReserved of them), both as written: a name with Han
// characters is filed under every span of two and three characters it
// holds, since nothing tells its words apart, so the names of its own
// script that share a place or an industry word with it crowd its
// candidates; a Hangul or kana name meets every Latin name of its country
// word (한국 Korea) and its industry words on their meanings; such a name
// keeps its best candidates written only in Latin letters besides (Korean
// development set: 3 more true pairs, 5% more candidate pairs). On the raw
// names, so that resolve-beam decides alike from the names it carries.
func Reserved(item, other string) bool {
	native, _ := ReserveSides(item)
	_, latin := ReserveSides(other)
	return native && latin
}

// ReserveSides returns what Reserved asks of a raw name: whether it has a
// Han, Hangul or kana character, and whether it has letters, all Latin.
func ReserveSides(raw string) (native, latin bool) {
	return strings.ContainsFunc(raw, isCJK), latinLetters(raw)
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
}

// latinLetters reports whether s has a letter and every letter is Latin.
func latinLetters(s string) bool {
	seen := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			seen = true
		}
	}
	return seen
}
