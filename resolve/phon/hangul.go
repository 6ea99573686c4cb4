package phon

import "unicode/utf8"

// Korean transcription of English pronunciations by the rules of
// 외래어 표기법 (국립국어원), chapter 3, section 1 (English):
//
//   - 제1항 voiceless stops p t k: 받침 (ㅂ ㅅ ㄱ) at the end of a word after a
//     short vowel (book 북, cat 캣) and between a short vowel and a consonant
//     other than l r m n (setback 셋백); otherwise with ㅡ (cape 케이프,
//     apple 애플, part 파트).
//   - 제2항 voiced stops b d g: with ㅡ before consonants and at the end
//     (bulb 벌브, land 랜드).
//   - 제3항 fricatives: s z f v θ ð with ㅡ (mask 마스크, jazz 재즈); ʃ 시 at
//     the end, 슈 before a consonant, 샤 섀 셔 셰 쇼 슈 시 before vowels
//     (flash 플래시, shrub 슈러브, fashion 패션); ʒ 지 / ㅈ (vision 비전).
//   - 제4항 affricates: ts dz 츠 즈, tʃ dʒ 치 지 / ㅊ ㅈ (Keats 키츠,
//     bridge 브리지, chart 차트).
//   - 제5항 nasals as 받침 (steam 스팀, ink 잉크); ŋ between vowels as the
//     받침 of the first syllable (hanging 행잉).
//   - 제6항 l as 받침 at the end and before consonants (hotel 호텔); ㄹㄹ
//     between vowels and before a nasal without a vowel (slide 슬라이드,
//     film 필름), but ㄹ after m n (Henley 헨리).
//   - 제7항 long vowels unmarked (team 팀); 제8항 diphthongs by their parts,
//     [ou] 오, [auə] 아워 (time 타임, boat 보트, tower 타워).
//   - 제9항 w: 워 와 왜 웨 위 우, after a consonant in two syllables except gw
//     hw kw (swing 스윙, quarter 쿼터); j joins the vowel (yard 야드), but
//     d l n + jə are 디어 리어 니어 (union 유니언).
//   - r after a vowel is not written (part 파트); ə ər are 어 (word 워드);
//     æ 애, ɔ 오; ɛə 에어, ɪə 이어 (care 케어, ear 이어).
//
// ㅈ and ㅊ take no y-vowel (주스, not 쥬스). CMUdict is American, the rules
// British: ɑ written o (hot, shop) is 오 as British ɒ (with 아 as a variant),
// and the written vowel of a schwa chooses between 어 and the usual spellings
// (chemical 케미컬 / 케미칼, system 시스템, open 오픈).

// kmode selects the variant forms of a Korean transcription.
type kmode uint8

const (
	// kReduced writes schwas spelled a o u e with their letter (케미칼,
	// 캐피탈) rather than 어.
	kReduced kmode = 1 << iota
	// kSpell writes every simple vowel by its letter (academy 아카데미,
	// radio 라디오), the reading by spelling common in brand names.
	kSpell
	// kAlt takes the usual departures from the standard: 받침 after long
	// vowels too (타입, 그룹, 네트웍), voiced 받침 (웹, 빅, 굿), American ɑ as 아
	// (탑, 칼리지), plural s as 스 or 즈, 오우 for final ow (윈도우).
	kAlt
)

// Hangul jamo indices (initial, medial, final) of the syllable formula
// 0xAC00 + (initial·21 + medial)·28 + final.
const (
	iG int8 = iota
	iGG
	iN
	iD
	iDD
	iR
	iM
	iB
	iBB
	iS
	iSS
	iNG
	iJ
	iJJ
	iCH
	iK
	iT
	iP
	iH
)

const (
	vA int8 = iota
	vAE
	vYA
	vYAE
	vEO
	vE
	vYEO
	vYE
	vO
	vWA
	vWAE
	vOE
	vYO
	vU
	vWEO
	vWE
	vWI
	vYU
	vEU
	vUI
	vI
)

const (
	fNone int8 = 0
	fG    int8 = 1
	fN    int8 = 4
	fL    int8 = 8
	fM    int8 = 16
	fB    int8 = 17
	fS    int8 = 19
	fNG   int8 = 21
)

