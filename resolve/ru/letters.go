package ru

import (
	"strings"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

// letterSpellings are the ways English names write each Cyrillic letter of
// an acronym (ТКХ as TKH, ЦНИИ as CNII or TSNII, ВКС as VKS).
var letterSpellings = map[rune][]string{
	'а': {"a"}, 'б': {"b"}, 'в': {"v", "w"}, 'г': {"g"}, 'д': {"d"}, 'е': {"e"}, 'ж': {"zh", "j"},
	'з': {"z"}, 'и': {"i"}, 'й': {"y", "i", "j"}, 'к': {"k", "c"}, 'л': {"l"}, 'м': {"m"}, 'н': {"n"},
	'о': {"o"}, 'п': {"p"}, 'р': {"r"}, 'с': {"s", "c"}, 'т': {"t"}, 'у': {"u"}, 'ф': {"f"},
	'х': {"kh", "h", "x"}, 'ц': {"ts", "c"}, 'ч': {"ch"}, 'ш': {"sh"}, 'щ': {"shch", "sch"},
	'ы': {"y"}, 'э': {"e"}, 'ю': {"yu", "u"}, 'я': {"ya"},
}

// Bounds of SpellsLetters.
const (
	minLetters = 2
	maxLetters = 5
)

// SpellsLetters reports whether a Latin word writes a short Cyrillic word,
// an acronym most often, letter by letter as English names write them: ТКХ
// is TKH, ЦНИИ is CNII or TSNII, ВКС is VKS, where the romanisation gives
// tkkh and tsnii. The Cyrillic word has two to five letters (folded as Stem
// folds); both are compared in any case.
func SpellsLetters(acronym, latin string) bool {
	n := utf8.RuneCountInString(acronym)
	if n < minLetters || n > maxLetters {
		return false
	}
	return spells(lex.Fold(acronym), strings.ToLower(latin))
}

// spells reports whether lat is the letters of cyr, each one of its
// spellings.
func spells(cyr, lat string) bool {
	if cyr == "" {
		return lat == ""
	}
	r, size := utf8.DecodeRuneInString(cyr)
	for _, sp := range letterSpellings[r] {
		if strings.HasPrefix(lat, sp) && spells(cyr[size:], lat[len(sp):]) {
			return true
		}
	}
	return false
}
