package phon

// Spelling fallback: rough pronunciations for words CMUdict lacks (coined
// names such as medizen, solumix, piolink), read left to right by a few
// rules of English spelling. Two readings are made: the English one (open
// syllables long: pi → /paɪ/, magic e) and a letter reading with continental
// vowels (a /a/, e /e/, i /i/, o /o/, u /u/) that Korean and Japanese brand
// names often follow (medizen 메디젠, メディゼン). Each phone keeps the
// letters it came from, like an aligned CMUdict entry.

func (g *guesser) letter(i int) byte {
	if i >= 0 && i < len(g.w) {
		return g.w[i]
	}
	return 0
}

type guesser struct {
	w       string
	english bool
	out     []seg
	vowels  int // vowels written so far
}

func (g *guesser) add(p, stress byte, from, to int) {
	g.out = append(g.out, seg{p: p, stress: stress, sp: g.w[from:to]})
}

// isV reports a vowel letter at i (y only when no vowel follows it).
func (g *guesser) isV(i int) bool {
	c := g.letter(i)
	if c == 'y' {
		return i > 0 && !isVowelLetter(g.letter(i+1))
	}
	return c != 0 && isVowelLetter(c)
}

// open reports that the vowel group ending before j is in an open
// syllable: a vowel or a single consonant and a vowel follow.
func (g *guesser) open(j int) bool {
	if j >= len(g.w) {
		return true
	}
	if g.isV(j) {
		return true
	}
	k := j
	for k < len(g.w) && !g.isV(k) {
		k++
	}
	if k >= len(g.w) {
		return false
	}
	cons := k - j
	if cons == 2 {
		d := g.w[j : j+2]
		if d == "ch" || d == "sh" || d == "th" || d == "ph" || (d[1] == 'l' && k == len(g.w)-1 && g.w[k] == 'e') {
			cons = 1 // one consonant, or the onset of a final -ble
		}
	}
	// final e after one consonant: magic e for the English reading
	if cons == 1 && k == len(g.w)-1 && g.w[k] == 'e' {
		return g.english
	}
	return cons == 1
}

func (g *guesser) stress() byte {
	g.vowels++
	if g.vowels == 1 {
		return 1
	}
	return 2
}

// guess returns the spelling reading of word (letters a-z).
func guess(word string, english bool) []seg {
	if s := guessInto(make([]seg, 0, len(word)+1), word, english); len(s) > 0 {
		return s
	}
	return nil
}

