package hanzi

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
)

// Sino-Korean words are read with 2 to 4 syllables.
const (
	minKoreanSyllables = 2
	maxKoreanSyllables = 4
)

//go:embed data/korean.tsv.gz
var koreanGZ string

// korKey is one Hangul reading: its Han words, a run of korTable.words,
// and, when there are several, the union of their glosses, a run of
// korTable.union.
type korKey struct {
	off     uint32 // the key is keys[off : off+klen]
	words   uint32
	glosses uint32 // the union is union[glosses : glosses+glen]
	klen    uint8
	nwords  uint8
	glen    uint16
}

// korTable is the loaded Korean index: Hangul readings sorted bytewise, each
// with the gloss-table keys of its Han words, best first. The readings are
// one string, the glosses of shared readings another ('|' between glosses,
// as in Glosses); the decompressed file is garbage once loaded.
type korTable struct {
	han   *hanTable
	text  string // the readings
	keys  []korKey
	words []uint32 // indexes of hanTable.keys
	union string
}

var korOnce = sync.OnceValue(func() *korTable { return loadKorean(hanOnce()) })

// loadKorean parses the embedded Korean index (see the package
// documentation for the format) and builds the gloss unions of the readings
// shared by several Han words.
func loadKorean(han *hanTable) *korTable {
	data := gunzip("korean.tsv.gz", koreanGZ)
	embedded.Release(koreanGZ)
	l, n := newLines("korean.tsv.gz", data)
	t := &korTable{
		han:   han,
		keys:  make([]korKey, 0, n["keys"]),
		words: make([]uint32, 0, n["refs"]),
	}
	var text, union strings.Builder
	text.Grow(len(data) / 3)
	prev := ""
	for range n["keys"] {
		line, _ := l.next()
		key, rest := l.cut(line)
		if key <= prev || len(key) > maxKoreanSyllables*3 {
			l.fail("bad key line %q", line)
		}
		prev = key
		k := korKey{off: uint32(text.Len()), klen: uint8(len(key)), words: uint32(len(t.words))}
		text.WriteString(key)
		for rest != "" {
			var w string
			w, rest, _ = cutByte(rest, ' ')
			i := han.find(w)
			if i < 0 || k.nwords == 255 {
				l.fail("bad Han word %q", w)
			}
			t.words = append(t.words, uint32(i))
			k.nwords++
			if han.glosses(i).Len() == 0 {
				l.fail("Han word %q has no glosses", w)
			}
		}
		if k.nwords == 0 {
			l.fail("no Han word in %q", line)
		}
		t.keys = append(t.keys, k)
	}
	t.text = strings.Clone(text.String()) // exact size
	var scratch []string
	for j := range t.keys {
		if k := &t.keys[j]; k.nwords > 1 {
			scratch = t.appendUnion(scratch[:0], t.words[k.words:k.words+uint32(k.nwords)])
			k.glosses = uint32(union.Len())
			for i, g := range scratch {
				if i > 0 {
					union.WriteByte('|')
				}
				union.WriteString(g)
			}
			if union.Len()-int(k.glosses) > math.MaxUint16 {
				l.fail("reading %q: %d bytes of glosses", t.key(j), union.Len()-int(k.glosses))
			}
			k.glen = uint16(union.Len() - int(k.glosses))
		}
	}
	t.union = strings.Clone(union.String())
	return t
}

// appendUnion appends the glosses of the Han words, round robin (the first
// gloss of each word, then the second of each...), without repeats.
func (t *korTable) appendUnion(dst []string, words []uint32) []string {
	start := len(dst)
	next := make([]Glosses, len(words)) // what is left of each word's glosses
	for j, i := range words {
		next[j] = t.han.glosses(int(i))
	}
	for {
		more := false
		for j := range next {
			if next[j].s == "" {
				continue
			}
			more = true
			var g string
			g, next[j].s, _ = cutByte(next[j].s, '|')
			if !slices.Contains(dst[start:], g) {
				dst = append(dst, g)
			}
		}
		if !more {
			return dst
		}
	}
}

