package ru

import (
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
)

// tableGz is the generated table (see internal/gen and NOTICE.md).
//
//go:embed table.tsv.gz
var tableGz string

// tbl is the table parsed once, on first use; read-only afterwards.
var tbl = sync.OnceValue(func() *table {
	t, err := parseTable(tableGz)
	if err != nil {
		panic(err) // the embedded file is generated and tested: this cannot happen in a release
	}
	embedded.Release(tableGz) // decoded: its pages need not stay resident
	return t
})

// table is the loaded dictionary. Every string in it is a substring of
// text, so the table costs the text, two string headers per translation and
// the index.
type table struct {
	text  string
	index []uint32            // row → its Russian stem, text[i>>8 : i>>8+i&0xff]: rows are sorted by stem, searched by bisection
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

func (t *table) stem(r int) string {
	i := t.index[r]
	return t.text[i>>8 : i>>8+i&0xff]
}

// lookup returns the row of a Russian stem, found by bisection.
func (t *table) lookup(stem string) (row, bool) {
	lo := sort.Search(len(t.index), func(m int) bool { return t.stem(m) >= stem })
	if lo == len(t.index) || t.stem(lo) != stem {
		return row{}, false
	}
	return t.row(uint32(lo)), true
}

// parseTable reads the generated table (format: internal/gen, write).
func parseTable(gz string) (*table, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("ru: table.tsv.gz: %w", err)
	}
	var sb strings.Builder
	if len(gz) >= 4 { // gzip's trailer holds the size of the text
		sb.Grow(int(binary.LittleEndian.Uint32([]byte(gz[len(gz)-4:]))))
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
	if len(text) >= 1<<24 {
		return nil, fmt.Errorf("ru: table.tsv.gz: %d bytes, more than the index addresses", len(text))
	}
	t := &table{text: text, index: make([]uint32, 0, nR), start: make([]uint32, 0, nR+1),
		words: make([]string, 0, nWords), stems: make([]string, 0, nWords),
		parts: map[string][]string{}, forms: map[string]row{}}
	stemOf := map[string]string{} // English word → stem, while loading
	ln, pos, next := 0, 0, 0      // line number, offset of the line, of the next
	for line := range strings.SplitSeq(text, "\n") {
		ln++
		pos, next = next, next+len(line)+1
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
			if len(key) > 0xff || (len(t.index) > 0 && t.stem(len(t.index)-1) >= key) {
				return nil, fmt.Errorf("ru: table.tsv.gz:%d: stem %q too long or out of order", ln, key)
			}
			t.index = append(t.index, uint32(pos+len(kind)+1)<<8|uint32(len(key))) // key follows "R\t"
			if t.stem(len(t.index)-1) != key {
				return nil, fmt.Errorf("ru: table.tsv.gz:%d: bad offset", ln)
			}
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