// guessInto is guess into dst's space; it returns an empty slice, not nil,
// for a word without a reading.
func guessInto(dst []seg, word string, english bool) []seg {
	g := &guesser{w: word, english: english, out: dst[:0]}
	n := len(word)
	for i := 0; i < n; {
		c := word[i]
		rest := word[i:]
		has := func(s string) bool { return len(rest) >= len(s) && rest[:len(s)] == s }
		switch {
		case has("tion") || (has("sion") && i > 0):
			p := byte(pSH)
			if c == 's' && g.isV(i-1) {
				p = pZH
			}
			g.add(p, 0, i, i+2)
			g.add(pAH, 0, i+2, i+3)
			g.add(pN, 0, i+3, i+4)
			i += 4
		case has("ture") && i+4 == n:
			g.add(pCH, 0, i, i+1)
			g.add(pER, 0, i+1, i+4)
			i += 4
		case has("ing") && i+3 == n && i > 0:
			g.add(pIH, 0, i, i+1)
			g.add(pNG, 0, i+1, i+3)
			i += 3
		case has("le") && i+2 == n && i > 0 && !g.isV(i-1):
			g.add(pL, 0, i, i+1) // syllabic: able 에이블, エイブル
			i += 2
		case isVowelLetter(c) && g.isV(i):
			i = g.vowel(i)
		case has("tch"):
			g.add(pCH, 0, i, i+3)
			i += 3
		case has("sch"):
			g.add(pS, 0, i, i+1)
			g.add(pK, 0, i+1, i+3)
			i += 3
		case has("sc") && (g.letter(i+2) == 'e' || g.letter(i+2) == 'i' || g.letter(i+2) == 'y'):
			g.add(pS, 0, i, i+2) // descent
			i += 2
		case has("ch"):
			// ch is k before a consonant and in a final -ech (technos, tech)
			if n2 := g.letter(i + 2); (n2 != 0 && !isVowelLetter(n2) && n2 != 'h') || (n2 == 0 && g.letter(i-1) == 'e' && !isVowelLetter(g.letter(i-2))) {
				g.add(pK, 0, i, i+2)
			} else {
				g.add(pCH, 0, i, i+2)
			}
			i += 2
		case has("tz"):
			g.add(pT, 0, i, i+1)
			g.add(pS, 0, i+1, i+2)
			i += 2
		case has("sh"):
			g.add(pSH, 0, i, i+2)
			i += 2
		case has("ph"):
			g.add(pF, 0, i, i+2)
			i += 2
		case has("th"):
			g.add(pTH, 0, i, i+2)
			i += 2
		case has("gh"):
			if i == 0 {
				g.add(pG, 0, i, i+2)
			}
			i += 2
		case has("ck"):
			g.add(pK, 0, i, i+2)
			i += 2
		case has("qu"):
			g.add(pK, 0, i, i+1)
			g.add(pW, 0, i+1, i+2)
			i += 2
		case has("wh") && i == 0:
			g.add(pHH, 0, i, i+1)
			g.add(pW, 0, i+1, i+2)
			i += 2
		case (has("wr") || has("kn")) && i == 0:
			g.add(silentFirst[c], 0, i, i+2)
			i += 2
		case has("ng"):
			g.add(pNG, 0, i, i+2)
			i += 2
		case has("nk"):
			g.add(pNG, 0, i, i+1)
			g.add(pK, 0, i+1, i+2)
			i += 2
		default:
			i = g.consonant(i)
		}
	}
	return g.out
}

// consonant reads one consonant letter (a doubled one as one phone).
func (g *guesser) consonant(i int) int {
	c := g.w[i]
	end := i + 1
	if g.letter(end) == c {
		end++ // doubled
	}
	next := g.letter(end)
	soft := next == 'e' || next == 'i' || next == 'y'
	var p byte
	switch c {
	case 'b':
		p = pB
	case 'c':
		if soft {
			p = pS
		} else {
			p = pK
		}
	case 'd':
		p = pD
	case 'f':
		p = pF
	case 'g':
		if soft {
			p = pJH
		} else {
			p = pG
		}
	case 'h':
		if !g.isV(end) && !(g.letter(end) == 'y' && isVowelLetter(g.letter(end+1))) {
			return end // silent, except before a vowel or y + vowel (hyosung)
		}
		p = pHH
	case 'j':
		p = pJH
	case 'k', 'q':
		p = pK
	case 'l':
		p = pL
	case 'm':
		p = pM
	case 'n':
		p = pN
	case 'p':
		p = pP
	case 'r':
		p = pR
	case 's':
		p = pS
		if end == len(g.w) && i > 0 && !(g.letter(i-1) == 's') && g.english && g.isVoiced(i-1) {
			p = pZ
		}
	case 't':
		p = pT
	case 'v':
		p = pV
	case 'w':
		if !g.isV(end) {
			return end
		}
		p = pW
	case 'x':
		if i == 0 {
			g.add(pZ, 0, i, end)
			return end
		}
		g.add(pK, 0, i, end)
		g.add(pS, 0, i, end)
		return end
	case 'y':
		p = pY
	case 'z':
		p = pZ
	default:
		return end
	}
	g.add(p, 0, i, end)
	return end
}

