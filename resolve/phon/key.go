package phon

import "unicode/utf8"

// Tolerant keys. A key is a short ASCII string that the common spelling
// variants of one English word in Hangul or katakana share, so that the
// reverse index finds 네트웍스 as well as 네트워크스 and ホールディングズ as well
// as ホールディングス. Vowels are a e i o u, glides y w; Korean consonants are
// upper case, Japanese ones lower case (ts is T).
//
// Korean key: ㅐ = ㅔ; ㅓ = ㅗ (ɔ, ə, ʌ are written either way); ㅡ is dropped
// (epenthesis optional: 스 = s, 트 = t); a 받침 is the consonant itself, so
// 넷 = 네트 and 웍 = 워크; a consonant that no vowel follows loses voicing
// (웹 = 웨브, 굿 = 구드); tense consonants are plain (써비스 = 서비스);
// repeated consonants are one (ㄹㄹ = ㄹ, 셋트 = 세트); ㅈ ㅊ take no y
// (쥬 = 주); 쉬 = 시, 쉐 = 셰.
//
// Japanese key: ー and ッ are dropped; ヴ = ブ; ティ = チ, ディ = ジ, トゥ = ツ,
// ドゥ = ズ, スィ = シ; a small vowel replaces the vowel of its kana (ファ = fa)
// and ウィ ウェ ウォ = ウイ ウエ ウオ; repeated vowels are one and エイ = エ,
// オウ = オ; イヤ = イア; a final ズ = ス.

