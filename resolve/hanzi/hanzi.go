package hanzi

import (
	_ "embed"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
)

//go:generate go run ./internal/gen -out data

// MaxChars is the longest word, in characters, that the gloss table holds.
const MaxChars = 6

// maxKeyBytes bounds the UTF-8 length of a key: MaxChars Han characters or
// MaxKanaChars katakana, of up to 4 bytes each.
const maxKeyBytes = max(MaxChars, MaxKanaChars) * utf8.UTFMax

// Entry is what the dictionary says of one spelling of a Han word.
type Entry struct {
	// Glosses are short lowercase English glosses, at most six, in
	// CC-CEDICT's order ("bank"; "wire", "power cord"); for a proper name,
	// its English names.
	Glosses Glosses
	// Proper is set when CC-CEDICT lists the spelling as a proper name
	// (capitalised pinyin): 三菱 Mitsubishi, 波音 Boeing. Its glosses are
	// then those of its common-noun entries, if any, then its English
	// names. Never set for single characters (surnames).
	Proper bool
	// Chars is the number of characters of the word. Single characters
	// (Chars == 1, see Weak) are kept only when common, and their glosses
	// are weaker evidence than a word's.
	Chars int
}

// Glosses is a list of English glosses held as one string, "wire|power
// cord" (a gloss never holds '|'), so that the hundreds of thousands of
// glosses of the tables cost their bytes and no string header each. The
// zero value is the empty list; range over All to read it.
type Glosses struct{ s string }

// All iterates over the glosses in order.
func (g Glosses) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		for rest := g.s; rest != ""; {
			var x string
			x, rest, _ = cutByte(rest, '|')
			if !yield(x) {
				return
			}
		}
	}
}

// Len returns the number of glosses.
func (g Glosses) Len() int {
	if g.s == "" {
		return 0
	}
	return strings.Count(g.s, "|") + 1
}

// First returns the first gloss, or "" when there is none.
func (g Glosses) First() string {
	x, _, _ := cutByte(g.s, '|')
	return x
}

// String formats the glosses as fmt formats a slice of strings:
// "[wire power cord]".
func (g Glosses) String() string { return fmt.Sprint(slices.Collect(g.All())) }

// Weak reports whether the entry is a single character: a meaning it
// contributes (电 electricity, 金 gold) is weaker evidence than a word's.
func (e Entry) Weak() bool { return e.Chars == 1 }

//go:embed data/cedict.tsv.gz
var cedictGZ string

//go:embed data/shinjitai.tsv
var shinjitaiTSV string

// glossSet is the glosses of the spellings that share them, a run of
// hanTable.text, and their flags.
type glossSet struct {
	off    uint32 // the glosses are text[off : off+len]
	len    uint16
	proper bool
}

// keyRef locates a key in hanTable.text and names its gloss set.
type keyRef struct {
	off  uint32 // the key is text[off : off+meta&0xff]
	meta uint32 // gloss set << 8 | key length in bytes
}

// hanTable is the loaded gloss table. Keys are the simplified and
// traditional spellings, sorted bytewise, searched by bisection; every
// string is a substring of text, which holds the glosses of each set
// ("wire|power cord") and the keys, nothing else of the decompressed file.
// The katakana keys (EDICT's loanwords, a seventh of the keys) are a table
// of their own, loaded on the first lookup of a katakana word: a run
// without Japanese names never needs them.
type hanTable struct {
	text    string
	keys    []keyRef
	sets    []glossSet
	shin    map[rune]string   // shinjitai → traditional characters, best first
	phrases map[string]string // Japanese word → traditional word
	kana    func() *hanTable  // the katakana keys; nil in that table itself
}

var hanOnce = sync.OnceValue(loadHan)

// loadHan parses the embedded gloss table (see the package documentation
// for the format) but its katakana keys, and prepares to load those.
func loadHan() *hanTable {
	t := parseHan(false)
	t.kana = sync.OnceValue(func() *hanTable { return parseHan(true) })
	t.loadShinjitai()
	return t
}

