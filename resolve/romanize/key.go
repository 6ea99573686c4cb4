package romanize

import (
	"strings"
)

// System names the romanisation a token was read as.
type System uint8

// The systems Syllables and Explain report.
const (
	// None: the token is not a sequence of Korean or Mandarin syllables; its
	// key is the transliteration-variant key of generic.go.
	None System = iota
	// Korean: Revised Romanization, McCune–Reischauer (typed without breves
	// and apostrophes) or a common company spelling of them.
	Korean
	// Mandarin: Hanyu Pinyin or Wade–Giles (typed without apostrophes).
	Mandarin
)

func (s System) String() string {
	switch s {
	case Korean:
		return "korean"
	case Mandarin:
		return "mandarin"
	}
	return "none"
}

// maxParse is the longest token the syllable parsers try; longer tokens get
// the generic key. No name is a sequence of more than a dozen syllables.
const maxParse = 48

// parse is the syllable segmentation of a token.
type parse struct {
	sys System
	n   int             // number of syllables
	end [maxParse]uint8 // end offset of each syllable
	ent [maxParse]int32 // entry of each syllable in its system's table
}

// segment finds the segmentation of s into syllables of trie tr with the
// fewest syllables; among those, the one whose syllables are longest from
// the left ("daeu" is dae-u, not da-eu). It reports false if there is none.
func segment(tr *trie, s []byte, p *parse) bool {
	n := len(s)
	if n == 0 || n > maxParse {
		return false
	}
	// cost[i]: fewest syllables for s[i:]; choice[i]: length of the first.
	var cost [maxParse + 1]uint8
	var choice [maxParse + 1]uint8
	var entry [maxParse + 1]int32
	const inf = 255
	cost[n] = 0
	for i := n - 1; i >= 0; i-- {
		cost[i] = inf
		node := int32(0)
		for j := i; j < n; j++ {
			c := s[j]
			if c < 'a' || c > 'z' {
				break
			}
			if node = tr.nodes[node].child[c-'a']; node == 0 {
				break
			}
			e := tr.nodes[node].entry
			if e < 0 || cost[j+1] == inf {
				continue
			}
			if c := cost[j+1] + 1; c <= cost[i] { // <=: prefer the longer first syllable
				cost[i], choice[i], entry[i] = c, uint8(j+1-i), e
			}
		}
	}
	if cost[0] == inf {
		return false
	}
	p.n = 0
	for i := 0; i < n; i += int(choice[i]) {
		p.ent[p.n] = entry[i]
		p.end[p.n] = uint8(i + int(choice[i]))
		p.n++
	}
	return true
}

// parseToken reads s as the system that splits it into fewer syllables,
// Korean on a tie: "guang" is Mandarin (one syllable, not gu-ang), "chang"
// and "busan" are Korean.
func parseToken(t *tables, s []byte, p *parse) bool {
	ko := segment(t.ko, s, p)
	if ko {
		p.sys = Korean
	}
	var m parse
	if segment(t.md, s, &m) && (!ko || m.n < p.n) {
		*p = m
		p.sys = Mandarin
		return true
	}
	if !ko {
		p.sys = None
	}
	return ko
}

// parseAs reads s in one system only.
func parseAs(t *tables, s []byte, sys System, p *parse) bool {
	tr := t.ko
	if sys == Mandarin {
		tr = t.md
	}
	p.sys = sys
	return segment(tr, s, p)
}

// Key returns the romanisation-variant key of one token: two spellings of
// the same Korean or Mandarin syllables, or two transliterations of the same
// Russian word, get the same key; see the package doc for the rules.
//
// token should be lowercase ASCII letters. ASCII capitals are folded; a
// token with any other byte (digits, punctuation, non-ASCII) is returned
// lowercased and otherwise unchanged, as it cannot be a romanisation
// variant of anything but itself.
//
// Key is deterministic and does not allocate beyond its result. It is not
// idempotent: a key is not a token, don't key a key.
func Key(token string) string {
	var buf [2 * maxParse]byte
	b, ok := foldToken(buf[:0], token)
	if !ok {
		return strings.ToLower(token)
	}
	t := loadTables()
	var p parse
	if !parseToken(t, b, &p) {
		var out [3 * maxParse]byte
		k, _ := genericKey(out[:0], b)
		return string(k)
	}
	var out [4 * maxParse]byte
	return string(renderParse(out[:0], t, &p))
}

// TranslitKey returns the generic (European transliteration) key of token,
// whether or not it reads as Korean or Mandarin syllables. Key reads a
// token like "lukoil" or "rossiya" as Korean syllables, so its spelling
// variants that do not read as Korean ("lukoyl", "rossija") get keys of
// another kind; comparing TranslitKey as well catches those. Tokens are
// folded as Key folds them.
func TranslitKey(token string) string {
	var buf [2 * maxParse]byte
	b, ok := foldToken(buf[:0], token)
	if !ok {
		return strings.ToLower(token)
	}
	var out [3 * maxParse]byte
	k, _ := genericKey(out[:0], b)
	return string(k)
}

