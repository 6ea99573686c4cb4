package ja

import (
	"unicode"
	"unicode/utf8"
)

// Splitting long words. IPADIC lists many company names whole (三菱商事
// ミツビシショウジ, 本田技研工業 ホンダギケンコウギョウ), and the tokenizer
// reads a run of katakana it does not know as one word (サイバーエージェント),
// while English names write the parts as words (Mitsubishi Shoji, Honda
// Giken Kogyo). split cuts such a word into shorter ones whose readings,
// one after the other, spell the word's reading: the cut agrees with the
// reading the dictionary gives the whole, so no part is misread.
const (
	minSplitRunes = 4 // shorter words are kept whole
	minPartRunes  = 2 // the shortest noun part (affixes may be shorter)
	// the shortest dictionary part beside a cut inside a run of kana
	minKanaPartRunes = 3
	maxSplitRunes    = 32 // longer words are kept whole (no name is this long)
	maxKanaPerRun    = 4  // the most kana a kanji of a free part reads as

	// Costs of the loose pass, in the units of IPADIC's word costs (a
	// common word costs 3000 to 8000, a rare one 10000 to 15000).
	shortPartCost = 3000 // added to a one-character part
	freePartCost  = 8000 // a free part, plus freeRuneCost per character
	freeRuneCost  = 4000
)

// split returns the parts of word s (reading r, class c), or nil when it
// is not split: a dictionary word, or a run of katakana the dictionary
// does not know as a whole. Free parts (below) get Source free, the others
// Dictionary. Inside a run of kana a dictionary part has three kana or
// more, so that a name is not cut into the dictionary's short loanwords.
//
// The strict pass takes the cut into the most parts, each a noun, number,
// prefix or suffix of the dictionary of at least two characters, the
// cheapest by dictionary cost among equals: 本田技研工業 → 本田 技研 工業.
// If there is none (and s is no dictionary word all of kana: a loanword
// such as ホールディングス is one word), the loose pass takes the cheapest
// cut where one-character prefixes, suffixes and numbers are parts too
// (第一生命 → 第 一 生命) and one part may be free: no dictionary word,
// reading as the part of r the others leave (日本精工 ニッポンセイコウ: 精工
// is no entry, so 日本 ニッポン + 精工 セイコウ; サイバーエージェント →
// サイバー + エージェント). A kana free part must read as written, and a
// free part is of one script.
//
// A dictionary part's reading may differ from the compound's where
// Japanese compounds change sounds: its first kana voiced (rendaku: 株式 +
// 会社 kaisha → kabushikigaisha) and its last kana ツ, チ, ク, キ written ッ
// before the next part. Each part's Reading is its slice of r, its Alt the
// other readings of its surface (日本 ニホン in 日本電信電話 has Alt
// nippon), so that the dictionary's choice for the whole does not hide the
// company's own.
func (a *analyser) split(s, r string, c Class, free Source) []Morpheme {
	if c != ProperNoun && c != Noun && c != Unknown {
		return nil
	}
	n := utf8.RuneCountInString(s)
	if n < minSplitRunes || n > maxSplitRunes {
		return nil
	}
	var rdBuf [4 * maxSplitRunes]rune
	rd := rdBuf[:0]
	for _, k := range r {
		if len(rd) == cap(rd) {
			return nil // a reading this long is no name's
		}
		rd = append(rd, k)
	}
	sp := splitter{a: a, s: s, rd: rd, width: len(rd) + 1}
	sp.plane = (n + 1) * sp.width
	var memoBuf [1024]score
	var nextBuf [1024]step
	if size := 2 * sp.plane; size <= len(memoBuf) {
		sp.memo, sp.next = memoBuf[:size], nextBuf[:size]
	} else {
		sp.memo, sp.next = make([]score, size), make([]step, size)
	}
	var candsBuf [maxSplitRunes + 1][]cand
	var foundBuf [maxSplitRunes + 1]bool
	sp.cands, sp.found = candsBuf[:n+1], foundBuf[:n+1]
	sp.reset(false)
	if sp.best(0, 0, 0, 0).parts < 2 {
		if free == Dictionary && isKanaString(s) {
			return nil // a loanword of the dictionary is one word
		}
		sp.reset(true)
		if sp.best(0, 0, 0, 1).parts < 2 {
			return nil
		}
	}
	parts := make([]Morpheme, 0, 4)
	plane := 0
	if sp.loose {
		plane = 1
	}
	for i, ri, j := 0, 0, 0; i < len(s); {
		st := sp.next[sp.index(ri, j, plane)]
		surface, reading := s[i:i+int(st.bytes)], string(rd[j:j+int(st.kana)])
		m := Morpheme{Surface: surface, Reading: reading, Romaji: Romaji(reading),
			Class: c, Source: free, Compound: s}
		if st.id >= 0 {
			m.Class, m.Source = a.class[st.id], Dictionary
			m.Alt = a.alternatives(surface, int(st.id), m.Romaji)
		} else {
			plane = 0
		}
		parts = append(parts, m)
		i, ri, j = i+int(st.bytes), ri+int(st.runes), j+int(st.kana)
	}
	return parts
}

