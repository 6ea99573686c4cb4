package match

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/gazetteer"
	"github.com/resolve-tool/resolve/resolve/hanzi"
	"github.com/resolve-tool/resolve/resolve/ja"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/phon"
	"github.com/resolve-tool/resolve/resolve/romanize"
	"github.com/resolve-tool/resolve/resolve/ru"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

// Cross-script alignment.
//
// Korean, Japanese and Chinese write a name without spaces, and the parts
// of one written word are often several words of its English name: 대원전선
// is Daewon Cable (대원 romanised, 전선 a Sino-Korean word meaning cable),
// 메디젠휴먼케어 is Medizen Humancare (two English words written by sound),
// 와이엠텍 is YM Tech (letters spelled out, then a loanword). A native word
// is therefore prepared as units (Hangul syllables, Han characters, kana, or
// the morphemes of a Japanese analyser) and pieces: spans of units with what
// each may be in Latin letters, from its romanisation, dictionary glosses,
// loanword pronunciations and spelled-out letters (see readings).
//
// When a native word finds no counterpart as a whole, alignWord chooses
// pieces of it, left to right and not overlapping, and pairs each with one
// unaligned Latin word of the other name, in order, so as to maximise
//
//	Σ sim(piece, word) · (w(native) · units(piece) / units(native) + w(word))
//
// by dynamic programming over (units consumed, Latin words consumed). Units
// left uncovered earn nothing, so a native word half explained scores half.
// Evidence counts only where it meets a word actually on the other side: a
// gloss of 전선 that no Latin word carries does nothing. The cost is
// O(pieces · Latin words) similarity tests of precomputed strings, and it is
// paid only for pairs that cross scripts.

// maxUnits bounds the units of a native word that take part in alignment;
// longer words keep only their whole-word comparison.
const maxUnits = 24

// maxSpan bounds the units of a romanised piece. Dictionary pieces may be
// longer (a loanword of seven syllables: 에어로스페이스).
const maxSpan = 3

// reading is one thing a piece may be in Latin letters: one word, or two
// (新材料 → new material).
type reading struct {
	text  string // lowercase ASCII: an English word, or letters
	stem  string // English stem of text, when it is long enough to have one
	text2 string // the second word of a two-word reading, or ""
	stem2 string
	kind  uint8 // simTranslation, simLoanword, simLetters, simReading
	sim   float64
	src   string // where it came from, for explanations
	amp   bool   // letters read with an "&" between: only against a name with one
}

// sinoKorean is the source of a reading of a Hangul word as the Chinese
// word it may be.
const sinoKorean = "Sino-Korean reading, CC-CEDICT/EDICT"

// joinedLetters is the source of a letters reading with a joiner (지앤알
// G&R): it counts only against a name that has an "&".
const joinedLetters = "letters with an \"&\" between"

// meets reports whether a one-word reading is the word y.
func (rd *reading) meets(y *Word) bool {
	return rd.text2 == "" && sameWord(rd.text, rd.stem, y, rd.kind == simTranslation)
}

// meets2 reports whether the reading is the two words a and b, or, written
// together, one of them: a two-word reading "power cord" meets Power Cord,
// a one-word reading "machinebuilding" meets Machine-Building.
func (rd *reading) meets2(a, b *Word) bool {
	if rd.text2 != "" {
		return sameWord(rd.text, rd.stem, a, rd.kind == simTranslation) && sameWord(rd.text2, rd.stem2, b, rd.kind == simTranslation)
	}
	s := rd.text
	return len(s) == len(a.Text)+len(b.Text) && strings.HasPrefix(s, a.Text) && s[len(a.Text):] == b.Text
}

// sameWord reports whether a gloss (text, with its stem st) is the Latin
// word y: the same word, the same stem, or a stem of five letters or more
// that the other word continues (navigate / navigation, precise / precision,
// manufacture / manufacturing): dictionaries gloss with the verb or the
// adjective, company names use the noun. With derive, a gloss also meets
// the words derived from it (see derived); a word heard in a loanword does
// not (パーカー packer is not Pack).
func sameWord(text, st string, y *Word, derive bool) bool {
	// Every way below keeps the first letter: stems and the words cut short
	// lose letters at the end only, derivations add them there, and an
	// abbreviation starts with the letter of its full words (vocab's table
	// is tested to). Most glosses a Latin word is compared with start
	// otherwise, and the abbreviation table need not be asked.
	if text != "" && y.Text != "" && text[0] != y.Text[0] {
		return false
	}
	switch {
	case text == y.Text, y.Stem != "" && (text == y.Stem || st == y.Stem), st != "" && st == y.Text:
		return true
	case len(st) >= 6 && len(y.Text) > len(st) && strings.HasPrefix(y.Text, st):
		return true
	case derive && (derived(y.Text, text) || derived(text, y.Text)):
		return true
	case derive:
		// An abbreviation of the gloss or of a word derived from it (製 make,
		// manufacture / MFG for manufacturing).
		for _, e := range vocab.Expansions(y.Text) {
			if e == text || derived(e, text) {
				return true
			}
		}
		// A word cut short (汽车 automobile / Auto; 信息 information / Info).
		if n := len(y.Text); n >= 4 && n <= 5 && len(text) >= 8 && strings.HasPrefix(text, y.Text) && y.Kind != Stopword {
			return true
		}
	}
	return len(y.Stem) >= 6 && len(text) > len(y.Stem) && strings.HasPrefix(text, y.Stem)
}

// derivations are the English endings that make a company-name word of a
// dictionary's gloss: pay → payment, plan → planning, east → eastern,
// electron → electronics.
var derivations = []string{"s", "es", "ing", "ings", "ment", "ments", "ern", "er", "ers", "al", "ic", "ics", "ical", "ion", "ions", "ation", "ive", "y"}

// derived reports whether w is the word base of three letters or more with
// one of the derivations, a final e dropped or a final consonant doubled
// before it (manufacture → manufacturing, plan → planning).
func derived(w, base string) bool {
	if len(base) < 3 || len(w) <= len(base) {
		return false
	}
	// w[head:] is a derivation (the heads tried, without building them:
	// base, base with its final consonant doubled, base without its e).
	ending := func(head int) bool { return slices.Contains(derivations, w[head:]) }
	if strings.HasPrefix(w, base) && (ending(len(base)) || (w[len(base)] == base[len(base)-1] && ending(len(base)+1))) {
		return true
	}
	stemmed := strings.TrimSuffix(base, "e")
	return len(stemmed) >= 3 && len(stemmed) < len(base) && strings.HasPrefix(w, stemmed) && ending(len(stemmed))
}

// piece is a span of units of a native word.
type piece struct {
	start, end uint8
	orig       string // as written
	roman      string // romanisation, lowercase ASCII
	key        string // romanisation key of roman (see romanize.Key)
	reads      []reading
	sound      byte   // first consonant of its sound skeleton (phon), 0 if none
	letters    string // the Latin letters it spells out, or ""
}

// native is the cross-script analysis of a native word.
type native struct {
	units    uint8
	japanese bool    // units are morphemes, keys are Hepburn keys (ja.Key)
	russian  bool    // one unit, the word; compared through package ru
	pieces   []piece // by start, then end
	ordinal  string  // a Russian word's number when its first translation is an English ordinal (see russianOrdinal)
	// A Russian word's spellings for ru's cognate test, computed once, then
	// those of the Russian words of a Belarusian one (ru.RussianOf), which
	// are compared as cognates too.
	spellings []ru.Spellings
}

// crossResult sums up the alignment of one name's native words.
type crossResult struct {
	shared    bool // a native word met a distinctive Latin word
	remainder bool // a native word kept two or more units unexplained
}

// alignNative aligns each unaligned native word of x with the unaligned
// Latin words of y (see alignWord).
func (m *Matcher) alignNative(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool, sounds *soundMemo) (crossResult, float64) {
	var res crossResult
	var gain float64
	for i := range x.Words {
		w := &x.Words[i]
		if usedX[i] || w.nat() == nil {
			continue
		}
		g, uncovered, ok := m.alignWord(w, y, usedY, total, reasons, flipped, sounds)
		if !ok {
			continue
		}
		usedX[i] = true
		gain += g
		res.shared = res.shared || w.Kind == Distinctive
		res.remainder = res.remainder || uncovered >= 2
	}
	return res, gain
}

// hasFreeDistinctive reports whether n has an unaligned distinctive word of
// three letters or more.
func hasFreeDistinctive(n *Name, used []bool) bool {
	for i := range n.Words {
		w := &n.Words[i]
		if !used[i] && w.Kind == Distinctive && len(w.Text) >= 3 && w.Weight >= 0.5 {
			return true
		}
	}
	return false
}

// edge is a step of the alignment: pieces p (and p2, the piece right
// after it, or -1) meet n candidate words from j on.
type edge struct {
	p, p2 int
	j, n  int
	sim   float64
	kind  uint8
	r, r2 int // readings used, -1 for the romanisation
}