// parseHan decompresses the embedded gloss table and keeps the keys that
// begin with katakana (kana) or the others, and the gloss sets they use,
// renumbered. It copies the glosses and the keys into one string of their
// own, so that the decompressed file (flags, set numbers, the other keys,
// tabs and newlines) is garbage once it returns.
func parseHan(kana bool) *hanTable {
	data := gunzip("cedict.tsv.gz", cedictGZ)
	embedded.Release(cedictGZ) // decoded: its pages need not stay resident
	l, n := newLines("cedict.tsv.gz", data)
	// Two passes find the sets that the kept keys use, renumbered in
	// order, and the size of the text; a third builds the table.
	used := make([]int32, n["sets"]) // new number + 1, 0 when unused
	start := *l                      // at the first set line
	size, nkeys, nsets := 0, 0, int32(0)
	k := start
	for range n["sets"] {
		k.next()
	}
	for range n["keys"] {
		line, _ := k.next()
		key, set := k.cut(line)
		if id := k.atoi(set); id < len(used) && startsKana(key) == kana {
			used[id] = 1
			size += len(key)
			nkeys++
		}
	}
	k = start
	for i := range used {
		line, _ := k.next()
		if used[i] != 0 {
			_, gl := k.cut(line)
			size += len(gl)
			nsets++
			used[i] = nsets
		}
	}
	t := &hanTable{
		keys: make([]keyRef, 0, nkeys),
		sets: make([]glossSet, 0, nsets),
	}
	var text strings.Builder
	text.Grow(size)
	for i := range n["sets"] {
		line, _ := l.next()
		flag, gl := l.cut(line)
		if len(gl) > math.MaxUint16 {
			l.fail("gloss set of %d bytes", len(gl))
		}
		if used[i] != 0 {
			t.sets = append(t.sets, glossSet{off: uint32(text.Len()), len: uint16(len(gl)), proper: flag == "p"})
			text.WriteString(gl)
		}
	}
	prev := ""
	for range n["keys"] {
		line, _ := l.next()
		key, set := l.cut(line)
		id := l.atoi(set)
		if id >= len(used) || len(key) == 0 || len(key) > maxKeyBytes || key <= prev {
			l.fail("bad key line %q", line)
		}
		prev = key
		if startsKana(key) != kana {
			continue
		}
		t.keys = append(t.keys, keyRef{off: uint32(text.Len()), meta: uint32(used[id]-1)<<8 | uint32(len(key))})
		text.WriteString(key)
	}
	t.text = text.String()
	return t
}

// startsKana reports whether s begins with katakana: the keys of the
// katakana table.
func startsKana(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isKatakana(r)
}

// tableFor returns the table that holds word if any does: the katakana
// table, loading it, for a word that begins with katakana.
func (t *hanTable) tableFor(word string) *hanTable {
	if t.kana != nil && startsKana(word) {
		return t.kana()
	}
	return t
}

// get returns the entry of key, a word as spelled or respelled, for the
// word as written.
func (t *hanTable) get(key, word string) (Entry, bool) {
	u := t.tableFor(key)
	if i := u.find(key); i >= 0 {
		return u.entry(i, word), true
	}
	return Entry{}, false
}

