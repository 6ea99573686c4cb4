package phon

// Alignment of a word's letters to its phones, so that the transcription
// rules can look at the written vowel of a schwa (chemical 케미칼, ケミカル),
// at o versus a for ɑ (hot 핫/홋), at doubled consonants, and so on.
//
// It is a small dynamic program over (letters, phones) with moves of one to
// three letters to zero to two phones; costs (in half units) favour the
// usual correspondences of English spelling. Cost O(len(word)·len(phones)).

const alignInf = 1 << 14

func isVowelLetter(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// vowelTypical lists the usual vowel phones of each vowel letter.
var vowelTypical = [26][]byte{
	'a' - 'a': {pAE, pEY, pAA, pAH, pAO, pEH, pIH},
	'e' - 'a': {pEH, pIY, pIH, pAH, pER, pEY},
	'i' - 'a': {pIH, pAY, pIY, pAH},
	'o' - 'a': {pAA, pOW, pAO, pAH, pUW, pUH},
	'u' - 'a': {pAH, pUW, pUH, pIH, pER},
	'y' - 'a': {pIY, pIH, pAY},
}

// consTypical lists the usual consonant phones of each consonant letter.
var consTypical = [26][]byte{
	'b' - 'a': {pB},
	'c' - 'a': {pK, pS, pCH, pSH},
	'd' - 'a': {pD, pT, pJH},
	'f' - 'a': {pF, pV},
	'g' - 'a': {pG, pJH, pZH},
	'h' - 'a': {pHH},
	'j' - 'a': {pJH, pY, pHH, pZH},
	'k' - 'a': {pK},
	'l' - 'a': {pL},
	'm' - 'a': {pM},
	'n' - 'a': {pN, pNG},
	'p' - 'a': {pP},
	'q' - 'a': {pK},
	'r' - 'a': {pR},
	's' - 'a': {pS, pZ, pSH, pZH},
	't' - 'a': {pT, pSH, pCH, pD},
	'v' - 'a': {pV, pF},
	'w' - 'a': {pW},
	'x' - 'a': {pZ, pK},
	'y' - 'a': {pY},
	'z' - 'a': {pZ, pS, pZH},
}

// digraphs maps two or three letters to the phones they commonly write as
// one phone.
var digraphs = map[string][]byte{
	"th": {pTH, pDH, pT}, "sh": {pSH}, "ch": {pCH, pK, pSH}, "ph": {pF}, "gh": {pG, pF},
	"ck": {pK}, "ng": {pNG}, "wh": {pW, pHH}, "wr": {pR}, "kn": {pN}, "gn": {pN},
	"mb": {pM}, "dg": {pJH}, "ge": {pJH, pZH}, "ti": {pSH, pCH}, "ci": {pSH}, "si": {pSH, pZH},
	"sc": {pS, pSH}, "qu": {pK}, "gu": {pG}, "ps": {pS}, "pn": {pN}, "rh": {pR},
	"ee": {pIY}, "ea": {pIY, pEH, pEY}, "ei": {pEY, pIY, pAY}, "ie": {pIY, pAY}, "ai": {pEY, pEH},
	"ay": {pEY}, "oa": {pOW}, "oo": {pUW, pUH}, "ou": {pAW, pUW, pAH, pOW}, "ow": {pOW, pAW},
	"oe": {pOW, pUW}, "ue": {pUW}, "ui": {pUW, pIH}, "au": {pAO, pAA}, "aw": {pAO},
	"ey": {pEY, pIY}, "oi": {pOY}, "oy": {pOY}, "ew": {pUW}, "eu": {pUW}, "ae": {pEH, pIY},
	"ye": {pAY}, "er": {pER}, "ir": {pER}, "ur": {pER}, "or": {pER}, "ar": {pER}, "yr": {pER},
	"tch": {pCH}, "igh": {pAY}, "eau": {pOW}, "ear": {pER}, "our": {pER},
}

func contains(list []byte, p byte) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// cost11 is the cost of one letter for one phone.
func cost11(l, p byte) int {
	if l < 'a' || l > 'z' {
		return alignInf
	}
	if isVowelLetter(l) {
		switch {
		case isVowel(p) && contains(vowelTypical[l-'a'], p):
			return 0
		case isVowel(p):
			return 2
		case l == 'y' && p == pY:
			return 0
		case (l == 'u' || l == 'o') && p == pW:
			return 1
		case (l == 'i' || l == 'e') && p == pY:
			return 2
		}
		return 8
	}
	switch {
	case contains(consTypical[l-'a'], p):
		return 0
	case l == 'r' && p == pER:
		return 1
	case isVowel(p):
		return 8
	}
	return 6
}

// digraphTab is digraphs for two letters, indexed by letter pair, and
// trigraphs for three.
var (
	digraphTab [26 * 26][]byte
	trigraphs  = map[string][]byte{}
)

func init() {
	for k, v := range digraphs {
		if len(k) == 2 {
			digraphTab[int(k[0]-'a')*26+int(k[1]-'a')] = v
		} else {
			trigraphs[k] = v
		}
	}
}

// costN1 is the cost of two or three letters for one phone.
func costN1(ls string, p byte) int {
	if len(ls) == 3 {
		if ls[0] != 't' && ls[0] != 'i' && ls[0] != 'e' && ls[0] != 'o' {
			return alignInf
		}
		if ps, ok := trigraphs[ls]; ok && contains(ps, p) {
			return 0
		}
		return alignInf
	}
	a, b := ls[0], ls[1]
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return alignInf
	}
	switch {
	case contains(digraphTab[int(a-'a')*26+int(b-'a')], p):
		return 0
	case a == b && !isVowelLetter(a) && contains(consTypical[a-'a'], p):
		return 0 // doubled consonant
	case isVowelLetter(a) && isVowelLetter(b) && isVowel(p):
		return 2
	}
	return alignInf
}

