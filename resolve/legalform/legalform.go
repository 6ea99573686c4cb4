package legalform

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/gen -data ../../../shared/data -curated internal/gen/curated.tsv -out forms.tsv

// Class is the kind of legal form, coarse enough to compare forms across
// jurisdictions.
type Class uint8

// The classes. Company is the vague "company / corporation" class of words
// such as co, corp, inc, 公司; it is compatible with every other class.
const (
	Company        Class = iota // generic company, corporation
	LLC                         // limited-liability private company (GmbH, ООО, Ltd, SARL)
	JSC                         // joint-stock / public company (AG, АО, S.A., 株式会社)
	Partnership                 // general, limited and LLP partnerships (KG, LP, 합자회사)
	SoleProprietor              // sole trader (ИП, e.K., EIRL, Est.)
	State                       // state-owned company or public enterprise (state JSC, government company, entreprise publique)
	Cooperative                 // cooperative (eG, кооператив, 合作社)
	FreeZone                    // free-zone company (FZE, FZCO, FZ-LLC, DMCC)
	NonProfit                   // foundation, association, non-commercial organisation
	// Unitary is a state or municipal unitary enterprise (ФГУП, ГУП, МУП,
	// ФКП): its property is the state's and it issues no shares, so no
	// joint-stock or limited company is the same entity, while a state
	// enterprise named without its form may be.
	Unitary
)

var classNames = [...]string{"company", "llc", "jsc", "partnership", "sole", "state", "coop", "freezone", "nonprofit", "unitary"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("class(%d)", c)
}

func parseClass(s string) (Class, bool) {
	i := slices.Index(classNames[:], s)
	return Class(i), i >= 0
}

// Form is one canonical legal form.
type Form struct {
	// Canonical is the short lowercase ASCII name of the form: "llc", "gmbh",
	// "ooo", "jusikhoesa", "sa de cv". Two spellings of one form (ООО,
	// "obshchestvo s ogranichennoy otvetstvennostyu", OOO) share it.
	Canonical string
	Class     Class
	// Specific is true for forms tied to a jurisdiction (GmbH, ООО, S.p.A.,
	// 주식회사) and false for generic or international words (co, ltd, inc,
	// corp, llc, jsc, company).
	Specific bool
	// Countries are the ISO 3166-1 alpha-2 codes of the jurisdictions that
	// have the form, sorted; nil for generic forms. Read-only: shared by
	// every caller.
	Countries []string
	// Name is a longer human-readable name of the form, for explanations.
	Name string
}

// Found is one legal form found in a name.
type Found struct {
	Form Form
	// Text is the matched text: the word tokens joined by a space (Strip) or
	// the cut substring (SplitCJK).
	Text string
	// Start and End delimit the match: token indices [Start, End) for Strip,
	// byte offsets for SplitCJK.
	Start, End int
	// Prefix is true when the form was found at the start of the name.
	Prefix bool
}

// Lookup returns the form with the given canonical name. An unknown name
// gives a generic Company form with that canonical, which Compatible treats
// as compatible with everything but itself conflicting with nothing.
func Lookup(canonical string) Form {
	t := tbl()
	if i, ok := t.byCanon[canonical]; ok {
		return t.forms[i]
	}
	return Form{Canonical: canonical, Class: Company}
}

// Known reports whether canonical names a form in the table.
func Known(canonical string) bool {
	_, ok := tbl().byCanon[canonical]
	return ok
}

// Match reports whether the whole token sequence is one legal form, e.g.
// ["gmbh"], ["sp", "z", "oo"], ["limited", "liability", "company"].
func Match(tokens []string) (Form, bool) {
	t := tbl()
	n := t.suffix
	w := 0
	for i := len(tokens) - 1; i >= 0; i-- {
		if !isWord(tokens[i]) {
			continue
		}
		if n = t.next(n, tokens[i]); n == nil {
			return Form{}, false
		}
		w++
	}
	if w == 0 || n.form < 0 {
		return Form{}, false
	}
	return t.forms[n.form], true
}

// Strip finds legal forms at the end and at the start of a tokenized name
// and returns the rest (core) and the forms in name order.
//
// tokens are lowercase words as the tokenizer makes them (NFKC, case folded,
// Latin marks removed, dotted letters joined or not). Tokens with no letter
// or digit (",", ".", "&", "(") are transparent: they are skipped inside and
// around forms and never count as the core. core is a subslice of tokens.
//
// Forms are stripped repeatedly from the end ("industrial co ltd" → co, ltd),
// then from the start, but only with forms the table allows there (ООО,
// АО, PT, "limited liability company", 주식회사: never SA, AG or Co). Each
// match is the longest that leaves at least one word in the core, so a name
// is never emptied: "Limited Co" keeps "limited", "11420 Corp." keeps "11420".
//
// Cost: one map lookup per token examined, no allocation unless a form is
// found (then one slice and the Text strings).
func Strip(tokens []string) (core []string, forms []Found) { return StripIn(tokens, "") }

