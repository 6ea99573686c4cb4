package ru

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
)

// tableGz is the generated table (see internal/gen and NOTICE.md).
//
//go:embed table.tsv.gz
var tableGz []byte

// tbl is the table parsed once, on first use; read-only afterwards.
var tbl = sync.OnceValue(func() *table {
	t, err := parseTable(tableGz)
	if err != nil {
		panic(err) // the embedded file is generated and tested: this cannot happen in a release
	}
	return t
})

// table is the loaded dictionary. Every string in it is a substring of
// text, so the table costs the text, two string headers per translation and
// the index.
type table struct {
	text  string
	index map[string]uint32   // Russian stem → row
	start []uint32            // row r is words[start[r]:start[r+1]]
	words []string            // English words of all rows, in order
	stems []string            // their Snowball stems, parallel to words
	parts map[string][]string // hyphenated English word → the stems of its parts
	forms map[string]row      // combining forms (авиа, электро) → their English words
}

// row is a run of English words and their stems.
type row struct{ words, stems []string }

func (t *table) row(r uint32) row {
	a, b := t.start[r], t.start[r+1]
	return row{t.words[a:b:b], t.stems[a:b:b]}
}

// lookup returns the row of a Russian stem.
func (t *table) lookup(stem string) (row, bool) {
	r, ok := t.index[stem]
	if !ok {
		return row{}, false
	}
	return t.row(r), true
}

// parseTable reads the generated table (format: internal/gen, write).
func parseTable(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("ru: table.tsv.gz: %w", err)
	}
	var sb strings.Builder
	if len(gz) >= 4 { // gzip's trailer holds the size of the text
		sb.Grow(int(binary.LittleEndian.Uint32(gz[len(gz)-4:])))
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return nil, fmt.Errorf("ru: table.tsv.gz: %w", err)
	}
	text := sb.String()
	nR, nWords := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		if strings.HasPrefix(line, "R\t") {
			nR++
			nWords += strings.Count(line, ",") + 1
		}
	}
	t := &table{text: text, index: make(map[string]uint32, nR), start: make([]uint32, 0, nR+1),
		words: make([]string, 0, nWords), stems: make([]string, 0, nWords),
		parts: map[string][]string{}, forms: map[string]row{}}
	stemOf := map[string]string{} // English word → stem, while loading
	ln := 0
	for line := range strings.SplitSeq(text, "\n") {
		ln++
		if line == "" || line[0] == '#' {
			continue
		}
		kind, rest, _ := strings.Cut(line, "\t")
		key, val, ok := strings.Cut(rest, "\t")
		if !ok || key == "" || val == "" {
			return nil, fmt.Errorf("ru: table.tsv.gz:%d: bad line", ln)
		}
		switch kind {
		case "E":
			stem, parts, ok := strings.Cut(val, "\t")
			stemOf[key] = stem
			if ok {
				t.parts[key] = strings.Fields(parts)
			}
		case "R":
			t.index[key] = uint32(len(t.start))
			t.start = append(t.start, uint32(len(t.words)))
			for w := range strings.SplitSeq(val, ",") {
				st, ok := stemOf[w]
				if !ok {
					return nil, fmt.Errorf("ru: table.tsv.gz:%d: English word %q has no E line", ln, w)
				}
				t.words = append(t.words, w)
				t.stems = append(t.stems, st)
			}
		case "P":
			var r row
			for w := range strings.SplitSeq(val, ",") {
				st, ok := stemOf[w]
				if !ok {
					return nil, fmt.Errorf("ru: table.tsv.gz:%d: English word %q has no E line", ln, w)
				}
				r.words = append(r.words, w)
				r.stems = append(r.stems, st)
			}
			t.forms[key] = r
		default:
			return nil, fmt.Errorf("ru: table.tsv.gz:%d: unknown line kind %q", ln, kind)
		}
	}
	t.start = append(t.start, uint32(len(t.words)))
	return t, nil
}