// cost12 is the cost of one letter for two phones.
func cost12(l, p1, p2 byte) int {
	switch l {
	case 'x':
		if (p1 == pK && (p2 == pS || p2 == pSH)) || (p1 == pG && p2 == pZ) {
			return 0
		}
	case 'u':
		if p1 == pY && (p2 == pUW || p2 == pAH || p2 == pUH || p2 == pER) {
			return 0
		}
	case 'l', 'm', 'n':
		if p1 == pAH && p2 == consTypical[l-'a'][0] {
			return 1 // syllabic: apple, rhythm
		}
	case 'o':
		if p1 == pW && p2 == pAH {
			return 1 // one
		}
	case 'i', 'a', 'e':
		if isVowel(p1) && isVowel(p2) {
			return 2
		}
	}
	return alignInf
}

func costSilent(l byte) int {
	switch l {
	case 'e':
		return 1
	case 'h', 'w':
		return 2
	case 'a', 'i', 'o', 'u', 'y', 'g', 'k', 'b':
		return 3
	case 't', 'l', 's', 'p', 'n', 'd', 'c':
		return 4
	}
	return 5
}

func costInsert(p byte) int {
	switch {
	case p == pY:
		return 2
	case p == pW:
		return 3
	case isVowel(p):
		return 4
	}
	return 6
}

// aligner holds the scratch space of align.
type aligner struct {
	cost []int32
	back []uint8 // letters<<2 | phones
}

// align sets the sp of each seg to the letters of word it writes. Phones
// inserted without a letter keep sp "".
func (a *aligner) align(word string, segs []seg) {
	n, m := len(word), len(segs)
	size := (n + 1) * (m + 1)
	if cap(a.cost) < size {
		a.cost = make([]int32, size)
		a.back = make([]uint8, size)
	}
	cost, back := a.cost[:size], a.back[:size]
	w := m + 1
	for k := range cost {
		cost[k] = alignInf
	}
	cost[0] = 0
	relax := func(k int, v int32, mv uint8) {
		if v < cost[k] {
			cost[k] = v
			back[k] = mv
		}
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			here := i*w + j
			c := cost[here]
			if c >= alignInf {
				continue
			}
			if i < n {
				relax(here+w, c+int32(costSilent(word[i])), 1<<2)
			}
			if j >= m {
				continue
			}
			p := segs[j].p
			relax(here+1, c+int32(costInsert(p)), 1)
			if i >= n {
				continue
			}
			if v := cost11(word[i], p); v < alignInf {
				relax(here+w+1, c+int32(v), 1<<2|1)
			}
			if i+1 < n {
				if v := costN1(word[i:i+2], p); v < alignInf {
					relax(here+2*w+1, c+int32(v), 2<<2|1)
				}
			}
			if i+2 < n {
				if v := costN1(word[i:i+3], p); v < alignInf {
					relax(here+3*w+1, c+int32(v), 3<<2|1)
				}
			}
			if j+1 < m {
				if v := cost12(word[i], p, segs[j+1].p); v < alignInf {
					relax(here+w+2, c+int32(v), 1<<2|2)
				}
			}
		}
	}
	for j := range segs {
		segs[j].sp = ""
	}
	i, j := n, m
	for i > 0 || j > 0 {
		b := back[i*w+j]
		di, dj := int(b>>2), int(b&3)
		if di == 0 && dj == 0 {
			break // unreachable: no alignment
		}
		for k := j - dj; k < j; k++ {
			segs[k].sp = word[i-di : i]
		}
		i, j = i-di, j-dj
	}
}
