package bulk

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvReader reads a CSV stream leniently (real files carry stray quotes and
// ragged rows) with a reused record slice, and strips a UTF-8 BOM.
func csvReader(r io.Reader) *csv.Reader {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// header maps trimmed column names to their index.
type header map[string]int

func readHeader(cr *csv.Reader, path string) (header, error) {
	rec, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file", path)
		}
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	h := header{}
	for i, c := range rec {
		h[strings.TrimSpace(c)] = i
	}
	return h, nil
}

// col returns the index of the first present name, or -1.
func (h header) col(names ...string) int {
	for _, n := range names {
		if i, ok := h[n]; ok {
			return i
		}
	}
	return -1
}

// require fails naming the missing columns.
func (h header) require(path string, names ...string) error {
	var miss []string
	for _, n := range names {
		if _, ok := h[n]; !ok {
			miss = append(miss, n)
		}
	}
	if len(miss) > 0 {
		return fmt.Errorf("%s: missing column(s) %s: is this the right file for this source?", path, strings.Join(miss, ", "))
	}
	return nil
}

// get returns the trimmed field i of rec, "" when absent.
func get(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// csvErr names the file and line of a parse error.
func csvErr(path string, cr *csv.Reader, err error) error {
	line, _ := cr.FieldPos(0)
	return fmt.Errorf("%s: line %d: %w", path, line, err)
}
