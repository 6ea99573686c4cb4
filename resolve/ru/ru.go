package ru

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

//go:generate go run ./internal/gen -out table.tsv.gz

// Stem returns the Snowball Russian stem of a word after folding it (case,
// ё, Ukrainian and Belarusian letters, Latin look-alikes; see the package
// doc): Завода, заводом → завод; Восточная, восточный → восточн;
// Концeрн (Latin e) → концерн.
func Stem(word string) string { return lex.Russian(word) }

// Translate returns the English words that a Russian word may mean, best
// first, at most six for a word of the table: завода → [plant works factory
// ...]; верфь → [shipyard dockyard]. The slice is shared: do not modify it.
//
// A word that is not in the table is split: at its hyphens
// (научно-исследовательский → the words of научный and of
// исследовательский), or else into known stems joined by the connecting
// vowel о/е and combining forms (авиаремонтный → авиа + ремонтный →
// aviation aircraft air repair ...; электромеханика → электро +
// механика). Such a result is a new slice. A word with no translation gives
// nil.
func Translate(word string) []string { return Lookup(word).Translations() }

// Means reports whether the Russian word can mean the English word or
// phrase: their English Snowball stems are compared, so Means("заводы",
// "Plants") and Means("завод", "works") are true, Means("завод", "bank")
// false. A hyphenated English word means the Russian one when every part
// does (моторостроительный, "engine-building"), and a part of a hyphenated
// translation counts (машиностроительный, "machine" from machine-building).
//
// Means stems both words on every call (some microseconds: the Snowball
// stemmer is slow); to compare one word with many, use Lookup and
// EnglishStem once and Word.MeansStem.
func Means(ruWord, enWord string) bool { return Lookup(ruWord).Means(enWord) }

// Word is a Russian word looked up once, to compare with many English
// words without stemming it again. The zero Word has no translation.
type Word struct {
	r     row
	parts map[string][]string
}

// Lookup folds, stems and looks up a Russian word (splitting it when it is
// not in the table, as Translate does).
func Lookup(word string) Word {
	t := tbl()
	return Word{t.translate(word, 0), t.parts}
}

// Translations returns the word's English words, best first (shared: do not
// modify).
func (w Word) Translations() []string { return w.r.words }

// Means is Means for a looked-up word.
func (w Word) Means(enWord string) bool {
	if len(w.r.words) == 0 {
		return false
	}
	en := normEnglish(enWord)
	if en == "" {
		return false
	}
	if slices.Contains(w.r.words, en) || w.MeansStem(lex.English(en)) {
		return true
	}
	if !strings.Contains(en, "-") || strings.Contains(en, " ") {
		return false
	}
	n := 0
	for part := range strings.SplitSeq(en, "-") {
		if part == "" {
			continue
		}
		if !w.MeansStem(lex.English(part)) {
			return false
		}
		n++
	}
	return n > 0
}

// MeansStem reports whether one of the word's translations, or a part of a
// hyphenated one, has this English Snowball stem (from EnglishStem). It
// does not allocate.
func (w Word) MeansStem(enStem string) bool {
	if enStem == "" {
		return false
	}
	if slices.Contains(w.r.stems, enStem) {
		return true
	}
	for _, tr := range w.r.words {
		if slices.Contains(w.parts[tr], enStem) {
			return true
		}
	}
	return false
}

// EnglishStem returns the Snowball English stem of an English word or
// phrase, lowercased and trimmed of punctuation: "Plants" → "plant",
// "Power Stations" → "power station". A hyphenated word keeps its hyphen
// (engine-building → engine-build).
func EnglishStem(word string) string {
	en := normEnglish(word)
	if en == "" {
		return ""
	}
	return lex.English(en)
}

func normEnglish(s string) string {
	return strings.Trim(strings.ToLower(s), " .,;:'\"()«»‘’“”")
}

// maxDepth bounds the recursion over hyphenated parts.
const maxDepth = 2

// translate returns the row of a word, trying in turn:
//
//  1. the word as it is, then its stem (the word first, since the stemmer
//     cuts some forms too far: систем, the genitive plural of система, to
//     сист); a hyphenated word also gets the rows of its parts (the first
//     maxPieces), after its own (северо-западный: northwest ..., north ...,
//     western ...);
//  2. the word less one or two final vowels (or ь, й), as a stem: the Snowball
//     stemmer cuts автомобили to автомоб (taking -или for a verb ending),
//     while автомобил is in the table;
//  3. the noun of a relational adjective (вертолетный → вертолет);
//  4. the Russian words of a Belarusian word (see belarusian);
//  5. its compound pieces.
func (t *table) translate(word string, depth int) row {
	folded := lex.Fold(word)
	r, ok := t.lookup(folded)
	st := folded
	if !ok {
		st = lex.Russian(folded)
		r, ok = t.lookup(st)
	}
	if depth < maxDepth && strings.ContainsFunc(folded, isHyphen) {
		n := 0
		for part := range strings.FieldsFuncSeq(folded, isHyphen) {
			if n++; n > maxPieces {
				break
			}
			r = r.union(t.translate(part, depth+1))
		}
		return r
	}
	if ok {
		// A relational adjective in the table often has only its figurative
		// senses there (приборный: dash-board, apparatus); its noun's come
		// after them (прибор: instrument; опытный: expert, then опыт:
		// experimental).
		if base, ok := relationalBase(t, st); ok {
			return r.union(base)
		}
		return r
	}
	cut := folded
	for range 2 {
		c, size := utf8.DecodeLastRuneInString(cut)
		if !strings.ContainsRune("аеиоуыэюяьй", c) {
			break
		}
		cut = cut[:len(cut)-size]
		if utf8.RuneCountInString(cut) < minStemRunes {
			break
		}
		if r, ok := t.lookup(cut); ok {
			return r
		}
	}
	if r, ok := relationalBase(t, st); ok {
		return r
	}
	if depth < maxDepth {
		// A Belarusian word, through the Russian word it translates
		// (гасцініца → гостиница → hotel), before splitting: a Belarusian
		// word is no compound of Russian stems.
		if r := t.fromBelarusian(folded, depth); len(r.words) > 0 {
			return r
		}
	}
	return t.compound(folded)
}

