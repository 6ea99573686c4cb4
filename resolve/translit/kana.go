package translit

import "strings"

// kanaTable is the Hepburn value of each hiragana U+3041..U+3096; katakana
// U+30A1..U+30F6 are the same letters 0x60 higher. "" marks the letters
// handled by Kana itself (small っ).
var kanaTable = [...]string{
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ぁ..お
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // か..ご
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // さ..ぞ
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // た..ど
	"na", "ni", "nu", "ne", "no", // な..の
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", // は..ぽ
	"ma", "mi", "mu", "me", "mo", // ま..も
	"ya", "ya", "yu", "yu", "yo", "yo", // ゃ..よ
	"ra", "ri", "ru", "re", "ro", // ら..ろ
	"wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", // ゎ..ゖ
}

const (
	hiraFirst = 0x3041
	hiraLast  = 0x3096
	kataShift = 0x60
)

// kanaRune returns the table index of a hiragana or katakana letter.
func kanaIndex(r rune) (int, bool) {
	switch {
	case hiraFirst <= r && r <= hiraLast:
		return int(r - hiraFirst), true
	case hiraFirst+kataShift <= r && r <= hiraLast+kataShift:
		return int(r - hiraFirst - kataShift), true
	}
	return 0, false
}

func isSmallYa(r rune) bool {
	switch r {
	case 'ゃ', 'ゅ', 'ょ', 'ャ', 'ュ', 'ョ':
		return true
	}
	return false
}

func isSmallVowel(r rune) bool {
	switch r {
	case 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ':
		return true
	}
	return false
}

// Kana romanises hiragana and katakana by passport (modified, ASCII)
// Hepburn: し shi, ち chi, つ tsu, ふ fu, じ/ぢ ji, づ zu, を o, ん n; きゃ kya,
// しゃ sha, ちゃ cha, じゃ ja; っ doubles the next consonant (っち → tchi);
// long vowels are not marked: ー is dropped and おう, おお, うう are o, o, u
// (とうきょう → tokyo, トヨタ → toyota). Small vowels after a syllable replace
// its vowel (ファ fa, ティ ti, ウィ wi); ヴ is vu, ヷ..ヺ va vi ve vo. Other
// runes pass through unchanged.
func Kana(s string) string {
	var b []byte
	last := -1      // start in b of the last syllable written, -1 if none
	sokuon := false // a small っ is waiting for the next consonant
	for _, r := range s {
		if r == 'っ' || r == 'ッ' {
			sokuon = true
			continue
		}
		if r == 'ー' || r == 'ｰ' {
			continue
		}
		if 0x30F7 <= r && r <= 0x30FA { // ヷ ヸ ヹ ヺ
			last = len(b)
			b = append(b, "va vi ve vo"[3*(r-0x30F7):3*(r-0x30F7)+2]...)
			sokuon = false
			continue
		}
		i, ok := kanaIndex(r)
		if !ok || kanaTable[i] == "" {
			sokuon = false
			last = -1
			b = append(b, string(r)...)
			continue
		}
		syl := kanaTable[i]
		if last >= 0 && isSmallYa(r) {
			prev := string(b[last:])
			if strings.HasSuffix(prev, "i") && len(prev) > 1 {
				b = b[:len(b)-1] // drop the i of ki, shi, chi ...
				if p := string(b[last:]); p == "sh" || p == "ch" || p == "j" {
					b = append(b, syl[1:]...) // sha, chu, jo
				} else {
					b = append(b, syl...) // kya, nyu, ryo
				}
				continue
			}
		}
		if last >= 0 && isSmallVowel(r) {
			prev := string(b[last:])
			if len(prev) > 1 || prev == "u" {
				if prev == "u" { // ウィ wi, ウェ we, ウォ wo
					b = append(b[:last], 'w')
				} else {
					b = b[:len(b)-1] // フ+ァ fa, テ+ィ ti, ツ+ァ tsa
				}
				b = append(b, syl...)
				continue
			}
		}
		if last >= 0 && len(syl) == 1 && !sokuon { // long vowels
			prevVowel := b[len(b)-1]
			if (syl == "u" && (prevVowel == 'o' || prevVowel == 'u')) || (syl == "o" && prevVowel == 'o') {
				continue
			}
		}
		if sokuon && syl[0] != 'a' && syl[0] != 'i' && syl[0] != 'u' && syl[0] != 'e' && syl[0] != 'o' && syl != "n" {
			if syl[0] == 'c' {
				b = append(b, 't')
			} else {
				b = append(b, syl[0])
			}
		}
		sokuon = false
		last = len(b)
		b = append(b, syl...)
	}
	return string(b)
}