// weighed is the similarity the edge earns in a word of U units: a
// Sino-Korean reading that is the whole word (대유 read as 帶有 "carry")
// earns less, since Korean names are such words used as names and are
// romanised, not translated; as part of a word (전선 in 대원전선) it
// counts in full.
func (e *edge) weighed(nat *native, U int) float64 {
	if a, b := e.span(nat); a == 0 && b == U && e.kind == simTranslation && e.p2 < 0 && e.r >= 0 &&
		nat.pieces[e.p].reads[e.r].src == sinoKorean {
		return e.sim * wholeSinoKorean
	}
	return e.sim
}

// wholeSinoKorean weighs a Sino-Korean reading of a whole word.
const wholeSinoKorean = 0.85

// span returns the units the edge covers.
func (e *edge) span(nat *native) (start, end int) {
	end = int(nat.pieces[e.p].end)
	if e.p2 >= 0 {
		end = int(nat.pieces[e.p2].end)
	}
	return int(nat.pieces[e.p].start), end
}

// appendSplitEdges appends the edges where piece p and a piece right after
// it spell the candidate word y together, each by one reading (or its
// romanisation, for the first): y's text is a reading of p followed by a
// reading of the second.
func appendSplitEdges(edges []edge, nat *native, p, t int, y *Word) []edge {
	pc := &nat.pieces[p]
	if len(y.Text) < 5 {
		return edges
	}
	for r := -1; r < len(pc.reads); r++ {
		head := pc.roman
		if r >= 0 {
			if pc.reads[r].text2 != "" {
				continue
			}
			head = pc.reads[r].text
		}
		if len(head) < 2 || len(head) >= len(y.Text) || !strings.HasPrefix(y.Text, head) {
			continue
		}
		if r < 0 && pc.end-pc.start < 2 {
			continue
		}
		rest := y.Text[len(head):]
		for q := range nat.pieces {
			qc := &nat.pieces[q]
			if qc.start != pc.end {
				continue
			}
			for r2 := range qc.reads {
				if rd := &qc.reads[r2]; rd.text2 == "" && rd.text == rest {
					sim := rd.sim
					if r >= 0 {
						sim = math.Min(sim, pc.reads[r].sim)
					}
					edges = append(edges, edge{p: p, p2: q, j: t, n: 1, sim: sim * 0.97, kind: rd.kind, r: r, r2: r2})
				}
			}
		}
	}
	return edges
}

// alignWord aligns the native word x (index i of its name) with the
// unaligned Latin words of y and returns the gain. On success it marks x
// and the words used. flipped says that x belongs to the second name of the
// caller's order, for explanations.
func (m *Matcher) alignWord(x *Word, y *Name, usedY []bool, total float64, reasons *[]Reason, flipped bool, sounds *soundMemo) (gain float64, uncovered int, ok bool) {
	nat := x.nat()
	if nat == nil || len(nat.pieces) == 0 {
		return 0, 0, false
	}
	var ys [MaxWords + 4]int
	nj := 0
	for j := range y.Words {
		w := &y.Words[j]
		if usedY[j] || w.Script != normalize.Latin || w.Kind == Number || w.Text == "" || (w.Kind == Stopword && len(w.Text) < 3) {
			continue
		}
		ys[nj] = j
		nj++
	}
	if nj == 0 {
		return 0, 0, false
	}
	// Similarities of every piece with every candidate word, sparse.
	// The key each candidate is compared under: its romanisation key, or
	// for a Japanese word its Hepburn key (kogyo = kougyou).
	var ykeys, ysounds [MaxWords + 4]string
	var script byte // of the transcriptions to compare with: 'h' Hangul, 'k' kana
	switch x.Script {
	case normalize.Hangul:
		script = 'h'
	case normalize.Kana:
		script = 'k'
	}
	for t := 0; t < nj; t++ {
		ykeys[t] = y.Words[ys[t]].Key
		if nat.japanese {
			ykeys[t] = ja.Key(y.Words[ys[t]].Text)
		}
		if script != 0 {
			ysounds[t] = sounds.first(&y.Words[ys[t]], script)
		}
	}
	amp := hasAmpersand(y)
	var buf [64]edge
	edges := buf[:0]
	var joined [MaxWords + 4]joinedKey // of candidates t and t+1, once for every piece
	for p := range nat.pieces {
		pc := &nat.pieces[p]
		for t := 0; t < nj; t++ {
			yw := &y.Words[ys[t]]
			if s, k, r := m.pieceSim(pc, nat, amp, ykeys[t], ysounds[t], yw); s > 0 {
				edges = append(edges, edge{p: p, p2: -1, j: t, n: 1, sim: s, kind: k, r: r})
			}
			if t+1 < nj && adjacent(y, ys[t], ys[t+1]) {
				// Two adjacent words that the piece writes as one
				// (машиностроительный / Machine-Building; 지앤알 / G&R).
				if s, k, r := pieceSim2(pc, amp, yw, &y.Words[ys[t+1]], &joined[t], m.p); s > 0 {
					edges = append(edges, edge{p: p, p2: -1, j: t, n: 2, sim: s, kind: k, r: r})
				}
			}
			// Two pieces that one Latin word writes together: letters and
			// a loanword (씨앤에스링크 / CNSLink: 한국아트라스비엑스 / Atlasbx).
			edges = appendSplitEdges(edges, nat, p, t, yw)
		}
	}
	if len(edges) == 0 {
		return 0, 0, false
	}
	U := int(nat.units)
	for e := range edges {
		edges[e].sim = edges[e].weighed(nat, U) // once, not in every cell of the table below
	}
	// best[u][t]: best gain with units [0,u) and candidate words [0,t)
	// consumed; from records the step for the explanation.
	type cell struct {
		gain float64
		from int32 // edge index taken into this cell, -1: skipped a unit, -2: skipped a word
		set  bool
	}
	cells := make([]cell, (U+1)*(nj+1))
	at := func(u, t int) *cell { return &cells[u*(nj+1)+t] }
	at(0, 0).set = true
	wx := x.Weight
	for u := 0; u <= U; u++ {
		for t := 0; t <= nj; t++ {
			c := at(u, t)
			if !c.set {
				continue
			}
			relax := func(u2, t2 int, g float64, from int32) {
				d := at(u2, t2)
				if !d.set || g > d.gain+1e-12 {
					d.gain, d.from, d.set = g, from, true
				}
			}
			if u < U {
				relax(u+1, t, c.gain, -1)
			}
			if t < nj {
				relax(u, t+1, c.gain, -2)
			}
			for e := range edges {
				ed := &edges[e]
				a, b := ed.span(nat)
				if a != u || ed.j != t {
					continue
				}
				frac := float64(b-a) / float64(U)
				relax(b, t+ed.n, c.gain+ed.sim*(wx*frac+candWeight(y, ys[t:t+ed.n])), int32(e))
			}
		}
	}
	end := at(U, nj)
	if end.gain <= 0 {
		return 0, 0, false
	}
	// Walk back, marking what was used.
	covered := 0
	u, t := U, nj
	var steps []int32
	for u > 0 || t > 0 {
		c := at(u, t)
		switch {
		case c.from == -1:
			u--
			if amp && nat.isJoiner(u) {
				covered++ // 구스앤홈 / Goose & Home: the 앤 is the "&"
			} else if u == U-1 && u > 0 && nat.industrySuffix(u) {
				covered++ // 北方铜业 / North Copper: 业, "industry", goes without saying
			}
		case c.from == -2:
			t--
		default:
			ed := &edges[c.from]
			a, b := ed.span(nat)
			covered += b - a
			for k := 0; k < ed.n; k++ {
				usedY[ys[ed.j+k]] = true
			}
			steps = append(steps, c.from)
			u, t = a, ed.j
		}
	}
	if reasons != nil {
		for i := len(steps) - 1; i >= 0; i-- {
			ed := &edges[steps[i]]
			pc := &nat.pieces[ed.p]
			right := y.Words[ys[ed.j]].Orig
			if ed.n == 2 {
				right += " " + y.Words[ys[ed.j+1]].Orig
			}
			a, b := ed.span(nat)
			g := ed.sim * (wx*float64(b-a)/float64(U) + candWeight(y, ys[ed.j:ed.j+ed.n]))
			left, detail := pc.orig, describePiece(x, pc, ed.kind, ed.r, right, ed.sim)
			if ed.p2 >= 0 {
				qc := &nat.pieces[ed.p2]
				left = pc.orig + qc.orig
				detail = fmt.Sprintf("%q written together is %s: %s; %s", right, quoteParts(pc.orig, qc.orig),
					describePiece(x, pc, simRoman, ed.r, "", 0), describePiece(x, qc, ed.kind, ed.r2, "", 0))
			}
			r := Reason{Kind: simKind[ed.kind], Left: left, Right: right, Effect: round4(g / total), Detail: detail}
			addReason(reasons, r, flipped)
		}
	}
	// A part of the name left unexplained counts against it as well as
	// earning nothing: one syllable of three is another name (誉达祥 is not
	// 达祥 Daxiang), as a word on one side only is.
	gain = end.gain - wx*float64(U-covered)/float64(U)*uncoveredPenalty
	if gain <= 0 {
		return 0, U - covered, false
	}
	return gain, U - covered, true
}

