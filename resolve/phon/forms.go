package phon

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// keyer holds the scratch space to transcribe and key one word at a time.
// It is not safe for concurrent use; the package keeps a sync.Pool of them.
type keyer struct {
	al      aligner
	kb      kbuild
	jb      jbuild
	buf     []byte
	forKeys bool     // set while wordKeys runs
	guessed [2][]seg // the spelling readings being transcribed
	pron    []seg    // the CMUdict pronunciation being prepared
	prons   [][]seg  // its adjusted variants
	hk, jk  []byte   // the keys wordKeys has found, each followed by '|'
	cuts    cuts
}

// kModes and jModes are the variant modes tried, primary first.
var (
	kModes = [...]kmode{0, kReduced, kSpell, kAlt, kAlt | kReduced, kAlt | kSpell}
	jModes = [...]jmode{0, jSpell, jAlt, jAlt | jSpell, jKana, jKana | jSpell}
)

// maxForms caps the transcriptions returned for one word and script.
const maxForms = 8

// hangulForms calls fn with each distinct Hangul form of one prepared
// pronunciation, primary first, while fn returns true. Only the modes that
// change something are run.
func (k *keyer) hangulForms(word string, s []seg, fn func(string) bool) {
	first, used := k.kb.hangul(word, s, 0)
	if !fn(first) {
		return
	}
	for _, m := range kModes[1:] {
		if m&^used != 0 {
			continue
		}
		if h, _ := k.kb.hangul(word, s, m); !fn(h) {
			return
		}
	}
}

// kanaForms is hangulForms for katakana. With k.forKeys, the modes whose
// changes the keys merge anyway are skipped.
func (k *keyer) kanaForms(word string, s []seg, fn func(string) bool) {
	first, used := k.jb.katakana(word, s, 0)
	if !fn(first) {
		return
	}
	for _, m := range jModes[1:] {
		if m&^used != 0 || (k.forKeys && m&jKana != 0) {
			continue
		}
		if j, _ := k.jb.katakana(word, s, m); !fn(j) {
			return
		}
	}
}

// pronForms calls fnH with each distinct Hangul form and fnK with each
// distinct katakana form of one prepared pronunciation, primary first.
func (k *keyer) pronForms(word string, s []seg, fnH, fnK func(string)) {
	if fnH != nil {
		k.hangulForms(word, s, func(h string) bool { fnH(h); return true })
	}
	if fnK != nil {
		k.kanaForms(word, s, func(j string) bool { fnK(j); return true })
	}
}

// formLists gathers the first distinct forms of a word part in the
// scripts asked for, at most max (≤ 3) in each: the transcriptions stop
// once both lists are full.
type formLists struct {
	h, k         formList
	max          int
	wantH, wantK bool
}

// formList is the distinct forms of one script, at most three.
type formList struct {
	forms [3]string
	n     int
}

// add adds s unless it is there, and reports whether the list holds fewer
// than max forms.
func (l *formList) add(s string, max int) bool {
	if !containsStr(l.forms[:l.n], s) {
		l.forms[l.n] = s
		l.n++
	}
	return l.n < max
}

func newFormLists(max int, fnH, fnK func(string)) formLists {
	return formLists{max: max, wantH: fnH != nil, wantK: fnK != nil}
}

// hangul and kana return the forms gathered.
func (f *formLists) hangul() []string { return f.h.forms[:f.h.n] }
func (f *formLists) kana() []string   { return f.k.forms[:f.k.n] }

func (f *formLists) addH(s string) bool { return f.h.add(s, f.max) }
func (f *formLists) addK(s string) bool { return f.k.add(s, f.max) }

func (f *formLists) needH() bool { return f.wantH && f.h.n < f.max }
func (f *formLists) needK() bool { return f.wantK && f.k.n < f.max }
func (f *formLists) full() bool  { return !f.needH() && !f.needK() }

// add transcribes one prepared pronunciation into the lists not yet full.
func (f *formLists) add(k *keyer, word string, s []seg) {
	if f.needH() {
		k.hangulForms(word, s, f.addH)
	}
	if f.needK() {
		k.kanaForms(word, s, f.addK)
	}
}