type ksyl struct{ on, vo, co int8 }

// kInitial is the initial of a consonant phone before a vowel.
var kInitial = [nPhones]int8{
	pB: iB, pCH: iCH, pD: iD, pDH: iD, pF: iP, pG: iG, pHH: iH, pJH: iJ, pK: iK, pL: iR,
	pM: iM, pN: iN, pNG: iNG, pP: iP, pR: iR, pS: iS, pSH: iS, pT: iT, pTH: iS, pV: iB,
	pW: iNG, pY: iNG, pZ: iJ, pZH: iJ,
}

// kLetter is the vowel of a letter read by spelling.
var kLetter = [26]int8{'a' - 'a': vA, 'e' - 'a': vE, 'i' - 'a': vI, 'o' - 'a': vO, 'u' - 'a': vU, 'y' - 'a': vI}

func yot(v int8) int8 {
	switch v {
	case vA:
		return vYA
	case vAE:
		return vYAE
	case vEO:
		return vYEO
	case vE:
		return vYE
	case vO:
		return vYO
	case vU:
		return vYU
	case vEU:
		return vI
	}
	return v
}

func deyot(v int8) int8 {
	switch v {
	case vYA:
		return vA
	case vYAE:
		return vAE
	case vYEO:
		return vEO
	case vYE:
		return vE
	case vYO:
		return vO
	case vYU:
		return vU
	}
	return v
}

func lab(v int8) int8 {
	switch v {
	case vA:
		return vWA
	case vAE:
		return vWAE
	case vEO, vO:
		return vWEO
	case vE:
		return vWE
	case vI:
		return vWI
	case vEU:
		return vU
	}
	return v
}

// kbuild transcribes one pronunciation; it is reused between calls.
type kbuild struct {
	word string
	segs []seg
	m    kmode
	used kmode // the modes that changed a choice (or would have)
	syl  []ksyl
	out  []byte
}

// hangul returns the transcription of segs (aligned to word) in mode m and
// the set of modes that would change it.
func (b *kbuild) hangul(word string, segs []seg, m kmode) (string, kmode) {
	b.word, b.segs, b.m, b.used = word, segs, m, 0
	b.syl = b.syl[:0]
	b.run()
	b.out = b.out[:0]
	for _, s := range b.syl {
		b.out = utf8.AppendRune(b.out, rune(0xAC00+(int(s.on)*21+int(s.vo))*28+int(s.co)))
	}
	return string(b.out), b.used
}

// pick returns alt when mode f is on and records that f matters here.
func (b *kbuild) pick(f kmode, primary, alt int8) int8 {
	if primary == alt {
		return primary
	}
	b.used |= f
	if b.m&f != 0 {
		return alt
	}
	return primary
}

// flip returns v, negated when mode f is on, and records that f matters.
func (b *kbuild) flip(f kmode, v bool) bool {
	b.used |= f
	return v != (b.m&f != 0)
}

func (b *kbuild) on(f kmode) bool {
	b.used |= f
	return b.m&f != 0
}

func (b *kbuild) add(on, vo, co int8) { b.syl = append(b.syl, ksyl{on, vo, co}) }

// coda puts f as the 받침 of the last syllable if it has none, else writes
// it as a syllable of its own with ㅡ.
func (b *kbuild) coda(f, on int8) {
	if n := len(b.syl); n > 0 && b.syl[n-1].co == fNone {
		b.syl[n-1].co = f
		return
	}
	b.add(on, vEU, fNone)
}

func (b *kbuild) codaFree() bool { n := len(b.syl); return n > 0 && b.syl[n-1].co == fNone }

func (b *kbuild) phone(i int) byte {
	if i >= 0 && i < len(b.segs) {
		return b.segs[i].p
	}
	return pNone
}

// vowelAt reports a vowel phone at i.
func (b *kbuild) vowelAt(i int) bool { return isVowel(b.phone(i)) }

// beforeVowel reports that the phone at i is followed by a vowel, possibly
// through a glide.
func (b *kbuild) beforeVowel(i int) bool {
	n := b.phone(i + 1)
	return isVowel(n) || ((n == pW || n == pY) && b.vowelAt(i+2))
}

