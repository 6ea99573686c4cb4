package match

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// CorpusCounts are the counts a Corpus holds (names, names with a Hangul or
// kana word, names with a Cyrillic word, names with a Han word, names per
// distinctive word, names per initials), in a form that can be built in parts, merged and encoded:
// a distributed runner counts each part of the input where it is, merges
// the parts in any order and grouping, and gives every worker the same
// Corpus (NewCorpusFromCounts) as one Corpus fed every name.
//
// Every count is a sum over names, so Merge is commutative and associative
// and the result never depends on how the names were split. The zero value
// is empty and ready to use.
type CorpusCounts struct {
	c Corpus
}

// Add counts one name (analysed without weights, as for Corpus.Add).
func (cc *CorpusCounts) Add(n *Name) {
	if cc.c.df == nil {
		cc.c.df = map[string]int32{}
	}
	cc.c.Add(n)
}

// Merge adds the counts of o to cc. o is unchanged.
func (cc *CorpusCounts) Merge(o *CorpusCounts) {
	if cc.c.df == nil {
		cc.c.df = make(map[string]int32, len(o.c.df))
	}
	cc.c.n += o.c.n
	cc.c.loans += o.c.loans
	cc.c.cyrillic += o.c.cyrillic
	cc.c.han += o.c.han
	for k, v := range o.c.df {
		cc.c.df[k] += v
	}
	if len(o.c.initials) > 0 && cc.c.initials == nil {
		cc.c.initials = make(map[uint64]int32, len(o.c.initials))
	}
	for k, v := range o.c.initials {
		cc.c.initials[k] += v
	}
}

// Names returns how many names were counted.
func (cc *CorpusCounts) Names() int { return cc.c.n }

// NewCorpusFromCounts returns the Corpus of the counted names: the one a
// NewCorpus given the same names through Add holds. It copies the counts,
// so cc may go on counting.
func NewCorpusFromCounts(cc *CorpusCounts) *Corpus {
	c := cc.c
	c.df = maps.Clone(cc.c.df)
	if c.df == nil {
		c.df = map[string]int32{}
	}
	c.initials = maps.Clone(cc.c.initials)
	return &c
}

// countsFormat is the first byte of the encoding; a change of layout gets
// a new one, so old bytes fail to decode rather than decode wrong.
const countsFormat = 2

// MarshalBinary encodes the counts: a format byte, the four name counts,
// then the word counts and the initials counts, each as a length and the
// entries in key order, all numbers as unsigned varints. Equal counts give
// equal bytes.
func (cc *CorpusCounts) MarshalBinary() ([]byte, error) {
	c := &cc.c
	b := make([]byte, 0, 16+len(c.df)*12+len(c.initials)*12)
	b = append(b, countsFormat)
	for _, v := range []int{c.n, c.loans, c.cyrillic, c.han, len(c.df)} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for _, k := range slices.Sorted(maps.Keys(c.df)) {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(c.df[k]))
	}
	b = binary.AppendUvarint(b, uint64(len(c.initials)))
	for _, k := range slices.Sorted(maps.Keys(c.initials)) {
		b = binary.AppendUvarint(b, k)
		b = binary.AppendUvarint(b, uint64(c.initials[k]))
	}
	return b, nil
}

// ErrCorpusCounts is wrapped by every error of UnmarshalBinary.
var ErrCorpusCounts = errors.New("corpus counts: bad encoding")

// UnmarshalBinary decodes what MarshalBinary wrote, replacing cc's counts.
func (cc *CorpusCounts) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || data[0] != countsFormat {
		return fmt.Errorf("%w: not format %d", ErrCorpusCounts, countsFormat)
	}
	d := countsDecoder{b: data[1:]}
	c := Corpus{n: d.int(), loans: d.int(), cyrillic: d.int(), han: d.int()}
	nw := d.int()
	c.df = make(map[string]int32, min(nw, len(d.b)))
	for i := 0; i < nw && d.err == nil; i++ {
		k := d.bytes(d.int())
		c.df[string(k)] = d.count()
	}
	if ni := d.int(); ni > 0 {
		c.initials = make(map[uint64]int32, min(ni, len(d.b)))
		for i := 0; i < ni && d.err == nil; i++ {
			k := d.uvarint()
			c.initials[k] = d.count()
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the counts", len(d.b))
	}
	if d.err != nil {
		return d.err
	}
	cc.c = c
	return nil
}

// countsDecoder reads unsigned varints, keeping the first error.
type countsDecoder struct {
	b   []byte
	off int // bytes read, for errors
	err error
}

func (d *countsDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: at byte %d: %s", ErrCorpusCounts, d.off+1, fmt.Sprintf(format, args...))
	}
}

func (d *countsDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b, d.off = d.b[n:], d.off+n
	return v
}

// int reads a count of names or entries.
func (d *countsDecoder) int() int {
	v := d.uvarint()
	if v > 1<<40 {
		d.fail("count %d out of range", v)
		return 0
	}
	return int(v)
}

// count reads one map value.
func (d *countsDecoder) count() int32 {
	v := d.uvarint()
	if v > 1<<31-1 {
		d.fail("count %d out of range", v)
		return 0
	}
	return int32(v)
}

func (d *countsDecoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail("a word of %d bytes, %d left", n, len(d.b))
		return nil
	}
	s := d.b[:n]
	d.b, d.off = d.b[n:], d.off+n
	return s
}
