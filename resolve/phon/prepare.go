package phon

import (
	"slices"
	"strings"
)

// maxProns is the most CMUdict pronunciations used for one word.
const maxProns = 3

// normWord lowercases w and keeps its letters a-z; ok is false when w has
// no letter or has a letter outside a-z (é, ß, digits are left to callers).
func normWord(w string) (string, bool) {
	clean := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			clean = false
			break
		}
	}
	if clean {
		return w, w != ""
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '-' || c == '\'' || c == '.' || c == ' ':
		default:
			return "", false
		}
	}
	return string(b), len(b) > 0
}

// unpack turns packed phones into segs.
func unpack(p []byte) []seg { return unpackTo(nil, p) }

// unpackTo is unpack into dst's space.
func unpackTo(dst []seg, p []byte) []seg {
	s := slices.Grow(dst[:0], len(p))[:len(p)]
	for i, b := range p {
		s[i] = seg{}
		s[i].p, s[i].stress = unpackPhone(b)
	}
	return s
}

// dictProns returns the prepared CMUdict pronunciations of word id.
func (t *tables) dictProns(id int, word string, al *aligner) [][]seg {
	var out [][]seg
	t.eachPron(id, func(p []byte) {
		if len(out) >= maxProns {
			return
		}
		s := unpack(p)
		al.align(word, s)
		out = adjust(word, s, out)
	})
	return out
}

// adjust applies the spelling-aware changes that the British-based
// conventions of both scripts need to an American pronunciation and
// appends the result (and a variant, if any) to out:
//
//   - syllabic -le: apple AE P AH0 L → AE P L (애플, アップル);
//   - initial wh: white W AY T → HH W AY T (화이트, ホワイト);
//   - yod after t, d, n for a written u or ew: tube → T Y UW B (튜브, チューブ);
//   - a schwa written u before an inserted w is u: visual 비주얼 ビジュアル;
//   - -ile as /aɪl/: mobile → also M OW B AY L (모바일, モバイル);
//   - -eal as /ɪəl/: real → also R IY AH L (리얼, リアル);
//   - s + written u: super → also S Y UW P ER (슈퍼).
func adjust(word string, s []seg, out [][]seg) [][]seg {
	n := len(s)
	// syllabic -le, -les, -led after a consonant letter
	if n >= 2 {
		end := n
		if s[end-1].p == pZ || s[end-1].p == pD {
			end--
		}
		base := strings.TrimSuffix(strings.TrimSuffix(word, "s"), "d")
		if end >= 2 && s[end-1].p == pL && s[end-2].p == pAH && s[end-2].stress == 0 &&
			len(base) >= 3 && strings.HasSuffix(base, "le") && !isVowelLetter(base[len(base)-3]) {
			s = append(s[:end-2], s[end-1:]...)
			n--
		}
	}
	// a schwa written u before an inserted w: visual V IH ZH AH W AH L → u
	for i := 0; i+2 < n; i++ {
		if s[i].reduced() && s[i].sp == "u" && s[i+1].p == pW && s[i+1].sp == "" && isVowel(s[i+2].p) {
			s[i].p = pUW
			s = append(s[:i+1], s[i+2:]...)
			n--
		}
	}
	if n >= 2 && s[0].p == pW && strings.HasPrefix(word, "wh") {
		s = append([]seg{{p: pHH, sp: "h"}}, s...)
		s[1].sp = "w"
		n++
	}
	for i := 1; i < n; i++ {
		if (s[i].p == pUW || s[i].p == pUH) && writtenU(s[i].sp) {
			switch s[i-1].p {
			case pT, pD, pN:
				s = append(s[:i], append([]seg{{p: pY, sp: s[i].sp}}, s[i:]...)...)
				n++
				i++
			}
		}
	}
	out = append(out, s)
	// -eal as /ɪəl/: real 리얼 リアル, ideal 아이디얼
	if n >= 2 && strings.HasSuffix(word, "eal") && s[n-1].p == pL && s[n-2].p == pIY && s[n-2].sp == "ea" {
		v := make([]seg, 0, n+1)
		v = append(v, s[:n-1]...)
		v[n-2].sp, v[n-2].stress = "e", 0
		v = append(v, seg{p: pAH, sp: "a"}, s[n-1])
		out = append(out, v)
	}
	// -ile as /aɪl/
	if n >= 2 && (strings.HasSuffix(word, "ile") || strings.HasSuffix(word, "iles")) {
		j := n - 2
		if s[n-1].p == pZ && n >= 3 {
			j = n - 3
		}
		if s[j+1].p == pL && (s[j].p == pAH || s[j].p == pIH || s[j].p == pIY) && s[j].stress == 0 {
			v := append([]seg(nil), s...)
			v[j].p, v[j].stress = pAY, 2
			out = append(out, v)
		}
	}
	// s + written u → yod as a variant
	for i := 1; i < n; i++ {
		if s[i-1].p == pS && (s[i].p == pUW || s[i].p == pUH) && writtenU(s[i].sp) {
			v := make([]seg, 0, n+1)
			v = append(v, s[:i]...)
			v = append(v, seg{p: pY, sp: s[i].sp})
			v = append(v, s[i:]...)
			out = append(out, v)
			break
		}
	}
	return out
}

// writtenU reports a spelling of /u/ that British English reads /ju/.
func writtenU(sp string) bool {
	return sp == "u" || sp == "ew" || sp == "eu" || sp == "ue"
}
