package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/internal/embedded"
)

//go:generate go run ./internal/gen -out data/places.tsv.gz -notice data/NOTICE

//go:embed data/places.tsv.gz
var placesGz string

// MaxTokens is the most tokens a place name or site phrase has.
const MaxTokens = 4

// CommonLevel is the highest SCOWL level at which a name counts as a common
// English word ([Match.Common]).
const CommonLevel = 35

// Kind says what a name names; a name can be both.
type Kind uint8

// The kinds of place.
const (
	City   Kind = 1 << iota // a populated place of 15,000+ people
	Region                  // a first-level administrative region (admin1)
)

func (k Kind) String() string {
	switch k {
	case City:
		return "city"
	case Region:
		return "region"
	case City | Region:
		return "city+region"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Match is what the table knows of a place name found at the start of the
// tokens.
type Match struct {
	N         int    // tokens matched, 1 to MaxTokens
	ISO       string // ISO 3166-1 alpha-2 code of the most populous place of that name
	Pop       int    // its population (of a region: the sum of its places of 500+)
	Kind      Kind   // City, Region or both (in any country)
	Level     int    // SCOWL level of the name as English word(s), 0 = none
	Common    bool   // 1 ≤ Level ≤ CommonLevel: the name is also an ordinary English word
	Alt       bool   // the name is only an alternate name (Moskau, Pekin), no main or ASCII name
	NameWord  bool   // the name is made of company-name words of resolve/vocab or is a legal form (union, dianzi, nacional)
	Countries string // ISO codes of every country with a place of that name, concatenated, most populous first: "AUHKCA..."
}

// In reports whether the name is a place in country iso.
func (m Match) In(iso string) bool { return inCountries(m.Countries, iso) }

func inCountries(cs, iso string) bool {
	if len(iso) != 2 {
		return false
	}
	for i := 0; i+2 <= len(cs); i += 2 {
		if cs[i] == iso[0] && cs[i+1] == iso[1] {
			return true
		}
	}
	return false
}

// Place returns the length in tokens of the longest place name (1 to
// MaxTokens tokens) at the start of tokens, and the ISO code of its most
// populous place. Tokens are lowercase ASCII as resolve/normalize gives them.
// It says nothing of how likely the name is a place here: see [Lookup] for
// Common and Alt.
func Place(tokens []string) (n int, iso string, ok bool) {
	t := places()
	e := t.longest(tokens, "")
	if e < 0 {
		return 0, "", false
	}
	en := &t.entries[e]
	return int(en.ntok), t.blob[en.iso : en.iso+2], true
}

// Lookup returns what is known of the longest place name at the start of
// tokens.
func Lookup(tokens []string) (Match, bool) {
	t := places()
	e := t.longest(tokens, "")
	if e < 0 {
		return Match{}, false
	}
	return t.match(e), true
}

// PlaceIn returns the length of the longest name at the start of tokens that
// is a place in country iso (whether or not its most populous place is
// there).
func PlaceIn(tokens []string, iso string) (n int, ok bool) {
	if len(iso) != 2 {
		return 0, false
	}
	t := places()
	e := t.longest(tokens, iso)
	if e < 0 {
		return 0, false
	}
	return int(t.entries[e].ntok), true
}

// IsPlace reports whether token alone is a place name, with the ISO code and
// population of its most populous place.
func IsPlace(token string) (iso string, pop int, ok bool) {
	t := places()
	e := t.longest([]string{token}, "")
	if e < 0 || t.entries[e].ntok != 1 {
		return "", 0, false
	}
	en := &t.entries[e]
	return t.blob[en.iso : en.iso+2], int(en.pop), true
}

// Len returns the number of place names in the table.
func Len() int { return places().names }

// table is a set of token sequences of 1 to MaxTokens tokens, with an
// open-addressing hash index. Every proper prefix of a sequence is in it
// too, with kind 0, so a lookup stops at the first prefix that starts
// nothing.
type table struct {
	blob    string   // keys (tokens joined by spaces) and country codes
	entries []entry  //
	slots   []uint32 // entry index + 1; 0 = empty
	mask    uint64
	names   int // entries with kind != 0
}

type entry struct {
	key   uint32 // offset of the key in blob
	iso   uint32 // offset of the country codes in blob
	pop   uint32
	hash  uint32 // high half of the key's hash
	klen  uint16
	niso  uint8 // number of countries
	ntok  uint8
	kind  Kind // 0: only a prefix of longer names
	level uint8
	alt   bool
	word  bool // NameWord
}

func (t *table) match(e int) Match {
	en := &t.entries[e]
	return Match{
		N:         int(en.ntok),
		ISO:       t.blob[en.iso : en.iso+2],
		Pop:       int(en.pop),
		Kind:      en.kind,
		Level:     int(en.level),
		Common:    en.level != 0 && en.level <= CommonLevel,
		Alt:       en.alt,
		NameWord:  en.word,
		Countries: t.blob[en.iso : en.iso+2*uint32(en.niso)],
	}
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// longest returns the entry of the longest name at the start of tokens (in
// country iso, if not ""), or -1.
func (t *table) longest(tokens []string, iso string) int {
	best := -1
	h := uint64(fnvOffset)
	for k := 0; k < len(tokens) && k < MaxTokens; k++ {
		if tokens[k] == "" {
			break
		}
		if k > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		h = hashString(h, tokens[k])
		e := t.find(h, tokens[:k+1])
		if e < 0 {
			break
		}
		en := &t.entries[e]
		if en.kind != 0 && (iso == "" || inCountries(t.blob[en.iso:en.iso+2*uint32(en.niso)], iso)) {
			best = e
		}
	}
	return best
}

func (t *table) find(h uint64, tokens []string) int {
	if len(t.slots) == 0 {
		return -1
	}
	hi := uint32(h >> 32)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		en := &t.entries[s-1]
		if en.hash == hi && int(en.ntok) == len(tokens) && t.equal(en, tokens) {
			return int(s - 1)
		}
	}
}

// equal reports whether the key of en is tokens joined by spaces.
func (t *table) equal(en *entry, tokens []string) bool {
	key := t.blob[en.key : en.key+uint32(en.klen)]
	for j, tok := range tokens {
		if j > 0 {
			if len(key) == 0 || key[0] != ' ' {
				return false
			}
			key = key[1:]
		}
		if len(key) < len(tok) || key[:len(tok)] != tok {
			return false
		}
		key = key[len(tok):]
	}
	return len(key) == 0
}

// builder collects keys before the blob is frozen.
type builder struct {
	blob    []byte
	entries []entry
	places  bool // every name needs a country
}

func newBuilder(n int, places bool) *builder {
	return &builder{entries: make([]entry, 0, n), places: places}
}

// add appends a key (tokens joined by single spaces) with its data;
// countries are ISO codes concatenated.
func (b *builder) add(key []byte, kind Kind, countries []byte, pop, level int, alt, word bool) error {
	ntok := 1 + bytes.Count(key, []byte{' '})
	if len(key) == 0 || key[0] == ' ' || key[len(key)-1] == ' ' || bytes.Contains(key, []byte("  ")) ||
		ntok > MaxTokens || len(key) > 0xffff || len(countries)%2 != 0 || len(countries) > 2*0xff {
		return fmt.Errorf("bad key %q", key)
	}
	if kind == 0 || (countries == nil && b.places) {
		return fmt.Errorf("key %q: no kind or country", key)
	}
	e := entry{key: uint32(len(b.blob)), klen: uint16(len(key)), ntok: uint8(ntok), kind: kind,
		pop: uint32(min(max(pop, 0), 1<<32-1)), level: uint8(min(level, 255)), alt: alt, word: word}
	b.blob = append(b.blob, key...)
	e.iso = uint32(len(b.blob))
	e.niso = uint8(len(countries) / 2)
	b.blob = append(b.blob, countries...)
	b.entries = append(b.entries, e)
	return nil
}

// build makes the index, adding every proper prefix of a multi-token key as
// an entry of kind 0 (it shares the key's bytes).
func (b *builder) build() (*table, error) {
	n := len(b.entries)
	prefixes := 0
	for i := range b.entries {
		prefixes += int(b.entries[i].ntok) - 1
	}
	t := &table{blob: string(b.blob), entries: b.entries}
	// Under half full however many of the prefixes counted here are
	// shared (of the places, 13,600 of 41,600 are distinct: 0.41 full).
	size := 16
	for size < n+prefixes*3/2 {
		size <<= 1
	}
	t.slots = make([]uint32, size)
	t.mask = uint64(size - 1)
	for i := 0; i < n; i++ {
		en := &t.entries[i]
		key := t.blob[en.key : en.key+uint32(en.klen)]
		h := hashString(fnvOffset, key)
		en.hash = uint32(h >> 32)
		if t.findKey(h, key) >= 0 {
			return nil, fmt.Errorf("key %q twice", key)
		}
		t.insert(h, i)
	}
	for i := 0; i < n; i++ {
		en := t.entries[i]
		if en.ntok < 2 {
			continue
		}
		key := t.blob[en.key : en.key+uint32(en.klen)]
		h := uint64(fnvOffset)
		for j := 0; j < len(key); j++ {
			if key[j] == ' ' && t.findKey(h, key[:j]) < 0 {
				p := entry{key: en.key, klen: uint16(j), iso: en.iso, hash: uint32(h >> 32),
					ntok: uint8(1 + strings.Count(key[:j], " "))}
				t.entries = append(t.entries, p)
				t.insert(h, len(t.entries)-1)
			}
			h = (h ^ uint64(key[j])) * fnvPrime
		}
	}
	if cap(t.entries) > len(t.entries)+len(t.entries)/8 {
		t.entries = slices.Clone(t.entries)
	}
	t.names = n
	return t, nil
}

func (t *table) insert(h uint64, i int) {
	j := h & t.mask
	for t.slots[j] != 0 {
		j = (j + 1) & t.mask
	}
	t.slots[j] = uint32(i + 1)
}

// findKey is find for a key already joined.
func (t *table) findKey(h uint64, key string) int {
	hi := uint32(h >> 32)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		en := &t.entries[s-1]
		if en.hash == hi && t.blob[en.key:en.key+uint32(en.klen)] == key {
			return int(s - 1)
		}
	}
}

var (
	placesOnce sync.Once
	placesTbl  *table
)

// places returns the place table, parsing it on first use.
func places() *table {
	placesOnce.Do(func() {
		t, err := parsePlaces(placesGz)
		if err != nil {
			panic("gazetteer: " + err.Error()) // generated and tested
		}
		embedded.Release(placesGz) // decoded: its pages need not stay resident
		placesTbl = t
	})
	return placesTbl
}

// Load parses the embedded table now rather than on first lookup.
func Load() { places() }

// parsePlaces reads the lines of places.tsv.gz:
// key, kinds, isos, pop, level, alt, nameword (see internal/gen).
func parsePlaces(gz string) (*table, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, err
	}
	b := newBuilder(100<<10, true)
	b.blob = make([]byte, 0, 1300<<10)
	sc := bufio.NewScanner(zr)
	var f [7][]byte
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		n := 0
		for n < len(f)-1 {
			i := bytes.IndexByte(line, '\t')
			if i < 0 {
				break
			}
			f[n], line = line[:i], line[i+1:]
			n++
		}
		f[n] = line
		if n != len(f)-1 {
			return nil, fmt.Errorf("places.tsv:%d: %d fields, want %d", ln, n+1, len(f))
		}
		var kind Kind
		for _, c := range f[1] {
			switch c {
			case 'p':
				kind |= City
			case 'r':
				kind |= Region
			default:
				return nil, fmt.Errorf("places.tsv:%d: kind %q", ln, f[1])
			}
		}
		pop, ok1 := atoi(f[3])
		level, ok2 := atoi(f[4])
		if !ok1 || !ok2 || kind == 0 || !isBit(f[5]) || !isBit(f[6]) || len(f[2]) == 0 {
			return nil, fmt.Errorf("places.tsv:%d: bad line", ln)
		}
		if err := b.add(f[0], kind, f[2], pop, level, f[5][0] == '1', f[6][0] == '1'); err != nil {
			return nil, fmt.Errorf("places.tsv:%d: %w", ln, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	t, err := b.build()
	if err != nil {
		return nil, fmt.Errorf("places.tsv: %w", err)
	}
	return t, nil
}

func isBit(b []byte) bool { return len(b) == 1 && (b[0] == '0' || b[0] == '1') }

// atoi reads a non-negative decimal number.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