func (b *kbuild) run() {
	segs := b.segs
	n := len(segs)
	onset, onsetP := int8(-1), pNone
	glide := pNone
	for i := 0; i < n; i++ {
		s := segs[i]
		if isVowel(s.p) {
			v, nv, g := b.vowel(i)
			first := v[0]
			switch glide {
			case pY:
				first = yot(first)
			case pW:
				first = lab(first)
			}
			switch onsetP {
			case pSH:
				first = yot(first)
			case pCH, pJH, pZH, pZ:
				first = deyot(first)
			}
			on := onset
			if on < 0 {
				on = iNG
			}
			b.add(on, first, fNone)
			for k := 1; k < nv; k++ {
				b.add(iNG, v[k], fNone)
			}
			onset, onsetP, glide = -1, pNone, g
			if s.p == pER && b.vowelAt(i+1) {
				onset, onsetP = iR, pR // fisheries 피셔리즈: the r of ər before a vowel
			}
			continue
		}
		next := b.phone(i + 1)
		if s.p == pW || s.p == pY {
			if isVowel(next) {
				glide = s.p
				// d l n + jə → 디어 리어 니어 (제9항 3)
				if s.p == pY && (onsetP == pD || onsetP == pL || onsetP == pN) &&
					(segs[i+1].reduced() || (segs[i+1].p == pER && segs[i+1].stress == 0)) {
					b.add(onset, vI, fNone)
					onset, onsetP, glide = -1, pNone, pNone
				}
				continue
			}
			on := onset
			if on < 0 {
				on = iNG
			}
			if s.p == pW {
				b.add(on, vU, fNone)
			} else {
				b.add(on, vI, fNone)
			}
			onset, onsetP = -1, pNone
			continue
		}
		if isVowel(next) || (next == pY && b.vowelAt(i+2)) ||
			(next == pW && b.vowelAt(i+2) && (s.p == pG || s.p == pK || s.p == pHH)) {
			switch s.p {
			case pNG:
				b.coda(fNG, iNG) // hanging 행잉
				continue
			case pSH, pZH:
				if siaReading(segs, i) {
					b.add(iS, vI, fNone) // Asia 아시아, Russia 러시아
					continue
				}
			case pL:
				// 어중 [l] before a vowel: ㄹㄹ, but ㄹ after m n (제6항 2)
				if p := b.phone(i - 1); i > 0 && p != pM && p != pN && p != pNG && b.codaFree() {
					b.syl[len(b.syl)-1].co = fL
				}
			}
			onset, onsetP = kInitial[s.p], s.p
			if s.p == pTH && b.on(kAlt) {
				onset = iT // therapy 테라피, as written th
			}
			continue
		}
		i = b.standalone(i)
	}
}

// obstruentOrEnd reports that the phone at i is the end of the word or a
// consonant other than l r m n and the glides.
func (b *kbuild) obstruentOrEnd(i int) bool {
	switch p := b.phone(i); p {
	case pNone:
		return true
	case pL, pR, pM, pN, pNG, pW, pY:
		return false
	default:
		return !isVowel(p)
	}
}

