package translit

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Revised Romanization of Korean (RR, 2000), computed from the jamo of each
// precomposed syllable: U+AC00 + (lead*21 + vowel)*28 + tail.

const (
	hangulBase = 0xAC00
	hangulLast = 0xD7A3
	nVowels    = 21
	nTails     = 28
	leadIEung  = 11 // ㅇ as a lead: silent
	leadRieul  = 5  // ㄹ
	leadNieun  = 2  // ㄴ
	leadMieum  = 6  // ㅁ
	leadHieut  = 18 // ㅎ
	leadGiyeok = 0
	leadDigeut = 3
	leadJieut  = 12
	leadSiot   = 9
	tailNone   = 0
	tailHieut  = 27
	tailNieunH = 6  // ㄶ
	tailRieulH = 15 // ㅀ
	tailIEung  = 21 // ㅇ
	tailRieul  = 8  // ㄹ
	tailNieun  = 4  // ㄴ
	tailMieum  = 16 // ㅁ
)

// rrLead is the RR value of each of the 19 leads before a vowel.
var rrLead = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}

// rrVowel is the RR value of each of the 21 vowels.
var rrVowel = [nVowels]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}

// rrTail is the RR value of each of the 28 tails (index 0: none) at the end
// of a word or before a consonant.
var rrTail = [nTails]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}

// tailClass is the sound a tail is pronounced as before a consonant: one of
// k, n, t, l, m, p, ng (or "" for none).
var tailClass = rrTail

// liaison says, for a tail followed by the silent lead ㅇ, what stays in the
// first syllable and which lead (as an index into rrLead) moves to the
// second; move < 0 means nothing moves.
var liaison = [nTails]struct {
	stay string
	move int
}{
	{"", -1},   // none
	{"", 0},    // ㄱ
	{"", 1},    // ㄲ
	{"k", 9},   // ㄳ
	{"", 2},    // ㄴ
	{"n", 12},  // ㄵ
	{"", 2},    // ㄶ: ㅎ is silent, ㄴ moves
	{"", 3},    // ㄷ
	{"", 5},    // ㄹ
	{"l", 0},   // ㄺ
	{"l", 6},   // ㄻ
	{"l", 7},   // ㄼ
	{"l", 9},   // ㄽ
	{"l", 16},  // ㄾ
	{"l", 17},  // ㄿ
	{"", 5},    // ㅀ: ㅎ is silent, ㄹ moves
	{"", 6},    // ㅁ
	{"", 7},    // ㅂ
	{"p", 9},   // ㅄ
	{"", 9},    // ㅅ
	{"", 10},   // ㅆ
	{"ng", -1}, // ㅇ: stays
	{"", 12},   // ㅈ
	{"", 14},   // ㅊ
	{"", 15},   // ㅋ
	{"", 16},   // ㅌ
	{"", 17},   // ㅍ
	{"", -1},   // ㅎ: silent before a vowel
}

// Compatibility jamo U+3131..U+3163 in block order: 30 consonants then the
// 21 vowels in the same order as rrVowel.
var compatConsonant = [30]string{"g", "kk", "gs", "n", "nj", "nh", "d", "tt", "r", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "pp", "bs", "s", "ss", "ng", "j", "jj", "ch", "k", "t", "p", "h"}

func isSyllable(r rune) bool { return hangulBase <= r && r <= hangulLast }

// jamoRoman romanises a lone compatibility jamo; ok is false for any other
// rune.
func jamoRoman(r rune) (string, bool) {
	switch {
	case 0x3131 <= r && r <= 0x314E:
		return compatConsonant[r-0x3131], true
	case 0x314F <= r && r <= 0x3163:
		return rrVowel[r-0x314F], true
	}
	return "", false
}

// syllablesOnly reports whether s holds only ASCII and precomposed Hangul
// syllables, which NFC leaves as they are and no jamo follows to compose.
func syllablesOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSyllable(r) {
			return false
		}
		i += size
	}
	return true
}

// prepHangul composes conjoining jamo sequences into syllables and turns
// halfwidth jamo into compatibility jamo.
func prepHangul(s string) string {
	if syllablesOnly(s) {
		return s // the common case: no jamo to compose, and NFC already
	}
	if norm.NFC.IsNormalString(s) && !strings.ContainsFunc(s, func(r rune) bool { return 0xFFA0 <= r && r <= 0xFFDC }) {
		return s
	}
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		if 0xFFA0 <= r && r <= 0xFFDC {
			return []rune(norm.NFKC.String(string(r)))[0]
		}
		return r
	}, s)
}

