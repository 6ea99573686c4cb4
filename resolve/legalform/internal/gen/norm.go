package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/translit"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// fold applies NFKC and full case folding, as the tokenizer does.
func fold(s string) string {
	s = folder.String(norm.NFKC.String(s))
	// Apostrophes join a word (Int'l → intl, otvetstvennost'yu → otvetstvennostyu).
	return strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', 'ʼ', 'ʻ', '`', '´', 'ʹ':
			return -1
		}
		return r
	}, s)
}

// stripLatinMarks removes combining marks that follow a Latin letter (ş → s,
// é → e) and leaves other scripts alone (й, ё stay).
func stripLatinMarks(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	var prev rune
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) && unicode.Is(unicode.Latin, prev) {
			continue
		}
		b.WriteRune(r)
		if !unicode.Is(unicode.Mn, r) {
			prev = r
		}
	}
	return norm.NFC.String(b.String())
}

// extraLatin folds Latin letters that carry no combining mark in NFD.
var extraLatin = strings.NewReplacer("ł", "l", "ø", "o", "đ", "d", "ı", "i", "æ", "ae", "œ", "oe", "ð", "d", "þ", "th", "ħ", "h", "ŧ", "t")

// stripAllMarks removes every combining mark (й → и), in case a caller folds
// Cyrillic too.
func stripAllMarks(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

func isCJKRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

// connectors are dropped by the tokenizer ("gmbh & co kg" arrives as gmbh co kg).
var connectors = map[string]bool{"and": true, "und": true, "et": true, "и": true, "&": true}

// splitWords splits at every rune that is not a letter, digit or mark.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// tokenVariants returns the token sequences a tokenizer may produce for one
// spelling: split at all punctuation (s p a), dotted letters joined (spa), and
// runs of single letters joined; each with and without connectors.
func tokenVariants(s string) [][]string {
	var out [][]string
	seen := map[string]bool{}
	add := func(t []string) {
		if len(t) == 0 {
			return
		}
		k := strings.Join(t, " ")
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
		var nc []string
		for _, w := range t {
			if !connectors[w] {
				nc = append(nc, w)
			}
		}
		if len(nc) > 0 && len(nc) < len(t) {
			k = strings.Join(nc, " ")
			if !seen[k] {
				seen[k] = true
				out = append(out, nc)
			}
		}
	}
	// A: split everywhere.
	all := splitWords(s)
	add(all)
	// B: dotted chunks joined when their pieces are short; B2: only single letters joined.
	var b, b2 []string
	for _, chunk := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		pieces := splitWords(chunk)
		dotted := strings.ContainsAny(chunk, "./")
		short := len(pieces) > 1
		for _, p := range pieces {
			if len([]rune(p)) > 3 {
				short = false
			}
		}
		if dotted && short {
			b = append(b, strings.Join(pieces, ""))
		} else {
			b = append(b, pieces...)
		}
		if dotted {
			b2 = append(b2, joinSingles(pieces)...)
		} else {
			b2 = append(b2, pieces...)
		}
		if chunk == "&" {
			b = append(b, "&")
			b2 = append(b2, "&")
		}
	}
	add(b)
	add(b2)
	// C: every run of single letters joined.
	add(joinSingles(all))
	return out
}

func joinSingles(t []string) []string {
	var out []string
	run := ""
	for _, w := range t {
		if len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]) {
			run += w
			continue
		}
		if run != "" {
			out = append(out, run)
			run = ""
		}
		out = append(out, w)
	}
	if run != "" {
		out = append(out, run)
	}
	return out
}

// spellings returns the folded spellings of one raw alias: Latin marks
// removed (with and without the extra letter folds), Cyrillic transliterated
// by every loaded scheme.
func (g *gen) spellings(raw string) []string {
	f := fold(raw)
	set := []string{}
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			set = append(set, s)
		}
	}
	l := stripLatinMarks(f)
	add(l)
	add(extraLatin.Replace(l))
	if hasScript(f, unicode.Cyrillic) {
		add(stripAllMarks(f))
		// The project's own transliteration, exactly as the tokenizer applies it.
		add(translit.Cyrillic(f))
		for _, sc := range g.schemes {
			t := sc.translit(f)
			t = stripLatinMarks(fold(t))
			add(t)
			add(extraLatin.Replace(t))
		}
	}
	return set
}

// scheme is one iuliia Cyrillic→Latin scheme (mapping plus context rules).
type scheme struct {
	Name    string            `json:"name"`
	Mapping map[string]string `json:"mapping"`
	Prev    map[string]string `json:"prev_mapping"`
	Next    map[string]string `json:"next_mapping"`
	Ending  map[string]string `json:"ending_mapping"`
}

// extraCyr covers Ukrainian, Belarusian and Kazakh letters missing from the
// Russian schemes.
var extraCyr = map[rune]string{'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'қ': "q", 'ғ': "g", 'ң': "n", 'ө': "o", 'ү': "u", 'ұ': "u", 'ә': "a", 'һ': "h", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ђ': "dj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz"}

func loadSchemes(dir string, names []string) ([]scheme, error) {
	var out []scheme
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n+".json"))
		if err != nil {
			return nil, fmt.Errorf("scheme %s: %w", n, err)
		}
		var s scheme
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("scheme %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// translit applies the scheme word by word with its context rules.
func (s scheme) translit(text string) string {
	var b strings.Builder
	for i, w := range strings.Fields(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.word(w))
	}
	return b.String()
}

func (s scheme) word(w string) string {
	r := []rune(w)
	var b strings.Builder
	n := len(r)
	if n >= 2 {
		if e, ok := s.Ending[string(r[n-2:])]; ok {
			return s.body(r[:n-2]) + e
		}
	}
	if n >= 1 {
		if e, ok := s.Ending[string(r[n-1:])]; ok && n > 1 {
			return s.body(r[:n-1]) + e
		}
	}
	b.WriteString(s.body(r))
	return b.String()
}

func (s scheme) body(r []rune) string {
	var b strings.Builder
	for i, c := range r {
		cur := string(c)
		if i == 0 {
			if v, ok := s.Prev[cur]; ok {
				b.WriteString(v)
				continue
			}
		} else if v, ok := s.Prev[string(r[i-1])+cur]; ok {
			b.WriteString(v)
			continue
		}
		if i+1 < len(r) {
			if v, ok := s.Next[cur+string(r[i+1])]; ok {
				b.WriteString(v)
				continue
			}
		}
		if v, ok := s.Mapping[cur]; ok {
			b.WriteString(v)
			continue
		}
		if v, ok := extraCyr[c]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