// score is the value of a cut: its number of parts and its cost. parts is
// unsolved or impossible for a state without one.
type score struct {
	parts int8
	cost  int32
}

const (
	unsolved   = -2
	impossible = -1
)

// step is the first part of the best cut from a state: its dictionary
// entry (-1 for a free part) and its length in bytes and characters of
// surface and in kana of reading.
type step struct {
	id                 int32
	bytes, runes, kana uint8
}

// splitter is the state of one split. A state is a position in the
// surface (byte i, character ri), a position j in the reading, and whether
// a free part may still be taken; memo holds the best cut of the rest from
// each state, next its first part.
type splitter struct {
	a     *analyser
	s     string
	rd    []rune
	width int // reading positions: len(rd)+1
	plane int // states with the same free count
	loose bool
	memo  []score
	next  []step
	cands [][]cand // by character position: the dictionary parts starting there
	found []bool   // cands[ri] is computed
}

// cand is a dictionary word that may be a part: its entry, its length in
// bytes and characters, and its cost.
type cand struct {
	id           int32
	bytes, runes uint8
	cost         int32
	short        bool // one character: a part in the loose pass only
}

// candidates returns the dictionary words that may be parts at byte i
// (character ri).
func (sp *splitter) candidates(i, ri int) []cand {
	if sp.found[ri] {
		return sp.cands[ri]
	}
	var cs []cand
	sp.a.d.Index.CommonPrefixSearchCallback(sp.s[i:], func(id, l int) {
		if i == 0 && l == len(sp.s) || sp.a.reading(id) == "" {
			return
		}
		c := cand{id: int32(id), bytes: uint8(l), runes: uint8(utf8.RuneCountInString(sp.s[i : i+l])),
			cost: int32(sp.a.d.Morphs[id].Weight)}
		if (sp.inKana(i) || sp.inKana(i+l)) && c.runes < minKanaPartRunes {
			return
		}
		switch sp.a.class[id] {
		case Noun, ProperNoun:
			if c.runes < minPartRunes {
				return
			}
		case Number, Suffix, Prefix:
			if c.runes < minPartRunes {
				c.short, c.cost = true, c.cost+shortPartCost
			}
		default:
			return
		}
		cs = append(cs, c)
	})
	sp.cands[ri], sp.found[ri] = cs, true
	return cs
}

// mayStart reports whether a dictionary part at byte i (character ri)
// may start with kana k (its own first kana, or that kana voiced).
func (sp *splitter) mayStart(i, ri int, k rune) bool {
	for _, c := range sp.candidates(i, ri) {
		if c.short && !sp.loose {
			continue
		}
		first, _ := utf8.DecodeRuneInString(sp.a.reading(int(c.id)))
		if first == k || isVoicedOf(k, first) {
			return true
		}
	}
	return false
}

func (sp *splitter) index(ri, j, free int) int { return free*sp.plane + ri*sp.width + j }

// reset starts the strict or the loose pass.
func (sp *splitter) reset(loose bool) {
	sp.loose = loose
	for i := range sp.memo {
		sp.memo[i] = score{parts: unsolved}
	}
}

// better reports whether cut x beats cut y: in the strict pass more parts,
// then lower cost; in the loose pass lower cost.
func (sp *splitter) better(x, y score) bool {
	switch {
	case x.parts < 0:
		return false
	case y.parts < 0:
		return true
	case sp.loose:
		return x.cost < y.cost || x.cost == y.cost && x.parts > y.parts
	}
	return x.parts > y.parts || x.parts == y.parts && x.cost < y.cost
}