func cutByte(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func (t *hanTable) key(i int) string {
	k := t.keys[i]
	return t.text[k.off : k.off+k.meta&0xff]
}

// glosses returns the glosses of key i.
func (t *hanTable) glosses(i int) Glosses {
	s := t.sets[t.keys[i].meta>>8]
	return Glosses{t.text[s.off : s.off+uint32(s.len)]}
}

func (t *hanTable) entry(i int, word string) Entry {
	s := t.sets[t.keys[i].meta>>8]
	return Entry{Glosses: t.glosses(i), Proper: s.proper, Chars: utf8.RuneCountInString(word)}
}

// find returns the index of the key word, or -1.
func (t *hanTable) find(word string) int {
	lo, hi := 0, len(t.keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.key(m) < word {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.keys) && t.key(lo) == word {
		return lo
	}
	return -1
}

// lookup finds word as spelled, then as Japanese (see lookupJapanese).
func (t *hanTable) lookup(word string) (Entry, bool) {
	if e, ok := t.get(word, word); ok {
		return e, true
	}
	return t.lookupJapanese(word)
}

// Gloss returns the dictionary entry of a Han word of one to MaxChars
// characters, spelled in simplified or traditional Chinese, or in Japanese
// shinjitai (薬品 is found as 藥品), and whether there is one. The word must
// be exact: no spaces, no kana, no other script.
//
//	Gloss("电线")  → {Glosses: [wire power cord], Chars: 2}
//	Gloss("電線")  → the same
//	Gloss("銀行")  → {Glosses: [bank], Chars: 2}
//	Gloss("薬品")  → {Glosses: [medicaments medicine drug], Chars: 2}
//	Gloss("北京")  → {Proper: true, Chars: 2}
//
// The first call loads the table (see the package documentation for the
// cost); it allocates nothing after that.
func Gloss(word string) (Entry, bool) {
	if word == "" || len(word) > maxKeyBytes {
		return Entry{}, false
	}
	return hanOnce().lookup(word)
}

// Prefixes calls fn for every dictionary word that begins at byte offset
// start of s and lies within the run of Han characters there, shortest
// first, with the byte offset where the word ends: the edges of a
// segmentation lattice. Words are found as Gloss finds them, so Japanese
// shinjitai spellings are included. Single characters come with
// Entry.Weak set.
//
//	Prefixes("中国银行股份", 0, fn) → fn(3, 中), fn(6, 中国), fn(12, 中国银行)
//
// Nothing is reported when start is not at a Han character.
func Prefixes(s string, start int, fn func(end int, e Entry)) {
	prefixes(s, start, MaxChars, 1, isHan, fn)
}

// Word is Prefixes(s, 0, fn) for the end of s only: the entry of s when it
// is a run of one to MaxChars Han characters that the table has, without
// looking up its shorter prefixes.
func Word(s string) (Entry, bool) { return whole(s, MaxChars, 1, isHan) }

// KanaWord is KanaPrefixes(s, 0, fn) for the end of s only (two to
// MaxKanaChars katakana).
func KanaWord(s string) (Entry, bool) { return whole(s, MaxKanaChars, 2, isKatakana) }

// whole looks up s when prefixes(s, 0, max, least, in, fn) would report it.
func whole(s string, max, least int, in func(rune) bool) (Entry, bool) {
	n := 0
	for _, r := range s {
		if !in(r) || n == max {
			return Entry{}, false
		}
		n++
	}
	if n < least {
		return Entry{}, false
	}
	return hanOnce().lookup(s)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// prefixes looks up s[start:end] for each end within the first max runes
// of the run of runes in that begins at start, from the least'th on.
func prefixes(s string, start, max, least int, in func(rune) bool, fn func(end int, e Entry)) {
	if start < 0 || start >= len(s) {
		return
	}
	t := hanOnce()
	end := start
	for n := 1; n <= max && end < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !in(r) {
			return
		}
		end += size
		if n < least {
			continue
		}
		if e, ok := t.lookup(s[start:end]); ok {
			fn(end, e)
		}
	}
}

// MaxKanaChars is the longest katakana word KanaPrefixes tries.
const MaxKanaChars = 12

// KanaPrefixes calls fn for each end (a byte offset, in increasing order)
// such that s[start:end] is a katakana word of the table, with its Entry:
// the EDICT glosses of loanwords from languages other than English and of
// words made in Japan, which no English pronunciation gives (チタン
// titanium, エネルギー energy, ビニール vinyl). It walks only the katakana
// run (with ー) that begins at start.
//
//	KanaPrefixes("チタン工業", 0, fn)  // fn(9, {Glosses: [titanium]})
func KanaPrefixes(s string, start int, fn func(end int, e Entry)) {
	prefixes(s, start, MaxKanaChars, 2, isKatakana, fn) // one kana is no word
}

// isKatakana reports whether r is katakana or the long-vowel mark ー, not
// the middle dot ・.
func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FC && r != 0x30FB }