// standalone writes a consonant that no vowel follows, as 받침 or with an
// epenthetic vowel, and returns the index of the last phone it used.
func (b *kbuild) standalone(i int) int {
	segs := b.segs
	s := segs[i]
	n := len(segs)
	next := b.phone(i + 1)
	prevV := i > 0 && isVowel(segs[i-1].p)
	prevShort := prevV && segs[i-1].short()
	clusterEnd := func(k int) bool { return k+1 >= n || !b.beforeVowel(k) && !isVowel(b.phone(k+1)) }
	switch s.p {
	case pR:
		if i == 0 {
			b.add(iR, vEU, fNone)
		}
		return i // r after a vowel is not written
	case pM:
		b.coda(fM, iM)
	case pN:
		b.coda(fN, iN)
	case pNG:
		b.coda(fNG, iNG)
	case pL:
		if prevV && (next == pM || next == pN) && !b.beforeVowel(i+1) {
			b.coda(fL, iR) // film 필름
			b.add(iR, vEU, fNone)
			break
		}
		b.coda(fL, iR)
	case pP, pT, pK:
		if s.p == pT && next == pS && clusterEnd(i+1) {
			if prevShort && b.on(kAlt) && b.codaFree() {
				b.coda(fS, iS) // 캣츠
			}
			b.add(iCH, vEU, fNone) // Keats 키츠
			return i + 1
		}
		codaOK := prevV && b.codaFree() && b.obstruentOrEnd(i+1)
		if codaOK && !prevShort {
			codaOK = b.on(kAlt) // type 타입, group 그룹
		}
		if codaOK {
			b.coda([...]int8{pP: fB, pT: fS, pK: fG}[s.p], 0)
		} else {
			b.add(kInitial[s.p], vEU, fNone)
		}
	case pB, pD, pG:
		if s.p == pD && next == pZ && clusterEnd(i+1) {
			b.add(iJ, vEU, fNone) // odds 오즈
			return i + 1
		}
		if prevShort && b.codaFree() && b.obstruentOrEnd(i+1) && b.on(kAlt) {
			b.coda([...]int8{pB: fB, pD: fS, pG: fG}[s.p], 0) // web 웹, good 굿
		} else {
			b.add(kInitial[s.p], vEU, fNone)
		}
	case pSH:
		if next == pNone {
			b.add(iS, vI, fNone) // flash 플래시
		} else {
			b.add(iS, vYU, fNone) // shrub 슈러브
		}
	case pZH, pJH:
		b.add(iJ, vI, fNone)
	case pCH:
		b.add(iCH, vI, fNone)
	case pZ:
		// plural -s: 스 after ŋ and vowels (홀딩스, 뉴스), else 즈 (시스템즈)
		if next == pNone && (s.sp == "s" || s.sp == "es") {
			p := b.phone(i - 1)
			if b.flip(kAlt, p == pNG || isVowel(p)) {
				b.add(iS, vEU, fNone)
				break
			}
		}
		b.add(iJ, vEU, fNone)
	default: // S TH F V DH HH
		b.add(kInitial[s.p], vEU, fNone)
	}
	return i
}

// vowel returns the medials (one to three) of the vowel at i and the glide
// it leaves for a following vowel.
func (b *kbuild) vowel(i int) (v [3]int8, nv int, glide byte) {
	segs := b.segs
	s := segs[i]
	n := len(segs)
	rNext := b.phone(i+1) == pR && !b.vowelAt(i+2)
	one := func(x int8) ([3]int8, int, byte) { return [3]int8{x}, 1, pNone }
	two := func(x, y int8) ([3]int8, int, byte) { return [3]int8{x, y}, 2, pNone }
	spell := s.single()
	if rNext || (s.p == pAH && spell == 'u') || !spellable(s.p) {
		spell = 0 // r-coloured vowels (care 케어) and ʌ written u (bus 버스) keep their sound
	}
	if l := spell; l != 0 && b.m&kSpell != 0 {
		b.used |= kSpell
		v, nv, glide = one(kLetter[l-'a'])
		if s.p == pEY || s.p == pAW || s.p == pAY {
			return
		}
		return
	}
	if spell != 0 {
		b.used |= kSpell
	}
	withR := func(x int8) ([3]int8, int, byte) {
		if rNext {
			return two(x, vEO)
		}
		return one(x)
	}
	switch s.p {
	case pAA:
		switch {
		case s.spelledO():
			return one(b.pick(kAlt, vO, vA)) // hot 핫, shop 숍 / 샵
		case b.phone(i-1) == pW && s.single() == 'a':
			return one(b.pick(kAlt, vEO, vA)) // want 원트, quality 퀄리티
		}
		return one(vA)
	case pAE:
		return one(vAE)
	case pAH:
		if s.reduced() {
			return one(b.reduced(i))
		}
		return one(vEO)
	case pAO:
		if rNext && i+2 == n && endsRe(b.word) {
			return two(vO, b.pick(kAlt, vEO, vA)) // core 코어 / 코아, store 스토어
		}
		return one(vO)
	case pAW:
		switch {
		case b.vowelAt(i + 1):
			return [3]int8{vA}, 1, pW // power 파워
		case rNext:
			return two(vA, vWEO) // hour 아워
		}
		return two(vA, vU)
	case pAY:
		if rNext {
			return [3]int8{vA, vI, vEO}, 3, pNone // fire 파이어
		}
		return two(vA, vI)
	case pEH:
		return withR(vE)
	case pER:
		if s.stress == 0 {
			return one(b.pick(kReduced, vEO, vA)) // center 센터 / 센타
		}
		return one(vEO)
	case pEY:
		if rNext {
			return two(vE, vEO)
		}
		return two(vE, vI)
	case pIH, pIY:
		if s.p == pIH && s.reduced() && !rNext {
			return one(b.reduced(i))
		}
		if earBeforeVowel(b.word, segs, i) || (b.phone(i+1) == pR && b.vowelAt(i+2) && s.stress > 0 && b.on(kAlt)) {
			return two(vI, vEO) // engineering 엔지니어링, hero 히어로
		}
		return withR(vI)
	case pOW:
		if i == n-1 && len(s.sp) > 1 && s.sp[len(s.sp)-1] == 'w' && b.on(kAlt) {
			return two(vO, vU) // window 윈도우
		}
		return one(vO)
	case pOY:
		return two(vO, vI)
	case pUH, pUW:
		return withR(vU)
	}
	return one(vEO)
}

