package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

// sample is a small dictionary in the layout of the Mueller dictd file,
// written for this test: homonyms, POS blocks, senses, labels, examples,
// sub-senses of an example, a cross-reference and a glued duplicate.
const sample = `00-database-short
     A sample
plant
   _I  [plɑ:nt]
      1. _n.
         1) растение
      2. _v. сажать
   _II [plɑ:nt] _n.
         1) завод, фабрика; plant and equipment основной капитал
works
   [wɜ:ks] _n. _pl. завод
center
   [↗sɛntɜ] _ам. = centre
centre
   [↗sɛntɜ] _n.
   1) центр
   2) _attr. центральный
shipyard
   [↗ʃɪpjɑ:d] _n. верфь, судостроительный завод
rocket
   _I  [↗rɘkɪt]
      1. _n.
         1) ракета
         2) _attr. ракетный
   _II [↗rɘkɪt] _n. _бот. вечерница
state
   [stɛɪt] _n.
   1) состояние; in a state
      а) в беспорядке
      б) в волнении
   2) государство
research
   [rɪ↗sɜ:tʃ] _n.
   1) исследование
   2) _attr. научно-
   исследовательский
oil engine
   [..] _n. нефтяной двигатель
oilengine
   [..] _n. нефтяной двигатель
Shipyard
   [..] _n. верфь
`

func buildSample(t *testing.T, additions []addition) *table {
	t.Helper()
	return build(readEntries(sample), additions)
}

func row(tb *table, ru string) []string { return tb.rows[lex.Russian(ru)] }

func TestBuild(t *testing.T) {
	tb := buildSample(t, nil)
	cases := []struct {
		ru      string
		want    []string // present
		notWant []string // absent
	}{
		// shipyard's "судостроительный завод" says little of завод: below
		// keepRatio of plant, it is left out, but kept for судостроительный.
		{"завод", []string{"plant", "works"}, []string{"shipyard"}},
		{"судостроительный", []string{"shipyard"}, nil},
		{"верфь", []string{"shipyard"}, nil},
		{"центр", []string{"centre", "center"}, nil}, // center = centre
		{"центральный", []string{"centre"}, nil},     // _attr.
		{"ракетный", []string{"rocket"}, nil},
		{"государство", []string{"state"}, nil},
		{"научно-исследовательский", []string{"research"}, nil}, // joined across the line break
		{"двигатель", []string{"oil engine"}, []string{"oilengine"}},
	}
	for _, c := range cases {
		got := row(tb, c.ru)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %v, want %q", c.ru, got, w)
			}
		}
		for _, w := range c.notWant {
			if slices.Contains(got, w) {
				t.Errorf("%s: %v, must not have %q", c.ru, got, w)
			}
		}
	}
	// A capitalised headword (Shipyard) is lowercased and merged.
	if got := row(tb, "верфь"); !slices.Equal(got, []string{"shipyard"}) {
		t.Errorf("верфь: %v, want [shipyard]", got)
	}
	// Dropped: verbs, botanical senses, examples, sub-senses of an example.
	for _, ru := range []string{"сажать", "вечерница", "основной", "капитал", "беспорядок", "волнение"} {
		if got := row(tb, ru); got != nil {
			t.Errorf("%s: %v, want no row", ru, got)
		}
	}
}

func TestAdditions(t *testing.T) {
	tb := buildSample(t, []addition{{"завод", []string{"works", "mill"}}, {"авиа-", []string{"aviation"}}})
	if got := row(tb, "заводы"); len(got) < 3 || got[0] != "works" || got[1] != "mill" {
		t.Errorf("завод: %v, want works, mill first", got)
	}
	if got := tb.forms["авиа"]; !slices.Equal(got, []string{"aviation"}) {
		t.Errorf("form авиа: %v", got)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := tb.write(zw); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(zr)
	for _, line := range []string{"R\tзавод\tworks,mill,", "P\tавиа\taviation\n", "E\tworks\twork\n"} {
		if !strings.Contains(string(text), line) {
			t.Errorf("output lacks %q", line)
		}
	}
}
