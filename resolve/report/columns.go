package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Columns are a member's carried input columns (Member.Extra): names and
// values, in the input header's order. The names are shared by every row
// of a file (ColumnNames), so a row costs one slice of values, not a map
// of its own (a map of two columns took about 300 bytes a row, a third of
// a GB at a million rows, all of it for the collector to trace).
//
// In JSON it is an object with the names sorted, as encoding/json writes a
// map[string]string, so the report reads and writes as before.
type Columns struct {
	names  *ColumnNames
	values []string
}

// ColumnNames are the names of the carried columns of a file, unique, in
// header order; Row gives a row's Columns over them.
type ColumnNames struct {
	names  []string
	sorted []int // indices of names in sorted order
}

// NewColumnNames returns the shared names; names must be unique and must not
// change afterwards.
func NewColumnNames(names []string) *ColumnNames {
	c := &ColumnNames{names: names, sorted: make([]int, len(names))}
	for i := range c.sorted {
		c.sorted[i] = i
	}
	slices.SortFunc(c.sorted, func(a, b int) int { return strings.Compare(names[a], names[b]) })
	return c
}

// Names returns the column names in header order; the slice is shared.
func (c *ColumnNames) Names() []string { return c.names }

// Row returns the Columns of one row: values[i] is the value of column i.
// values is kept, not copied.
func (c *ColumnNames) Row(values []string) Columns {
	if len(values) != len(c.names) {
		panic("report: ColumnNames.Row: values and names differ in length")
	}
	return Columns{names: c, values: values}
}

// ColumnsOf returns the Columns of a map, names sorted.
func ColumnsOf(m map[string]string) Columns {
	if len(m) == 0 {
		return Columns{}
	}
	names := slices.Sorted(maps.Keys(m))
	values := make([]string, len(names))
	for i, k := range names {
		values[i] = m[k]
	}
	return NewColumnNames(names).Row(values)
}

// Len is the number of columns.
func (c Columns) Len() int { return len(c.values) }

// IsZero reports whether there are no columns (the report leaves "extra"
// out then, as omitempty did for an empty map).
func (c Columns) IsZero() bool { return len(c.values) == 0 }

// Get returns the value of the named column, "" when there is none.
func (c Columns) Get(name string) string {
	v, _ := c.Lookup(name)
	return v
}

// Lookup returns the value of the named column and whether there is one.
func (c Columns) Lookup(name string) (string, bool) {
	if c.names == nil {
		return "", false
	}
	for i, n := range c.names.names {
		if n == name {
			return c.values[i], true
		}
	}
	return "", false
}

// All yields the names and values in header order.
func (c Columns) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for i, v := range c.values {
			if !yield(c.names.names[i], v) {
				return
			}
		}
	}
}

// Map returns the columns as a new map.
func (c Columns) Map() map[string]string {
	m := make(map[string]string, len(c.values))
	for k, v := range c.All() {
		m[k] = v
	}
	return m
}

// Equal reports whether c and d hold the same names with the same values,
// whatever the file they come from (go-cmp compares Columns with it).
func (c Columns) Equal(d Columns) bool {
	if c.Len() != d.Len() {
		return false
	}
	for k, v := range c.All() {
		if w, ok := d.Lookup(k); !ok || w != v {
			return false
		}
	}
	return true
}

// stringEncoders write JSON strings without HTML escaping: the encoder that
// calls MarshalJSON escapes the result as its own options say, exactly as
// it would the strings of a map.
var stringEncoders = sync.Pool{New: func() any {
	e := &stringEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

type stringEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func (e *stringEncoder) string(s string) error {
	if err := e.enc.Encode(s); err != nil {
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1) // the newline Encode adds
	return nil
}

// MarshalJSON writes the columns as a JSON object, names sorted.
func (c Columns) MarshalJSON() ([]byte, error) {
	if c.names == nil {
		return []byte("{}"), nil
	}
	e := stringEncoders.Get().(*stringEncoder)
	defer stringEncoders.Put(e)
	e.buf.Reset()
	e.buf.WriteByte('{')
	for j, i := range c.names.sorted {
		if j > 0 {
			e.buf.WriteByte(',')
		}
		if err := e.string(c.names.names[i]); err != nil {
			return nil, err
		}
		e.buf.WriteByte(':')
		if err := e.string(c.values[i]); err != nil {
			return nil, err
		}
	}
	e.buf.WriteByte('}')
	return bytes.Clone(e.buf.Bytes()), nil
}

// UnmarshalJSON reads a JSON object of strings (or null).
func (c *Columns) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*c = ColumnsOf(m)
	return nil
}

// String prints the columns as fmt prints the map of them.
func (c Columns) String() string { return fmt.Sprint(c.Map()) }