// isJoiner reports whether unit u of the word is a joiner (see
// normalize.IsJoiner).
func (nat *native) isJoiner(u int) bool {
	for p := range nat.pieces {
		if pc := &nat.pieces[p]; int(pc.start) == u && int(pc.end) == u+1 {
			return normalize.IsJoiner(pc.orig)
		}
	}
	return false
}

// industrySuffix reports whether unit u of the word is one character that
// means "industry" by the dictionary, so that vocab puts its gloss in the
// class industry: 铜业 is the copper industry, and English names say
// Copper.
func (nat *native) industrySuffix(u int) bool {
	for p := range nat.pieces {
		pc := &nat.pieces[p]
		if int(pc.start) != u || int(pc.end) != u+1 || utf8.RuneCountInString(pc.orig) != 1 {
			continue
		}
		for r := range pc.reads {
			if rd := &pc.reads[r]; rd.kind == simTranslation && rd.text2 == "" {
				if c, _ := vocab.Class(rd.text); c == "industry" {
					return true
				}
			}
		}
	}
	return false
}

// joinedReadings reports whether one Latin word y is the native words ws
// written together, each by one of its whole-word forms: its romanisation,
// the letters it spells, or a reading of it (a loanword, a gloss), so
// that 지아이 + 바이오 is GIBIO (gi + bio) and 데이타 + 솔루션 is
// Datasolution. It returns the least similarity of the parts, a little
// less, or 0. The vocabulary cuts such words apart before alignment (see
// vocab.SplitCJK), so alignWord never sees them as one word.
func joinedReadings(ws []Word, y *Word) float64 {
	if y.Script != normalize.Latin || len(y.Text) < 2 {
		return 0
	}
	native := false
	for i := range ws {
		native = native || ws[i].nat() != nil
	}
	if !native {
		return 0
	}
	var walk func(i int, rest string) float64
	walk = func(i int, rest string) float64 {
		if i == len(ws) {
			if rest == "" {
				return 1
			}
			return 0
		}
		best := 0.0
		try := func(form string, sim float64) {
			if form != "" && strings.HasPrefix(rest, form) && sim > best {
				if s := walk(i+1, rest[len(form):]); s > 0 {
					best = math.Max(best, math.Min(sim, s))
				}
			}
		}
		w := &ws[i]
		if len(w.Text) >= 2 {
			try(w.Text, 0.97)
		}
		if l := w.spelt(); l != "" {
			try(l, 0.92) // one letter too: アイ・エス・ケイ / ISK
		}
		if nat := w.nat(); nat != nil {
			for p := range nat.pieces {
				pc := &nat.pieces[p]
				if pc.start != 0 || int(pc.end) != int(nat.units) {
					continue
				}
				for r := range pc.reads {
					if rd := &pc.reads[r]; rd.text2 == "" && !rd.amp && rd.kind != simReading && len(rd.text) >= 2 {
						try(rd.text, rd.sim)
					}
				}
			}
		}
		return best
	}
	return walk(0, y.Text) * 0.97
}

// hangulFits reports whether, when one of x and y is Hangul and the other
// Latin, the Latin spelling can write the Hangul word's vowels (see
// romanize.FitsHangul: 부흥 is not Bohong, though their keys agree).
func hangulFits(x, y *Word) bool {
	switch {
	case x.Script == normalize.Hangul && y.Script == normalize.Latin:
		return romanize.FitsHangul(x.Orig, y.Text)
	case y.Script == normalize.Hangul && x.Script == normalize.Latin:
		return romanize.FitsHangul(y.Orig, x.Text)
	}
	return true
}

// hasAmpersand reports whether n had an "&" or "and" between its words.
func hasAmpersand(n *Name) bool {
	for _, d := range n.Dropped {
		if d == "+" || strings.EqualFold(d, "and") || normalize.IsJoiner(d) {
			return true
		}
	}
	return false
}

// uncoveredPenalty weighs the units of a native word that no Latin word
// explains, beyond the gain they miss.
const uncoveredPenalty = 1.0

// pieceSim compares a piece of a native word with a Latin word: through a
// reading (gloss, loanword, letters, reading of kanji) or the romanisation.
// It returns the similarity, its kind and the reading used (-1: the
// romanisation).
func (m *Matcher) pieceSim(p *piece, nat *native, amp bool, ykey string, ysounds string, y *Word) (float64, uint8, int) {
	best, kind, which := 0.0, simNone, -1
	for r := range p.reads {
		rd := &p.reads[r]
		if rd.amp && !amp {
			continue
		}
		if rd.kind == simReading {
			// Another reading of a Japanese word, as a Hepburn key
			// (日本: nippon, nihon).
			if rd.text == ykey && rd.sim > best {
				best, kind, which = rd.sim, rd.kind, r
			}
			continue
		}
		sim := rd.sim
		if rd.text2 != "" {
			// One word of a two-word gloss: 环保 "environmental
			// protection" / Environmental, 招标 "call tenders" /
			// Tendering. Less than the whole gloss.
			sim *= 0.9
		}
		if sim > best && (rd.meets(y) || (rd.text2 != "" && (sameWord(rd.text, rd.stem, y, true) || sameWord(rd.text2, rd.stem2, y, true)))) {
			best, kind, which = sim, rd.kind, r
		}
	}
	if best == 0 && y.Kind != Stopword && len(y.Text) >= 7 {
		// The head of an English compound (바이오 bio / Biosensor,
		// Bioscience): the reading, then a dictionary word. Less than the
		// word itself, since the rest goes unexplained.
		for r := range p.reads {
			rd := &p.reads[r]
			if (rd.kind == simTranslation || rd.kind == simLoanword) && rd.text2 == "" && len(rd.text) >= 3 &&
				len(y.Text)-len(rd.text) >= 4 && strings.HasPrefix(y.Text, rd.text) && rd.sim*compoundHead > best &&
				phon.Known(y.Text[len(rd.text):]) {
				best, kind, which = rd.sim*compoundHead, rd.kind, r
			}
		}
	}
	if best > 0 || y.Kind == Stopword {
		// A stopword meets a piece only as a translation (高 high).
		return best, kind, which
	}
	if nat.russian {
		// A Cyrillic acronym written letter by letter (ТКХ / TKH).
		if len(p.reads) == 0 && len(y.Text) <= 10 && ru.SpellsLetters(p.orig, y.Text) {
			return m.p.TransliterationSimilarity, simLetters, -1
		}
		// An international word (технологии / technologies, системы /
		// systems): the word itself is already compared transliterated. A
		// short English word only when its sound is written closely and the
		// Russian word is no word of the dictionary, as loanwords are not
		// (Скай / Sky, Армз / Arms; Алые, scarlet, is not All).
		if len(y.Text) >= 5 || (len(y.Text) >= 3 && len(p.reads) == 0) {
			// The word itself, then a Belarusian word through its
			// Russian one (Гродзенская: гродненский, Grodno).
			for _, sp := range nat.spellings {
				if c, ok := sp.Cognate(y.Text); ok && (len(y.Text) >= 5 || c >= shortCognateMin) {
					return c * m.p.TransliterationSimilarity, simTranslit, -1
				}
			}
		}
		// A gloss and the word of one English root (petrochemistry /
		// Petrochemical, childish / Children's): the dictionary has one
		// derivation, the name another.
		if len(y.Text) >= 5 {
			for r := range p.reads {
				if rd := &p.reads[r]; rd.text2 == "" && ru.SameRoot(rd.text, y.Text) {
					return rd.sim * derivationShare, simDerivation, r
				}
			}
		}
		return 0, simNone, -1
	}
	units := int(p.end - p.start)
	// Syllables or kana (not morphemes) against letters: a word written by
	// sound has about one for every one to four letters.
	chars := utf8.RuneCountInString(p.orig)
	if p.sound != 0 && strings.IndexByte(ysounds, p.sound) >= 0 && len(y.Text) >= 3 && chars*4 >= len(y.Text) && chars <= len(y.Text)+2 {
		// A coined word written by sound (메디젠 / Medizen, 솔루믹스 /
		// Solumix): no dictionary has it, its pronunciation does.
		if p.letters != "" && len(y.Text) <= 6 && p.letters != y.Text {
			// other letters (티비씨 TBC / TPC), however alike they sound
		} else if s, ok := phon.Accepted(p.orig, y.Text); ok && loanwordEnough(p.orig, s) {
			// The romanisation may say more (새빛 saebit / Saebit).
			if r, kind := m.pieceRoman(p, nat, units, ykey, y); r >= s*m.p.LoanwordSimilarity {
				return r, kind, -1
			}
			return s * m.p.LoanwordSimilarity, simLoanword, -1
		}
	}
	r, kind := m.pieceRoman(p, nat, units, ykey, y)
	return r, kind, -1
}

