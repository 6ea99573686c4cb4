package phon

// Sound skeletons for blocking. A blocking index needs keys that are equal,
// not similar: the skeleton of a tolerant key keeps its consonants only,
// voiced and voiceless alike (Korean writes p/b, t/d, k/g by one letter at
// the start of a syllable and another at the end), and one of each repeated
// run. 메디젠 and Medizen, ブロードメディア and Broadmedia share theirs; so do
// many other words, which is what a blocking key may do.

// skeleton appends the consonant skeleton of a tolerant key to dst.
func skeleton(dst []byte, key string) []byte {
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
	return string(skeleton(out[:0], string(k))), script
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
