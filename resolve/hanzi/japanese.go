package hanzi

import "unicode/utf8"

// maxFoldTries bounds the spellings tried for one Japanese word.
const maxFoldTries = 64

// loadShinjitai parses the embedded shinjitai table: lines of a shinjitai
// character and its traditional characters (best first), then lines of a
// Japanese word and its traditional spelling. All strings point into the
// embedded text.
func (t *hanTable) loadShinjitai() {
	l, n := newLines("shinjitai.tsv", shinjitaiTSV)
	t.shin = make(map[rune]string, n["chars"])
	for range n["chars"] {
		line, _ := l.next()
		from, to := l.cut(line)
		r, size := utf8.DecodeRuneInString(from)
		if size != len(from) || to == "" {
			l.fail("bad character line %q", line)
		}
		t.shin[r] = to
	}
	t.phrases = make(map[string]string, n["phrases"])
	for range n["phrases"] {
		line, _ := l.next()
		from, to := l.cut(line)
		t.phrases[from] = to
	}
}

// lookupJapanese finds a word written in Japanese shinjitai under its
// traditional spelling: first as a whole word written with substitute
// characters (予約 → 預約), then character by character (薬品 → 藥品,
// 鉄鋼 → 鐵鋼). A shinjitai character may stand for several traditional ones
// (弁 辨 瓣 辯) and may also be a valid character as it is (台, 欠), so
// spellings are tried in order, every character replaced by its first
// alternative first, the word as written last (already tried by the caller),
// at most maxFoldTries of them. It allocates nothing.
func (t *hanTable) lookupJapanese(word string) (Entry, bool) {
	if to, ok := t.phrases[word]; ok {
		if e, ok := t.get(to, word); ok {
			return e, true
		}
	}
	// alts[i] is the characters that may stand at position i: the
	// traditional ones, then the character as written.
	var (
		orig  [MaxChars]rune
		alts  [MaxChars]string
		pick  [MaxChars]int // index into alts[i], by runes
		count [MaxChars]int
		n     int
	)
	folds := false
	for _, r := range word {
		if n == MaxChars {
			return Entry{}, false
		}
		orig[n] = r
		if to, ok := t.shin[r]; ok {
			alts[n] = to
			count[n] = utf8.RuneCountInString(to) + 1
			folds = true
		} else {
			count[n] = 1
		}
		n++
	}
	if !folds {
		return Entry{}, false
	}
	var buf [maxKeyBytes]byte
	for try := 0; try < maxFoldTries; try++ {
		b := buf[:0]
		same := true
		for i := range n {
			r := orig[i]
			if pick[i] < count[i]-1 {
				r = nthRune(alts[i], pick[i])
				same = false
			}
			b = utf8.AppendRune(b, r)
		}
		if !same {
			if e, ok := t.get(string(b), word); ok {
				return e, true
			}
		}
		// Next spelling: a mixed-radix counter, last position fastest.
		i := n - 1
		for i >= 0 {
			pick[i]++
			if pick[i] < count[i] {
				break
			}
			pick[i] = 0
			i--
		}
		if i < 0 {
			break
		}
	}
	return Entry{}, false
}

// nthRune returns the n-th rune of s.
func nthRune(s string, n int) rune {
	for _, r := range s {
		if n == 0 {
			return r
		}
		n--
	}
	return utf8.RuneError
}