// pieceRoman compares a piece of units units with a Latin word by its
// romanisation (or, for Han characters, as a brand written by sound): the
// rest of pieceSim.
func (m *Matcher) pieceRoman(p *piece, nat *native, units int, ykey string, y *Word) (float64, uint8) {
	if units < 2 && utf8.RuneCountInString(p.orig) < 2 {
		return 0, simNone // one character romanised says too little
	}
	if !nat.japanese && units >= 2 && units <= 4 && p.sound == 0 && y.Kind == Distinctive && len(y.Text) >= units+1 && scriptOfSpan(p.orig, normalize.Latin) == normalize.Han {
		// A brand written by sound in characters (斯莱克 / SLAC, 拓邦 /
		// Topband), weaker than a dictionary's word (see phon.PinyinWrites).
		// A word that is itself pinyin is a romanisation, compared as one
		// below (旋极 xuanji is not Shiji).
		var buf [4]string
		if sy := nat.syllables(p, buf[:0]); sy != nil {
			if kept, ok := phon.PinyinWrites(sy, y.Text); ok && !romanize.IsMandarin(y.Text) {
				return brandSimilarity + brandVowels*float64(kept)/float64(len(sy)), simLoanword
			}
		}
	}
	if len(p.roman) < 3 || !hasVowel(y.Text) {
		return 0, simNone
	}
	if p.roman == y.Text {
		return m.p.TransliterationSimilarity, simTranslit
	}
	if p.key != "" && p.key == ykey && romanize.FitsHangul(p.orig, y.Text) {
		return m.p.RomanisationSimilarity, simRoman
	}
	lx, ly := len(p.roman), len(y.Text)
	if lx < 5 || ly < 5 || p.roman[0] != y.Text[0] || float64(abs(lx-ly)) > (1-m.p.TokenMinSimilarity)*float64(max(lx, ly))+1e-9 {
		return 0, simNone
	}
	sim := 1 - float64(levenshtein.ComputeDistance(p.roman, y.Text))/float64(max(lx, ly))
	if sim < m.p.TokenMinSimilarity-1e-9 || ((p.sound != 0 || nat.japanese) && sim < crossEditMin-1e-9) {
		// Hangul, kana and the readings of kanji: one letter off is
		// another syllable (see crossEditMin: 精工 seiko is not Seimo);
		// pinyin is written with more variation.
		return 0, simNone
	}
	return sim * m.p.RomanisationSimilarity, simRoman
}

// compoundHead is the share of a reading's credit it earns as the head of
// an English compound (see pieceSim).
const compoundHead = 0.85

// derivationShare is the share of a gloss's similarity that a word of its
// root earns (see ru.SameRoot).
const derivationShare = 0.9

// shortCognateMin is the least Cognate similarity of a Russian word and an
// English word of three or four letters.
const shortCognateMin = 0.9

// brandSimilarity is the credit of a brand that Han characters write by
// sound: about what a place name and an industry word beside it need to
// carry the pair, not enough alone.
const brandSimilarity = 0.75

// brandVowels is what a brand written by sound earns on top of
// brandSimilarity when every syllable keeps its vowel in the word (拓邦 tuo
// bang / Topband), in proportion for fewer: initials alone fit a random
// word of the right length now and then, initials and vowels seldom.
const brandVowels = 0.12

// syllables appends to dst the romanisation of each unit of piece p, one
// character a syllable, and returns it, or nil if a unit has none.
func (nat *native) syllables(p *piece, dst []string) []string {
	out := dst
	for u := p.start; u < p.end; u++ {
		found := false
		for i := range nat.pieces {
			if q := &nat.pieces[i]; q.start == u && q.end == u+1 && q.roman != "" {
				out = append(out, q.roman)
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	return out
}

// adjacent reports whether words i < j of n have only stopwords between
// them (G & R, Machine-Building).
func adjacent(n *Name, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if n.Words[k].Kind != Stopword {
			return false
		}
	}
	return true
}

// candWeight is the summed weight of the words idx of n.
func candWeight(n *Name, idx []int) float64 {
	var w float64
	for _, j := range idx {
		w += n.Words[j].Weight
	}
	return w
}

// joinedKey is the romanisation key of two adjacent Latin words written
// together, computed on first use and kept for the other pieces of the
// native word.
type joinedKey struct {
	key  string
	done bool
}

// of returns the key of a.Text + b.Text.
func (k *joinedKey) of(a, b *Word) string {
	if !k.done {
		k.key, k.done = romanize.Key(a.Text+b.Text), true
	}
	return k.key
}

// pieceSim2 compares a piece with two adjacent Latin words written
// together: a reading or the romanisation must be exactly the two words.
// jk caches the key of the two words written together.
func pieceSim2(p *piece, amp bool, a, b *Word, jk *joinedKey, params Params) (float64, uint8, int) {
	best, kind, which := 0.0, simNone, -1
	for r := range p.reads {
		if rd := &p.reads[r]; rd.sim > best && (amp || !rd.amp) && rd.meets2(a, b) {
			best, kind, which = rd.sim, rd.kind, r
		}
	}
	if best == 0 && len(p.roman) >= 5 && len(p.roman) == len(a.Text)+len(b.Text) && strings.HasPrefix(p.roman, a.Text) && p.roman[len(a.Text):] == b.Text {
		return params.TransliterationSimilarity, simTranslit, -1
	}
	if best == 0 && p.key != "" && p.end-p.start >= 2 && hangulSyllables(p.orig) && hasVowel(a.Text) && hasVowel(b.Text) {
		// The syllables of a Korean name written apart under another
		// romanisation: 경남 / Kyeong Nam, 경동 / Kyung Dong.
		if jk.of(a, b) == p.key && romanize.FitsHangul(p.orig, a.Text+b.Text) {
			return params.RomanisationSimilarity, simRoman, -1
		}
	}
	return best, kind, which
}

// hangulSyllables reports whether s is made of precomposed Hangul syllables.
func hangulSyllables(s string) bool {
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
	}
	return s != ""
}

func quoteParts(a, b string) string { return fmt.Sprintf("%q + %q", a, b) }

// describePiece explains how a piece met Latin text y (y "" when the
// caller says what it met).
func describePiece(x *Word, p *piece, kind uint8, r int, y string, sim float64) string {
	part := fmt.Sprintf("%q", p.orig)
	if p.orig != x.Orig {
		part = fmt.Sprintf("%q (part of %q)", p.orig, x.Orig)
	}
	if r < 0 {
		switch {
		case y == "":
			return fmt.Sprintf("%s romanised is %q", part, p.roman)
		case kind == simLoanword:
			return fmt.Sprintf("%s writes %q by sound (similarity %.2f)", part, y, sim)
		case kind == simLetters:
			return fmt.Sprintf("%s is written %q letter by letter", part, y)
		}
		return fmt.Sprintf("%s romanised is %q, like %q (similarity %.2f)", part, p.roman, y, sim)
	}
	rd := &p.reads[r]
	if kind == simDerivation {
		return fmt.Sprintf("%s means %q (%s), of one root with %q", part, rd.text, rd.src, y)
	}
	switch rd.kind {
	case simLoanword:
		return fmt.Sprintf("%s is the English word %q written by sound (%s)", part, rd.text, rd.src)
	case simLetters:
		return fmt.Sprintf("%s spells the letters %q", part, strings.ToUpper(rd.text))
	case simReading:
		return fmt.Sprintf("%s is read %q (%s)", part, rd.text, rd.src)
	}
	return fmt.Sprintf("%s means %q (%s)", part, rd.text, rd.src)
}

// blockKeys appends the "w" keys under which the pieces of a native word
// meet Latin words: the romanisation key of each piece of two units or more
// and the key of each reading (전선 is filed under cable). Safe on nil.
func (nat *native) blockKeys(dst []uint64) []uint64 {
	if nat == nil {
		return dst
	}
	for i := range nat.pieces {
		p := &nat.pieces[i]
		whole := p.start == 0 && int(p.end) == int(nat.units)
		switch {
		case nat.japanese && !whole && len(p.roman) >= 3:
			// Latin words are filed under their romanisation key, not
			// their Hepburn key; a morpheme is a word of its own.
			dst = append(dst, hashKey("w", romanize.Key(p.roman)))
		case p.end-p.start >= 2 && len(p.key) >= 3 && !whole:
			dst = append(dst, hashKey("w", p.key))
		}
		if whole && len(p.letters) >= 2 {
			// a word that spells out letters (디에이 DA; see lettersKey)
			dst = append(dst, hashKey("l", p.letters))
		}
		for r := range p.reads {
			rd := &p.reads[r]
			if len(rd.text) < 2 {
				continue // one letter (이 E of 이마트 E-Mart): too common a key
			}
			if rd.kind == simLetters && rd.text2 == "" {
				dst = append(dst, hashKey("l", rd.text)) // see lettersKey
			}
			dst = append(dst, hashKey("w", romanize.Key(rd.text)))
			if rd.text2 != "" {
				dst = append(dst, hashKey("w", romanize.Key(rd.text2)))
			}
		}
	}
	return dst
}

// firstSound returns the first consonant of the sound skeleton of a Hangul
// or kana span (see phon.NativeSkeleton), or 0: pieceSim asks phon.Similar
// only about a Latin word whose transcriptions start alike, since it
// accepts no other.
func firstSound(s string) byte {
	if !loanScript(s) {
		return 0
	}
	return phon.NativeFirstSound(s)
}

// lettersOf returns the Latin letters a Hangul or kana span spells out, or "".
func lettersOf(s string) string {
	if !loanScript(s) {
		return ""
	}
	l, _ := phon.Letters(s)
	return l
}

// firstSounds returns the first consonants of the skeletons of an English
// word's transcriptions into script.
func firstSounds(en *Word, script byte) string {
	var buf [8]byte
	out := buf[:0]
	soundSkeletons(en)(en.Text, script, func(sk string) {
		if sk != "" && len(out) < cap(buf) && bytes.IndexByte(out, sk[0]) < 0 {
			out = append(out, sk[0])
		}
	})
	return string(out)
}

// japanese reports whether a word belongs to a Japanese name (its pieces
// are keyed by Hepburn, not by the Korean and Mandarin keys of package
// romanize, which would read リード rido as Korean it-o).
func (w *Word) japanese() bool {
	nat := w.nat()
	return nat != nil && nat.japanese
}

// loanScript reports whether s starts with Hangul or kana: the scripts
// that write foreign words by sound.
func loanScript(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return (0xAC00 <= r && r <= 0xD7A3) || (0x3040 <= r && r <= 0x30FF)
}

// BlockKeys appends the blocking keys of a prepared name (see
// Name.BlockKeys) and, when the matcher's corpus holds names written in
// Hangul or kana, the sound keys under which such a name and the Latin
// name it writes by sound meet (see soundKeys).
func (m *Matcher) BlockKeys(n *Name, dst []uint64) []uint64 {
	dst = n.BlockKeys(dst)
	if m.corpus == nil {
		return dst
	}
	if m.corpus.loans > 0 {
		dst = n.soundKeys(dst)
	}
	if m.corpus.cyrillic > 0 {
		dst = n.consonantKeys(dst)
		dst = n.adjectiveKeys(dst)
		dst = n.cyrillicInitialKeys(dst)
	}
	if m.corpus.loans > 0 || m.corpus.cyrillic > 0 || m.corpus.han > 0 {
		dst = n.meaningKeys(dst, m.corpus.cyrillic > 0)
	}
	if m.corpus.han > 0 {
		dst = n.brandKeys(dst)
	}
	return dst
}

// brandKeys appends "B" keys, under which a Chinese name's brand written by
// sound (see phon.PinyinWrites) meets the English word it writes: a place
// of China and the letter the brand may start with, in the English name
// the place and the first letter of the distinctive word after it
// (SHENZHEN TOPBAND: shenzhen+t), in the Chinese name the place and each
// letter the first syllable after it may start with (深圳拓邦: 拓 tuo,
// shenzhen+t and shenzhen+d). No other key brings such a pair together: the
// place is too common a key and the brand shares nothing else. Bipartite,
// like soundKeys.
func (n *Name) brandKeys(dst []uint64) []uint64 {
	const native, latin = 0, 1
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Distinctive {
			continue
		}
		switch w.Script {
		case normalize.Latin:
			place, next := w.Text, i+1
			found := chinesePlace(place)
			if !found && i+1 < len(n.Words) && n.Words[i+1].Script == normalize.Latin {
				place, next = w.Text+n.Words[i+1].Text, i+2 // ZHE JIANG
				found = chinesePlace(place)
			}
			if !found || next >= len(n.Words) {
				continue
			}
			if b := &n.Words[next]; b.Kind == Distinctive && b.Script == normalize.Latin && len(b.Text) >= 3 && !chinesePlace(b.Text) {
				dst = append(dst, brandKey(place, b.Text[0], latin))
			}
		case normalize.Han:
			nat := w.nat()
			if nat == nil || nat.japanese {
				continue
			}
			if chinesePlace(w.Text) {
				// the place is a word of its own (深圳 | 拓邦)
				if i+1 < len(n.Words) && n.Words[i+1].Script == normalize.Han && n.Words[i+1].Kind == Distinctive {
					if next := n.Words[i+1].nat(); next != nil {
						dst = next.brandKeysAt(dst, w.Text, 0)
					}
				}
				continue
			}
			// the place begins the word (广东拓斯达)
			for p := range nat.pieces {
				if q := &nat.pieces[p]; q.start == 0 && q.end >= 2 && int(q.end) < int(nat.units) && chinesePlace(q.roman) {
					dst = nat.brandKeysAt(dst, q.roman, q.end)
				}
			}
		}
	}
	return dst
}

