package ja

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxKeyRounds bounds the rewrite rounds of Key; two suffice for every
// real word (the second only confirms), the bound only guards odd input.
const maxKeyRounds = 4

// Key returns a key under which the spellings of one Japanese word in the
// romanisations in use compare equal: Hepburn (modified, traditional,
// passport), Kunrei/Nihon-shiki and the company spellings of long vowels.
// It takes a romaji word from Romaji as well as a Latin word as an English
// name writes it (KOGYO, Kougyou, SHOJI, Nisshin, WASOU, Ōsaka):
//
//	Key("kogyo") == Key("kougyou") == Key("kōgyō") == Key("kohgyoh") // "kogyo"
//	Key("shoji") == Key("syozi") == Key("SHOUJI")                    // "syozi"
//	Key("nisshin") == Key("nishin")                                  // "nisin"
//	Key("shimbun") == Key("shinbun")                                 // "sinbun"
//	Key("nihon") != Key("nippon")  // two readings, not two spellings
//
// The merges, in order: case and diacritics (ō ô → o), then anything but
// ASCII letters and digits is dropped (n', hyphens); consonants as Kunrei
// writes them: shi/si, sha/sya, chi/ti, cho/tyo, tsu/tu, fu/hu, ji/zi/di,
// ja/zya/jya, zu/du, wo/o, m before b, m, p is n; then long vowels and
// doubled letters: ō = ou = oo = oh (before a consonant or at the end) = o,
// ei = ee = e, uu = u, ii = i, aa = a, nn = n, and double consonants are
// single (nisshin = nishin, matcha = macha). Within Japanese the merges
// lose little (ei = e and single consonants make a few words one key:
// kei and ke, kitte and kite); on English words they are harmless because
// both sides of a comparison are keyed alike. Key is idempotent and total: any string
// gives a key (possibly ""), without panics.
func Key(s string) string {
	cur := keyLetters(s)
	var cons, spare []byte
	for range maxKeyRounds {
		cons = keyConsonants(cons[:0], cur)
		next := keyVowels(spare[:0], cons)
		if bytes.Equal(next, cur) {
			break
		}
		cur, spare = next, cur
	}
	return string(cur)
}

// keyLetters lowercases s, strips diacritics and keeps only ASCII letters
// and digits.
func keyLetters(s string) []byte {
	b := make([]byte, 0, len(s))
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b = append(b, byte(r))
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			// a letter with no ASCII base (ø, ß): keep nothing
		}
	}
	return b
}

// keyConsonants writes s into out with the consonants of Hepburn spelled as
// Kunrei writes them (sh → sy, ch → ty, tsu → tu, fu → hu, j → zy,
// di → zi, du → zu, wo → o, m before b/m/p → n); syi, tyi, zyi → si, ti, zi.
func keyConsonants(out, s []byte) []byte {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := at(i + 1)
		switch {
		case c == 's' && next == 'h':
			out = appendPalatal(out, 's', at(i+2))
			i++
		case c == 'c' && next == 'h':
			out = appendPalatal(out, 't', at(i+2))
			i++
		case c == 'c' && next == 'c' && at(i+2) == 'h': // maccha = matcha
			out = append(out, 't')
		case c == 't' && next == 's' && at(i+2) == 'u':
			out = append(out, 't')
			i++ // the s
		case c == 'f' && next == 'u':
			out = append(out, 'h')
		case c == 'j':
			if next == 'y' {
				i++ // jya = ja
			}
			out = appendPalatal(out, 'z', at(i+1))
		case c == 'd' && (next == 'i' || next == 'u'):
			out = append(out, 'z')
		case c == 'w' && next == 'o':
			// wo = o: drop the w
		case c == 'm' && (next == 'b' || next == 'm' || next == 'p') && i > 0:
			out = append(out, 'n')
		case c == 'y' && (next == 'i' || next == 'e') && len(out) > 0 && isPalatalStem(out[len(out)-1]):
			// syi, tyi, zyi (from a doubled rewrite): the y goes
		default:
			out = append(out, c)
		}
	}
	return out
}

// appendPalatal writes consonant c of a palatal syllable (sh, ch, j) in
// Kunrei form: sy, ty, zy before a, u, o; s, t, z before i; before e the y
// is dropped too (she = se, as in the -ye merge of ei = e).
func appendPalatal(out []byte, c, vowel byte) []byte {
	out = append(out, c)
	if vowel != 'i' && vowel != 'e' {
		out = append(out, 'y')
	}
	return out
}

func isPalatalStem(c byte) bool { return c == 's' || c == 't' || c == 'z' }

// keyVowels writes s into out with long vowels folded (ou, oo, oh before a
// consonant or at the end, ei, and any doubled letter, which also collapses
// double consonants and nn).
func keyVowels(out, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if len(out) > 0 {
			p := out[len(out)-1]
			switch {
			case c == p:
				continue // doubled letter: kk, ss, oo, ii, nn, yy
			case c == 'u' && p == 'o', c == 'i' && p == 'e':
				continue // ou = o, ei = e
			case c == 'h' && p == 'o' && (i+1 == len(s) || !isVowel(s[i+1]) && s[i+1] != 'y'):
				continue // oh = o before a consonant or at the end
			}
		}
		out = append(out, c)
	}
	return out
}
