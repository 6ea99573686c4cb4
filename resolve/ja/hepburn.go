package ja

// Hepburn romanisation of kana. The table is indexed from ァ (U+30A1) to
// ヺ (U+30FA); hiragana are read as the katakana 0x60 above them. "" marks
// ッ, which has no sound of its own (it doubles the next consonant).
var kanaTable = [...]string{
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ァ ア ィ イ ゥ ウ ェ エ ォ オ
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // カ..ゴ
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // サ..ゾ
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // タ..ド
	"na", "ni", "nu", "ne", "no", // ナ..ノ
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", // ハ..ポ
	"ma", "mi", "mu", "me", "mo", // マ..モ
	"ya", "ya", "yu", "yu", "yo", "yo", // ャ ヤ ュ ユ ョ ヨ
	"ra", "ri", "ru", "re", "ro", // ラ..ロ
	"wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", // ヮ ワ ヰ ヱ ヲ ン ヴ ヵ ヶ
	"va", "vi", "ve", "vo", // ヷ ヸ ヹ ヺ
}

const (
	kataFirst = 0x30A1 // ァ
	kataLast  = 0x30FA // ヺ
	hiraFirst = 0x3041 // ぁ
	hiraLast  = 0x3096 // ゖ
	kanaShift = kataFirst - hiraFirst
)

// toKatakana maps a hiragana letter or iteration mark to its katakana; other
// runes are returned unchanged.
func toKatakana(r rune) rune {
	switch {
	case hiraFirst <= r && r <= hiraLast:
		return r + kanaShift
	case r == 'ゝ':
		return 'ヽ'
	case r == 'ゞ':
		return 'ヾ'
	}
	return r
}

// Katakana returns s with its hiragana written in katakana.
func Katakana(s string) string {
	for _, r := range s {
		if toKatakana(r) != r {
			return katakana(s)
		}
	}
	return s
}

func katakana(s string) string {
	out := make([]rune, 0, len(s)/3)
	for _, r := range s {
		out = append(out, toKatakana(r))
	}
	return string(out)
}

func isKatakanaLetter(r rune) bool { return kataFirst <= r && r <= kataLast }

func isSmallVowel(r rune) bool {
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ':
		return true
	}
	return false
}

func isSmallY(r rune) bool { return r == 'ャ' || r == 'ュ' || r == 'ョ' }

// voiced returns the dakuten form of a katakana letter (カ → ガ, ハ → バ,
// ウ → ヴ), for the iteration mark ヾ; letters without one are returned
// unchanged.
func voiced(r rune) rune {
	switch {
	case 'カ' <= r && r <= 'ヂ', 'ツ' <= r && r <= 'ド':
		// カ..ヂ and ツ..ド alternate plain and voiced, plain first
		base := rune('カ')
		if r >= 'ツ' {
			base = 'ツ'
		}
		if (r-base)%2 == 0 {
			return r + 1
		}
	case 'ハ' <= r && r <= 'ポ':
		if (r-'ハ')%3 == 0 {
			return r + 1
		}
	case r == 'ウ':
		return 'ヴ'
	}
	return r
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'i', 'u', 'e', 'o':
		return true
	}
	return false
}

// Romaji returns the modified Hepburn romanisation of kana (katakana or
// hiragana) in lowercase ASCII, long vowels folded as on a passport:
//
//	シ shi, チ chi, ツ tsu, フ fu, ジ/ヂ ji, ズ/ヅ zu, ヲ o, ン n (also before
//	b, m, p: shinbun), ッ doubles the next consonant (ニッシン nisshin,
//	マッチャ matcha), ー is dropped and ou, oo, uu are one vowel (コウギョウ
//	kogyo, オオサカ osaka, ホールディングス horudingusu; a third vowel is its
//	own: ツウウン tsuun), ei and ii are kept (セイヤク seiyaku); キャ kya, シャ sha, チュ chu, ジョ jo; small vowels
//	after a syllable replace its vowel (ファ fa, ティ ti, ディ di, トゥ tu,
//	ヴァ va, シェ she, ウィ wi), デュ dyu, クァ kwa; ヴ is vu; ヽ and ヾ
//	repeat the letter before them (ヾ voiced).
//
// ASCII letters and digits are kept (lowercased); other runes are dropped.
func Romaji(kana string) string {
	return string(appendRomaji(make([]byte, 0, len(kana)), kana))
}

