package ru

import (
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
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
var belarusian = sync.OnceValue(func() map[string][]string {
	m, err := parseBelarusian(belarusianGz)
	if err != nil {
		panic(err) // the embedded file is generated and tested: this cannot happen in a release
	}
	embedded.Release(belarusianGz)
	return m
})

// parseBelarusian reads the generated table (format: internal/genbe).
func parseBelarusian(gz string) (map[string][]string, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("ru: belarusian.tsv.gz: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ru: belarusian.tsv.gz: %w", err)
	}
	text := string(raw)
	m := make(map[string][]string, strings.Count(text, "\n"))
	ln := 0
	for line := range strings.SplitSeq(text, "\n") {
		ln++
		if line == "" || line[0] == '#' {
			continue
		}
		st, val, ok := strings.Cut(line, "\t")
		if !ok || st == "" || val == "" {
			return nil, fmt.Errorf("ru: belarusian.tsv.gz:%d: bad line", ln)
		}
		m[st] = strings.Split(val, ",")
	}
	return m, nil
}

// RussianOf returns the Russian words that a Belarusian noun or adjective
// translates, when the Russian table does not know the word itself
// (гродзенская → гродненский, гасцініца → гостиница), or nil. The slice is
// shared: do not modify it. It is for comparisons that need the Russian
// word rather than its English translations (Cognate: Гродзенская is
// Grodno through гродненский).
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
	return belarusian()[st]
}

// fromBelarusian returns the row of the Russian words that a folded
// Belarusian word translates, or an empty row.
func (t *table) fromBelarusian(folded string, depth int) row {
	var r row
	for _, rus := range belarusian()[lex.Russian(folded)] {
		r = r.union(t.translate(rus, depth+1))
	}
	return r
}