// brandKeysAt appends the "B" keys of place and the brand that starts at
// unit u of nat (see brandKeys).
func (nat *native) brandKeysAt(dst []uint64, place string, u uint8) []uint64 {
	for p := range nat.pieces {
		if q := &nat.pieces[p]; q.start == u && q.end == u+1 && q.roman != "" {
			for _, c := range []byte(phon.PinyinOnsets(q.roman)) {
				dst = append(dst, brandKey(place, c, 0))
			}
			break
		}
	}
	return dst
}

func brandKey(place string, letter byte, side uint64) uint64 {
	return hashKey("B", place+string(rune(letter)))&^1 | block.Bipartite | side
}

// chinesePlace reports whether a Latin token (or a pinyin reading) is a
// place of China, Taiwan or Hong Kong in the gazetteer.
func chinesePlace(tok string) bool {
	if len(tok) < 4 {
		return false
	}
	t := [1]string{tok}
	m, ok := gazetteer.Lookup(t[:])
	return ok && m.N == 1 && (m.In("CN") || m.In("TW") || m.In("HK"))
}

// meaningKeys appends "M" keys, under which a native word and the English
// word it means meet whatever kind either is: the stem of each Latin word
// of four letters or more, generic words included, and the stem of each
// one-word translation or loanword reading of a native word, once the corpus
// has names in Hangul, kana, Han or Cyrillic. A name of
// generic words only (Scientific Research Institute of Engines / Научно-
// Исследовательский Институт Двигателей; Korea Investment Partners /
// 한국투자파트너스) files no distinctive key its translation shares, and an
// English plural (engines) is not the dictionary's singular (engine).
// Bipartite, like soundKeys: Latin names do not meet each other on them.
func (n *Name) meaningKeys(dst []uint64, cyrillic bool) []uint64 {
	const native, latin = 0, 1
	// A Latin name's generic words are filed only when it has no
	// distinctive word (Scientific Research Institute of Engines): filed
	// under its generic words, a name with one (Acme Trading) would meet
	// every Hangul and Han name of that trade (a million generated names
	// made four times the candidate pairs). Against Cyrillic names, whose
	// generic words the dictionary translates one for one, they are filed
	// under a key of their own ("R") also when every distinctive word is
	// an English word (CMUdict's): the Russian name translates those words
	// too, and the dictionary may not have the English word the name uses
	// (Settlement Depository). A coined distinctive word (Vostrakel
	// Technology) is transliterated in the Russian name and meets it on its
	// own keys; filed under its generic words as well, each such Latin name
	// met every Cyrillic name of its trade (200,000 generated names: 69% of
	// the candidate pairs, nearly all scored below the threshold).
	distinct, coined := false, false
	for i := range n.Words {
		w := &n.Words[i]
		// A country is no distinctive word here (Korea Investment Partners),
		// nor a letter, which files no key (Y-Biologics / 와이바이오로직스).
		if w.Kind == Distinctive && w.Script == normalize.Latin && len(w.Text) >= 2 && w.Country() == "" {
			distinct = true
			coined = coined || !phon.Known(w.Text)
		}
	}
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind == Stopword || w.Kind == Number {
			continue
		}
		if w.Script == normalize.Latin {
			if len(w.Text) < 4 {
				continue
			}
			stem := cmp.Or(w.Stem, w.Text)
			if !distinct || w.Kind != Generic {
				dst = append(dst, meaningKey("M", stem, latin))
			}
			if cyrillic && w.Kind == Generic && !coined {
				dst = append(dst, meaningKey("R", stem, latin))
			}
			continue
		}
		nat := w.nat()
		if nat == nil {
			continue
		}
		prefix := "M"
		if nat.russian {
			prefix = "R"
		}
		for p := range nat.pieces {
			for r := range nat.pieces[p].reads {
				rd := &nat.pieces[p].reads[r]
				if (rd.kind == simTranslation || rd.kind == simLoanword) && rd.text2 == "" && len(rd.text) >= 4 {
					dst = append(dst, meaningKey(prefix, cmp.Or(rd.stem, rd.text), native))
					if prefix == "R" {
						dst = append(dst, meaningKey("M", cmp.Or(rd.stem, rd.text), native))
					}
				}
			}
		}
	}
	return dst
}

func meaningKey(prefix, stem string, side uint64) uint64 {
	return hashKey(prefix, stem)&^1 | block.Bipartite | side
}

