// Package lex folds Russian words and stems Russian and English words.
// Package ru and its table generator both key the table with it, so a word
// is looked up exactly as it was stored.
package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/unicode/norm"
)

// Fold lowercases a Cyrillic word and folds the letters that Russian writes
// differently or not at all:
//
//   - ё → е (Russian text mostly writes е);
//   - Ukrainian and Belarusian і, ї → и, є → е, ґ → г, ў → в
//     (інститут → институт, європейський → европейський);
//   - stress marks (U+0301, U+0300) and apostrophes (' ’ ʼ) are dropped;
//   - in a word with at least one Cyrillic letter, Latin letters that look
//     like Cyrillic ones are read as those (Концeрн with a Latin e →
//     концерн): a c e i k o p x y and A B C E H I K M O P T X Y.
//
// A word with no Cyrillic letter keeps its Latin letters (lowercased). A word
// that is already lowercase Russian (а–я) is returned as it is, without
// allocating.
func Fold(s string) string {
	if plain(s) {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	cyr := hasCyrillic(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if cyr && r < utf8.RuneSelf {
			if c, ok := lookAlike[r]; ok {
				b.WriteRune(c)
				continue
			}
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ё', 'є':
			r = 'е'
		case 'і', 'ї':
			r = 'и'
		case 'ґ':
			r = 'г'
		case 'ў':
			r = 'в'
		case '\u0301', '\u0300', '\'', '’', 'ʼ':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Russian returns the Snowball Russian stem of the folded word: завода,
// заводом → завод; восточная, восточный → восточн.
func Russian(s string) string {
	return russian.Stem(Fold(s), true)
}

// English returns the Snowball English stem of a lowercase English word or
// phrase, word by word: plants → plant; power stations → power station.
func English(s string) string {
	if !strings.Contains(s, " ") {
		return english.Stem(s, true)
	}
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = english.Stem(w, true)
	}
	return strings.Join(f, " ")
}

// Relational are the stem endings of Russian relational adjectives, each
// with the shortest stem (in runes) of the noun it leaves: газов → газ,
// ремонтн → ремонт, нефтян → нефт, городск → город, химическ → хим. The
// generator gives such an adjective its noun's best translation (газовый:
// gas); package ru looks the noun up for an adjective not in the table
// (вертолетный → вертолет).
var Relational = []struct {
	Suffix  string
	MinBase int
}{{"ическ", 3}, {"ов", 3}, {"ев", 3}, {"ян", 4}, {"ан", 4}, {"н", 4}, {"ск", 4}}

// lookAlike maps the Latin letters that print like Cyrillic ones to the
// (lowercase) Cyrillic letter.
var lookAlike = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'и', 'k': 'к', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
	'A': 'а', 'B': 'в', 'C': 'с', 'E': 'е', 'H': 'н', 'I': 'и', 'K': 'к', 'M': 'м', 'O': 'о',
	'P': 'р', 'T': 'т', 'X': 'х', 'Y': 'у',
}

// plain reports whether s is made only of the lowercase Russian letters а–я
// (ё excluded), so Fold has nothing to do.
func plain(s string) bool {
	for _, r := range s {
		if r < 'а' || r > 'я' {
			return false
		}
	}
	return true
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x52f {
			return true
		}
	}
	return false
}