// foldToken appends token lowercased to b; ok is false if token has a byte
// that is not an ASCII letter, or is too long for the stack buffer.
func foldToken(b []byte, token string) ([]byte, bool) {
	if len(token) > cap(b) {
		return b, false
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return b, false
		}
		b = append(b, c)
	}
	return b, true
}

// renderParse appends the key of a parsed token.
func renderParse(b []byte, t *tables, p *parse) []byte {
	start := len(b)
	if p.sys == Mandarin {
		for i := 0; i < p.n; i++ {
			b = append(b, t.mdSyls[p.ent[i]].key...)
		}
		return glides(b, start)
	}
	var syls [maxParse]koSyl
	for i := 0; i < p.n; i++ {
		syls[i] = t.koSyls[p.ent[i]]
	}
	assimilate(syls[:p.n])
	for _, s := range syls[:p.n] {
		b = append(b, onRender[s.on]...)
		b = append(b, nuRender[s.nu]...)
		b = append(b, coRender[s.co]...)
	}
	return glides(b, start)
}

// glides rewrites, in b[start:], i or iy before a vowel as the glide y, as
// the generic key does, so that spellings with and without the glide meet
// whichever way they read (kompaniya = kompania = companiya, kia = kya).
func glides(b []byte, start int) []byte {
	w := start
	for r := start; r < len(b); r++ {
		c := b[r]
		if c == 'i' {
			j := r + 1
			if j < len(b) && b[j] == 'y' {
				j++
			}
			if j < len(b) && isVowel(b[j]) {
				b[w] = 'y'
				w++
				r = j - 1
				continue
			}
		}
		b[w] = c
		w++
	}
	return b[:w]
}

// assimilate applies, to a parsed Korean word, the sound changes that
// Revised Romanization writes and older spellings often do not, so that
// both give one key: the initial-sound rule (두음법칙) drops a
// word-initial ㄹ before i and y in words of one or two syllables (Lee,
// Rhee, Ri, Yi; Ryu, Yu; Ryonha, Yunha; longer words are rarely Korean:
// Liberia stays apart from Iberia), and at each
// syllable boundary nasalisation and ㄹ assimilation turn the spelled coda
// and onset into the pronounced ones (kook-min = gung-min, shin-la =
// sil-la, jong-ro = jong-no).
func assimilate(s []koSyl) {
	if len(s) == 0 {
		return
	}
	if s[0].on == onL && len(s) <= 2 {
		switch s[0].nu {
		case nuI, nuYA, nuYE, nuYO:
			s[0].on = onNone
		}
	}
	for i := 1; i < len(s); i++ {
		co, on := &s[i-1].co, &s[i].on
		switch *on {
		case onN, onM:
			switch *co {
			case coK:
				*co = coNG
			case coT:
				*co = coN
			case coP:
				*co = coM
			case coL:
				if *on == onN {
					*on = onL
				}
			}
		case onL:
			switch *co {
			case coN:
				*co = coL
			case coM, coNG:
				*on = onN
			case coK:
				*co, *on = coNG, onN
			case coP:
				*co, *on = coM, onN
			case coT:
				*co, *on = coN, onN
			}
		}
	}
}

// Syllables returns the syllables of token and the system it was read as,
// or (nil, None) if it is not a sequence of Korean or Mandarin syllables.
// A token that reads both ways is read as the system that needs fewer
// syllables, Korean on a tie ("hanshan" is Korean, "guang" Mandarin).
// token is folded as Key folds it.
func Syllables(token string) ([]string, System) {
	return syllablesIn(token, None)
}

// IsMandarin reports whether token reads as a sequence of Mandarin
// syllables (pinyin or Wade–Giles), whatever else it reads as.
func IsMandarin(token string) bool {
	s, _ := syllablesIn(token, Mandarin)
	return s != nil
}

// SystemOf is the system Syllables reads token as, without the syllables
// (and without allocating).
func SystemOf(token string) System {
	var buf [2 * maxParse]byte
	b, ok := foldToken(buf[:0], token)
	if !ok {
		return None
	}
	var p parse
	if !parseToken(loadTables(), b, &p) {
		return None
	}
	return p.sys
}

// syllablesIn is Syllables in system sys, or in the system parseToken
// picks if sys is None.
func syllablesIn(token string, sys System) ([]string, System) {
	var buf [2 * maxParse]byte
	b, ok := foldToken(buf[:0], token)
	if !ok {
		return nil, None
	}
	var p parse
	t := loadTables()
	if sys == None && !parseToken(t, b, &p) || sys != None && !parseAs(t, b, sys, &p) {
		return nil, None
	}
	s := string(b)
	out := make([]string, p.n)
	start := 0
	for i := 0; i < p.n; i++ {
		out[i] = s[start:p.end[i]]
		start = int(p.end[i])
	}
	return out, p.sys
}