// eachGuess calls fn with the spelling readings of word (see guess),
// letters first, then English, in scratch space valid during the call.
// An English reading the same as the letters one is not repeated: its
// forms would be the same.
func (k *keyer) eachGuess(word string, fn func(s []seg)) {
	k.guessed[0] = guessInto(k.guessed[0], word, false)
	if len(k.guessed[0]) > 0 {
		fn(k.guessed[0])
	}
	k.guessed[1] = guessInto(k.guessed[1], word, true)
	if len(k.guessed[1]) > 0 && !slices.Equal(k.guessed[0], k.guessed[1]) {
		fn(k.guessed[1])
	}
}

// eachPrepared calls fn with the prepared CMUdict pronunciations of word id
// (those dictProns returns, in order) while fn returns true, in scratch
// space valid during the call.
func (t *tables) eachPrepared(id int, word string, k *keyer, fn func(s []seg) bool) {
	n, more := 0, true
	t.dict.eachPron(id, func(p []byte) {
		if n >= maxProns || !more {
			return
		}
		s := unpackTo(k.pron[:0], p)
		k.pron = s
		k.al.align(word, s)
		k.prons = adjust(word, s[:len(s):len(s)], k.prons[:0])
		n += len(k.prons)
		for _, v := range k.prons {
			if more = fn(v); !more {
				return
			}
		}
	})
}

// forms calls fnH and fnK with the transcriptions of an English word
// (already lowercase a-z): from CMUdict, else from a split into two
// dictionary words (each part written as it stands alone, 제10항: bankware
// 뱅크웨어), and from the spelling readings. Forms may repeat.
func (t *tables) forms(word string, k *keyer, fnH, fnK func(string)) {
	if id := t.find(word); id >= 0 {
		t.eachPrepared(id, word, k, func(s []seg) bool {
			k.pronForms(word, s, fnH, fnK)
			return true
		})
		return
	}
	if n := spelledPrefix(word); n > 0 {
		t.lettersForms(word[:n], word[n:], k, fnH, fnK)
	}
	c := &k.cuts
	t.cutWord(c, word)
	splits, nsplits := t.splits(c)
	for _, sp := range splits[:nsplits] {
		fa, fb := newFormLists(3, fnH, fnK), newFormLists(3, fnH, fnK)
		t.collect(sp[0], k, &fa)
		t.collect(sp[1], k, &fb)
		if fnH != nil {
			for _, x := range fa.hangul() {
				for _, y := range fb.hangul() {
					fnH(x + y)
				}
			}
		}
		if fnK != nil {
			for _, x := range fa.kana() {
				for _, y := range fb.kana() {
					fnK(x + y)
				}
			}
		}
	}
	if nsplits == 0 {
		partials, n := t.partialSplits(c)
		for _, p := range partials[:n] {
			t.partialForms(p, k, fnH, fnK)
		}
	}
	k.eachGuess(word, func(s []seg) { k.pronForms(word, s, fnH, fnK) })
}

// validOnsets are the two-consonant onsets of English words.
var validOnsets = map[string]bool{
	"bl": true, "br": true, "cl": true, "cr": true, "dr": true, "fl": true, "fr": true, "gl": true,
	"gr": true, "pl": true, "pr": true, "sc": true, "sk": true, "sl": true, "sm": true, "sn": true,
	"sp": true, "st": true, "sw": true, "tr": true, "tw": true, "wr": true, "wh": true, "th": true,
	"sh": true, "ch": true, "ph": true, "kn": true, "gn": true, "ps": true, "qu": true, "dw": true,
	"kr": true, "kl": true, "sq": true, "gh": true, "rh": true, "ts": true, "tz": true, "zh": true,
}

// spelledPrefix returns the length of the leading consonants of word that
// no English word starts with and that are therefore read as letter names
// (nplex 엔플렉스, rftech 알에프텍, hlscience 에이치엘사이언스), all of a word
// without vowels (dsf 디에스에프), or 0.
func spelledPrefix(word string) int {
	vowel := strings.IndexAny(word, "aeiouy")
	if vowel < 0 {
		return len(word)
	}
	i := 0
	for i+1 < vowel && !validOnsets[word[i:i+2]] {
		i++
	}
	return i
}