// adjectiveKeys appends "A" keys, under which a Russian adjective of place
// and the place meet (Муромский / Murom, Тульский / Tula; see adjectiveOf):
// the adjective's place stem, and each distinctive Latin word as it is and
// without a final vowel. Bipartite, like soundKeys.
func (n *Name) adjectiveKeys(dst []uint64) []uint64 {
	const cyrillic, latin = 0, 1
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Distinctive {
			continue
		}
		switch {
		case w.Script == normalize.Cyrillic && w.Adj() != "":
			dst = append(dst, adjectiveKey(w.Adj(), cyrillic))
		case w.Script == normalize.Latin && len(w.Text) >= 3:
			dst = append(dst, adjectiveKey(w.Text, latin))
			if k := len(w.Text); k > 3 && isVowel(w.Text[k-1]) {
				dst = append(dst, adjectiveKey(w.Text[:k-1], latin))
			}
		}
	}
	return dst
}

func adjectiveKey(stem string, side uint64) uint64 {
	return hashKey("A", stem)&^1 | block.Bipartite | side
}

// consonantKeys appends "C" keys, under which a Cyrillic word and the
// spelling an English name gives it meet when their romanisations differ
// in more than one letter (Вагнера vagnera / Wagner, Брянский bryanskiy /
// Bryansk, Инвестнефтетрейд investneftetreyd / Investneftetrade): the
// consonants of the romanisation (see latinSkeleton) of each distinctive
// word, and of two and three adjacent words written together: on the
// Latin side when one of them is distinctive (УРАЛДРОНЗАВОД /
// UralDronZavod, a generic word included), on the Cyrillic side whatever
// they are (Ресурс-Техника, two generic words, / Resurs-Technika, two
// distinctive ones). A Cyrillic word with ц is also
// filed as an English acronym spells it (ЦНИИМ tsniim / CNIIM), and a Latin
// word ending in s also without it (Росэлектроника / Ruselectronics).
// Bipartite, like soundKeys.
func (n *Name) consonantKeys(dst []uint64) []uint64 {
	const cyrillic, latin = 0, 1
	var buf [64]byte
	type part struct {
		sk          string
		distinctive bool
	}
	var prev [2]part
	np := 0
	var script normalize.Script
	for i := range n.Words {
		w := &n.Words[i]
		if (w.Kind != Distinctive && w.Kind != Generic) || len(w.Text) > 40 || (w.Script != normalize.Cyrillic && w.Script != normalize.Latin) {
			np = 0
			continue
		}
		if w.Script != script {
			np, script = 0, w.Script
		}
		side := uint64(latin)
		if w.Script == normalize.Cyrillic {
			side = cyrillic
		}
		sk := string(latinSkeleton(buf[:0], w.Text))
		if w.Kind == Distinctive && len(sk) >= 3 {
			dst = append(dst, consonantKey(sk, side))
			switch {
			case side == cyrillic && strings.Contains(w.Text, "ts"):
				if v := string(latinSkeleton(buf[:0], strings.ReplaceAll(w.Text, "ts", "c"))); v != sk {
					dst = append(dst, consonantKey(v, side))
				}
			case side == latin && len(sk) >= 4 && sk[len(sk)-1] == 's':
				dst = append(dst, consonantKey(sk[:len(sk)-1], side))
			}
		}
		joined, distinct := sk, w.Kind == Distinctive || side == cyrillic
		for k := np - 1; k >= 0; k-- {
			// Written together, a consonant at the seam is one
			// (Investnefte Trade: nvstnft + trd is nvstnftrd).
			joined = prev[k].sk + strings.TrimPrefix(joined, prev[k].sk[max(0, len(prev[k].sk)-1):])
			distinct = distinct || prev[k].distinctive
			if distinct {
				dst = append(dst, consonantKey(joined, side))
			}
		}
		if np == len(prev) {
			prev[0] = prev[1]
			np--
		}
		prev[np] = part{sk, w.Kind == Distinctive}
		np++
	}
	return dst
}

// cyrillicInitialKeys appends the "A" key of the initials of a Cyrillic
// name, as their romanisation writes them, on the side of long names (see
// acronymKeys): the Latin acronym of a Russian name spells the Russian words
// (Марийский Машиностроительный Завод / MMZ), which initials, for Latin
// words only, does not see. Stopwords and qualifiers are skipped; a name
// with a number or a word in another script, or with fewer than three or
// more than five such words, files none.
func (n *Name) cyrillicInitialKeys(dst []uint64) []uint64 {
	var b [5]byte
	k := 0
	for i := range n.Words {
		w := &n.Words[i]
		switch {
		case w.Kind == Stopword || w.Kind == Qualifier || w.Text == "":
			continue
		case w.Kind == Number || w.Script != normalize.Cyrillic || k == len(b):
			return dst
		}
		b[k] = w.Text[0]
		k++
	}
	if k < 3 {
		return dst
	}
	return append(dst, hashKey("A", string(b[:k]))|1|block.Bipartite)
}

func consonantKey(sk string, side uint64) uint64 {
	return hashKey("C", sk)&^1 | block.Bipartite | side
}

// latinSkeleton appends the consonants of a lowercase Latin word, spelt
// alike where Russian romanisation and English spelling differ: vowels and
// y dropped, w = v, c = q = k, ch = kh = k, ph = f, x = ks, repeated
// consonants once.
func latinSkeleton(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			continue
		case 'w':
			c = 'v'
		case 'q':
			c = 'k'
		case 'c', 'k', 'p':
			if i+1 < len(s) && s[i+1] == 'h' {
				i++
				if c == 'p' {
					c = 'f'
				} else {
					c = 'k'
				}
			} else if c == 'c' {
				c = 'k'
			}
		case 'x':
			dst = append(dst, 'k')
			c = 's'
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// soundKeys appends "S" keys: the consonant skeletons of package phon. A
// Hangul or katakana word files its skeleton, and that of every span of
// three units or more (the loanword inside 한국애보트진단), and of it written
// together with the one or two native words after it; a Latin name files
// the skeletons of the transcriptions of each distinctive word, and of two
// and three adjacent ones together (Point Mobile / 포인트모바일). The keys
// are Bipartite: native names meet Latin names on them, never each other.
func (n *Name) soundKeys(dst []uint64) []uint64 {
	const native, latin = 0, 1
	var prev [3]string // skeletons of the previous distinctive words
	np := 0
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Distinctive {
			if np > 0 && w.Kind == Generic && w.Script == normalize.Latin {
				// A distinctive word and the generic word after it, which
				// the native name writes as one (Vina Tech / 비나텍).
				phon.QuickSkeletons(w.Text, 'h', func(sk string) {
					dst = append(dst, soundKey(prev[np-1]+sk, latin))
				})
			}
			np = 0
			continue
		}
		switch w.Script {
		case normalize.Hangul, normalize.Kana:
			bounds := unitBounds(w.Orig)
			u := len(bounds) - 1
			for a := 0; a < u; a++ {
				for b := u; b >= a+3 || (a == 0 && b == u); b-- {
					// One consonant is a key only of a short word as a whole
					// (야스 / YAS, 뉴온 / NUON): nothing else files one.
					if sk, _ := phon.NativeSkeleton(w.Orig[bounds[a]:bounds[b]]); len(sk) >= 2 || (len(sk) == 1 && a == 0 && b == u && u <= 3) {
						dst = append(dst, soundKey(sk, native))
					}
				}
			}
			// The word with the native words before and after it, which
			// the vocabulary cut off (터보 | 테크 is TURBOTEK, 테크 | 윙
			// Techwing).
			before := w.Orig
			for k := i - 1; k >= 0 && k >= i-2; k-- {
				prev := &n.Words[k]
				if prev.Script != w.Script || prev.Kind != Generic {
					break
				}
				before = prev.Orig + before
				if sk, _ := phon.NativeSkeleton(before); len(sk) >= 2 {
					dst = append(dst, soundKey(sk, native))
				}
			}
			joined := w.Orig
			for k := i + 1; k < len(n.Words) && k <= i+2; k++ {
				next := &n.Words[k]
				if next.Script != w.Script || (next.Kind != Distinctive && next.Kind != Generic) {
					break
				}
				joined += next.Orig
				if sk, _ := phon.NativeSkeleton(joined); len(sk) >= 2 {
					dst = append(dst, soundKey(sk, native))
				}
			}
			np = 0
		case normalize.Latin:
			first := ""
			var seen [8]string
			nseen := 0
			file := func(sk string) {
				if first == "" {
					first = sk
				}
				if slices.Contains(seen[:nseen], sk) {
					return
				}
				if nseen < len(seen) {
					seen[nseen] = sk
					nseen++
				}
				if len(sk) >= 2 || (len(sk) == 1 && len(w.Text) <= 5) {
					dst = append(dst, soundKey(sk, latin))
				}
			}
			for _, script := range [2]byte{'h', 'k'} {
				if w.syl {
					phon.QuickSkeletons(w.Text, script, file)
					continue
				}
				// A coined word by its guessed pronunciation and by its
				// spelling, which is often nearer (GENESISNRD 제네시스엔알디).
				phon.EnglishSkeletons(w.Text, script, file)
				phon.SpellingSkeletons(w.Text, script, file)
			}
			if first == "" {
				np = 0
				continue
			}
			joined := first
			for k := np - 1; k >= 0 && k >= np-2; k-- {
				joined = prev[k] + joined
				dst = append(dst, soundKey(joined, latin))
			}
			if np == len(prev) {
				copy(prev[:], prev[1:])
				np--
			}
			prev[np] = first
			np++
		default:
			np = 0
		}
	}
	return dst
}

