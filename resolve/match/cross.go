package match

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/resolve-tool/resolve/resolve/hanzi"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/romanize"
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
}

// meets reports whether a one-word reading is the word y.
func (rd *reading) meets(y *Word) bool {
	return rd.text2 == "" && sameWord(rd.text, rd.stem, y)
}

// meets2 reports whether the reading is the two words a and b, or, written
// together, one of them: a two-word reading "power cord" meets Power Cord,
// a one-word reading "machinebuilding" meets Machine-Building.
func (rd *reading) meets2(a, b *Word) bool {
	if rd.text2 != "" {
		return sameWord(rd.text, rd.stem, a) && sameWord(rd.text2, rd.stem2, b)
	}
	s := rd.text
	return len(s) == len(a.Text)+len(b.Text) && strings.HasPrefix(s, a.Text) && s[len(a.Text):] == b.Text
}

func sameWord(text, st string, y *Word) bool {
	return text == y.Text || (y.Stem != "" && (text == y.Stem || st == y.Stem)) || (st != "" && st == y.Text)
}

// piece is a span of units of a native word.
type piece struct {
	start, end uint8
	orig       string // as written
	roman      string // romanisation, lowercase ASCII
	key        string // romanisation key of roman (see romanize.Key)
	reads      []reading
}

// native is the cross-script analysis of a native word.
type native struct {
	units  uint8
	pieces []piece // by start, then end
}

// crossResult sums up the alignment of one name's native words.
type crossResult struct {
	shared    bool // a native word met a distinctive Latin word
	remainder bool // a native word kept two or more units unexplained
}

// alignNative aligns each unaligned native word of x with the unaligned
// Latin words of y (see alignWord).
func (m *Matcher) alignNative(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool) (crossResult, float64) {
	var res crossResult
	var gain float64
	for i := range x.Words {
		w := &x.Words[i]
		if usedX[i] || w.nat() == nil {
			continue
		}
		g, uncovered, ok := m.alignWord(w, y, usedY, total, reasons, flipped)
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

// alignWord aligns the native word x (index i of its name) with the
// unaligned Latin words of y and returns the gain. On success it marks x
// and the words used. flipped says that x belongs to the second name of the
// caller's order, for explanations.
func (m *Matcher) alignWord(x *Word, y *Name, usedY []bool, total float64, reasons *[]Reason, flipped bool) (gain float64, uncovered int, ok bool) {
	nat := x.nat()
	if nat == nil || len(nat.pieces) == 0 {
		return 0, 0, false
	}
	var ys [MaxWords + 4]int
	nj := 0
	for j := range y.Words {
		w := &y.Words[j]
		if usedY[j] || w.Script != normalize.Latin || w.Kind == Number || w.Kind == Stopword || w.Text == "" {
			continue
		}
		ys[nj] = j
		nj++
	}
	if nj == 0 {
		return 0, 0, false
	}
	// Similarities of every piece with every candidate word, sparse.
	type edge struct {
		p, j int // piece; first candidate word
		n    int // candidate words covered: 1, or 2 written together
		sim  float64
		kind uint8
		r    int // index of the reading, -1 for the romanisation
	}
	var buf [64]edge
	edges := buf[:0]
	for p := range nat.pieces {
		pc := &nat.pieces[p]
		for t := 0; t < nj; t++ {
			if s, k, r := m.pieceSim(pc, x.Script, &y.Words[ys[t]]); s > 0 {
				edges = append(edges, edge{p: p, j: t, n: 1, sim: s, kind: k, r: r})
			}
			if t+1 < nj && ys[t+1] == ys[t]+1 {
				// Two adjacent words that the piece writes as one
				// (машиностроительный / Machine-Building).
				if s, k, r := pieceSim2(pc, &y.Words[ys[t]], &y.Words[ys[t+1]], m.p); s > 0 {
					edges = append(edges, edge{p: p, j: t, n: 2, sim: s, kind: k, r: r})
				}
			}
		}
	}
	if len(edges) == 0 {
		return 0, 0, false
	}
	U := int(nat.units)
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
				pc := &nat.pieces[ed.p]
				if int(pc.start) != u || ed.j != t {
					continue
				}
				frac := float64(pc.end-pc.start) / float64(U)
				relax(int(pc.end), t+ed.n, c.gain+ed.sim*(wx*frac+candWeight(y, ys[t:t+ed.n])), int32(e))
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
		case c.from == -2:
			t--
		default:
			ed := &edges[c.from]
			pc := &nat.pieces[ed.p]
			covered += int(pc.end - pc.start)
			for k := 0; k < ed.n; k++ {
				usedY[ys[ed.j+k]] = true
			}
			steps = append(steps, c.from)
			u, t = int(pc.start), ed.j
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
			g := ed.sim * (wx*float64(pc.end-pc.start)/float64(U) + candWeight(y, ys[ed.j:ed.j+ed.n]))
			r := Reason{Kind: simKind[ed.kind], Left: pc.orig, Right: right, Effect: round4(g / total),
				Detail: describePiece(x, pc, ed.r, right, ed.sim)}
			if flipped {
				r.Left, r.Right = r.Right, r.Left
			}
			*reasons = append(*reasons, r)
		}
	}
	return end.gain, U - covered, true
}