func isVowelSym(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

var kOnKey = [19]byte{'G', 'G', 'N', 'D', 'D', 'L', 'M', 'B', 'B', 'S', 'S', 0, 'J', 'J', 'C', 'K', 'T', 'P', 'H'}

var kVoKey = [21]string{
	"a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "u", "wo", "we", "wi", "yu", "", "i", "i",
}

var kCoKey = [28]byte{
	0, 'K', 'K', 'K', 'N', 'N', 'N', 'T', 'L', 'L', 'M', 'L', 'L', 'L', 'P', 'L',
	'M', 'P', 'P', 'T', 'T', 'Q', 'T', 'T', 'K', 'T', 'P', 0,
}

func kNeutral(c byte) byte {
	switch c {
	case 'G':
		return 'K'
	case 'D':
		return 'T'
	case 'B':
		return 'P'
	case 'J':
		return 'C'
	}
	return c
}

// isHangulSyllable reports a precomposed Hangul syllable.
func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// Hangul jamo indexes of hangulKey: the initials ㅈ ㅉ ㅊ and the final ㅅ.
const (
	onJ, onJJ, onCH = 12, 13, 14
	coS             = 19
)

// hangulKey appends the key of s, which must be Hangul syllables only, to
// dst. ok is false (and dst unchanged) for any other rune.
func hangulKey(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	sCoda := -1 // where the last syllable's final ㅅ went, or -1
	for _, r := range s {
		if !isHangulSyllable(r) {
			return dst[:start], false
		}
		x := int(r - 0xAC00)
		on, vo, co := x/588, (x%588)/28, x%28
		if sCoda >= 0 && (on == onJ || on == onJJ || on == onCH) {
			// A final ㅅ before ㅈ or ㅊ writes the d or t of -dge, -tch
			// (엣지 edge, 브릿지 bridge), which the rules leave out (에지).
			dst = append(dst[:sCoda], dst[sCoda+1:]...)
		}
		sCoda = -1
		oc := kOnKey[on]
		if oc != 0 {
			dst = append(dst, oc)
		}
		v := kVoKey[vo]
		switch {
		case (oc == 'J' || oc == 'C') && len(v) == 2 && v[0] == 'y':
			v = v[1:]
		case oc == 'S' && vo == int(vWI):
			v = "i"
		case oc == 'S' && vo == int(vWE):
			v = "ye"
		}
		dst = append(dst, v...)
		if c := kCoKey[co]; c != 0 {
			if co == coS {
				sCoda = len(dst)
			}
			dst = append(dst, c)
		}
	}
	out := dst[start:]
	w := 0
	for i := 0; i < len(out); i++ {
		c := out[i]
		if c >= 'A' && c <= 'Z' {
			if i+1 >= len(out) || out[i+1] < 'a' {
				c = kNeutral(c)
			}
			if w > 0 && out[w-1] == c {
				continue
			}
		}
		out[w] = c
		w++
	}
	return dst[:start+w], true
}

// kanaTable gives the romanisation of each katakana U+30A0…U+30FF as
// consonant + vowel; small kana and marks are handled by kanaKey.
var kanaTable = [96]string{
	"", "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ゠ァアィイゥウェエォオ
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // カガキギクグケゲコゴ
	"sa", "za", "xi", "ji", "su", "zu", "se", "ze", "so", "zo", // サザシジスズセゼソゾ
	"ta", "da", "ci", "ji", "", "Tu", "zu", "te", "de", "to", "do", // タダチヂッツヅテデトド
	"na", "ni", "nu", "ne", "no", // ナニヌネノ
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", // ハ…ポ
	"ma", "mi", "mu", "me", "mo", // マミムメモ
	"ya", "ya", "yu", "yu", "yo", "yo", // ャヤュユョヨ
	"ra", "ri", "ru", "re", "ro", // ラリルレロ
	"wa", "wa", "i", "e", "o", "n", "bu", "ka", "ke", // ヮワヰヱヲンヴヵヶ
	"ba", "bi", "be", "bo", "", "", "", "", // ヷヸヹヺ・ーヽヾ
	"", // ヿ
}

// isKana reports hiragana or katakana (with ー and ・).
func isKana(r rune) bool { return (r >= 0x3041 && r <= 0x3096) || (r >= 0x30A1 && r <= 0x30FF) }

type mora struct {
	c  [2]byte
	nc uint8
	v  byte
}

// kanaKey appends the key of s, which must be kana only, to dst. ok is false
// (and dst unchanged) for any other rune.
func kanaKey(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	var buf [48]mora
	ms := buf[:0]
	for _, r := range s {
		if r >= 0x3041 && r <= 0x3096 {
			r += 0x60 // hiragana → katakana
		}
		if r < 0x30A1 || r > 0x30FF {
			return dst[:start], false
		}
		switch r {
		case 'ッ', 'ー', '・', 'ヽ', 'ヾ':
			continue
		case 'ャ', 'ュ', 'ョ':
			v := kanaTable[r-0x30A0][1]
			if n := len(ms); n > 0 && ms[n-1].nc > 0 {
				m := &ms[n-1]
				if m.nc == 1 && m.c[0] != 'x' && m.c[0] != 'j' && m.c[0] != 'c' && m.c[0] != 'y' {
					m.c[1], m.nc = 'y', 2
				}
				m.v = v
				continue
			}
			ms = append(ms, mora{c: [2]byte{'y'}, nc: 1, v: v})
			continue
		case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ':
			v := kanaTable[r-0x30A0][0]
			if n := len(ms); n > 0 {
				m := &ms[n-1]
				switch {
				case m.nc == 0 && m.v == 'u':
					m.c[0], m.nc, m.v = 'w', 1, v
					continue
				case m.nc > 0 && m.v != 0:
					m.v = v
					continue
				}
			}
			ms = append(ms, mora{v: v})
			continue
		}
		t := kanaTable[r-0x30A0]
		if t == "" {
			continue
		}
		var m mora
		if t == "n" {
			m = mora{c: [2]byte{'n'}, nc: 1}
		} else if len(t) == 1 {
			m = mora{v: t[0]}
		} else {
			m = mora{c: [2]byte{t[0]}, nc: 1, v: t[1]}
		}
		if len(ms) == cap(ms) {
			return dst[:start], false // longer than any word
		}
		ms = append(ms, m)
	}
	for _, m := range ms {
		c0 := m.c[0]
		if m.nc == 2 {
			switch c0 {
			case 't':
				m.nc, c0 = 1, 'c'
			case 'd', 'z':
				m.nc, c0 = 1, 'j'
			case 's':
				m.nc, c0 = 1, 'x'
			}
		}
		if m.nc >= 1 {
			switch {
			case c0 == 't' && m.v == 'i':
				c0 = 'c'
			case c0 == 'd' && m.v == 'i':
				c0 = 'j'
			case c0 == 't' && m.v == 'u':
				c0 = 'T'
			case c0 == 'd' && m.v == 'u':
				c0 = 'z'
			case c0 == 's' && m.v == 'i':
				c0 = 'x'
			case c0 == 'z' && m.v == 'i':
				c0 = 'j'
			case c0 == 'h' && m.v == 'u':
				c0 = 'f'
			case c0 == 'w' && m.v != 'a' && m.v != 0:
				c0, m.nc = 0, 0
				dst = appendVowel(dst, start, 'u')
			}
		}
		if m.nc >= 1 {
			dst = append(dst, c0)
			if m.nc == 2 {
				dst = append(dst, m.c[1])
			}
		}
		if m.v != 0 {
			dst = appendVowel(dst, start, m.v)
		}
	}
	if n := len(dst); n-start >= 2 && dst[n-2] == 'z' && dst[n-1] == 'u' {
		dst[n-2] = 's'
	}
	// イヤ = イア (ワイヤレス, ダイヤモンド): y between i and a vowel is dropped
	w := start
	for i := start; i < len(dst); i++ {
		if dst[i] == 'y' && i > start && dst[i-1] == 'i' && i+1 < len(dst) && isVowelSym(dst[i+1]) {
			continue
		}
		dst[w] = dst[i]
		w++
	}
	return dst[:w], true
}

// appendVowel appends v unless it lengthens the vowel before it (aa, ei, ou).
func appendVowel(dst []byte, start int, v byte) []byte {
	if n := len(dst); n > start {
		p := dst[n-1]
		if p == v || (p == 'e' && v == 'i') || (p == 'o' && v == 'u') {
			return dst
		}
	}
	return append(dst, v)
}

// nativeKey appends the key of a Hangul or kana string and reports its
// script: 'h' (Hangul), 'k' (kana), or 0 when s is neither or mixed.
func nativeKey(dst []byte, s string) ([]byte, byte) {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case isHangulSyllable(r):
		if out, ok := hangulKey(dst, s); ok {
			return out, 'h'
		}
	case isKana(r):
		if out, ok := kanaKey(dst, s); ok {
			return out, 'k'
		}
	}
	return dst, 0
}