// StripIn is Strip for a name of a known country (ISO alpha-2; "" for
// none): a form stacked inside another that no jurisdiction of the
// country has is a word of the name (MIRAE SCI CO., LTD. of Korea keeps
// SCI, a French form), while the outermost form is taken as written.
func StripIn(tokens []string, country string) (core []string, forms []Found) {
	t := tbl()
	lo, hi := 0, len(tokens)
	words := 0
	for _, tok := range tokens {
		if isWord(tok) {
			words++
		}
	}
	var suffixes []Found
	for words > 1 {
		start, used, fi := t.matchSuffix(tokens, lo, hi, words)
		if fi < 0 || (len(suffixes) > 0 && foreign(t.forms[fi], country)) {
			break
		}
		suffixes = append(suffixes, Found{Form: t.forms[fi], Text: joinWords(tokens[start:hi]), Start: start, End: hi})
		words -= used
		hi = start
		// A connector before the form belongs to it: "Henao y Cia", "Smith and Co".
		if c := prevWord(tokens, lo, hi); c >= 0 && connectors[tokens[c]] && words > 1 {
			suffixes[len(suffixes)-1].Start = c
			words--
			hi = c
		}
	}
	for words > 1 {
		end, used, fi := t.matchPrefix(tokens, lo, hi, words)
		if fi < 0 {
			break
		}
		forms = append(forms, Found{Form: t.forms[fi], Text: joinWords(tokens[lo:end]), Start: lo, End: end, Prefix: true})
		words -= used
		lo = end
	}
	for i := len(suffixes) - 1; i >= 0; i-- {
		forms = append(forms, suffixes[i])
	}
	for lo < hi && !isWord(tokens[lo]) {
		lo++
	}
	for hi > lo && !isWord(tokens[hi-1]) {
		hi--
	}
	return tokens[lo:hi], forms
}

// PrefixAt finds the longest legal form that may start a name (as Strip
// takes them from the start) beginning at tokens[i] and leaving a word after
// it, and returns where it ends. Used for a form written again inside a
// name that restates itself ("AO Bryansk Automobile Plant AO BAZ").
func PrefixAt(tokens []string, i int) (end int, f Form, ok bool) {
	t := tbl()
	words := 0
	for _, tok := range tokens[i:] {
		if isWord(tok) {
			words++
		}
	}
	end, _, fi := t.matchPrefix(tokens, i, len(tokens), words)
	if fi < 0 {
		return 0, Form{}, false
	}
	return end, t.forms[fi], true
}

// foreign reports whether a form is tied to jurisdictions other than the
// country (false when the country is unknown).
func foreign(f Form, country string) bool {
	return country != "" && f.Specific && !slices.Contains(f.Countries, country)
}

// matchSuffix returns the start of the longest form ending at hi that leaves
// at least one word in tokens[lo:start], the number of words it covers and
// the form index (-1 if none).
func (t *table) matchSuffix(tokens []string, lo, hi, words int) (start, used int, form int32) {
	form = -1
	n := t.suffix
	w := 0
	for i := hi - 1; i >= lo; i-- {
		if !isWord(tokens[i]) {
			if w > 0 && letterAmpersand(tokens, lo, hi, i) {
				break
			}
			continue
		}
		if n = t.child(n, tokens[i], w == 0); n == nil {
			break
		}
		w++
		if w >= words {
			break
		}
		if n.form >= 0 {
			start, used, form = i, w, n.form
		}
	}
	return start, used, form
}

// matchPrefix is matchSuffix at the start, with the prefix trie. Its first
// word may be misspelt too when the form's next word follows exactly
// ("Akcionergoe obshchestvo": a form written before the name is seldom a
// name's own first word, and the second word confirms it).
func (t *table) matchPrefix(tokens []string, lo, hi, words int) (end, used int, form int32) {
	form = -1
	n := t.prefix
	w := 0
	fuzzyFirst := false
	for i := lo; i < hi; i++ {
		if !isWord(tokens[i]) {
			if w > 0 && letterAmpersand(tokens, lo, hi, i) {
				break
			}
			continue
		}
		var c *node
		if fuzzyFirst && w == 1 {
			c = t.next(n, tokens[i]) // the second word exact after a misspelt first
		} else if c = t.child(n, tokens[i], w == 0); c == nil && w == 0 && len(tokens[i]) >= minFuzzyLen && i+1 < hi && t.formWord(tokens[i+1]) {
			// (looked for only when the next word is a form's: a name
			// without a form costs no search for misspellings)
			c, fuzzyFirst = t.child(n, tokens[i], false), true
		}
		if n = c; n == nil {
			break
		}
		w++
		if w >= words {
			break
		}
		if n.form >= 0 && (!fuzzyFirst || w >= 2) {
			end, used, form = i+1, w, n.form
		}
	}
	return end, used, form
}

// formWord reports whether w is a word of five letters or more of some
// legal form.
func (t *table) formWord(w string) bool {
	_, ok := slices.BinarySearch(t.fuzzy, w)
	return ok
}

// letterAmpersand reports whether tokens[i] is an "&" between two single
// letters (P&C, D&D): initials of a name, never the inside of a legal form,
// although "p c" (professional corporation) and "d d" (delniška družba) are
// forms. GmbH & Co. KG keeps its "&".
func letterAmpersand(tokens []string, lo, hi, i int) bool {
	if tokens[i] != "&" || i == lo || i+1 >= hi {
		return false
	}
	return utf8.RuneCountInString(tokens[i-1]) == 1 && utf8.RuneCountInString(tokens[i+1]) == 1
}

// connectors join a name to a trailing "Co" in several languages.
var connectors = map[string]bool{"&": true, "and": true, "und": true, "et": true, "y": true, "e": true, "и": true,
	"og": true, "och": true, "en": true, "ve": true}

// prevWord returns the index of the last word token in tokens[lo:hi], or -1.
func prevWord(tokens []string, lo, hi int) int {
	for i := hi - 1; i >= lo; i-- {
		if isWord(tokens[i]) {
			return i
		}
	}
	return -1
}

func joinWords(toks []string) string {
	if len(toks) == 1 {
		return toks[0]
	}
	var b strings.Builder
	for _, tok := range toks {
		if !isWord(tok) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
	}
	return b.String()
}

// isWord reports whether tok has a letter or a digit.
func isWord(tok string) bool {
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		i += size
	}
	return false
}
