package phon

import "strings"

// Brand words written by sound in Chinese characters.
//
// A Chinese company writes a foreign word or coins its English brand by
// sound, one character a syllable: 斯莱克 (si lai ke) is SLAC, 多浦乐 (duo pu
// le) Doppler, 拓邦 (tuo bang) Topband, 英威腾 (ying wei teng) INVT. No
// dictionary has the brands, and the pinyin is far from the spelling, but
// the transcription keeps the order of the sounds: each syllable answers a
// run of the word's letters that starts with the syllable's initial sound
// (or a vowel, for a syllable without one), and the runs, in order, make up
// the word: SLAC is s|la|c, Doppler dop|p|ler, Topband top|band, INVT
// in|v|t.
//
// PinyinWrites tests that, with the initials grouped as an English speaker
// hears them (b p; d t; g k c q; j g z; zh j z; l r; w v u o; y i e; x s sh
// c). It is weak evidence on its own (two syllables fit a random six-letter
// word now and then), meant for the part of a name no dictionary explains,
// beside the parts that do.

// pinyinInitials are the initials of pinyin, longest first.
var pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"}

// initialLetters are the letters a run may start with for each initial; ""
// is the syllable without one (a, e, o, er), which starts with a vowel.
var initialLetters = map[string]string{
	"b": "bp", "p": "pb", "m": "m", "f": "fvp", "d": "dt", "t": "td", "n": "n", "l": "lr",
	"g": "gkc", "k": "kcgq", "h": "h", "j": "jgz", "q": "qckx", "x": "xsc", "zh": "zjg",
	"ch": "ct", "sh": "sc", "r": "rl", "z": "zsc", "c": "cstk", "s": "szc",
	"y": "yie", "w": "wvuo", "": "aeiouy",
}

// PinyinWrites reports whether the toneless pinyin syllables (one per
// character: "duo", "pu", "le") write the English or Latin word by sound,
// as above, and how many of them keep their vowel in the word: a syllable
// keeps it when its run of letters has a vowel the syllable's final sounds
// like (see keepsVowel: tuo → "top", bang → "band" keep theirs; te → "t"
// in INVT does not). The more syllables keep their vowels, the less the fit
// is chance. It wants two to four syllables and a word of letters a-z at
// least as long as the syllables are many, plus one, and at most four
// letters a syllable.
//
//	PinyinWrites([]string{"si", "lai", "ke"}, "slac")         // 1, true (la)
//	PinyinWrites([]string{"duo", "pu", "le"}, "doppler")      // 2, true (dop, ler)
//	PinyinWrites([]string{"tuo", "bang"}, "topband")          // 2, true
//	PinyinWrites([]string{"tian", "jian"}, "shenzhen")        // 0, false
func PinyinWrites(syllables []string, word string) (vowels int, ok bool) {
	k := len(syllables)
	if k < 2 || k > 4 || len(word) < k+1 || len(word) > 4*k {
		return 0, false
	}
	for i := 0; i < len(word); i++ {
		if word[i] < 'a' || word[i] > 'z' {
			return 0, false
		}
	}
	// best[i][j]: the most vowels the first j syllables keep writing
	// word[:i], -1 where they cannot write it.
	var best [4*4 + 1][4 + 1]int8
	for i := range best {
		for j := range best[i] {
			best[i][j] = -1
		}
	}
	best[0][0] = 0
	for j, syl := range syllables {
		initial := pinyinInitial(syl)
		starts, final := initialLetters[initial], syl[len(initial):]
		for i := 0; i < len(word); i++ {
			if best[i][j] < 0 || strings.IndexByte(starts, word[i]) < 0 {
				continue
			}
			for e := i + 1; e <= len(word) && e-i <= 4; e++ {
				if !runFits(word[i:e]) {
					continue
				}
				v := best[i][j]
				if keepsVowel(final, word[i:e]) {
					v++
				}
				best[e][j+1] = max(best[e][j+1], v)
			}
		}
	}
	if v := best[len(word)][k]; v >= 0 {
		return int(v), true
	}
	return 0, false
}

// keepsVowel reports whether a run of letters spells the vowel of a
// pinyin final as English does: with one of the final's own vowels, y for
// i, u for ü (written v), and for the neutral e of e, en, eng and er also a,
// u or o (赛格 sai ge is SEG, 德生 de sheng Tecsun); ong also as u.
func keepsVowel(final, run string) bool {
	also := ""
	switch final {
	case "e", "en", "eng", "er":
		also = "auo"
	case "ong", "iong":
		also = "u"
	}
	for i := 0; i < len(run); i++ {
		c := run[i]
		switch {
		case strings.IndexByte("aeiou", c) >= 0 && strings.IndexByte(final, c) >= 0,
			c == 'y' && strings.IndexByte(final, 'i') >= 0,
			c == 'u' && strings.IndexByte(final, 'v') >= 0,
			strings.IndexByte(also, c) >= 0:
			return true
		}
	}
	return false
}

// runFits reports whether a run of letters may be a syllable's: a run of
// more than one letter has a vowel, as every pinyin syllable has; one
// consonant alone may stand for a syllable whose vowel the word leaves out
// (ke → c in SLAC, te → t in INVT).
func runFits(run string) bool {
	if len(run) == 1 {
		return true
	}
	return strings.ContainsAny(run, "aeiouy")
}

// pinyinInitial returns the initial of a toneless pinyin syllable, "" for
// one without.
func pinyinInitial(syl string) string {
	for _, in := range pinyinInitials {
		if strings.HasPrefix(syl, in) && len(syl) > len(in) {
			return in
		}
	}
	return ""
}

// PinyinOnsets returns the letters with which an English word may begin
// the run that the toneless pinyin syllable writes (see PinyinWrites): "bp"
// for bang, "td" for tuo, the vowels for a syllable without an initial (ou).
func PinyinOnsets(syllable string) string {
	return initialLetters[pinyinInitial(syllable)]
}