// pieceSim compares a piece of a native word with a Latin word: through a
// reading (gloss, loanword, letters, reading of kanji) or the romanisation.
// It returns the similarity, its kind and the reading used (-1: the
// romanisation).
func (m *Matcher) pieceSim(p *piece, sc normalize.Script, y *Word) (float64, uint8, int) {
	best, kind, which := 0.0, simNone, -1
	for r := range p.reads {
		rd := &p.reads[r]
		sim := rd.sim
		if rd.text2 != "" {
			// One word of a two-word gloss: 环保 "environmental
			// protection" / Environmental, 招标 "call tenders" /
			// Tendering. Less than the whole gloss.
			sim *= 0.9
		}
		if sim > best && (rd.meets(y) || (rd.text2 != "" && (sameWord(rd.text, rd.stem, y) || sameWord(rd.text2, rd.stem2, y)))) {
			best, kind, which = sim, rd.kind, r
		}
	}
	if best > 0 {
		return best, kind, which
	}
	units := int(p.end - p.start)
	if units < 2 && utf8.RuneCountInString(p.orig) < 2 {
		return 0, simNone, -1 // one character romanised says too little
	}
	if len(p.roman) < 3 || !hasVowel(y.Text) {
		return 0, simNone, -1
	}
	if p.roman == y.Text {
		return m.p.TransliterationSimilarity, simTranslit, -1
	}
	if p.key != "" && p.key == y.Key {
		return m.p.RomanisationSimilarity, simRoman, -1
	}
	lx, ly := len(p.roman), len(y.Text)
	if lx < 5 || ly < 5 || p.roman[0] != y.Text[0] || float64(abs(lx-ly)) > (1-m.p.TokenMinSimilarity)*float64(max(lx, ly))+1e-9 {
		return 0, simNone, -1
	}
	sim := 1 - float64(levenshtein.ComputeDistance(p.roman, y.Text))/float64(max(lx, ly))
	if sim < m.p.TokenMinSimilarity-1e-9 {
		return 0, simNone, -1
	}
	return sim * m.p.RomanisationSimilarity, simRoman, -1
}

// candWeight is the summed weight of the words idx of n.
func candWeight(n *Name, idx []int) float64 {
	var w float64
	for _, j := range idx {
		w += n.Words[j].Weight
	}
	return w
}

// pieceSim2 compares a piece with two adjacent Latin words written
// together: a reading or the romanisation must be exactly the two words.
func pieceSim2(p *piece, a, b *Word, params Params) (float64, uint8, int) {
	best, kind, which := 0.0, simNone, -1
	for r := range p.reads {
		if rd := &p.reads[r]; rd.sim > best && rd.meets2(a, b) {
			best, kind, which = rd.sim, rd.kind, r
		}
	}
	if best == 0 && len(p.roman) >= 5 && len(p.roman) == len(a.Text)+len(b.Text) && strings.HasPrefix(p.roman, a.Text) && p.roman[len(a.Text):] == b.Text {
		return params.TransliterationSimilarity, simTranslit, -1
	}
	return best, kind, which
}

func describePiece(x *Word, p *piece, r int, y string, sim float64) string {
	part := fmt.Sprintf("%q", p.orig)
	if p.orig != x.Orig {
		part = fmt.Sprintf("%q (part of %q)", p.orig, x.Orig)
	}
	if r < 0 {
		return fmt.Sprintf("%s romanised is %q, like %q (similarity %.2f)", part, p.roman, y, sim)
	}
	rd := &p.reads[r]
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
		if p.end-p.start >= 2 && len(p.key) >= 3 && (p.start != 0 || int(p.end) != int(nat.units)) {
			dst = append(dst, hashKey("w", p.key))
		}
		for r := range p.reads {
			rd := &p.reads[r]
			dst = append(dst, hashKey("w", romanize.Key(rd.text)))
			if rd.text2 != "" {
				dst = append(dst, hashKey("w", romanize.Key(rd.text2)))
			}
		}
	}
	return dst
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

