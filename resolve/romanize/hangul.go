package romanize

import (
	"slices"
	"strings"
)

// The vowel classes of Key merge what the romanisations write alike
// without knowing the Hangul: ㅓ ㅗ ㅜ ㅡ are one class (eo, o, u, eu, oo),
// and ㅕ ㅛ ㅠ another (yeo, yo, yu). When the Hangul is known, the vowel
// is too, and only some of those spellings write it: 부흥 is Buheung or
// Boohung, never Bohong (보홍), and 우양 is Wooyang, not Oyang (오양).

// hangulVowelSpellings are the spellings of the vowels of those two classes
// that Revised Romanization, McCune–Reischauer without breves and the usual
// company spellings use (성 sung, 영 young, 두 doo, 금 keum or kum), by the
// vowel's index in the Unicode Hangul syllable order (ㅏ = 0).
var hangulVowelSpellings = map[int][]string{
	4:  {"eo", "o", "u", "ou"},             // ㅓ: Seoul, Chosŏn, Samsung
	8:  {"o", "oh"},                        // ㅗ: Dong, Sindoh
	13: {"u", "oo", "ou", "woo"},           // ㅜ: Bu, Doosan, Daewoo
	18: {"eu", "u", "ue"},                  // ㅡ: Keum, Kum
	6:  {"yeo", "yo", "yu", "you", "yeou"}, // ㅕ: Gyeong, Kyong, Kyung, Young
	12: {"yo"},                             // ㅛ: Hyosung
	17: {"yu", "yoo", "you"},               // ㅠ: Yu, Yoo
}

// FitsHangul reports whether latin, a romanised word, can spell the vowels
// of hangul, a word of Hangul syllables, where Key's classes cannot tell:
// it is false only when latin reads as Korean syllables one for one with
// hangul and one of them writes a vowel of the ㅓ ㅗ ㅜ ㅡ or ㅕ ㅛ ㅠ class
// with a spelling no romanisation uses for that vowel. Call it after the
// keys have matched; for anything it cannot read it says true.
//
//	FitsHangul("부흥", "boohung") // true
//	FitsHangul("부흥", "bohong")  // false: ㅜ is not written o
//	FitsHangul("효성", "hyosung") // true
func FitsHangul(hangul, latin string) bool {
	n := 0
	for _, r := range hangul {
		if r < 0xAC00 || r > 0xD7A3 {
			return true
		}
		n++
	}
	syls, sys := Syllables(latin)
	if sys != Korean || len(syls) != n {
		return true
	}
	i := 0
	for _, r := range hangul {
		allowed, ok := hangulVowelSpellings[int(r-0xAC00)/28%21]
		if ok {
			nu := nucleus(syls[i])
			if nu != "" && !slices.Contains(allowed, nu) {
				return false
			}
		}
		i++
	}
	return true
}

// nucleus returns the vowel letters of a romanised syllable, glides
// included: "hyung" → "yu", "woo" → "woo", "wha" → "wa"; "" if it has none.
func nucleus(s string) string {
	if strings.HasPrefix(s, "wh") {
		s = "w" + s[2:]
	}
	start := strings.IndexFunc(s, func(r rune) bool { return strings.ContainsRune("aeiouwy", r) })
	if start < 0 {
		return ""
	}
	end := start
	for end < len(s) && strings.IndexByte("aeiouwy", s[end]) >= 0 {
		end++
	}
	return s[start:end]
}
