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
// as above. It wants two to four syllables and a word of letters a-z at
// least as long as the syllables are many, plus one, and at most four
// letters a syllable.
//
//	PinyinWrites([]string{"si", "lai", "ke"}, "slac")         // true
//	PinyinWrites([]string{"duo", "pu", "le"}, "doppler")      // true
//	PinyinWrites([]string{"tian", "jian"}, "tagen")           // true
//	PinyinWrites([]string{"tian", "jian"}, "shenzhen")        // false
func PinyinWrites(syllables []string, word string) bool {
	k := len(syllables)
	if k < 2 || k > 4 || len(word) < k+1 || len(word) > 4*k {
		return false
	}
	for i := 0; i < len(word); i++ {
		if word[i] < 'a' || word[i] > 'z' {
			return false
		}
	}
	// reach[i]: the first j syllables can write word[:i], as a bit set of j.
	var reach [4*4 + 1]uint8
	reach[0] = 1
	for j, syl := range syllables {
		starts := initialLetters[pinyinInitial(syl)]
		for i := 0; i < len(word); i++ {
			if reach[i]&(1<<j) == 0 || strings.IndexByte(starts, word[i]) < 0 {
				continue
			}
			for e := i + 1; e <= len(word) && e-i <= 4; e++ {
				if runFits(word[i:e]) {
					reach[e] |= 1 << (j + 1)
				}
			}
		}
	}
	return reach[len(word)]&(1<<k) != 0
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
