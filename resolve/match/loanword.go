package match

import (
	"strings"

	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/phon"
	"github.com/resolve-tool/resolve/resolve/romanize"
)

// Korean writes foreign words by sound, in Hangul: POSCO is 포스코
// (poseuko), Hynix 하이닉스 (hainikseu), Aerospace 에어로스페이스
// (eeoroseupeiseu). Romanised, such a word shares no spelling with the
// original, but both keep the same consonants once the sounds Korean merges
// are merged: p/b/f/v, t/d, k/g/c/q, j/z/ch, s/sh/th, r/l; vowels (and the
// eu Korean inserts after a final consonant) carry nothing, and English drops
// an r that no vowel follows (Motor 모터 moteo, Tire 타이어 taieo).
//
// loanSkeleton appends that consonant skeleton of a word to dst: for a
// Hangul word from its Revised Romanization, for a Latin word from its
// English spelling. It is a blocking key only (Name.loanKey): whether two
// words are one word by sound is decided by package phon (see
// loanwordPair), vowels included.

// minLoanSkeleton is the shortest skeleton that counts as evidence.
const minLoanSkeleton = 3

func loanSkeleton(dst []byte, s string, hangul bool) []byte {
	emit := func(c byte) {
		if len(dst) == 0 || dst[len(dst)-1] != c {
			dst = append(dst, c)
		}
	}
	isV := func(c byte) bool { return isVowel(c) || c == 'w' } // w is a glide, like y
	n := len(s)
	for i := 0; i < n; i++ {
		c := s[i]
		var next byte
		if i+1 < n {
			next = s[i+1]
		}
		if isV(c) {
			continue
		}
		if hangul {
			switch c {
			case 'g', 'k':
				emit('K')
			case 'd', 't':
				emit('T')
			case 'b', 'p':
				emit('P')
			case 'j':
				emit('J')
			case 'c': // ch
				emit('J')
				if next == 'h' {
					i++
				}
			case 's':
				emit('S')
			case 'r', 'l':
				emit('R')
			case 'm', 'n', 'h':
				emit(c - 'a' + 'A')
			}
			continue
		}
		soft := next == 'e' || next == 'i' || next == 'y'
		switch {
		case c == 'p' && next == 'h':
			emit('P')
			i++
		case (c == 't' || c == 's') && next == 'h':
			emit('S')
			i++
		case c == 'c' && next == 'h':
			emit('J')
			i++
		case c == 'c' && next == 'k':
			emit('K')
			i++
		case c == 'c' && soft:
			emit('S')
		case c == 'c' || c == 'k' || c == 'q':
			emit('K')
		case c == 'g' && soft:
			emit('J')
		case c == 'g':
			emit('K')
		case c == 'x':
			emit('K')
			emit('S')
		case c == 'b' || c == 'p' || c == 'f' || c == 'v':
			emit('P')
		case c == 'd' || c == 't':
			emit('T')
		case c == 'j' || c == 'z':
			emit('J')
		case c == 's':
			emit('S')
		case c == 'l':
			emit('R')
		case c == 'r':
			// Kept before a vowel (Aerospace), dropped before a consonant,
			// at the end and before a final e (Enerbility, Motor, Tire).
			if next != 0 && isV(next) && !(next == 'e' && i+2 == n) {
				emit('R')
			}
		case c == 'm' || c == 'n' || c == 'h':
			emit(c - 'a' + 'A')
		}
	}
	return dst
}

// loanwordPair reports whether two words, one in Hangul or katakana and one
// in Latin letters, are one foreign word written by sound (포스코 / POSCO,
// デサント / Descente): package phon compares the native word with the
// transcriptions of the English word by the official rules (CMUdict
// pronunciations, a spelling fallback for coined words), vowels included.
// A Korean name in Latin letters (Kyungki, Doosan) is left to its
// romanisation key, which is stricter.
//
// It returns how closely the sounds agree (1: a transcription exactly), 0
// when they do not, or agree less than minLoanword.
func loanwordPair(x, y *Word) float64 {
	native, latin := x, y
	if x.Script == normalize.Latin {
		native, latin = y, x
	}
	if latin.Script != normalize.Latin || (native.Script != normalize.Hangul && native.Script != normalize.Kana) {
		return 0
	}
	if native.Script == normalize.Hangul && romanize.SystemOf(latin.Text) == romanize.Korean {
		return 0
	}
	if l := native.spelt(); l != "" && len(latin.Text) <= 6 && l != latin.Text {
		return 0 // other letters (ディーエムエス DMS / JMS), however alike they sound
	}
	if s, ok := phon.Accepted(native.Orig, latin.Text); ok && loanwordEnough(native.Orig, s) {
		return s
	}
	return 0
}

// loanwordEnough reports whether sound agreement s of a native word and an
// English word counts: from minLoanword, or from longLoanword for a native
// word of four syllables or more: Hangul syllables, or kana without the
// long-vowel mark and the small kana (パーカー is two).
func loanwordEnough(native string, s float64) bool {
	if s >= minLoanword {
		return true
	}
	if s < longLoanword {
		return false
	}
	n := 0
	for _, r := range native {
		if r != 'ー' && !strings.ContainsRune("ァィゥェォッャュョヮぁぃぅぇぉっゃゅょゎ", r) {
			n++
		}
	}
	return n >= 4
}

// spellsLetters reports whether the Hangul or katakana word x spells the
// letters of the Latin word y (엘지 / LG, オーエスジー / OSG).
func spellsLetters(x, y *Word) bool {
	if (x.Script != normalize.Hangul && x.Script != normalize.Kana) || y.Script != normalize.Latin || len(y.Text) > 6 {
		return false
	}
	l := x.spelt()
	return l != "" && l == y.Text
}

// soundsAlike reports whether the first consonant of a Hangul or kana
// word's sound skeleton is the first of one of the Latin word's
// transcriptions: phon.Similar accepts no other pair, and this is cheaper.
func soundsAlike(native, latin *Word, sounds *soundMemo) bool {
	var script byte = 'h'
	if native.Script == normalize.Kana {
		script = 'k'
	}
	s := native.sound()
	return s != 0 && strings.IndexByte(sounds.first(latin, script), s) >= 0
}

// minLoanword is the least agreement of sounds that counts: below it, a
// short word is as likely another name of like sounds (위닉스 Winix /
// ENEX 0.83, 퓨릿 / FreeT 0.83). Between 0.90 and 0.92 (클라스타 /
// Clustar) a name of that one word scores below cluster.cross_threshold,
// and is linked only as a reciprocal best match.
const minLoanword = 0.90

// longLoanword is minLoanword for a word of four syllables or more, whose sounds fewer English words share: one syllable of a coined
// word transcribed two ways (슈프 / sup-) costs it 0.125 (dev ko 1,405 → 1,408
// correct pairs at 0.87, precision unchanged; 0.85 took a wrong pair in).
const longLoanword = 0.87
