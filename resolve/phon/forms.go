package phon

import (
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
	forKeys bool // set while wordKeys runs
}

// kModes and jModes are the variant modes tried, primary first.
var (
	kModes = [...]kmode{0, kReduced, kSpell, kAlt, kAlt | kReduced, kAlt | kSpell}
	jModes = [...]jmode{0, jSpell, jAlt, jAlt | jSpell, jKana, jKana | jSpell}
)

// maxForms caps the transcriptions returned for one word and script.
const maxForms = 8

// pronForms calls fnH with each distinct Hangul form and fnK with each
// distinct katakana form of one prepared pronunciation, primary first.
// Only the modes that change something are run.
// With k.forKeys, the modes whose changes the keys merge anyway are skipped.
func (k *keyer) pronForms(word string, s []seg, fnH, fnK func(string)) {
	if fnH != nil {
		first, used := k.kb.hangul(word, s, 0)
		fnH(first)
		for _, m := range kModes[1:] {
			if m&^used != 0 {
				continue
			}
			h, _ := k.kb.hangul(word, s, m)
			fnH(h)
		}
	}
	if fnK != nil {
		first, used := k.jb.katakana(word, s, 0)
		fnK(first)
		for _, m := range jModes[1:] {
			if m&^used != 0 || (k.forKeys && m&jKana != 0) {
				continue
			}
			j, _ := k.jb.katakana(word, s, m)
			fnK(j)
		}
	}
}

// forms calls fnH and fnK with the transcriptions of an English word
// (already lowercase a-z): from CMUdict, else from a split into two
// dictionary words (each part written as it stands alone, 제10항: bankware
// 뱅크웨어), and from the spelling readings. Forms may repeat.
func (t *tables) forms(word string, k *keyer, fnH, fnK func(string)) {
	if id := t.find(word); id >= 0 {
		for _, s := range t.dictProns(id, word, &k.al) {
			k.pronForms(word, s, fnH, fnK)
		}
		return
	}
	if n := spelledPrefix(word); n > 0 {
		t.lettersForms(word[:n], word[n:], k, fnH, fnK)
	}
	splits := t.splits(word)
	for _, sp := range splits {
		a, b := sp[0], sp[1]
		if fnH != nil {
			ha, hb := t.collect(a, k, true), t.collect(b, k, true)
			for _, x := range ha {
				for _, y := range hb {
					fnH(x + y)
				}
			}
		}
		if fnK != nil {
			ka, kb := t.collect(a, k, false), t.collect(b, k, false)
			for _, x := range ka {
				for _, y := range kb {
					fnK(x + y)
				}
			}
		}
	}
	if len(splits) == 0 {
		for _, sp := range t.partialSplits(word) {
			t.partialForms(sp, k, fnH, fnK)
		}
	}
	for _, english := range []bool{false, true} {
		if s := guess(word, english); s != nil {
			k.pronForms(word, s, fnH, fnK)
		}
	}
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
	for _, hangul := range []bool{true, false} {
		fn := fnK
		if hangul {
			fn = fnH
		}
		if fn == nil {
			continue
		}
		names := letterForm(prefix, hangul)
		if rest == "" {
			fn(names)
			continue
		}
		var rs []string
		if t.find(rest) >= 0 {
			rs = t.collect(rest, k, hangul)
		} else {
			rs = t.guessForms(rest, k, hangul)
		}
		for _, r := range rs {
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

// guessForms returns the first two forms of the spelling readings of word.
func (t *tables) guessForms(word string, k *keyer, hangul bool) []string {
	var gs []string
	add := func(s string) {
		if len(gs) < 2 && !containsStr(gs, s) {
			gs = append(gs, s)
		}
	}
	for _, english := range []bool{false, true} {
		if s := guess(word, english); s != nil {
			if hangul {
				k.pronForms(word, s, add, nil)
			} else {
				k.pronForms(word, s, nil, add)
			}
		}
	}
	return gs
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
func (t *tables) partialSplits(word string) []partial {
	var best []partial
	for n := len(word) - 2; n >= 3 && len(best) < 2; n-- {
		if id := t.find(word[len(word)-n:]); id >= 0 && t.common(id) {
			best = append(best, partial{word[:len(word)-n], word[len(word)-n:], false})
		}
		if id := t.find(word[:n]); id >= 0 && t.common(id) && len(best) < 2 {
			best = append(best, partial{word[:n], word[n:], true})
		}
	}
	return best
}

// partialForms writes the forms of a partial split: the first two spelling
// readings of the rest joined to the first three forms of the word.
func (t *tables) partialForms(p partial, k *keyer, fnH, fnK func(string)) {
	rest, dw := p.left, p.right
	if p.dictLeft {
		rest, dw = p.right, p.left
	}
	for _, hangul := range []bool{true, false} {
		fn := fnK
		if hangul {
			fn = fnH
		}
		if fn == nil {
			continue
		}
		gs := t.guessForms(rest, k, hangul)
		for _, d := range t.collect(dw, k, hangul) {
			for _, g := range gs {
				if p.dictLeft {
					fn(d + g)
				} else {
					fn(g + d)
				}
			}
		}
	}
}

// collect returns up to 3 distinct forms of a dictionary word in one script.
func (t *tables) collect(word string, k *keyer, hangul bool) []string {
	var out []string
	add := func(s string) {
		if len(out) < 3 && !containsStr(out, s) {
			out = append(out, s)
		}
	}
	id := t.find(word)
	if id < 0 {
		return nil
	}
	for _, s := range t.dictProns(id, word, &k.al) {
		if hangul {
			k.pronForms(word, s, add, nil)
		} else {
			k.pronForms(word, s, nil, add)
		}
	}
	return out
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
func (t *tables) splits(word string) [][2]string {
	type cand struct {
		a, b  string
		score int
	}
	var cs []cand
	for i := 3; i <= len(word)-3; i++ {
		a, b := word[:i], word[i:]
		ia, ib := t.find(a), t.find(b)
		if ia < 0 || ib < 0 {
			continue
		}
		ca, cb := t.level[ia] != 0 && t.level[ia] <= commonLevel, t.level[ib] != 0 && t.level[ib] <= commonLevel
		score := min(len(a), len(b))
		if ca && cb {
			score += 100
		}
		cs = append(cs, cand{a, b, score})
	}
	var out [][2]string
	for len(out) < 2 && len(cs) > 0 {
		best := 0
		for j := range cs {
			if cs[j].score > cs[best].score {
				best = j
			}
		}
		out = append(out, [2]string{cs[best].a, cs[best].b})
		cs = append(cs[:best], cs[best+1:]...)
	}
	return out
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
	var h, j strings.Builder
	add := func(b *strings.Builder, key []byte) {
		if len(key) == 0 {
			return
		}
		s := b.String()
		for len(s) > 0 {
			e := strings.IndexByte(s, '|')
			if s[:e] == string(key) {
				return
			}
			s = s[e+1:]
		}
		b.Write(key)
		b.WriteByte('|')
	}
	k.forKeys = true
	defer func() { k.forKeys = false }()
	t.forms(word, k,
		func(s string) {
			var ok bool
			k.buf, ok = hangulKey(k.buf[:0], s)
			if ok {
				add(&h, k.buf)
			}
		},
		func(s string) {
			var ok bool
			k.buf, ok = kanaKey(k.buf[:0], s)
			if ok {
				add(&j, k.buf)
			}
		})
	return h.String(), j.String()
}