// inKana reports whether byte i is inside a run of kana, where only
// dictionary words of minKanaPartRunes or more may be cut apart.
func (sp *splitter) inKana(i int) bool {
	if i == 0 || i == len(sp.s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(sp.s[:i])
	after, _ := utf8.DecodeRuneInString(sp.s[i:])
	return isKanaRune(before) && isKanaRune(after)
}

// best returns the best cut of the surface from byte i (character ri) with
// the reading from kana j, taking at most free free parts.
func (sp *splitter) best(i, ri, j, free int) score {
	if i == len(sp.s) {
		if j == len(sp.rd) {
			return score{}
		}
		return score{parts: impossible}
	}
	k := sp.index(ri, j, free)
	if sp.memo[k].parts != unsolved {
		return sp.memo[k]
	}
	res := score{parts: impossible}
	var choice step
	consider := func(sub score, cost int32, st step) {
		if sub.parts < 0 {
			return
		}
		if c := (score{parts: sub.parts + 1, cost: sub.cost + cost}); sp.better(c, res) {
			res, choice = c, st
		}
	}
	for _, c := range sp.candidates(i, ri) {
		if c.short && !sp.loose {
			continue
		}
		m, ok := matchReading(sp.rd[j:], sp.a.reading(int(c.id)), i > 0, i+int(c.bytes) < len(sp.s))
		if !ok {
			continue
		}
		consider(sp.best(i+int(c.bytes), ri+int(c.runes), j+m, free), c.cost,
			step{id: c.id, bytes: c.bytes, runes: c.runes, kana: uint8(m)})
	}
	if sp.loose && free > 0 {
		sp.freeParts(i, ri, j, consider)
	}
	sp.memo[k], sp.next[k] = res, choice
	return res
}

// freeParts offers consider every cut that starts with a free part at byte
// i (character ri, kana j), the rest taking none.
func (sp *splitter) freeParts(i, ri, j int, consider func(score, int32, step)) {
	runes, end := 0, i
	for end < len(sp.s) {
		_, size := utf8.DecodeRuneInString(sp.s[end:])
		end += size
		runes++
		part := sp.s[i:end]
		if !oneScript(part) {
			return // and so is every longer part
		}
		if runes < minPartRunes || i == 0 && end == len(sp.s) {
			continue
		}
		cost := int32(freePartCost + freeRuneCost*runes)
		st := step{id: -1, bytes: uint8(end - i), runes: uint8(runes)}
		if isKanaString(part) {
			kana := Katakana(part)
			m := utf8.RuneCountInString(kana)
			if j+m <= len(sp.rd) && string(sp.rd[j:j+m]) == kana {
				st.kana = uint8(m)
				consider(sp.best(end, ri+runes, j+m, 0), cost, st)
			}
			continue
		}
		if end == len(sp.s) { // the last part reads the rest
			if m := len(sp.rd) - j; runes <= m && m <= runes*maxKanaPerRun {
				st.kana = uint8(m)
				consider(score{}, cost, st)
			}
			continue
		}
		for m := runes; m <= runes*maxKanaPerRun && j+m < len(sp.rd); m++ {
			if sp.mayStart(end, ri+runes, sp.rd[j+m]) {
				st.kana = uint8(m)
				consider(sp.best(end, ri+runes, j+m, 0), cost, st)
			}
		}
	}
}

// matchReading reports whether the compound's reading rd starts with part
// reading p, allowing a voiced first kana (voicedStart) and a final ツ, チ,
// ク or キ written ッ (geminateEnd), and returns its length in kana.
func matchReading(rd []rune, p string, voicedStart, geminateEnd bool) (int, bool) {
	if p == "" {
		return 0, false
	}
	k := 0
	for _, c := range p {
		if k >= len(rd) {
			return 0, false
		}
		got := rd[k]
		switch {
		case got == c:
		case k == 0 && voicedStart && isVoicedOf(got, c):
		case geminateEnd && got == 'ッ' && k == utf8.RuneCountInString(p)-1 &&
			(c == 'ツ' || c == 'チ' || c == 'ク' || c == 'キ'):
		default:
			return 0, false
		}
		k++
	}
	return k, true
}

// isVoicedOf reports whether kana v is the rendaku form of kana c (ガ of
// カ, ザ of サ, ジ of シ and チ's ヂ, ダ of タ, バ of ハ).
func isVoicedOf(v, c rune) bool { return c != 'ウ' && v != c && v == voiced(c) }

func isKanaRune(r rune) bool {
	return unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != '・' || r == 'ー'
}

// oneScript reports whether s is all kana or all kanji.
func oneScript(s string) bool {
	kana, other := false, false
	for _, r := range s {
		switch {
		case isKanaRune(r):
			kana = true
		case isJapanese(r):
			other = true
		default:
			return false
		}
	}
	return !(kana && other)
}