func (t *korTable) key(i int) string {
	k := &t.keys[i]
	return t.text[k.off : k.off+uint32(k.klen)]
}

// find returns the index of the reading, or -1.
func (t *korTable) find(hangul string) int {
	lo, hi := 0, len(t.keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.key(m) < hangul {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.keys) && t.key(lo) == hangul {
		return lo
	}
	return -1
}

// glosses returns the glosses of reading i and its number of Han words.
func (t *korTable) glosses(i int) (Glosses, int) {
	k := &t.keys[i]
	if k.nwords == 1 {
		return t.han.glosses(int(t.words[k.words])), 1
	}
	return Glosses{t.union[k.glosses : k.glosses+uint32(k.glen)]}, int(k.nwords)
}

// SinoKorean returns the English glosses of a Sino-Korean word written in
// Hangul (two to four syllables), found through the Korean readings of the
// Han words in the dictionary, and the number of distinct Han words that
// share the reading. With several homographs the glosses are the union of
// theirs, round robin, most plausible word first (a heuristic: see the
// package documentation), so a caller should weigh a match by 1/homographs.
//
//	SinoKorean("저축")  → [save money savings], 1, true          (儲蓄)
//	SinoKorean("은행")  → [bank ginkgo], 2, true                 (銀行 銀杏)
//	SinoKorean("전선")  → [front line whole front wire battle line warship ...], 8, true
//	                      (前線 全線 電線 戰線 戰船 轉船 專線 電扇)
//
// The first call loads the index;
// it allocates nothing after that.
func SinoKorean(hangul string) (glosses Glosses, homographs int, ok bool) {
	if len(hangul) > maxKoreanSyllables*utf8.UTFMax {
		return Glosses{}, 0, false
	}
	t := korOnce()
	i := t.find(hangul)
	if i < 0 {
		return Glosses{}, 0, false
	}
	glosses, homographs = t.glosses(i)
	return glosses, homographs, true
}

// SinoKoreanWords calls fn for each Han word, in its traditional spelling,
// whose Korean reading is hangul, most plausible first, with its entry:
//
//	SinoKoreanWords("조선", fn) → fn(造船, [shipbuilding]), fn(早先, ...), fn(祖先, ...), fn(租船, ...)
//
// (朝鮮 is not among them: CC-CEDICT has it only as a proper name.)
func SinoKoreanWords(hangul string, fn func(han string, e Entry)) {
	t := korOnce()
	i := t.find(hangul)
	if i < 0 {
		return
	}
	k := &t.keys[i]
	for _, w := range t.words[k.words : k.words+uint32(k.nwords)] {
		word := t.han.key(int(w))
		fn(word, t.han.entry(int(w), word))
	}
}

// SinoKoreanPrefixes is Prefixes for Hangul: it calls fn for every reading
// of two to four syllables that begins at byte offset start of s and lies
// within the run of Hangul syllables there, shortest first, with the byte
// offset where it ends and what SinoKorean returns for it.
//
//	SinoKoreanPrefixes("현대중공업", 6, fn) → fn(12, 중공), fn(15, 중공업)
//
// Nothing is reported when start is not at a Hangul syllable.
func SinoKoreanPrefixes(s string, start int, fn func(end int, glosses Glosses, homographs int)) {
	if start < 0 || start >= len(s) {
		return
	}
	t := korOnce()
	end := start
	for n := 1; n <= maxKoreanSyllables && end < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if r < 0xAC00 || r > 0xD7A3 {
			return
		}
		end += size
		if n < minKoreanSyllables {
			continue
		}
		if i := t.find(s[start:end]); i >= 0 {
			g, h := t.glosses(i)
			fn(end, g, h)
		}
	}
}