// spellable reports the simple vowels that the spelling reading replaces.
func spellable(p byte) bool {
	switch p {
	case pAA, pAE, pAH, pAO, pEH, pIH, pIY, pUH, pUW, pEY:
		return true
	}
	return false
}

// endsRe reports the written -re, -oor, -our, -oar of core, door, four.
func endsRe(w string) bool {
	n := len(w)
	return n >= 3 && (w[n-2:] == "re" || w[n-3:] == "oor" || w[n-3:] == "our" || w[n-3:] == "oar")
}

// reduced chooses the vowel of a schwa (AH0, IH0) from its letter and
// context; kReduced takes the alternative.
func (b *kbuild) reduced(i int) int8 {
	segs := b.segs
	s := segs[i]
	n := len(segs)
	next, prev := b.phone(i+1), b.phone(i-1)
	finalN := next == pN && i+2 == n
	l := s.letter()
	if s.p == pIH {
		switch l {
		case 'e':
			switch {
			case next == pN:
				return b.pick(kReduced, vEO, vE)
			case (next == pS || next == pZ || next == pJH || next == pD) && i+2 == n:
				return vI // boxes, college 칼리지
			}
			return b.pick(kReduced, vE, vI) // market 마켓, ticket 티켓
		}
		return vI
	}
	switch l {
	case 'e':
		switch {
		case finalN && (isCoronal(prev) || prev == pP || prev == pV || prev == pF || prev == pK || prev == pG || prev == pB):
			return b.pick(kReduced, vEU, vEO) // open 오픈, golden 골든
		case next == pN:
			return b.pick(kReduced, vEO, vE) // moment 모먼트
		case (next == pS || next == pZ) && (i+2 == n || (i+3 == n && b.phone(i+2) == pT)):
			return b.pick(kReduced, vI, vE) // business 비즈니스, honest 어니스트
		case next == pJH && i+2 == n:
			return vI
		}
		return b.pick(kReduced, vE, vEO) // system 시스템, level 레벨
	case 'i', 'y':
		return vI // capital 캐피털, family 패밀리
	case 'a':
		switch {
		case i == n-1:
			if prev == pIY || prev == pIH || prev == pY {
				return b.pick(kReduced, vEO, vA) // media 미디어
			}
			return b.pick(kReduced, vA, vEO) // camera 카메라
		case next == pJH && i+2 == n:
			return vI // package 패키지
		}
		return b.pick(kReduced, vEO, vA) // global 글로벌, chemical 케미컬 / 케미칼
	case 'o':
		if (len(s.sp) >= 2 && s.sp[:2] == "io") || (finalN && (prev == pSH || prev == pZH || prev == pCH || prev == pJH)) {
			return vEO // -tion 션, -sion 전, never 숀
		}
		if finalN && isCoronal(prev) {
			return b.pick(kReduced, vEO, vEU) // London 런던, button 버튼
		}
		return b.pick(kReduced, vEO, vO) // control 컨트롤 / 콘트롤
	case 'u':
		return b.pick(kReduced, vEO, vU)
	case 0:
		if (next == pM || next == pN || next == pL) && i+2 == n {
			return vEU // syllabic: rhythm 리듬
		}
	}
	return vEO
}
