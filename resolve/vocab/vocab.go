package vocab

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/gen -data ../../../shared/data -out vocab.tsv

// Kind says how generic a word is.
type Kind uint8

// The kinds of vocabulary word.
const (
	Generic     Kind = iota // group, holding, international, company, general: near-zero identity
	Industry                // sector words: industry, electronics, trading, technology, chemical
	PlaceSuffix             // Han administrative suffixes: 市 city, 省 province, 区 district, 县 county
)

func (k Kind) String() string {
	switch k {
	case Generic:
		return "generic"
	case Industry:
		return "industry"
	case PlaceSuffix:
		return "place_suffix"
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Entry is what the table knows of one word.
type Entry struct {
	Class string // equivalence class, e.g. "industry"; "place_suffix" for 市 省 区 县
	Kind  Kind
}

// Piece is one part of a segmented CJK run.
type Piece struct {
	Text  string // the characters as written
	Class string // class of a generic word or "place_suffix"; "" for the rest and for places
	Kind  Kind   // meaningful only when Class != ""
	Place string // ISO code when the piece is a known place (深圳 → CN), else ""
}

//go:embed vocab.tsv
var vocabTSV string

type table struct {
	words   map[string]Entry
	stop    map[string]bool
	places  map[string]string   // one-token places
	means   map[string]string   // translations of distinctive words → English
	phrases map[string][]phrase // multi-token places by first token
	cjk     map[string]Piece    // CJK words and places (Text unset)
	cjkMax  int                 // longest CJK key in runes
}

type phrase struct {
	toks []string
	iso  string
}

var tbl = sync.OnceValue(func() *table {
	t, err := parseTable(vocabTSV)
	if err != nil {
		panic(err) // generated and tested
	}
	return t
})

func parseTable(data string) (*table, error) {
	t := &table{words: map[string]Entry{}, stop: map[string]bool{}, places: map[string]string{},
		phrases: map[string][]phrase{}, cjk: map[string]Piece{}, means: map[string]string{}}
	for ln, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		switch {
		case c[0] == "W" && len(c) == 4:
			e := Entry{Class: c[2]}
			switch c[1] {
			case "G":
				e.Kind = Generic
			case "I":
				e.Kind = Industry
			case "X":
				e.Kind = PlaceSuffix
			default:
				return nil, fmt.Errorf("vocab: vocab.tsv:%d: unknown kind %q", ln+1, c[1])
			}
			t.words[c[3]] = e
			if isCJK(c[3]) {
				t.cjk[c[3]] = Piece{Class: e.Class, Kind: e.Kind}
				t.cjkMax = max(t.cjkMax, utf8.RuneCountInString(c[3]))
			}
		case c[0] == "T" && len(c) == 3:
			t.means[c[2]] = c[1]
			if isCJK(c[2]) {
				// Cut out of an unspaced run like a generic word, but with no
				// class: 현대자동차 → 현대 | 자동차.
				t.cjk[c[2]] = Piece{}
				t.cjkMax = max(t.cjkMax, utf8.RuneCountInString(c[2]))
			}
		case c[0] == "S" && len(c) == 2:
			t.stop[c[1]] = true
		case c[0] == "P" && len(c) == 3:
			toks := strings.Fields(c[2])
			switch {
			case len(toks) > 1:
				t.phrases[toks[0]] = append(t.phrases[toks[0]], phrase{toks, c[1]})
			case isCJK(c[2]):
				t.cjk[c[2]] = Piece{Place: c[1]}
				t.cjkMax = max(t.cjkMax, utf8.RuneCountInString(c[2]))
				t.places[c[2]] = c[1]
			default:
				t.places[c[2]] = c[1]
			}
		default:
			return nil, fmt.Errorf("vocab: vocab.tsv:%d: bad line", ln+1)
		}
	}
	return t, nil
}

func isCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// Lookup returns what the table knows of a lowercase, folded token (Latin,
// Cyrillic, transliterated or CJK).
func Lookup(token string) (Entry, bool) {
	e, ok := tbl().words[token]
	return e, ok
}

// Class returns the equivalence class of a generic company word:
// Class("industrial") = Class("sanayi") = Class("산업") = "industry".
// Legal forms (co, corp, ltd) and distinctive words (motor, bank) have none.
func Class(token string) (class string, ok bool) {
	e, ok := tbl().words[token]
	return e.Class, ok
}

// Meaning returns the English word a distinctive word translates
// (자동차, jadongcha, 汽车 → motor; нефть → oil), or "" and false. Such words
// stay distinctive; the translation lets a name meet its English form.
func Meaning(token string) (string, bool) {
	en, ok := tbl().means[token]
	return en, ok
}

// Stopword reports whether token is a connector or article with no identity
// (the, of, and, &, und, et, y, и, de, la, der, des, du ...).
func Stopword(token string) bool {
	return tbl().stop[token]
}

// Place returns the ISO 3166-1 code of a country or big-city token (hk,
// hongkong, schweiz, russia, moskva, shenzhen, 深圳, seoul ...).
// Multi-word places ("hong kong", "new york") need PlacePhrase.
func Place(token string) (iso string, ok bool) {
	iso, ok = tbl().places[token]
	return iso, ok
}

// PlacePhrase returns the longest place at the start of tokens, its ISO
// code and its length in tokens: ["hong", "kong", "branch"] → HK, 2.
func PlacePhrase(tokens []string) (iso string, n int, ok bool) {
	if len(tokens) == 0 {
		return "", 0, false
	}
	t := tbl()
	for _, p := range t.phrases[tokens[0]] {
		if len(p.toks) > n && len(p.toks) <= len(tokens) && equal(p.toks, tokens[:len(p.toks)]) {
			iso, n = p.iso, len(p.toks)
		}
	}
	if n > 0 {
		return iso, n, true
	}
	if iso, ok := t.places[tokens[0]]; ok {
		return iso, 1, true
	}
	return "", 0, false
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SplitCJK segments an unspaced Han or Hangul (or Kana) run into generic
// words, places and the rest, scanning left to right and taking the longest
// known word at each position:
//
//	삼성전자       → [삼성] [전자 electronics]
//	경기산업       → [경기] [산업 industry]
//	현대중공업     → [현대] [중공업 heavy_industries]
//	深圳市华为技术 → [深圳 place CN] [市 place_suffix] [华为] [技术 technology]
//
// A one-character place suffix (市, 区) is cut only right after a known place
// or after at least two other characters (超市 "supermarket" stays whole). Concatenating the
// pieces' Text gives s back. Cost: at most cjkMax map lookups per rune.
func SplitCJK(s string) []Piece { return AppendSplitCJK(nil, s) }

// AppendSplitCJK appends the pieces SplitCJK returns for s to dst, for a
// caller that keeps them in a buffer of its own.
func AppendSplitCJK(dst []Piece, s string) []Piece {
	t := tbl()
	out := dst
	pending := 0 // start of the run of unmatched text
	pendingRunes := 0
	afterPlace := false // the previous piece is a place: 深圳|市
	for i := 0; i < len(s); {
		// Byte ends of the next 1..cjkMax runes.
		best, bestLen := Piece{}, 0
		j, n := i, 0
		for j < len(s) && n < t.cjkMax {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
			n++
			p, ok := t.cjk[s[i:j]]
			if !ok {
				continue
			}
			if n == 1 && (p.Kind != PlaceSuffix || p.Class == "" || pendingRunes < 2 && !(afterPlace && pendingRunes == 0)) {
				continue
			}
			best, bestLen = p, j-i
		}
		if bestLen == 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			pendingRunes++
			afterPlace = false
			continue
		}
		if pending < i {
			out = append(out, Piece{Text: s[pending:i]})
		}
		best.Text = s[i : i+bestLen]
		out = append(out, best)
		i += bestLen
		pending, pendingRunes = i, 0
		afterPlace = best.Place != ""
	}
	if pending < len(s) {
		out = append(out, Piece{Text: s[pending:]})
	}
	return out
}