// lettersForms writes the letter names of prefix (Korean 엔, Japanese エヌ
// …) joined to the forms of rest: a dictionary word or a spelling reading.
func (t *tables) lettersForms(prefix, rest string, k *keyer, fnH, fnK func(string)) {
	var rs formLists
	if rest != "" {
		if t.find(rest) >= 0 {
			rs = newFormLists(3, fnH, fnK)
			t.collect(rest, k, &rs)
		} else {
			rs = newFormLists(2, fnH, fnK)
			t.guessForms(rest, k, &rs)
		}
	}
	for _, hangul := range []bool{true, false} {
		fn, forms := fnK, rs.kana()
		if hangul {
			fn, forms = fnH, rs.hangul()
		}
		if fn == nil {
			continue
		}
		names := letterForm(prefix, hangul)
		if rest == "" {
			fn(names)
			continue
		}
		for _, r := range forms {
			fn(names + r)
		}
	}
}

// letterForm writes letters (a-z) by their usual names in one script.
func letterForm(letters string, hangul bool) string {
	var b strings.Builder
	for i := 0; i < len(letters); i++ {
		for _, n := range letterNames[letters[i]-'a'] {
			if r, _ := utf8.DecodeRuneInString(n); isHangulSyllable(r) == hangul {
				b.WriteString(n)
				break
			}
		}
	}
	return b.String()
}

// guessForms fills f with the first forms of the spelling readings of word.
func (t *tables) guessForms(word string, k *keyer, f *formLists) {
	k.eachGuess(word, func(s []seg) { f.add(k, word, s) })
}

// partial is a word cut into a dictionary word and a rest read by its
// spelling: testech = tes + tech.
type partial struct {
	left, right string
	dictLeft    bool // the left part is the dictionary word
}

// partialSplits returns up to two cuts of word into a common dictionary
// word of at least 3 letters (prefix or suffix) and a rest of at least 2
// letters, the longest dictionary word first.
func (t *tables) partialSplits(c *cuts) (best [2]partial, n int) {
	word := c.word
	for l := len(word) - 2; l >= 3 && n < 2; l-- {
		if id := t.suffix(c, len(word)-l); id >= 0 && t.common(id) {
			best[n] = partial{word[:len(word)-l], word[len(word)-l:], false}
			n++
		}
		if id := c.pre[l]; id >= 0 && t.common(int(id)) && n < 2 {
			best[n] = partial{word[:l], word[l:], true}
			n++
		}
	}
	return best, n
}

// partialForms writes the forms of a partial split: the first two spelling
// readings of the rest joined to the first three forms of the word.
func (t *tables) partialForms(p partial, k *keyer, fnH, fnK func(string)) {
	rest, dw := p.left, p.right
	if p.dictLeft {
		rest, dw = p.right, p.left
	}
	gs, ds := newFormLists(2, fnH, fnK), newFormLists(3, fnH, fnK)
	t.guessForms(rest, k, &gs)
	t.collect(dw, k, &ds)
	for _, hangul := range []bool{true, false} {
		fn, g, d := fnK, gs.kana(), ds.kana()
		if hangul {
			fn, g, d = fnH, gs.hangul(), ds.hangul()
		}
		if fn == nil {
			continue
		}
		for _, d := range d {
			for _, g := range g {
				if p.dictLeft {
					fn(d + g)
				} else {
					fn(g + d)
				}
			}
		}
	}
}

