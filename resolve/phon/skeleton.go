package phon

// Sound skeletons for blocking. A blocking index needs keys that are equal,
// not similar: the skeleton of a tolerant key keeps its consonants only,
// voiced and voiceless alike (Korean writes p/b, t/d, k/g by one letter at
// the start of a syllable and another at the end), and one of each repeated
// run. 메디젠 and Medizen, ブロードメディア and Broadmedia share theirs; so do
// many other words, which is what a blocking key may do.

import "strings"

// skeleton appends the consonant skeleton of a tolerant key to dst.
func skeleton[S ~string | ~[]byte](dst []byte, key S) []byte {
	start := len(dst)
	for i := 0; i < len(key); i++ {
		c := key[i]
		if isVowelSym(c) || c == 'y' || c == 'w' || c == 'Y' || c == 'W' {
			continue
		}
		switch c {
		case 'G', 'g':
			c = 'K'
		case 'D', 'd':
			c = 'T'
		case 'B', 'b':
			c = 'P'
		case 'J', 'j', 'z', 'Z':
			c = 'C'
		default:
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// NativeSkeleton returns the consonant skeleton of a Hangul or katakana
// word and its script ('h' or 'k'), or script 0 for other text.
func NativeSkeleton(native string) (string, byte) {
	var buf [96]byte
	k, script := nativeKey(buf[:0], native)
	if script == 0 || len(k) == 0 {
		return "", 0
	}
	var out [96]byte
	return string(skeleton(out[:0], k)), script
}

// NativeFirstSound returns the first byte of the skeleton NativeSkeleton
// returns, or 0 when it is empty or native is not Hangul or katakana,
// without allocating.
func NativeFirstSound(native string) byte {
	var buf, out [96]byte
	k, script := nativeKey(buf[:0], native)
	if script == 0 {
		return 0
	}
	if sk := skeleton(out[:0], k); len(sk) > 0 {
		return sk[0]
	}
	return 0
}

// EnglishSkeletons calls fn with each distinct consonant skeleton of the
// transcriptions of an English word into script ('h' Hangul, 'k'
// katakana): the keys under which a name written by sound meets it.
func EnglishSkeletons(english string, script byte, fn func(string)) {
	w, ok := normWord(english)
	if !ok {
		return
	}
	var seen [8]string
	n := 0
	var buf [96]byte
	get().eachKey(w, script, func(key string) {
		sk := string(skeleton(buf[:0], key))
		for _, s := range seen[:n] {
			if s == sk {
				return
			}
		}
		if n < len(seen) {
			seen[n] = sk
			n++
		}
		fn(sk)
	})
}

// QuickSkeletons is EnglishSkeletons at a bounded cost, for a blocking
// index over millions of names: a common word (the reverse index's) gives
// the skeletons of its transcriptions; any other word one skeleton read
// from its spelling (see spellingSkeleton), without the pronunciation
// guesser that EnglishSkeletons runs for coined words.
func QuickSkeletons(english string, script byte, fn func(string)) {
	w, ok := normWord(english)
	if !ok {
		return
	}
	t := get()
	if id := t.find(w); id >= 0 && t.common(id) {
		EnglishSkeletons(w, script, fn)
		return
	}
	spellingSkeletons(w, script, fn)
}

// SpellingSkeletons calls fn with the skeletons a word's spelling gives in
// script (see spellingSkeleton), without its pronunciation: for a coined
// word the spelling is often nearer the native name than the guessed
// pronunciation (GENESISNRD: CNSNLT as 제네시스엔알디 is, not CNSNT).
func SpellingSkeletons(english string, script byte, fn func(string)) {
	if w, ok := normWord(english); ok {
		spellingSkeletons(w, script, fn)
	}
}

func spellingSkeletons(w string, script byte, fn func(string)) {
	var buf [96]byte
	sk := spellingSkeleton(buf[:0], w, script, false)
	if len(sk) > 0 {
		fn(string(sk))
	}
	// ch is hard in many an English coinage (Techwing 테크윙, Unichem
	// 유니켐), soft in a romanised native word (Chungho 청호); th is voiced
	// as often as not (Withus 위더스, this 디스), written with ㄷ or ド, not
	// ㅅ or ス.
	if strings.Contains(w, "ch") || strings.Contains(w, "th") {
		var alt [96]byte
		if ak := spellingSkeleton(alt[:0], w, script, true); len(ak) > 0 && string(ak) != string(sk) {
			fn(string(ak))
		}
	}
}

// spellingSkeleton appends the consonant skeleton (the alphabet of
// skeleton) that a word's English spelling most likely has once written in
// script ('h' Hangul, 'k' katakana): b p f v → P, d t → T, g k q and a hard
// c → K, j z, ch, soft g → C, s sh th and a soft c → S, x → KS, l and r → L
// in Hangul, R in katakana, m → M, n → N (ng, nk → Q in Hangul: 링크), h → H;
// vowels, w and y are
// dropped and a repeated consonant kept once. alt reads ch as K and th as
// T (see QuickSkeletons).
func spellingSkeleton(dst []byte, w string, script byte, alt bool) []byte {
	start := len(dst)
	emit := func(c byte) {
		if len(dst) == start || dst[len(dst)-1] != c {
			dst = append(dst, c)
		}
	}
	soft := func(i int) bool { return i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i' || w[i+1] == 'y') }
	liquid := byte('L')
	if script == 'k' {
		liquid = 'R'
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'c' && next == 'h', c == 's' && next == 'h', c == 't' && next == 'h', c == 'p' && next == 'h':
			switch {
			case c == 'c' && alt:
				emit('K')
			case c == 'c':
				emit('C')
			case c == 'p':
				emit('P')
			case c == 't' && alt:
				emit('T')
			default:
				emit('S')
			}
			i++
		case c == 'c' && next == 'k':
			emit('K')
			i++
		case c == 'c':
			if soft(i) {
				emit('S')
			} else {
				emit('K')
			}
		case c == 'g':
			if soft(i) {
				emit('C')
			} else {
				emit('K')
			}
		case c == 'b' || c == 'p' || c == 'f' || c == 'v':
			emit('P')
		case (c == 'd' || c == 't') && script == 'k' && next == 'i':
			emit('C') // ディ, ティ key as ジ, チ (Medikit メディキット)
		case c == 't' && script == 'k' && next == 's':
			emit('T') // ツ (Appirits アピリッツ)
			i++
		case c == 'd' || c == 't':
			emit('T')
		case c == 'k' || c == 'q':
			emit('K')
		case c == 'j' || c == 'z':
			emit('C')
		case c == 's':
			emit('S')
		case c == 'x':
			emit('K')
			emit('S')
		case c == 'r' && i > 0 && isVowelLetter(w[i-1]) && (next == 0 || !isVowelLetter(next)):
			// English r after a vowel and before a consonant or at the
			// end is not written in Hangul or katakana (Derk 덕, Porter
			// 포터): the skeleton of the sound, not of the spelling.
		case c == 'l' || c == 'r':
			emit(liquid)
		case c == 'm':
			emit('M')
		case c == 'n' && script == 'h' && next == 'g':
			emit('Q') // the final ㅇ of 롱, 링
			i++
		case c == 'n' && script == 'h' && next == 'k':
			emit('Q') // 링크
		case c == 'n':
			emit('N')
		case c == 'h':
			emit('H')
		}
	}
	return dst
}