// soundSkeletons chooses how a Latin word's sound skeletons are found: a
// word spelt in Japanese or Korean syllables (Hanbit, Nisshin) by its
// spelling, at no cost (phon.QuickSkeletons: its own romanisation keys meet
// the native name anyway); any other word (Medizen, Solumix) through its
// pronunciation, which for a coined word runs phon's guesser.
func soundSkeletons(w *Word) func(string, byte, func(string)) {
	if w.syl {
		return phon.QuickSkeletons
	}
	return phon.EnglishSkeletons
}

// soundKey hashes a skeleton as a Bipartite key of one side.
func soundKey(sk string, side uint64) uint64 {
	return hashKey("S", sk)&^1 | block.Bipartite | side
}

// nat returns the cross-script analysis of a native word, or nil.
func (w *Word) nat() *native {
	if w.x == nil {
		return nil
	}
	return w.x.nat
}

// unitBounds returns the byte offsets of the units of a native word: one
// unit per rune. (Japanese words are cut by their morphemes instead; see
// japaneseUnits.)
func unitBounds(s string) []int {
	b := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		b = append(b, i)
	}
	return append(b, len(s))
}

// romaniser returns how a span of a native word is romanised.
func romaniser(sc normalize.Script) func(string) string {
	return func(s string) string { return normalize.Romanise(s, sc) }
}

// analyseRussian prepares a Cyrillic word as one piece read through its
// English translations (завод → plant, works, factory; машиностроительный →
// machine-building). Nil for a word the dictionary does not know.
func analyseRussian(orig, text, key string) *native {
	var reads []reading
	add := readingAdder(&reads)
	tr := ru.Translate(orig)
	for i, en := range tr {
		sim := 0.95
		if i >= 2 {
			sim = 0.9
		}
		add(en, simTranslation, sim, "Mueller English–Russian dictionary")
	}
	nat := &native{units: 1, russian: true, pieces: []piece{{start: 0, end: 1, orig: orig, roman: text, key: key, reads: reads}},
		spellings: []ru.Spellings{ru.SpellingsOf(orig)}}
	if len(tr) == 0 {
		for _, rw := range ru.RussianOf(orig) {
			nat.spellings = append(nat.spellings, ru.SpellingsOf(rw))
		}
	}
	if len(tr) > 0 {
		nat.ordinal = ordinalWords[tr[0]]
	}
	return nat
}

// analyseJapanese builds the pieces of a word of a Japanese name from the
// morphemes a Japanese analyser cuts it into (三菱商事 → 三菱 mitsubishi |
// 商事 shoji): spans of up to maxSpan morphemes, their readings in Hepburn,
// keyed by ja.Key so that spelling variants meet (kogyo, kougyou, kohgyo).
// A word the analyser cannot cut cleanly is one unit. ms are the
// tokenizer's morphemes of orig.
func analyseJapanese(orig string, ms []ja.Morpheme, sc normalize.Script) *native {
	// On the stack for a word of up to maxUnits morphemes, more are refused below.
	var boundsBuf [maxUnits + 2]int
	var romansBuf [maxUnits + 1]string
	var altsBuf [maxUnits + 1][]string
	bounds, romans, alts := append(boundsBuf[:0], 0), romansBuf[:0], altsBuf[:0]
	off := 0
	for _, mo := range ms {
		if !strings.HasPrefix(orig[off:], mo.Surface) {
			bounds, romans, alts = []int{0}, nil, nil
			break
		}
		off += len(mo.Surface)
		if mo.Romaji == "" && len(romans) > 0 {
			bounds[len(bounds)-1] = off // a symbol joins the morpheme before it
			continue
		}
		bounds = append(bounds, off)
		romans = append(romans, mo.Romaji)
		alts = append(alts, mo.Alt)
	}
	if off != len(orig) || len(romans) == 0 {
		bounds, romans, alts = []int{0, len(orig)}, []string{normalize.JapaneseRomaji(ms)}, [][]string{nil}
	}
	bounds[len(bounds)-1] = len(orig)
	u := len(romans)
	if u > maxUnits {
		return nil
	}
	spans := func(i, k int) bool { // whether the spans from unit i go on to unit k
		return k <= u && (k-i <= maxSpan || (i == 0 && k == u))
	}
	n := 0
	for i := 0; i < u; i++ {
		for k := i + 1; spans(i, k); k++ {
			n++
		}
	}
	nat := &native{units: uint8(u), japanese: true, pieces: make([]piece, 0, n)}
	// The readings of all the pieces gather in one pooled buffer and move
	// into one exact slice at the end, as in analyseNative.
	scratch := readsPool.Get().(*readScratch)
	defer readsPool.Put(scratch)
	all := scratch.all[:0]
	for i := 0; i < u; i++ {
		for k := i + 1; spans(i, k); k++ {
			text := orig[bounds[i]:bounds[k]]
			r := strings.Join(romans[i:k], "")
			from := len(all)
			all = appendReadings(all, text, scriptOfSpan(text, sc))
			if k == i+1 {
				for _, a := range alts[i] {
					all = append(all, reading{text: ja.Key(a), kind: simReading, sim: 0.95, src: "another reading: " + a})
				}
			} else if n := utf8.RuneCountInString(text); n >= 2 && n <= 4 && scriptOfSpan(text, sc) == normalize.Han {
				// Morphemes read in the context of the whole name may be
				// read otherwise as a word of their own: 山川|精|工 gives
				// 精 kiyoshi (a given name), 精工 alone is seikō.
				if alone := strings.Join(ja.Readings(text), ""); alone != "" && alone != r {
					all = append(all, reading{text: ja.Key(alone), kind: simReading, sim: 0.92, src: "read as a word: " + alone})
				}
			}
			nat.pieces = append(nat.pieces, piece{start: uint8(i), end: uint8(k), orig: text, roman: r, key: ja.Key(r), reads: all[from:], sound: firstSound(text), letters: lettersOf(text)})
		}
	}
	scratch.all = all
	ownReads(nat.pieces, len(all))
	return nat
}

// analyseNative builds the pieces of a native word: every span of up to
// maxSpan units with its romanisation, every dictionary word that starts at
// a unit with its readings (the lattices of packages hanzi and phon: one
// pass per start, not one lookup per span), and the whole word.
func analyseNative(orig string, sc normalize.Script, bounds []int, romanOf func(string) string) *native {
	u := len(bounds) - 1
	if u < 1 || u > maxUnits {
		return nil
	}
	spans := 0 // the pieces of the first loop below
	for i := range u {
		spans += min(maxSpan, u-i)
	}
	nat := &native{units: uint8(u), pieces: make([]piece, 0, spans+3)} // and a few longer words
	// letters[k] is what lettersOf gives the span from unit lettersFrom to
	// unit k: one letter-name lattice for all the spans of a start.
	var letters [maxUnits + 1]string
	lettersFrom := -1
	var index [maxUnits + 1][maxUnits + 1]uint16 // piece number + 1 of each span, 0 for none yet
	find := func(i, k int) *piece {
		if p := index[i][k]; p > 0 {
			return &nat.pieces[p-1]
		}
		index[i][k] = uint16(len(nat.pieces) + 1)
		text := orig[bounds[i]:bounds[k]]
		r := romanOf(text)
		l := letters[k] // lettersOf(text), from the lattice of start i
		if i != lettersFrom {
			l = lettersOf(text)
		}
		nat.pieces = append(nat.pieces, piece{start: uint8(i), end: uint8(k), orig: text, roman: r, key: romanize.Key(r), sound: firstSound(text), letters: l})
		return &nat.pieces[len(nat.pieces)-1]
	}
	// The readings of the pieces that start at unit i are all found in
	// iteration i; they gather in reads[k] by the end unit k, one buffer
	// reused for every i, and are then copied to the end of one buffer for
	// the whole word, from which the pieces get one exact slice at the end
	// (ownReads): growing each piece's slice on its own made most of the
	// garbage of preparing a Han name (a word has up to six glosses, a
	// prefix tens of them), and a copy per piece most of the rest. The
	// buffers come from a pool, so that a worker reuses its own.
	scratch := readsPool.Get().(*readScratch)
	defer readsPool.Put(scratch)
	reads, all := &scratch.byEnd, scratch.all[:0]
	for i := 0; i < u; i++ {
		for k := range reads {
			reads[k] = reads[k][:0]
		}
		letters, lettersFrom = [maxUnits + 1]string{}, i
		if rest := orig[bounds[i]:]; loanScript(rest) {
			phon.LettersEach(rest, func(end int, latin string) {
				if k, ok := slices.BinarySearch(bounds, bounds[i]+end); ok {
					letters[k] = latin
				}
			})
		}
		for k := i + 1; k <= u && k-i <= maxSpan; k++ {
			pc := find(i, k)
			vocabMeanings(pc.orig, readingAdder(&reads[k]))
		}
		dictionaryWords(orig, sc, bounds[i], false, func(end int, en string, kind uint8, sim float64, src string) {
			k, ok := slices.BinarySearch(bounds, end) // the unit the word ends at
			if !ok {
				return
			}
			find(i, k)
			readingAdder(&reads[k])(en, kind, sim, src)
		})
		for p := range nat.pieces {
			if pc := &nat.pieces[p]; int(pc.start) == i && len(reads[pc.end]) > 0 {
				n := len(all)
				all = append(all, reads[pc.end]...)
				pc.reads = all[n:] // in the pool's buffer until ownReads
			}
		}
	}
	scratch.all = all
	ownReads(nat.pieces, len(all))
	lettersFrom = -1
	find(0, u)
	slices.SortFunc(nat.pieces, func(a, b piece) int {
		if a.start != b.start {
			return int(a.start) - int(b.start)
		}
		return int(a.end) - int(b.end)
	})
	return nat
}

