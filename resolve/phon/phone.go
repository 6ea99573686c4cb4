package phon

import "strings"

// ARPAbet phones as small codes. Vowels come first so that isVowel is a
// range check.
const (
	pNone byte = iota
	pAA        // ɑ   father, (American) hot
	pAE        // æ   cat
	pAH        // ʌ   cut; ə when unstressed (AH0)
	pAO        // ɔ   law, (American) dog
	pAW        // aʊ  house
	pAY        // aɪ  time
	pEH        // ɛ   bed
	pER        // ɝ ɚ bird, butter
	pEY        // eɪ  day
	pIH        // ɪ   bit
	pIY        // i   bee
	pOW        // oʊ  go
	pOY        // ɔɪ  boy
	pUH        // ʊ   book
	pUW        // u   food
	pB
	pCH
	pD
	pDH
	pF
	pG
	pHH
	pJH
	pK
	pL
	pM
	pN
	pNG
	pP
	pR
	pS
	pSH
	pT
	pTH
	pV
	pW
	pY
	pZ
	pZH
	nPhones
)

var phoneNames = [nPhones]string{
	"", "AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW",
	"B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH",
	"T", "TH", "V", "W", "Y", "Z", "ZH",
}

func isVowel(p byte) bool { return p >= pAA && p <= pUW }

// phoneByName indexes the codes by the letters of the symbol: first letter
// ·27 + second letter (or 26 when there is none).
var phoneByName = func() (t [26 * 27]byte) {
	for i := pAA; i < nPhones; i++ {
		n := phoneNames[i]
		k := int(n[0]-'A') * 27
		if len(n) == 2 {
			k += int(n[1] - 'A')
		} else {
			k += 26
		}
		t[k] = i
	}
	return t
}()

// phoneCode returns the code of an ARPAbet symbol without its stress digit,
// or pNone.
func phoneCode(sym string) byte {
	if len(sym) == 0 || len(sym) > 2 || sym[0] < 'A' || sym[0] > 'Z' {
		return pNone
	}
	k := int(sym[0]-'A') * 27
	if len(sym) == 2 {
		if sym[1] < 'A' || sym[1] > 'Z' {
			return pNone
		}
		k += int(sym[1] - 'A')
	} else {
		k += 26
	}
	return phoneByName[k]
}

// A stored phone is one byte: code | stress<<6 (stress 0, 1 or 2, vowels
// only).
func packPhone(code, stress byte) byte { return code | stress<<6 }

func unpackPhone(b byte) (code, stress byte) { return b & 0x3f, b >> 6 }

// seg is one phone of a pronunciation being transcribed, with the letters
// of the English spelling it was aligned to.
type seg struct {
	p      byte   // phone code
	stress byte   // 0 unstressed, 1 primary, 2 secondary (vowels)
	sp     string // aligned letters of the spelling, "" if none
}

// reduced reports an unstressed AH or IH: a schwa whose written vowel
// decides its transcription.
func (s seg) reduced() bool { return s.stress == 0 && (s.p == pAH || s.p == pIH) }

// letter is the first vowel letter of the aligned spelling, or 0; the io
// of -ion counts as o (fashion 패션, ファッション), the ia of -ia as a.
func (s seg) letter() byte {
	if len(s.sp) >= 2 {
		switch s.sp[:2] {
		case "io":
			return 'o'
		case "ia":
			return 'a' // Russia, Christian
		}
	}
	for i := 0; i < len(s.sp); i++ {
		switch c := s.sp[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return c
		}
	}
	return 0
}

// single returns the vowel letter when the spelling is that one letter
// (possibly with a silent consonant), else 0.
func (s seg) single() byte {
	v, n := byte(0), 0
	for i := 0; i < len(s.sp); i++ {
		switch c := s.sp[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			v = c
			n++
		}
	}
	if n == 1 {
		return v
	}
	return 0
}

// spelledO reports a vowel written with o alone (not oa, ou, ow, oo): the
// short British o of hot, shop, body that Korean and Japanese write 오/オ.
func (s seg) spelledO() bool { return s.single() == 'o' }

// short reports the vowels that count as short for the coda rules of both
// scripts (Korean 받침, Japanese ッ): æ ɛ ɪ ʊ ʌ ə, and ɑ ɔ spelled o.
func (s seg) short() bool {
	switch s.p {
	case pAE, pEH, pIH, pUH, pAH:
		return true
	case pAA, pAO:
		return s.spelledO()
	}
	return false
}

func isCoronal(p byte) bool {
	switch p {
	case pT, pD, pS, pZ, pTH, pDH:
		return true
	}
	return false
}

// siaReading reports the ʃ or ʒ at i of a final -sia, -sian, -tia, written
// 시아 / シア, ジア as spelled (Asia 아시아 アジア, Russia 러시아 ロシア).
func siaReading(segs []seg, i int) bool {
	if i+1 >= len(segs) || (segs[i].p != pSH && segs[i].p != pZH) {
		return false
	}
	n := segs[i+1]
	if !n.reduced() || n.letter() != 'a' {
		return false
	}
	if n.sp != "ia" && !strings.HasSuffix(segs[i].sp, "i") {
		return false
	}
	return i+2 == len(segs) || (i+3 == len(segs) && segs[i+2].p == pN)
}

// earBeforeVowel reports a stressed ɪ or i at i before an r and a vowel in a
// word written with eer, ear, ier or eir: British ɪə before the r, as in
// engineering 엔지니어링 エンジニアリング, hearing 히어링 ヒアリング.
func earBeforeVowel(word string, segs []seg, i int) bool {
	if segs[i].stress == 0 || (segs[i].p != pIH && segs[i].p != pIY) {
		return false
	}
	if i+2 >= len(segs) || segs[i+1].p != pR || !isVowel(segs[i+2].p) {
		return false
	}
	for _, w := range [...]string{"eer", "ear", "ier", "eir"} {
		if strings.Contains(word, w) {
			return true
		}
	}
	return false
}