// HangulSyllables returns the RR romanisation of each Hangul syllable (or
// lone compatibility jamo) of s, one element per syllable, with no sound
// change across syllables: 한국어 → ["han", "guk", "eo"]. Other runes are
// skipped.
func HangulSyllables(s string) []string {
	s = prepHangul(s)
	var out []string
	for _, r := range s {
		if isSyllable(r) {
			i := int(r - hangulBase)
			lead, vowel, tail := i/(nVowels*nTails), i/nTails%nVowels, i%nTails
			out = append(out, rrLead[lead]+rrVowel[vowel]+rrTail[tail])
		} else if j, ok := jamoRoman(r); ok {
			out = append(out, j)
		}
	}
	return out
}

// Hangul romanises the Hangul of s by the Revised Romanization, applying the
// sound changes that RR writes between the syllables of one word (a run of
// adjacent syllables): other runes pass through unchanged and end the word.
//
// Within a word, for a tail T followed by a lead L:
//   - liaison: before the silent lead ㅇ a tail moves over as the next lead
//     (한국어 → hangugeo, 읽어 → ilgeo); ㅎ is silent there (좋아 → joa);
//   - nasalisation: k, t, p sounds before ㄴ/ㅁ become ng, n, m
//     (국민 → gungmin, 압문 → ammun);
//   - ㄹ: ㄴ+ㄹ and ㄹ+ㄴ and ㄹ+ㄹ are "ll" (신라 → silla); after ㅁ/ㅇ the lead
//     ㄹ is n (종로 → jongno); after a k or p sound both change (독립 →
//     dongnip, 압력 → amnyeok);
//   - ㅎ tail before ㄱ/ㄷ/ㅈ gives k/t/ch (좋다 → jota), before ㄴ it is n.
//
// Not applied (as RR does not for proper nouns, or as they need more than
// spelling): aspiration of k/t/p before the lead ㅎ (묵호 → mukho, 금호 →
// geumho), palatalisation (같이 is "gachi" in RR, here "gati"), tensing and
// the ㄴ insertion of compounds. Lead ㄹ at the start of a word is "r".
// Lone compatibility jamo (ㄱ, ㅏ) are romanised one by one.
//
// 경기 → gyeonggi, 삼성 → samseong, 현대 → hyeondae, 부산 → busan.
func Hangul(s string) string {
	s = prepHangul(s)
	var b strings.Builder
	b.Grow(len(s))
	prevTail := -1 // tail of the previous syllable in this word, -1 if none
	for _, r := range s {
		if !isSyllable(r) {
			if prevTail >= 0 {
				b.WriteString(rrTail[prevTail])
				prevTail = -1
			}
			if j, ok := jamoRoman(r); ok {
				b.WriteString(j)
			} else {
				b.WriteRune(r)
			}
			continue
		}
		i := int(r - hangulBase)
		lead, vowel, tail := i/(nVowels*nTails), i/nTails%nVowels, i%nTails
		leadStr := rrLead[lead]
		if prevTail >= 0 {
			var tailStr string
			tailStr, leadStr = junction(prevTail, lead)
			b.WriteString(tailStr)
		}
		b.WriteString(leadStr)
		b.WriteString(rrVowel[vowel])
		prevTail = tail
	}
	if prevTail >= 0 {
		b.WriteString(rrTail[prevTail])
	}
	return b.String()
}

// junction returns the romanisation of tail t of one syllable and lead l of
// the next, inside one word.
func junction(t, l int) (tail, lead string) {
	lead = rrLead[l]
	if t == tailNone {
		return "", lead
	}
	if l == leadIEung {
		lz := liaison[t]
		if lz.move < 0 {
			return lz.stay, ""
		}
		return lz.stay, rrLead[lz.move]
	}
	switch t {
	case tailHieut, tailNieunH, tailRieulH:
		keep := ""
		if t == tailNieunH {
			keep = "n"
		} else if t == tailRieulH {
			keep = "l"
		}
		switch l {
		case leadGiyeok:
			return keep, "k"
		case leadDigeut:
			return keep, "t"
		case leadJieut:
			return keep, "ch"
		case leadNieun:
			if keep == "l" {
				return "l", "l"
			}
			return "n", "n"
		}
		if keep != "" {
			return keep, lead
		}
		return "t", lead
	}
	c := tailClass[t]
	switch l {
	case leadNieun, leadMieum:
		switch c {
		case "k":
			return "ng", lead
		case "t":
			return "n", lead
		case "p":
			return "m", lead
		case "l":
			if l == leadNieun {
				return "l", "l"
			}
		}
	case leadRieul:
		switch c {
		case "n", "l":
			return "l", "l"
		case "m", "ng":
			return c, "n"
		case "k":
			return "ng", "n"
		case "p":
			return "m", "n"
		case "t":
			return "n", "n"
		}
	}
	return c, lead
}