// analyseNative builds the pieces of a native word: every span of up to
// maxSpan units with its romanisation, every dictionary word with its
// readings, and the whole word.
func analyseNative(orig string, sc normalize.Script, bounds []int, romanOf func(string) string) *native {
	u := len(bounds) - 1
	if u < 1 || u > maxUnits {
		return nil
	}
	nat := &native{units: uint8(u)}
	for i := 0; i < u; i++ {
		for k := i + 1; k <= u; k++ {
			text := orig[bounds[i]:bounds[k]]
			reads := lookupReadings(text, sc, k-i)
			if k-i > maxSpan && reads == nil && !(i == 0 && k == u) {
				continue
			}
			r := romanOf(text)
			nat.pieces = append(nat.pieces, piece{start: uint8(i), end: uint8(k), orig: text, roman: r, key: romanize.Key(r), reads: reads})
		}
	}
	return nat
}

// lookupReadings asks the dictionaries what a span may be in English.
func lookupReadings(text string, sc normalize.Script, units int) []reading {
	var out []reading
	add := func(en string, kind uint8, sim float64, src string) {
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
		rd := reading{text: first, text2: second, kind: kind, sim: sim, src: src}
		if len(first) >= 5 {
			rd.stem = stem(first)
		}
		if len(second) >= 5 {
			rd.stem2 = stem(second)
		}
		out = append(out, rd)
	}
	for _, l := range lexicons {
		l(text, sc, units, add)
	}
	return out
}

// readingWords folds an English gloss to one or two lowercase ASCII words
// ("Power cord" → power, cord); stopwords inside are dropped ("science and
// technology" → science, technology); longer glosses are refused.
func readingWords(en string) (first, second string, ok bool) {
	var ws [2]string
	n := 0
	for _, f := range strings.FieldsFunc(strings.ToLower(en), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		if vocab.Stopword(f) {
			continue
		}
		if n == 2 {
			return "", "", false
		}
		ws[n] = f
		n++
	}
	return ws[0], ws[1], n > 0
}

// A lexicon adds what a span of a native word may be in English.
type lexicon func(text string, sc normalize.Script, units int, add func(en string, kind uint8, sim float64, src string))

// lexicons are the dictionaries cross-script alignment consults, in order.
var lexicons = []lexicon{vocabMeaning, cedict, sinoKorean}

// cedict: the English glosses of a Chinese word, or of a Japanese word
// written in kanji, in CC-CEDICT (电线 → wire, 新材料 → new material). A
// single character counts less.
func cedict(text string, sc normalize.Script, units int, add func(string, uint8, float64, string)) {
	if sc != normalize.Han {
		return
	}
	if e, ok := hanzi.Gloss(text); ok {
		sim := 0.95
		if e.Weak() {
			sim = 0.85 // 新 → new, 电 → electricity: common, and ambiguous
		}
		for _, g := range e.Glosses {
			add(g, simTranslation, sim, "CC-CEDICT")
		}
	}
}

// sinoKorean: the glosses of the Chinese words a Hangul word reads as
// (전선 → 電線 → wire, 저축 → 儲蓄 → savings), weaker the more words share
// the reading.
func sinoKorean(text string, sc normalize.Script, units int, add func(string, uint8, float64, string)) {
	if sc != normalize.Hangul || units < 2 {
		return
	}
	if gs, homographs, ok := hanzi.SinoKorean(text); ok {
		sim := math.Max(0.82, 0.95-0.03*float64(homographs-1))
		for _, g := range gs {
			add(g, simTranslation, sim, "Sino-Korean reading, CC-CEDICT")
		}
	}
}

// vocabMeaning: the translated distinctive words of package vocab (자동차 →
// motor).
func vocabMeaning(text string, _ normalize.Script, _ int, add func(string, uint8, float64, string)) {
	if en, ok := vocab.Meaning(text); ok {
		first, second, _ := strings.Cut(en, "/")
		add(first, simTranslation, 0.97, "vocabulary")
		if second != "" {
			add(second, simTranslation, 0.97, "vocabulary")
		}
	}
}
