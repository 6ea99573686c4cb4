package phon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
)

//go:generate go run ./internal/gen -extra internal/gen/extra.tsv -out data/cmudict.tsv.gz -notice data/NOTICE

//go:embed data/cmudict.tsv.gz
var cmudictGz string

// commonLevel is the highest SCOWL level (10 most common … 70 rare) of a
// word that goes into the reverse index. Level 50 is SCOWL's "common words"
// size; words of extra.tsv have level 35.
const commonLevel = 50

// minIndexLetters is the shortest English word in the reverse index.
const minIndexLetters = 3

// dict is CMUdict in compact form: one string of all words in sorted order
// with offsets, and one byte slice of packed phones per word (pronunciations
// separated by 0).
type dict struct {
	words   string
	wordOff []uint32 // len n+1
	level   []uint8  // SCOWL level per word, 0 = none
	pronOff []uint32 // len n+1, into prons
	prons   []byte
	// start[k] is the first word whose first two bytes (see prefix2) are
	// k or more: find searches only the words of its own two first letters
	// (a few hundred, not 130,000).
	start []int32 // len 1<<16+1
}

// prefix2 is a word's first two bytes as a number (the second 0 for a word
// of one byte); words in sorted order have nondecreasing prefix2.
func prefix2(w string) int {
	switch len(w) {
	case 0:
		return 0
	case 1:
		return int(w[0]) << 8
	}
	return int(w[0])<<8 | int(w[1])
}

// buildStart fills d.start from the sorted words.
func (d *dict) buildStart() {
	d.start = make([]int32, 1<<16+1)
	i := 0
	for k := range 1<<16 + 1 {
		for i < d.len() && prefix2(d.word(i)) < k {
			i++
		}
		d.start[k] = int32(i)
	}
}

func (d *dict) len() int { return len(d.level) }

func (d *dict) word(i int) string { return d.words[d.wordOff[i]:d.wordOff[i+1]] }

// find returns the id of word w, or -1.
func (d *dict) find(w string) int {
	k := prefix2(w)
	lo, hi := int(d.start[k]), int(d.start[k+1])
	i := lo + sort.Search(hi-lo, func(i int) bool { return d.word(lo+i) >= w })
	if i < hi && d.word(i) == w {
		return i
	}
	return -1
}

// eachPron calls fn with the packed phones of each pronunciation of word i.
func (d *dict) eachPron(i int, fn func(p []byte)) {
	b := d.prons[d.pronOff[i]:d.pronOff[i+1]]
	for len(b) > 0 {
		j := bytes.IndexByte(b, 0)
		if j < 0 {
			j = len(b)
		}
		fn(b[:j])
		if j == len(b) {
			break
		}
		b = b[j+1:]
	}
}

func (d *dict) common(i int) bool {
	return d.level[i] != 0 && d.level[i] <= commonLevel && len(d.word(i)) >= minIndexLetters
}

// tables is everything the package loads once.
type tables struct {
	dict
	idx index
}

var (
	loadOnce sync.Once
	loaded   *tables
)

// get loads the tables on first use.
func get() *tables {
	loadOnce.Do(func() {
		t, err := load()
		if err != nil {
			panic("phon: embedded data: " + err.Error()) // the embedded file is part of the build
		}
		loaded = t
	})
	return loaded
}

// load parses the embedded dictionary and builds the reverse index.
func load() (*tables, error) {
	d, err := parseDict(cmudictGz)
	if err != nil {
		return nil, err
	}
	embedded.Release(cmudictGz) // decoded: its pages need not stay resident
	t := &tables{dict: *d}
	t.idx = buildIndex(&t.dict)
	return t, nil
}

func parseDict(gz string) (*dict, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var words strings.Builder
	words.Grow(1 << 20)
	d := &dict{
		wordOff: make([]uint32, 1, 120000),
		level:   make([]uint8, 0, 120000),
		pronOff: make([]uint32, 1, 120000),
		prons:   make([]byte, 0, 1<<20),
	}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("line %d: want word, level, pronunciation", line)
		}
		lv, err := strconv.Atoi(f[1])
		if err != nil || lv < 0 || lv > 255 {
			return nil, fmt.Errorf("line %d: bad level %q", line, f[1])
		}
		for k, p := range f[2:] {
			if k > 0 {
				d.prons = append(d.prons, 0)
			}
			for len(p) > 0 {
				sym := p
				if i := strings.IndexByte(p, ' '); i >= 0 {
					sym, p = p[:i], p[i+1:]
				} else {
					p = ""
				}
				var stress byte
				if c := sym[len(sym)-1]; c >= '0' && c <= '2' {
					stress = c - '0'
					sym = sym[:len(sym)-1]
				}
				code := phoneCode(sym)
				if code == pNone {
					return nil, fmt.Errorf("line %d: bad phone %q", line, sym)
				}
				d.prons = append(d.prons, packPhone(code, stress))
			}
		}
		words.WriteString(f[0])
		d.wordOff = append(d.wordOff, uint32(words.Len()))
		d.level = append(d.level, uint8(lv))
		d.pronOff = append(d.pronOff, uint32(len(d.prons)))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	d.words = words.String()
	d.buildStart()
	return d, nil
}