// collect fills f with the first distinct forms of a dictionary word.
func (t *tables) collect(word string, k *keyer, f *formLists) {
	id := t.find(word)
	if id < 0 {
		return
	}
	t.eachPrepared(id, word, k, func(s []seg) bool {
		f.add(k, word, s)
		return !f.full()
	})
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splits returns up to two ways to cut word into two dictionary words, the
// best first: both parts common, then the longer shorter part. Parts have at
// least 3 letters.
func (t *tables) splits(c *cuts) (out [2][2]string, n int) {
	// The best two cuts, best first; a later cut replaces an earlier one
	// only with a higher score.
	word := c.word
	var score [2]int
	for i := 3; i <= len(word)-3; i++ {
		a, b := word[:i], word[i:]
		ia := int(c.pre[i])
		if ia < 0 {
			continue
		}
		ib := t.suffix(c, i)
		if ib < 0 {
			continue
		}
		ca, cb := t.level[ia] != 0 && t.level[ia] <= commonLevel, t.level[ib] != 0 && t.level[ib] <= commonLevel
		sc := min(len(a), len(b))
		if ca && cb {
			sc += 100
		}
		switch {
		case n == 0 || sc > score[0]:
			out[1], score[1] = out[0], score[0]
			out[0], score[0] = [2]string{a, b}, sc
		case n == 1 || sc > score[1]:
			out[1], score[1] = [2]string{a, b}, sc
		}
		n = min(n+1, 2)
	}
	return out, n
}

// cuts holds the dictionary ids of the prefixes and suffixes of one word,
// which splits and partialSplits look up, each once.
type cuts struct {
	word string
	pre  []int32 // pre[i] is the id of word[:i], or -1
	suf  []int32 // suf[i] is the id of word[i:], -1, or unknown (-2)
}

// cutWord sets c to word: the ids of its prefixes of two letters or more,
// found in one pass over the dictionary words that start with its first
// two letters (sorted, so a prefix that starts no word ends the pass), and
// no suffix yet.
func (t *tables) cutWord(c *cuts, word string) {
	c.word = word
	c.pre = slices.Grow(c.pre[:0], len(word)+1)[:len(word)+1]
	c.suf = slices.Grow(c.suf[:0], len(word)+1)[:len(word)+1]
	for i := range c.pre {
		c.pre[i], c.suf[i] = -1, -2
	}
	if len(word) < 2 {
		return
	}
	k := prefix2(word)
	lo, hi := int(t.start[k]), int(t.start[k+1])
	for i := 2; i <= len(word); i++ {
		p := word[:i]
		lo += sort.Search(hi-lo, func(j int) bool { return t.word(lo+j) >= p })
		if lo >= hi || !strings.HasPrefix(t.word(lo), p) {
			return
		}
		if t.word(lo) == p {
			c.pre[i] = int32(lo)
		}
	}
}

// suffix returns the id of c.word[i:], or -1.
func (t *tables) suffix(c *cuts, i int) int {
	if c.suf[i] == -2 {
		c.suf[i] = int32(t.find(c.word[i:]))
	}
	return int(c.suf[i])
}

// distinctForms returns the distinct forms of word in one script, primary
// first, at most maxForms.
func (t *tables) distinctForms(word string, hangul bool) []string {
	w, ok := normWord(word)
	if !ok {
		return nil
	}
	k := getKeyer()
	defer putKeyer(k)
	var out []string
	add := func(s string) {
		if s != "" && len(out) < maxForms && !containsStr(out, s) {
			out = append(out, s)
		}
	}
	if hangul {
		t.forms(w, k, add, nil)
	} else {
		t.forms(w, k, nil, add)
	}
	return out
}

// wordKeys returns the distinct keys of an English word (lowercase a-z):
// Hangul keys and katakana keys, each as one string of keys separated by
// '|'.
func (t *tables) wordKeys(word string, k *keyer) (hk, jk string) {
	k.hk, k.jk = k.hk[:0], k.jk[:0]
	k.forKeys = true
	defer func() { k.forKeys = false }()
	t.forms(word, k,
		func(s string) {
			var ok bool
			k.buf, ok = hangulKey(k.buf[:0], s)
			if ok {
				k.hk = addKey(k.hk, k.buf)
			}
		},
		func(s string) {
			var ok bool
			k.buf, ok = kanaKey(k.buf[:0], s)
			if ok {
				k.jk = addKey(k.jk, k.buf)
			}
		})
	return string(k.hk), string(k.jk)
}

// addKey appends key and '|' to the list of keys, unless it is empty or in
// the list already.
func addKey(list, key []byte) []byte {
	if len(key) == 0 {
		return list
	}
	for s := list; len(s) > 0; {
		e := bytes.IndexByte(s, '|')
		if bytes.Equal(s[:e], key) {
			return list
		}
		s = s[e+1:]
	}
	return append(append(list, key...), '|')
}