// appendRomaji appends the romanisation of kana to b (see Romaji).
func appendRomaji(b []byte, kana string) []byte {
	last := -1      // offset in b of the last syllable, -1 if none
	var prev rune   // the last kana letter read, for ヽ and ヾ
	sokuon := false // a ッ waits for the next consonant
	long := false   // the last syllable took a vowel already (ツウ of ツウウン)
	for _, r := range kana {
		r = toKatakana(r)
		switch r {
		case 'ッ':
			sokuon = true
			continue
		case 'ー':
			continue // the vowel before it is long; long vowels are folded
		case 'ヽ':
			r = prev
		case 'ヾ':
			r = voiced(prev)
		}
		if !isKatakanaLetter(r) {
			sokuon, last, prev = false, -1, 0
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				b = append(b, byte(r))
			case 'A' <= r && r <= 'Z':
				b = append(b, byte(r-'A'+'a'))
			}
			continue
		}
		prev = r
		syl := kanaTable[r-kataFirst]
		if last >= 0 && (isSmallY(r) || isSmallVowel(r)) {
			if n, ok := combine(b[last:], syl, isSmallY(r)); ok {
				b = append(b[:last], n...)
				continue
			}
		}
		if !sokuon && !long && last >= 0 && len(syl) == 1 && len(b) > last {
			// ou, oo and uu are one long vowel
			v := b[len(b)-1]
			if (syl == "u" && (v == 'o' || v == 'u')) || (syl == "o" && v == 'o') {
				long = true
				continue
			}
		}
		long = false
		if sokuon && !isVowel(syl[0]) && syl[0] != 'n' {
			if syl[0] == 'c' {
				b = append(b, 't') // っち tchi
			} else {
				b = append(b, syl[0])
			}
		}
		sokuon = false
		last = len(b)
		b = append(b, syl...)
	}
	return b
}

// combine joins the syllable before (prevSyl, as written) and a small kana
// (syl: ya yu yo for ャュョ when y is set, else the vowel of ァィゥェォ) into
// one syllable: キ+ャ kya, シ+ャ sha, デ+ュ dyu, フ+ァ fa, テ+ィ ti, ウ+ィ wi,
// シ+ェ she, イ+ェ ye, ク+ァ kwa. It reports false when the small kana stands
// on its own (after a bare vowel other than イ, ウ).
func combine(prevSyl []byte, syl string, y bool) ([]byte, bool) {
	n := len(prevSyl)
	if n == 0 {
		return nil, false
	}
	stem := string(prevSyl[:n-1])
	vowel := prevSyl[n-1]
	palatal := stem == "sh" || stem == "ch" || stem == "j"
	if y {
		v := syl[1:]
		switch {
		case stem == "":
			return nil, false // イャ: ya on its own
		case palatal:
			return []byte(stem + v), true // sha, chu, jo
		case vowel == 'i' || vowel == 'e' || stem == "f" || stem == "v":
			return []byte(stem + "y" + v), true // kya, nyu, dyu, fyu
		}
		return nil, false
	}
	switch {
	case stem == "" && vowel == 'u':
		return []byte("w" + syl), true // ウィ wi, ウェ we, ウォ wo
	case stem == "" && vowel == 'i' && syl == "e":
		return []byte("ye"), true // イェ
	case stem == "":
		return nil, false // アァ: a vowel on its own
	case vowel == 'i' && syl == "e":
		if palatal {
			return []byte(stem + "e"), true // she, che, je
		}
		return []byte(stem + "ye"), true // キェ kye
	case vowel == 'u' && (stem == "k" || stem == "g"):
		return []byte(stem + "w" + syl), true // クァ kwa, グォ gwo
	}
	return []byte(stem + syl), true // fa, ti, di, tu, tsa, va
}