func (g *guesser) isVoiced(i int) bool {
	switch g.letter(i) {
	case 'b', 'd', 'g', 'l', 'm', 'n', 'r', 'v', 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// The readings of vowel letters and vowelDigraphs, by reading (see guess):
// package variables, not literals in the functions, which built a map per
// vowel read (2 GB of garbage for a 300,000-name run).
var vowelDigraphs = map[string][2]byte{
	"ee": {pIY, pIY}, "ea": {pIY, pEH}, "oo": {pUW, pUW}, "ou": {pAW, pUW}, "ai": {pEY, pAY},
	"ay": {pEY, pAY}, "ei": {pEY, pEY}, "ey": {pEY, pEY}, "oa": {pOW, pOW}, "oi": {pOY, pOY},
	"oy": {pOY, pOY}, "au": {pAO, pAW}, "aw": {pAO, pAO}, "ue": {pUW, pUW}, "ui": {pUW, pUW},
	"ie": {pIY, pIY},
}

var (
	englishOpen   = map[byte]byte{'a': pEY, 'e': pIY, 'i': pAY, 'o': pOW, 'u': pUW, 'y': pAY}
	englishClosed = map[byte]byte{'a': pAE, 'e': pEH, 'i': pIH, 'o': pAA, 'u': pAH, 'y': pIH}
	lettersClosed = map[byte]byte{'a': pAA, 'e': pEH, 'i': pIH, 'o': pAA, 'u': pUH, 'y': pIH}
	lettersOpen   = map[byte]byte{'a': pAA, 'e': pEH, 'i': pIY, 'o': pOW, 'u': pUW, 'y': pIY}
	silentFirst   = map[byte]byte{'w': pR, 'k': pN} // wr, kn at the start
)

// vowel reads the vowel group at i and returns the index after it.
func (g *guesser) vowel(i int) int {
	w, n := g.w, len(g.w)
	c := w[i]
	two := ""
	if i+1 < n {
		two = w[i : i+2]
	}
	// final silent e
	if c == 'e' && i == n-1 && g.vowels > 0 {
		return n
	}
	// vowel + r not before a vowel
	if i+1 < n && w[i+1] == 'r' && !g.isV(i+2) && (i+2 >= n || w[i+2] != 'r') {
		switch c {
		case 'a':
			g.add(pAA, g.stress(), i, i+1)
			g.add(pR, 0, i+1, i+2)
		case 'o':
			g.add(pAO, g.stress(), i, i+1)
			g.add(pR, 0, i+1, i+2)
		default:
			g.add(pER, g.stress(), i, i+2)
		}
		return i + 2
	}
	if d, ok := vowelDigraphs[two]; ok && !(two == "ie" && i+2 < n) {
		p := d[0]
		if !g.english {
			p = d[1]
		}
		if p == pAY && !g.english {
			g.add(pAA, g.stress(), i, i+1)
			g.add(pIY, 2, i+1, i+2)
			return i + 2
		}
		g.add(p, g.stress(), i, i+2)
		return i + 2
	}
	if two == "ow" {
		if i+2 == n || !g.english {
			g.add(pOW, g.stress(), i, i+2)
		} else {
			g.add(pAW, g.stress(), i, i+2)
		}
		return i + 2
	}
	if two == "ew" || two == "eu" {
		g.add(pY, 0, i, i+2)
		g.add(pUW, g.stress(), i, i+2)
		return i + 2
	}
	final := i == n-1
	open := g.open(i + 1)
	st := g.stress()
	var p byte
	if g.english && open && !final || (g.english && final && (c == 'e' || c == 'o') && n <= 3) {
		p = englishOpen[c]
		if c == 'u' && !isCoronal(g.lastPhone()) {
			g.add(pY, 0, i, i+1)
		}
	} else if g.english && !final {
		p = englishClosed[c]
	} else if !g.english && !open {
		p = lettersClosed[c]
	} else {
		p = lettersOpen[c]
	}
	if final && c == 'a' {
		p, st = pAH, 0
	}
	if final && c == 'y' && i > 0 {
		p = pIY
	}
	g.add(p, st, i, i+1)
	return i + 1
}

func (g *guesser) lastPhone() byte {
	if len(g.out) == 0 {
		return pNone
	}
	return g.out[len(g.out)-1].p
}
