package ru

import (
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

//go:generate go run ./internal/genbe -out belarusian.tsv.gz

// belarusianGz is the generated Belarusian → Russian table (see
// internal/genbe and NOTICE-be.md).
//
//go:embed belarusian.tsv.gz
var belarusianGz string

// belarusian maps the Snowball Russian stem of a folded Belarusian noun or
// adjective to the Russian lemmas it translates (гасцініца → гостиница,
// тытунёвы → табачный). Parsed once, on the first word that the Russian
// table does not know; read-only afterwards.
var belarusian = sync.OnceValue(func() *belTable {
	m, err := parseBelarusian(belarusianGz)
	if err != nil {
		panic(err) // the embedded file is generated and tested: this cannot happen in a release
	}
	embedded.Release(belarusianGz)
	return m
})

// belTable is the loaded Belarusian table: the decompressed text and the
// offsets of its lines, which the file sorts by stem, searched by
// bisection (1.6 MB, where a map of 37,000 stems to slices of lemmas took
// 4.9 MB).
type belTable struct {
	text  string
	lines []uint32 // offset of each line "stem<TAB>lemma,lemma"
}

// line returns the stem and the lemmas of line i.
func (b *belTable) line(i int) (stem, lemmas string) {
	l := b.text[b.lines[i]:]
	if j := strings.IndexByte(l, '\n'); j >= 0 {
		l = l[:j]
	}
	stem, lemmas, _ = strings.Cut(l, "\t")
	return stem, lemmas
}

// lemmas returns the Russian lemmas of a stem, comma-separated, or "".
func (b *belTable) lemmas(stem string) string {
	lo := sort.Search(len(b.lines), func(m int) bool { st, _ := b.line(m); return st >= stem })
	if lo < len(b.lines) {
		if st, lemmas := b.line(lo); st == stem {
			return lemmas
		}
	}
	return ""
}

// parseBelarusian reads the generated table (format: internal/genbe).
func parseBelarusian(gz string) (*belTable, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("ru: belarusian.tsv.gz: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ru: belarusian.tsv.gz: %w", err)
	}
	text := string(raw)
	b := &belTable{text: text, lines: make([]uint32, 0, strings.Count(text, "\n"))}
	ln, pos, next, prev := 0, 0, 0, ""
	for line := range strings.SplitSeq(text, "\n") {
		ln++
		pos, next = next, next+len(line)+1
		if line == "" || line[0] == '#' {
			continue
		}
		st, val, ok := strings.Cut(line, "\t")
		if !ok || st == "" || val == "" || st <= prev {
			return nil, fmt.Errorf("ru: belarusian.tsv.gz:%d: bad line", ln)
		}
		prev = st
		b.lines = append(b.lines, uint32(pos))
	}
	return b, nil
}

// RussianOf returns the Russian words that a Belarusian noun or adjective
// translates, when the Russian table does not know the word itself
// (гродзенская → гродненский, гасцініца → гостиница), or nil. It is for
// comparisons that need the Russian word rather than its English
// translations (Cognate: Гродзенская is Grodno through гродненский).
func RussianOf(word string) []string {
	folded := lex.Fold(word)
	t := tbl()
	if _, ok := t.lookup(folded); ok {
		return nil
	}
	st := lex.Russian(folded)
	if _, ok := t.lookup(st); ok {
		return nil
	}
	if lemmas := belarusian().lemmas(st); lemmas != "" {
		return strings.Split(lemmas, ",")
	}
	return nil
}

// fromBelarusian returns the row of the Russian words that a folded
// Belarusian word translates, or an empty row.
func (t *table) fromBelarusian(folded string, depth int) row {
	var r row
	lemmas := belarusian().lemmas(lex.Russian(folded))
	if lemmas == "" {
		return r
	}
	for rus := range strings.SplitSeq(lemmas, ",") {
		r = r.union(t.translate(rus, depth+1))
	}
	return r
}