// readScratch holds the reading buffers of analyseNative: those of the
// pieces that start at one unit, by their end unit, and those of all the
// pieces of a word.
type readScratch struct {
	byEnd [maxUnits + 1][]reading
	all   []reading
}

// readsPool holds the reading buffers of analyseNative.
var readsPool = sync.Pool{New: func() any { return new(readScratch) }}

// ownReads moves the readings of pieces, n in all, into one exact slice,
// each piece's part of it capped so that an append copies out.
func ownReads(pieces []piece, n int) {
	slab := make([]reading, 0, n)
	for i := range pieces {
		p := &pieces[i]
		if len(p.reads) == 0 {
			p.reads = nil
			continue
		}
		start := len(slab)
		slab = append(slab, p.reads...)
		p.reads = slab[start:len(slab):len(slab)]
	}
}

// dictionaryWords calls fn with every dictionary word of a Hangul, Han or
// kana run that starts at byte offset start, and what it may be in English:
//
//   - Han: CC-CEDICT glosses (电线 → wire, 新材料 → new material); a single
//     character counts less (新 → new);
//   - Hangul: the glosses of the Chinese words it reads as (전선 → 電線 →
//     wire, 저축 → 儲蓄 → savings), weaker the more words share the reading;
//   - kana: EDICT glosses of katakana words (チタン → titanium);
//   - Hangul and kana: the common English words it writes by sound (포인트
//     → point, ホールディングス → holdings; CMUdict by the official
//     transcription rules), and Latin letters spelled out (엘지 → LG).
//
// With whole, the caller wants only s[start:] entire (lookupReadings), and
// the Han, kana and CMUdict words are looked up as that one word rather
// than by the lattice of its prefixes; Sino-Korean readings and letters
// still come by prefix, for the caller to keep those that end at len(s).
func dictionaryWords(s string, sc normalize.Script, start int, whole bool, fn func(end int, en string, kind uint8, sim float64, src string)) {
	switch sc {
	case normalize.Han:
		han := func(end int, e hanzi.Entry) {
			sim := 0.95
			if e.Weak() {
				sim = 0.85 // common, and ambiguous
			}
			for g := range e.Glosses.All() {
				fn(end, g, simTranslation, sim, "CC-CEDICT/EDICT")
			}
		}
		if !whole {
			hanzi.Prefixes(s, start, han)
		} else if e, ok := hanzi.Word(s[start:]); ok {
			han(len(s), e)
		}
		return
	case normalize.Hangul:
		hanzi.SinoKoreanPrefixes(s, start, func(end int, glosses hanzi.Glosses, homographs int) {
			// A Hangul word read as a Chinese word is a guess: many Korean
			// names are such words used as names (대유, 유화).
			sim := math.Max(0.8, 0.9-0.03*float64(homographs-1))
			for g := range glosses.All() {
				fn(end, g, simTranslation, sim, sinoKorean)
			}
		})
	case normalize.Kana:
		// A word by sound that no English pronunciation gives (チタン
		// titanium, from German): EDICT's glosses.
		kana := func(end int, e hanzi.Entry) {
			for g := range e.Glosses.All() {
				fn(end, g, simTranslation, 0.9, "EDICT")
			}
		}
		if !whole {
			hanzi.KanaPrefixes(s, start, kana)
		} else if e, ok := hanzi.KanaWord(s[start:]); ok {
			kana(len(s), e)
		}
	default:
		return
	}
	phon.LetterPrefixes(s, start, func(end int, latin string, joined bool) {
		switch {
		case utf8.RuneCountInString(s[start:end]) < 2 && (joined || len(latin) != 1):
		case joined:
			fn(end, latin, simLetters, 0.92, joinedLetters)
		default:
			fn(end, latin, simLetters, 0.92, "letters")
		}
	})
	loan := func(end int, english []string) {
		sim := 0.92
		if utf8.RuneCountInString(s[start:end]) < 2 {
			sim = 0.85 // one syllable (텍 tech, 넷 net): counts where a word meets it
		}
		for i, en := range english {
			if i == 4 {
				break
			}
			fn(end, en, simLoanword, sim, "CMUdict")
		}
	}
	if !whole {
		phon.Prefixes(s, start, loan)
	} else {
		phon.Word(s[start:], func(english []string) { loan(len(s), english) })
	}
}

// scriptOfSpan is the script of a span of a Japanese word: kana or Han by
// its first character (a morpheme is of one script), else sc.
func scriptOfSpan(text string, sc normalize.Script) normalize.Script {
	r, _ := utf8.DecodeRuneInString(text)
	switch {
	case 0x3040 <= r && r <= 0x30FF:
		return normalize.Kana
	case unicode.Is(unicode.Han, r):
		return normalize.Han
	}
	return sc
}

// vocabMeanings adds the English words package vocab translates text to
// (자동차 → motor; 석유 → oil, petroleum).
func vocabMeanings(text string, add func(en string, kind uint8, sim float64, src string)) {
	if en, ok := vocab.Meaning(text); ok {
		first, second, _ := strings.Cut(en, "/")
		add(first, simTranslation, 0.97, "vocabulary")
		if second != "" {
			add(second, simTranslation, 0.97, "vocabulary")
		}
	}
}

// appendReadings asks the dictionaries what a whole span may be in
// English (see dictionaryWords) and appends the readings to dst, each once
// among those it appends.
func appendReadings(dst []reading, text string, sc normalize.Script) []reading {
	out := dst[len(dst):] // grows in dst's array while it has room
	add := readingAdder(&out)
	vocabMeanings(text, add)
	dictionaryWords(text, sc, 0, true, func(end int, en string, kind uint8, sim float64, src string) {
		if end == len(text) { // Hangul and letters are looked up by prefix
			add(en, kind, sim, src)
		}
	})
	return append(dst, out...)
}

// readingAdder returns the function dictionaries add readings with: glosses
// folded to one or two words (see readingWords), each kept once at its best
// similarity.
func readingAdder(dst *[]reading) func(en string, kind uint8, sim float64, src string) {
	return func(en string, kind uint8, sim float64, src string) {
		out := *dst
		first, second, ok := readingWords(en)
		if !ok {
			return
		}
		for i := range out {
			if out[i].text == first && out[i].text2 == second {
				out[i].sim = math.Max(out[i].sim, sim)
				return
			}
		}
		rd := reading{text: first, text2: second, kind: kind, sim: sim, src: src, amp: src == joinedLetters}
		if len(first) >= 5 {
			rd.stem = stem(first)
		}
		if len(second) >= 5 {
			rd.stem2 = stem(second)
		}
		*dst = append(out, rd)
	}
}

// readingWords folds an English gloss to one or two lowercase ASCII words
// ("Power cord" → power, cord); stopwords inside are dropped ("science and
// technology" → science, technology); longer glosses are refused.
func readingWords(en string) (first, second string, ok bool) {
	var ws [2]string
	n := 0
	ok = true
	eachGlossField(strings.ToLower(en), func(f string) bool {
		if vocab.Stopword(f) {
			return true
		}
		if n == 2 {
			ok = false
			return false
		}
		ws[n] = f
		n++
		return true
	})
	if !ok {
		return "", "", false
	}
	return ws[0], ws[1], n > 0
}

// eachGlossField calls fn with each run of ASCII letters and digits of s
// until fn returns false, byte by byte when s is ASCII (almost every
// gloss), else rune by rune.
func eachGlossField(s string, fn func(string) bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return !isGlossByte(r) }) {
				if !fn(f) {
					return
				}
			}
			return
		}
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isGlossByte(rune(s[i])) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if !fn(s[start:i]) {
				return
			}
			start = -1
		}
	}
}

func isGlossByte(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }
