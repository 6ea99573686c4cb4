package ja

import (
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// analyser is the tokenizer over IPADIC and the part of IPADIC's word
// features this package reads, kept compact: the reading and a coarse
// class of each dictionary entry.
type analyser struct {
	tok *tokenizer.Tokenizer
	d   *dict.Dict // Index, Morphs (costs) and POSTable; Contents released

	readings string   // the readings of all entries, one after another
	offsets  []uint32 // entry i reads readings[offsets[i]:offsets[i+1]]
	class    []Class  // entry i's class
}

var (
	loadOnce sync.Once
	theDict  *analyser
	isLoaded atomic.Bool
)

// get returns the analyser, loading it on first use.
func get() *analyser {
	loadOnce.Do(func() {
		theDict = newAnalyser(ipa.Dict())
		isLoaded.Store(true)
	})
	return theDict
}

// Load loads the dictionary now rather than on the first Japanese name
// (1.2 to 1.4 s; see the package doc for its memory). It is safe to call
// more than once and from several goroutines.
func Load() { get() }

// Loaded reports whether the dictionary has been loaded.
func Loaded() bool { return isLoaded.Load() }

// newAnalyser builds the compact tables from d, then releases d.Contents,
// the inflection, base form, reading and pronunciation columns of every
// entry as [][]string: about 60 MB of string headers, of which this package
// keeps only the readings (7 MB with their offsets, and a class per entry). d is the process-wide IPADIC of
// ipa.Dict(), so another kagome user in the process afterwards sees
// Token.Features without those columns (POS, costs and segmentation are
// unchanged). The garbage of loading (about 100 MB) is returned to the
// operating system at once.
func newAnalyser(d *dict.Dict) *analyser {
	a := &analyser{d: d}
	tok, err := tokenizer.New(d, tokenizer.OmitBosEos())
	if err != nil {
		panic("ja: kagome tokenizer: " + err.Error()) // only for a nil dictionary
	}
	a.tok = tok

	n := len(d.Morphs)
	a.class = make([]Class, n)
	classOf := posClasses(d.POSTable.NameList)
	for i := range n {
		if i < len(d.POSTable.POSs) {
			a.class[i] = classOf(d.POSTable.POSs[i])
		}
	}

	// The reading is feature ReadingIndex of an entry: its POS columns,
	// then its Contents columns.
	readingAt, hasReading := d.ContentsMeta[dict.ReadingIndex]
	readingOf := func(i int) string {
		if !hasReading || len(d.Contents) != n || i >= len(d.POSTable.POSs) {
			return ""
		}
		if c := int(readingAt) - len(d.POSTable.POSs[i]); 0 <= c && c < len(d.Contents[i]) && d.Contents[i][c] != "*" {
			return d.Contents[i][c]
		}
		return ""
	}
	size := 0
	for i := range n {
		size += len(readingOf(i))
	}
	var sb strings.Builder
	sb.Grow(size)
	a.offsets = make([]uint32, n+1)
	for i := range n {
		sb.WriteString(readingOf(i))
		a.offsets[i+1] = uint32(sb.Len())
	}
	a.readings = sb.String()
	d.Contents = nil
	debug.FreeOSMemory()
	return a
}

// reading returns the dictionary reading (katakana) of entry id, "" if it
// has none.
func (a *analyser) reading(id int) string {
	if id < 0 || id+1 >= len(a.offsets) {
		return ""
	}
	return a.readings[a.offsets[id]:a.offsets[id+1]]
}

// entries returns the range [first, end) of the dictionary entries whose
// surface is s (empty if there is none); IPADIC numbers the entries of one
// surface consecutively. It does not use Index.Search: kagome-dict v1.1.7's
// DoubleArray.Find reports (0, true) for a prefix of an entry that is no
// entry itself (バ, a prefix of バス), and entry 0 is Tシャツ.
func (a *analyser) entries(s string) (first, end int) {
	a.d.Index.CommonPrefixSearchCallback(s, func(id, l int) {
		if l == len(s) {
			if first == end {
				first = id
			}
			end = id + 1
		}
	})
	return first, end
}

// samePOS reports whether entries i and j have the same part of speech
// (all four IPADIC levels).
func (a *analyser) samePOS(i, j int) bool {
	p, q := a.d.POSTable.POSs[i], a.d.POSTable.POSs[j]
	if len(p) != len(q) {
		return false
	}
	for k := range p {
		if p[k] != q[k] {
			return false
		}
	}
	return true
}

// posClasses returns the function giving the Class of an IPADIC part of
// speech (its first two levels), names being the POS name list.
func posClasses(names []string) func(dict.POS) Class {
	name := func(p dict.POS, i int) string {
		if i < len(p) && int(p[i]) < len(names) {
			return names[p[i]]
		}
		return ""
	}
	return func(p dict.POS) Class {
		switch name(p, 0) {
		case "名詞":
			switch name(p, 1) {
			case "固有名詞":
				return ProperNoun
			case "接尾":
				return Suffix
			case "数":
				return Number
			}
			return Noun
		case "接頭詞":
			return Prefix
		case "記号":
			if name(p, 1) == "アルファベット" {
				return Latin
			}
			return Symbol
		case "助詞", "助動詞":
			return Particle
		case "":
			return Unknown
		}
		return Other
	}
}
