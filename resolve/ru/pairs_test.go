package ru

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/internal/shared"
	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

// legalWords are the words of Russian and Belarusian legal forms, left out
// of the count (package legalform owns them).
var legalWords = map[string]bool{
	"ооо": true, "оао": true, "зао": true, "ао": true, "пао": true, "нао": true, "тоо": true, "одо": true,
	"чао": true, "уп": true, "чуп": true, "ип": true, "аат": true, "таа": true, "зат": true,
	"акционерное": true, "общество": true, "ограниченной": true, "ответственностью": true,
	"публичное": true, "непубличное": true, "открытое": true, "закрытое": true,
}

// connectors are the function words of names (and имени, whose clause the
// caller handles).
var connectors = map[string]bool{"и": true, "в": true, "на": true, "по": true, "для": true, "с": true,
	"им": true, "имени": true, "при": true, "из": true, "о": true}

// TestPairsRu measures how far translations and cognates reach the English
// names of real Russian and Belarusian entities (EU sanctions annexes,
// ../shared/data/eval/crossscript/pairs_ru.csv, development half; read
// where it is, never copied). A content word of the Cyrillic name (legal
// forms, connectors and initials left out) counts when some word of the English name,
// or two adjacent ones, is a translation (Word.MeansStem) or a cognate
// (Cognate, which also covers transliterated names); a hyphenated word also
// counts when each of its parts does. The cognate share is of the words
// that no translation reaches. The floors hold what
// the package reaches today.
func TestPairsRu(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the evaluation pairs")
	}
	f, err := os.Open(shared.Path(t, "eval/crossscript/pairs_ru.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := reach(rows[1:], func(i int) string { return rows[1+i][1] })
	// The same against the English name of another entity: what chance
	// alone reaches.
	chance := reach(rows[1:], func(i int) string { return rows[1+(i+len(rows)/2)%(len(rows)-1)][1] })
	t.Logf("%d names, %d content words: %.3f reached (translation %.3f, cognate only %.3f); in the table or split %.3f; names with every word reached %.3f",
		got.names, got.words, got.covered(), got.frac(got.translated), got.frac(got.cognate), got.frac(got.known), float64(got.whole)/float64(got.names))
	t.Logf("against another entity's English name: %.3f reached (translation %.3f, cognate only %.3f)",
		chance.covered(), chance.frac(chance.translated), chance.frac(chance.cognate))
	if got.covered() < 0.75 || got.frac(got.translated) < 0.40 || chance.covered() > 0.10 {
		t.Errorf("beyond floors (reached 0.75, by translation 0.40; by chance at most 0.10)")
	}
}

// reached counts the content words reached.
type reached struct{ words, translated, cognate, known, names, whole int }

func (r reached) frac(n int) float64 { return float64(n) / float64(r.words) }
func (r reached) covered() float64   { return r.frac(r.translated + r.cognate) }

// reach counts, over the rows, the Cyrillic content words of name1 that
// some word of english(i) reaches.
func reach(rows [][]string, english func(i int) string) reached {
	var words, translated, cognate, known, names, whole int
	for i, row := range rows {
		en := englishTokens(english(i))
		stems := make([]string, len(en))
		for i, e := range en {
			stems[i] = EnglishStem(e)
		}
		n, hit := 0, 0
		for _, w := range tokens(row[0]) {
			if !hasCyrillic(w) || legalWords[lex.Fold(w)] || connectors[lex.Fold(w)] ||
				utf8.RuneCountInString(w) == 1 { // an initial
				continue
			}
			n++
			lk := Lookup(w)
			if len(lk.Translations()) > 0 {
				known++
			}
			switch {
			case anyOf(stems, lk.MeansStem):
				translated++
				hit++
			case allOf(strings.FieldsFunc(w, isHyphen), func(part string) bool {
				lk := Lookup(part)
				return anyOf(stems, lk.MeansStem) || anyOf(en, func(e string) bool { _, ok := Cognate(part, e); return ok })
			}):
				cognate++ // a hyphenated word: each part by translation or cognate
				hit++
			}
		}
		if n == 0 {
			continue
		}
		names++
		words += n
		if hit == n {
			whole++
		}
	}
	return reached{words, translated, cognate, known, names, whole}
}

func allOf(xs []string, f func(string) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return len(xs) > 0
}

func anyOf(xs []string, f func(string) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}

// tokens splits a name into words: runs of letters and digits, a hyphen
// inside a word kept.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
}

// englishTokens returns the lowercase words of an English name, the parts
// of its hyphenated words, and each two adjacent words as a phrase.
func englishTokens(s string) []string {
	ws := tokens(strings.ToLower(s))
	out := append([]string(nil), ws...)
	for i, w := range ws {
		if strings.Contains(w, "-") {
			out = append(out, strings.FieldsFunc(w, func(r rune) bool { return r == '-' })...)
		}
		if i > 0 {
			out = append(out, ws[i-1]+" "+w)
		}
	}
	return out
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