// relationalBase returns the row of the noun of a relational adjective's
// stem (вертолетн → вертолет), if the table has it.
func relationalBase(t *table, st string) (row, bool) {
	for _, rel := range lex.Relational {
		if base, ok := strings.CutSuffix(st, rel.Suffix); ok && utf8.RuneCountInString(base) >= rel.MinBase {
			if r, ok := t.lookup(base); ok {
				return r, true
			}
		}
	}
	return row{}, false
}

// minStemRunes is the shortest stem looked up for a cut word.
const minStemRunes = 4

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' || r == '–' }

// union appends the words of o that r lacks, to a copy of r.
func (r row) union(o row) row {
	if len(r.words) == 0 {
		return o
	}
	out := row{slices.Clone(r.words), slices.Clone(r.stems)}
	for i, w := range o.words {
		if !slices.Contains(out.words, w) {
			out.words = append(out.words, w)
			out.stems = append(out.stems, o.stems[i])
		}
	}
	return out
}

// Bounds of compound splitting.
const (
	maxPieces    = 4  // pieces of one compound
	minPieceRune = 3  // runes of a piece that is a stem (combining forms may be shorter)
	maxCompound  = 40 // runes of a word worth splitting
)

// compound splits a folded word that is not in the table into pieces, each
// a stem of the table followed by the connecting vowel о or е (машин-о-,
// нефт-е-) or a combining form (авиа, электро, гос); the last piece is a
// word whose stem is in the table, or a form: моторостроительный →
// мотор|о|строительный; электромеханика → электро|механика; газпром →
// газ|пром. The split with the fewest pieces wins. It returns the union of
// the pieces' rows, or an empty row.
func (t *table) compound(word string) row {
	n := utf8.RuneCountInString(word)
	if n < 2*minPieceRune-1 || n > maxCompound {
		return row{}
	}
	// at[i] is the byte offset of rune i.
	at := make([]int, 0, n+1)
	for i := range word {
		at = append(at, i)
	}
	at = append(at, len(word))
	type step struct {
		pieces, prev int
		forms        int // pieces that are combining forms
		r            row
	}
	// best[i] is the best split of word[:at[i]]; pieces == 0: none yet. Of
	// two splits with as many pieces, the one with more combining forms
	// wins: теле|радио|компания, not тел|е|радио|компания (тело, body).
	best := make([]step, n+1)
	reach := func(from, to int, r row, form bool) {
		p, f := best[from].pieces+1, best[from].forms
		if form {
			f++
		}
		if p > maxPieces || best[to].pieces != 0 && (best[to].pieces < p || best[to].pieces == p && best[to].forms >= f) {
			return
		}
		best[to] = step{pieces: p, prev: from, forms: f, r: r}
	}
	for i := 0; i < n; i++ {
		if i > 0 && best[i].pieces == 0 {
			continue
		}
		if i > 0 && n-i >= minPieceRune { // the rest as the last piece
			rest := word[at[i]:]
			if f, ok := t.forms[rest]; ok { // hand-written: before the dictionary
				reach(i, n, f, true)
			} else if r, ok := t.lookup(lex.Russian(rest)); ok {
				reach(i, n, r, false)
			}
		}
		for j := i + 1; j < n; j++ {
			piece := word[at[i]:at[j]]
			if f, ok := t.forms[piece]; ok {
				reach(i, j, f, true)
			}
			if j-i < minPieceRune || j+1 >= n {
				continue
			}
			if v := word[at[j]:at[j+1]]; v != "о" && v != "е" {
				continue
			}
			if r, ok := t.lookup(piece); ok {
				reach(i, j+1, r, false)
			}
		}
	}
	if best[n].pieces < 2 {
		return row{}
	}
	var pieces []row
	for i := n; i > 0; i = best[i].prev {
		pieces = append(pieces, best[i].r)
	}
	var u row
	for k := len(pieces) - 1; k >= 0; k-- {
		u = u.union(pieces[k])
	}
	return u
}
