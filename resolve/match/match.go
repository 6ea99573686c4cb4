// Package match scores how likely two company names denote the same company,
// and explains every score.
//
// # What it computes
//
// A name is prepared once (Prepare): tokenised and romanised by package
// normalize, its legal form set aside by package legalform, each remaining
// word classed as distinctive, generic (package vocab: "industrial",
// "electronics", 전자, 电子 ...), stopword ("of", "the"), number, or
// qualifier (a bracketed part or a place: "(HK)", "(Schweiz)"), and given a
// romanisation key (package romanize) so that Kyungki and Gyeonggi, Zhang and
// Chang, Obshchestvo and Obschestvo compare equal.
//
// Two prepared names are compared by a weighted alignment of their words:
//
//	score = Σ over aligned pairs  sim(a,b) · (w(a) + w(b))
//	        ─────────────────────────────────────────────── − penalties
//	        Σ w over all words of both names
//
// sim is 1 for the same word, TransliterationSimilarity when the words agree
// only after transliteration (Аурус / Aurus), RomanisationSimilarity when they
// agree under a romanisation key (Kyungki / Gyeonggi), a Levenshtein ratio for
// spelling differences at or above TokenMinSimilarity (Enertech / Enertek),
// ShortTypoSimilarity for two 3- or 4-letter words one letter apart (Benz /
// Benn: too little to carry a name alone), RomanisationSimilarity for a
// Russian adjective of place and the place (Муромский / Murom, Тульский /
// Tula) or two forms of one English word (Works / Work), and 0 otherwise. Words written
// together on one side and apart on the other (Kyung Ki / Kyungki, Good Will
// / Goodwill) align as one. A name written as two alternatives around a
// slash (Al-Qa'ida/Islamic Army) is also compared part by part, and the best
// pairing counts. Words are weighted
// by rarity: a distinctive word weighs between IDFFloor and 1 depending on how
// many names of the corpus contain it; a generic word weighs GenericWeight, a
// stopword almost nothing. A word present on one side only therefore pulls
// the score down in proportion to its weight: Hyundai Motor / Hyundai Mobis
// scores about 0.5, Kyungki Industrial / Gyeonggi Industry about 0.93.
//
// Negative evidence is applied after the ratio: different numbers cap the
// score at NumberConflictCap (Trust 2006-2 / Trust 2007-1); incompatible
// specific legal forms subtract LegalFormConflict (AG / GmbH, while ООО / LLC
// agree); a qualifier on one side only subtracts QualifierPenalty (Deutsche
// Bank AG / Deutsche Bank (Schweiz) AG); different countries on both rows
// subtract CountryConflict.
//
// Every part is returned as a named Reason so that a report can say why.
//
// # Cost
//
// Prepare costs a few µs per name; Score is O(n·m) word comparisons on
// prepared words (names have 2–6 words) and costs about 1.5 µs without
// explanation (BenchmarkScore).
//
// # Worked examples (default parameters, no corpus)
//
//	Kyungki Industrial Co   / Gyeonggi Industry        0.93  kyungki≈gyeonggi (romanisation), industrial≡industry (generic)
//	삼성전자 주식회사          / Samsung Electronics Co., Ltd. 0.93 samseong≈samsung, 전자≡electronics, 주식회사≈co ltd
//	Rain Electronics        / Rainbow Electronics      0.15  rain ≠ rainbow: only the generic word agrees
//	Deutsche Bank AG        / Deutsche Bank GmbH       0.75  AG and GmbH are different German forms
//	Deutsche Bank AG        / Deutsche Bank (Schweiz) AG 0.65 a qualifier on one side only
//	Hyundai Motor           / Hyundai Mobis            0.50  motor and mobis are on one side only
package match

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/gazetteer"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/phon"
	"github.com/resolve-tool/resolve/resolve/romanize"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

// Params are the tunables of the scorer. Defaults live in the configuration
// (config/default.yaml, section match); DefaultParams mirrors them for tests
// and library use.
type Params struct {
	Threshold                 float64
	TokenMinSimilarity        float64
	RomanisationSimilarity    float64
	TransliterationSimilarity float64
	LoanwordSimilarity        float64
	GenericWeight             float64
	GenericMissingWeight      float64
	StopwordWeight            float64
	QualifierWeight           float64
	QualifierPenalty          float64
	GenericConflict           float64
	NumberConflictCap         float64
	LegalFormConflict         float64
	CountryConflict           float64
	ShortTokenLen             int
	ShortTypoSimilarity       float64
	SubsidiaryMissingWeight   float64
	IDFFloor                  float64
}

// DefaultParams returns the parameters the shipped configuration uses.
func DefaultParams() Params {
	return Params{
		Threshold:                 0.80,
		TokenMinSimilarity:        0.80,
		RomanisationSimilarity:    0.92,
		TransliterationSimilarity: 0.97,
		LoanwordSimilarity:        0.92,
		GenericWeight:             0.18,
		GenericMissingWeight:      0.60,
		StopwordWeight:            0.02,
		QualifierWeight:           0.6,
		QualifierPenalty:          0.15,
		GenericConflict:           0.20,
		NumberConflictCap:         0.40,
		LegalFormConflict:         0.25,
		CountryConflict:           0.25,
		ShortTokenLen:             3,
		ShortTypoSimilarity:       0.75,
		SubsidiaryMissingWeight:   1.5,
		IDFFloor:                  0.35,
	}
}

// Kind classifies a word of a name.
type Kind uint8

// Word kinds.
const (
	Distinctive Kind = iota
	Generic
	Stopword
	Number
	Qualifier
)

func (k Kind) String() string {
	return [...]string{"distinctive", "generic", "stopword", "number", "qualifier"}[k]
}

// Word is a prepared word of a name.
type Word struct {
	Text   string     // lowercase ASCII
	Orig   string     // as written
	Key    string     // romanisation key ("" for numbers)
	TKey   string     // transliteration-scheme key (Russian-style spellings)
	Stem   string     // English stem of a Latin word of five letters or more
	x      *wordExtra // rarely set; see wordExtra
	Class  string     // generic class, e.g. "industry"
	Sector bool       // a generic word naming a line of business (electronics, trading)
	Kind   Kind
	Script normalize.Script
	syl    bool  // a Latin word spelt in Japanese or Korean syllables (see syllabic)
	coord  bool  // joined to the word before it by "&" or "and" (Engineering & Construction)
	native uint8 // 'j', 'J', 'k', 'K': a Latin word of a Japanese or Korean name (see markRomanised)
	abbr   uint8 // how the word may abbreviate a word of another name (see customs.go)
	Weight float64
}

// wordExtra holds what only a few words have, out of line so that a million
// prepared names stay small.
type wordExtra struct {
	adj     string  // the place a Russian adjective is made from (муромский → murom)
	means   string  // the English word(s) a word translates (자동차 → motor, 석유 → oil/petroleum)
	country string  // ISO code when the word is a country's name in any language (중국, China → CN)
	nat     *native // the pieces of a Hangul, Han or kana word (see cross.go)
	sound   byte    // first consonant of a Hangul or kana word's sound skeleton (see firstSound)
	letters string  // the Latin letters a Hangul or kana word spells out (에이비씨 → abc), or ""
	glued   string  // the Latin word as written, when generic words were cut off its end (see gluedWords)
}

func (w *Word) extra() *wordExtra {
	if w.x == nil {
		w.x = &wordExtra{}
	}
	return w.x
}

// Adj is the place a Russian adjective is made from (муромский → murom), or "".
func (w *Word) Adj() string {
	if w.x == nil {
		return ""
	}
	return w.x.adj
}

// Means is the English word, or two separated by a slash, a word
// translates (자동차 → motor, 석유 → oil/petroleum), or "".
func (w *Word) Means() string {
	if w.x == nil {
		return ""
	}
	return w.x.means
}

// spelt returns the Latin letters a Hangul or kana word spells out, or "".
func (w *Word) spelt() string {
	if w.x == nil {
		return ""
	}
	return w.x.letters
}

// sound is the first consonant of the sound skeleton of a Hangul or kana
// word, or 0.
func (w *Word) sound() byte {
	if w.x == nil {
		return 0
	}
	return w.x.sound
}

// Country is the ISO code when the word names a country in any language
// (중국, China → CN), or "".
func (w *Word) Country() string {
	if w.x == nil {
		return ""
	}
	return w.x.country
}

// Name is a prepared name, ready to be compared many times.
type Name struct {
	Raw        string
	Country    string
	Words      []Word
	LegalForms []legalform.Found
	Dropped    []string // acronyms and connectors set aside, for explanations
	// Aliases are the parts of a name written as alternatives around a
	// slash ("Al-Qa'ida/Islamic Army"), each with a distinctive word; nil
	// for most names. Scores take the best of the whole name and its parts.
	Aliases []*Name
	// Cut is set when the raw name is exactly as long as a customs field
	// that cuts names (see fieldWidths): its last word may be a prefix.
	Cut bool
	// Acronym is a bracketed acronym the name declares for itself
	// ("Northern Oil Company (NOC) LLC"), or "".
	Acronym  string
	customs  uint8 // which customs-noise rules may apply (see customs.go)
	cyrillic bool  // a word is written in Cyrillic: the Russian steps of score apply (see russian.go)
}

// fieldWidths are the widths at which customs systems cut a name: 35
// characters in UN/EDIFACT NAD segments, and 40, 50 and 60 elsewhere.
var fieldWidths = [...]int{35, 40, 50, 60}

// cutAtWidth reports whether raw is exactly as long as a field width.
func cutAtWidth(raw string) bool {
	n := utf8.RuneCountInString(raw)
	for _, w := range fieldWidths {
		if n == w {
			return true
		}
	}
	return false
}

// MaxWords bounds the words of a name that take part in matching; a company
// name is never this long, but a broken input row may be.
const MaxWords = 32

// Matcher prepares and scores names with one set of parameters and an
// optional corpus of word frequencies.
type Matcher struct {
	p      Params
	corpus *Corpus
}

// New returns a matcher. corpus may be nil: every distinctive word then
// weighs 1.
func New(p Params, corpus *Corpus) *Matcher {
	return &Matcher{p: p, corpus: corpus}
}

// Params returns the matcher's parameters.
func (m *Matcher) Params() Params { return m.p }

// Prepare analyses a raw name and weighs its words. country is an ISO
// alpha-2 code or "".
func (m *Matcher) Prepare(raw, country string) *Name {
	n := Analyse(raw, country)
	m.Weigh(n)
	return n
}

// Analyse does the corpus-independent part of Prepare: words, kinds, keys and
// legal forms, without weights. Use it to fill a Corpus, then Weigh.
func Analyse(raw, country string) *Name {
	name, other := ownName(raw)
	name, after := namedAfter(name)
	n := analyse(name, country)
	named := after != "" && !hasDistinctive(n) // "Plant named after Ia. M. Sverdlov": the dedication is the name
	n.Raw = raw
	n.Cut = cutAtWidth(raw)
	markCustoms(n, raw)
	if other != "" {
		n.Dropped = append(n.Dropped, other)
	}
	if after != "" {
		n.Dropped = append(n.Dropped, after)
		n.Words = append(n.Words, dedication(after, named)...)
		n.cyrillic = hasScript(n, normalize.Cyrillic)
	}
	if strings.Count(name, "/") == 1 {
		n.Aliases = aliases(name, country)
	}
	return n
}

// hasDistinctive reports whether n has a distinctive word.
func hasDistinctive(n *Name) bool {
	for i := range n.Words {
		if n.Words[i].Kind == Distinctive {
			return true
		}
	}
	return false
}

// distinctiveIn reports whether some word of texts is neither a generic
// company word nor a stopword: "Federal State Enterprise Samara Plant
// Kommunar" is not a name ("federal") and then places, as the form in the
// middle suggests.
func distinctiveIn(texts []string) bool {
	for _, t := range texts {
		if _, generic := vocab.Class(t); !generic && !vocab.Stopword(t) {
			return true
		}
	}
	return false
}

// careOf finds the words customs records use to bring in another party
// after a consignee's name: c/o, care of, o/b, on behalf of, for account of,
// attn. Case-insensitive, on word boundaries. ("A/C" is left alone: in
// names it is as often air conditioning as "account".)
var careOf = regexp.MustCompile(`(?i)(^|[\s,;(])(c\s*/\s*o|care\s+of|o\s*/\s*b|on\s+behalf\s+of|for\s+(the\s+)?account\s+of|attn\.?)([\s:.,)]|$)`)

// ownName cuts a name where another party is brought in ("XYZ Trading Ltd
// C/O ABC Logistics": ABC is the forwarder, not another name of XYZ) and
// returns the name and the rest. A name that starts with such words is the
// name they bring in ("C/O ACME METAL BUSAN").
func ownName(raw string) (name, other string) {
	if !strings.Contains(raw, "/") && !containsFoldASCII(raw, " of") && !containsFoldASCII(raw, "attn") {
		return raw, "" // the common case, without the regular expression
	}
	loc := careOf.FindStringIndex(raw)
	if loc == nil {
		return raw, ""
	}
	head := strings.TrimRight(raw[:loc[0]], " ,;(")
	if !strings.ContainsFunc(head, unicode.IsLetter) {
		// "C/O ACME METAL BUSAN": the name is what the words bring in.
		if rest := strings.TrimSpace(raw[loc[1]:]); strings.ContainsFunc(rest, unicode.IsLetter) {
			return rest, strings.TrimSpace(raw[:loc[1]])
		}
		return raw, ""
	}
	return head, strings.TrimSpace(raw[loc[0]:])
}

// dedicationMarkers are the words that bring in a dedication, as the
// tokenizer writes them.
var dedicationMarkers = map[string]bool{"imeni": true, "named": true, "after": true}

// namedAfterClause finds where a Russian enterprise's dedication starts:
// имени, им. (named after) and the English "named after".
var namedAfterClause = regexp.MustCompile(`(?i)(^|[\s,;(«"'‘“])(имени|им\.|named\s+after)\s`)

// namedAfter sets aside the dedication of a name ("Завод имени Н.Д.
// Зелинского", "Plant Named After N.D. Zelinsky"): English names translate
// it, drop it or shorten it, and the person's name in it is not the
// company's. A dedication that would leave no name is kept.
func namedAfter(raw string) (name, clause string) {
	if !strings.Contains(raw, "им") && !strings.Contains(raw, "Им") && !strings.Contains(raw, "ИМ") && !containsFoldASCII(raw, "named") {
		return raw, ""
	}
	loc := namedAfterClause.FindStringIndex(raw)
	if loc == nil {
		return raw, ""
	}
	head := strings.TrimRight(raw[:loc[0]], " ,;(«\"'‘“")
	if !strings.ContainsFunc(head, unicode.IsLetter) {
		return raw, ""
	}
	return head, strings.TrimSpace(raw[loc[0]:])
}

// dedication returns the words of a named-after clause as stopwords: they
// weigh next to nothing and cost nothing when the other name lacks them,
// but the person's name meets the English name that keeps it (им.
// С.А.Лавочкина / Lavochkin Research and Production Association). When the
// rest of the name has no distinctive word (named), they are the name's
// distinctive words.
func dedication(clause string, named bool) []Word {
	var out []Word
	for _, tk := range normalize.Tokenize(clause).Tokens {
		if tk.Class != "" || len(tk.Text) < 4 || len(out) == 4 || dedicationMarkers[tk.Text] {
			continue
		}
		w := Word{Text: tk.Text, Orig: tk.Orig, Script: tk.Script, Kind: Stopword, Key: romanize.Key(tk.Text)}
		if tk.Script == normalize.Cyrillic {
			// The dedication is in the genitive: Лавочкина is Lavochkin.
			w.Text = strings.TrimSuffix(w.Text, "a")
		}
		if named {
			w.Kind = Distinctive
		}
		out = append(out, w)
	}
	return out
}

// aliases splits a name written as two alternatives around a slash. Both
// parts must keep a distinctive word of three letters or more, so "A/S",
// "S/A", "C/O" and "Sales/Service Ltd" are not split; and they must share
// no word but stopwords, for a part that repeats a word of the other goes on
// describing the same thing ("Joumaa Money Laundering Organization / Drug
// Trafficking Organization").
func aliases(raw, country string) []*Name {
	left, right, _ := strings.Cut(raw, "/")
	var out []*Name
	for _, part := range []string{left, right} {
		p := analyse(part, country)
		ok := false
		for _, w := range p.Words {
			ok = ok || (w.Kind == Distinctive && len(w.Text) >= 3)
		}
		if !ok {
			return nil
		}
		out = append(out, p)
	}
	sharedGeneric, sharedDistinctive := false, false
	for _, x := range out[0].Words {
		for _, y := range out[1].Words {
			if x.Kind != Stopword && x.Text == y.Text {
				sharedDistinctive = sharedDistinctive || x.Kind == Distinctive
				sharedGeneric = true
			}
		}
	}
	if sharedGeneric && !sharedDistinctive {
		return nil
	}
	return out
}

func analyse(raw, country string) *Name {
	t := normalize.Tokenize(raw)
	n := &Name{Raw: raw, Country: country}

	texts := make([]string, 0, len(t.Tokens))
	toks := make([]normalize.Token, 0, len(t.Tokens))
	var afterAmp []int // indices into toks of the tokens right after a dropped "&"
	var cjkForms []legalform.Found
	for i, tk := range t.Tokens {
		switch {
		case tk.Class == "legal_form":
			cjkForms = append(cjkForms, legalform.Found{Text: tk.Orig, Form: legalform.Lookup(tk.LegalForm)})
			continue
		case tk.Class == "connector" && !betweenLetters(t.Tokens, i):
			n.Dropped = append(n.Dropped, tk.Orig)
			afterAmp = append(afterAmp, len(toks))
			continue
		}
		texts = append(texts, tk.Text)
		toks = append(toks, tk)
	}
	// A place after the legal form is an address written into the name
	// ("ABC Trading LLC Dubai UAE", "… Co Ltd Shenzhen China"), not part of
	// it: set aside. A place before the form stays ("Banco Santander Chile
	// S.A." is another bank).
	var core []string
	var forms []legalform.Found
	if k := trailingPlaces(texts); k > 0 && k < len(texts) {
		if c, fs := legalform.StripIn(texts[:k], country); len(fs) > 0 && !fs[len(fs)-1].Prefix && fs[len(fs)-1].End == k && distinctiveIn(c) {
			for _, tk := range toks[k:] {
				n.Dropped = append(n.Dropped, tk.Orig)
			}
			texts, toks, core, forms = texts[:k], toks[:k], c, fs
		}
	}
	texts, toks = gluedForms(texts, toks, raw, country)
	if forms == nil {
		texts, toks = gluedWords(texts, toks)
		if k := addressTail(texts, toks); k < len(texts) {
			for _, tk := range toks[k:] {
				n.Dropped = append(n.Dropped, tk.Orig)
			}
			texts, toks = texts[:k], toks[:k]
		}
		core, forms = legalform.StripIn(texts, country)
	}
	if forms == nil {
		n.LegalForms = cjkForms // those cut off a CJK run (most CJK names), without a copy
	} else {
		n.LegalForms = append(forms, cjkForms...)
	}
	// Strip removes a prefix and/or suffix; find where the core starts.
	start := indexOfRun(texts, core)
	if k := len(core) + len(t.Qualifiers); k > 0 {
		n.Words = make([]Word, 0, k) // allocated once, not grown word by word
	}
	for i := range core {
		tk := toks[start+i]
		if tk.Class == "connector" {
			// The "&" of P&C, kept so that legal forms were not read
			// across it ("p c", "d d").
			n.Dropped = append(n.Dropped, tk.Orig)
			continue
		}
		w := makeWord(core[i], tk)
		w.coord = i > 0 && (slices.Contains(afterAmp, start+i) || (len(n.Words) > 0 && n.Words[len(n.Words)-1].Text == "and"))
		if i > 0 && tk.AfterHyphen && compoundSuffixes[w.Text] {
			// The second half of Machine-Building, Instrument-Making: one
			// word in Russian (машиностроительный), carried by the first.
			w.Kind, w.Class = Stopword, ""
		}
		n.Words = append(n.Words, w)
	}
	restated(n)
	ordinals(n)
	edgeStopwords(n)
	gluedStopwords(n, raw)
	markRomanised(n)
	tradingHouse(n)
	if len(n.Words) > MaxWords {
		n.Words = n.Words[:MaxWords] // keeps scoring O(1) on absurd input
	}
	for _, q := range t.Qualifiers {
		if len(n.Words) >= MaxWords+4 {
			break
		}
		if q.Class == "connector" {
			continue
		}
		if formerMarkers[q.Text] {
			// "(formerly Promsvyazbank)": what follows is another name of
			// the company, not a qualifier of it.
			n.Dropped = append(n.Dropped, q.Orig)
			continue
		}
		w := makeWord(q.Text, q)
		if acronymOfRun(w, n.Words) || spellsInitials(w.Text, n) || (n.Acronym == "" && bracketedCapitals(w, raw)) {
			n.Dropped = append(n.Dropped, q.Orig)
			n.Acronym = w.Text
			continue
		}
		if w.Kind == Distinctive || w.Kind == Number {
			w.Kind = Qualifier
		}
		n.Words = append(n.Words, w)
	}
	if len(n.Words) == 0 && len(n.LegalForms) > 0 {
		// A name that is nothing but a legal form keeps it as its word.
		f := n.LegalForms[len(n.LegalForms)-1]
		n.Words = append(n.Words, Word{Text: f.Form.Canonical, Orig: f.Text, Key: f.Form.Canonical, Kind: Distinctive})
		n.LegalForms = n.LegalForms[:len(n.LegalForms)-1]
	}
	n.cyrillic = hasScript(n, normalize.Cyrillic)
	return n
}

// restated sets aside what a name that restates itself repeats, as sanctions
// lists and registers write them: a legal form of the class of the name's
// own written again inside it ("AO Bryansk Automobile Plant AO BAZ", "Joint
// Stock Company Avangard AO Avangard"), with the words after it that repeat
// words before it; and a last word of three letters or more that spells the
// initials of a run of the words before it ("… AO BAZ", "Tula Cartridge
// Plant, JSC TCP", "Главный вычислительный центр Генерального штаба ГВЦ"),
// which becomes the name's acronym as a bracketed one does. Another
// form inside a name (MIRAE SCI CO., LTD.) and a repeated word without a
// form between stay.
func restated(n *Name) {
	if len(n.LegalForms) > 0 && len(n.Words) >= 3 {
		texts := make([]string, len(n.Words))
		for i := range n.Words {
			texts[i] = n.Words[i].Text
		}
		for i := 1; i < len(texts)-1; i++ {
			end, f, ok := legalform.PrefixAt(texts, i)
			if !ok || !slices.ContainsFunc(n.LegalForms, func(g legalform.Found) bool { return legalform.SameKind(g.Form.Class, f.Class) }) {
				continue
			}
			words := n.Words[:i:i]
			for k := i; k < end; k++ {
				n.Dropped = append(n.Dropped, n.Words[k].Orig)
			}
			for _, w := range n.Words[end:] {
				if w.Kind != Stopword && slices.ContainsFunc(n.Words[:i], func(x Word) bool { return x.Text == w.Text }) {
					n.Dropped = append(n.Dropped, w.Orig)
					continue
				}
				words = append(words, w)
			}
			n.Words = words
			break
		}
	}
	last := len(n.Words) - 1
	if last < 2 || n.Acronym != "" {
		return
	}
	w := &n.Words[last]
	if w.Kind != Distinctive || len(w.Text) < 3 || (w.Script != normalize.Latin && w.Script != normalize.Cyrillic) {
		return
	}
	if acronymOfRun(*w, n.Words[:last]) {
		n.Acronym = w.Text
		n.Dropped = append(n.Dropped, w.Orig)
		n.Words = n.Words[:last]
	}
}

// acronymOfRun reports whether word a spells the initials of a run of two
// or more of the words, stopwords aside (Bank Melli Iran (BMI)); a Cyrillic one in its own letters
// (ГВЦ: Главный вычислительный центр), whose romanisation may write one
// letter as two (ц ts).
func acronymOfRun(a Word, words []Word) bool {
	s := a.Text
	if a.Script == normalize.Cyrillic {
		s = a.Orig
	}
	var b []rune
	for j := 0; j+2 <= len(words); j++ {
		b = b[:0]
		for k := j; k < len(words); k++ {
			w := &words[k]
			if w.Kind == Stopword || w.Orig == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w.Text)
			if a.Script == normalize.Cyrillic {
				r, _ = utf8.DecodeRuneInString(w.Orig)
			}
			b = append(b, r)
			if len(b) >= 2 && string(b) == s {
				return true
			}
			if len(string(b)) >= len(s) {
				break
			}
		}
	}
	return false
}

// bracketedCapitals reports whether a bracketed word is an acronym the name
// declares in another language's initials: two to five capitals in a name
// otherwise written in mixed case ("Main Computing Center of the General
// Staff (GVC)", the initials of its Russian name), not a place or a
// generic word. A Cyrillic one too (Концерн Радиоэлектроника (КРЭ)): an
// English name writes the same letters romanised, and its own is set aside
// likewise.
func bracketedCapitals(w Word, raw string) bool {
	if w.Kind != Distinctive || w.Class == "place" {
		return false
	}
	switch n := utf8.RuneCountInString(w.Orig); {
	case w.Script == normalize.Latin && len(w.Text) >= 2 && len(w.Text) <= 5:
		return strings.Contains(raw, "("+strings.ToUpper(w.Text)+")") && strings.ContainsFunc(raw, unicode.IsLower)
	case w.Script == normalize.Cyrillic && n >= 2 && n <= 5:
		return strings.Contains(raw, "("+strings.ToUpper(w.Orig)+")") && strings.ContainsFunc(raw, unicode.IsLower)
	}
	return false
}

// formerMarkers bring in a former or other name in brackets (English, and
// Russian ранее, бывший as the tokenizer writes them).
var formerMarkers = map[string]bool{"formerly": true, "former": true, "previously": true, "fka": true, "aka": true,
	"ranee": true, "byvshiy": true, "byvsh": true}

// betweenLetters reports whether the connector toks[i] joins two single
// letters (P&C, D&D): legalform.Strip must see it, or it reads the letters
// as a form.
func betweenLetters(toks []normalize.Token, i int) bool {
	return i > 0 && i+1 < len(toks) && utf8.RuneCountInString(toks[i-1].Text) == 1 && utf8.RuneCountInString(toks[i+1].Text) == 1
}

// containsFoldASCII reports whether s contains sub (lower-case ASCII) in
// any case, without allocating.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j]|0x20 {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// trailingPlaces returns where the run of place names and site words at
// the end of texts starts (len(texts) if there is none): countries and big
// cities of package vocab, the GeoNames places of package gazetteer that
// are neither ordinary English words nor company-name words (Ulsan,
// Kaluga; not Mobile, Union), and sites (plant, head office, branch).
func trailingPlaces(texts []string) int {
	k := len(texts)
outer:
	for k > 0 {
		if k >= 2 {
			if _, n, ok := vocab.PlacePhrase(texts[k-2 : k]); ok && n == 2 {
				k -= 2
				continue
			}
		}
		t := texts[k-1]
		if _, ok := vocab.Place(t); ok || (len(t) >= 4 && input.Country(t) != "") {
			k--
			continue
		}
		for n := min(3, k); n >= 1; n-- {
			if m, ok := gazetteer.Site(texts[k-n : k]); ok && m == n {
				k -= n
				continue outer
			}
		}
		for n := min(gazetteer.MaxTokens, k); n >= 1; n-- {
			if m, ok := gazetteer.Lookup(texts[k-n : k]); ok && m.N == n && !m.Common && !m.NameWord && !m.Alt && len(texts[k-1]) >= 3 {
				k -= n
				continue outer
			}
		}
		break
	}
	return k
}

func indexOfRun(all, run []string) int {
	if len(run) == 0 {
		return 0
	}
	for i := 0; i+len(run) <= len(all); i++ {
		ok := true
		for j := range run {
			if all[i+j] != run[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return 0
}

func makeWord(text string, tk normalize.Token) Word {
	w := Word{Text: text, Orig: tk.Orig, Script: tk.Script}
	if tk.Glued != "" {
		w.extra().glued = tk.Glued
	}
	switch {
	case isNumber(text) || isOrdinal(text):
		w.Kind = Number
		w.Text = strings.TrimLeft(strings.TrimRight(text, "stndrh"), "0")
		if w.Text == "" {
			w.Text = "0"
		}
		return w
	case tk.Class == "place_suffix":
		w.Kind, w.Class = Stopword, tk.Class
	case tk.Class != "":
		w.Kind, w.Class, w.Sector = Generic, tk.Class, tk.Sector
	case vocab.Stopword(text):
		w.Kind = Stopword
	case tk.Compound:
		// Part of a hyphenated name (Sollers-Finance): distinctive.
	case regionWords[text]:
		w.Kind, w.Class = Generic, "region"
	default:
		if e, ok := vocab.Lookup(text); ok {
			w.Kind, w.Class, w.Sector = Generic, e.Class, e.Kind == vocab.Industry
		} else if _, ok := vocab.Place(text); ok || (len(text) >= 4 && input.Country(text) != "") {
			w.Class = "place" // distinctive, but weighted like a qualifier
		}
		if w.Class == "place" || tk.Script != normalize.Latin {
			if iso := countryOf(text, tk); iso != "" {
				w.extra().country = iso
				w.Class = "place"
			}
		}
	}
	w.Key = romanize.Key(text)
	if t := romanize.TranslitKey(text); t != w.Key {
		w.TKey = t
	}
	if en, ok := vocab.Meaning(text); ok {
		w.extra().means = en
		if w.Kind == Distinctive {
			// Filed under its translation (at most two English words: "oil/
			// petroleum"), so that 현대자동차 meets Hyundai Motor in blocking too.
			first, second, _ := strings.Cut(en, "/")
			w.Key, w.TKey = romanize.Key(first), ""
			if second != "" {
				w.TKey = romanize.Key(second)
			}
		}
	}
	if len(text) >= 5 && tk.Script == normalize.Latin {
		w.Stem = stem(text)
	}
	if tk.Script == normalize.Latin && len(text) >= 2 {
		w.syl = syllabic(text)
	}
	if tk.Script == normalize.Hangul || tk.Script == normalize.Kana {
		if s := firstSound(tk.Orig); s != 0 {
			w.extra().sound = s
		}
		if l, ok := phon.Letters(tk.Orig); ok {
			w.extra().letters = l
		}
	}
	if (w.Kind == Distinctive || w.Kind == Generic) && tk.Script == normalize.Cyrillic {
		w.extra().nat = analyseRussian(tk.Orig, w.Text, w.Key)
	} else if (w.Kind == Distinctive || w.Kind == Generic) && isNative(tk.Script) {
		var nat *native
		switch {
		case tk.Japanese:
			nat = analyseJapanese(tk.Orig, tk.Morphemes, tk.Script)
		default:
			nat = analyseNative(tk.Orig, tk.Script, unitBounds(tk.Orig), romaniser(tk.Script))
		}
		if nat != nil {
			w.extra().nat = nat
		}
	}
	if w.Kind == Distinctive {
		if a := placeOfAdjective(text); a != "" {
			w.extra().adj = a
		}
	}
	return w
}

// compoundSuffixes end English compounds that translate one Russian word
// of industry (машиностроительный = machine-building, приборостроение =
// instrument-making).
var compoundSuffixes = map[string]bool{"building": true, "making": true, "manufacturing": true, "construction": true}

// isOrdinal reports whether s is a number written as an ordinal: 1st, 22nd,
// 33rd, 77th.
func isOrdinal(s string) bool {
	if len(s) < 3 || !isNumber(s[:len(s)-2]) {
		return false
	}
	switch s[len(s)-2:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// countryOf returns the ISO code of a country named by a word in any of the
// languages package input knows (China, 중국, 中国, Китай), or "".
func countryOf(text string, tk normalize.Token) string {
	if tk.Script != normalize.Latin && utf8.RuneCountInString(tk.Orig) >= 2 {
		if iso := input.Country(tk.Orig); iso != "" {
			return iso
		}
	}
	if len(text) >= 4 {
		return input.Country(text)
	}
	return ""
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var ordinalWords = map[string]string{
	"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4",
	"fifth": "5", "5th": "5", "sixth": "6", "6th": "6", "seventh": "7", "7th": "7", "eighth": "8", "8th": "8",
	"ninth": "9", "9th": "9", "tenth": "10", "10th": "10",
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}

var tensWords = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// regionWords name world regions, not countries: weak qualifiers.
var regionWords = map[string]bool{
	"europe": true, "european": true, "asia": true, "asian": true, "africa": true, "african": true,
	"americas": true, "pacific": true, "asiapacific": true, "apac": true, "emea": true, "latam": true,
	"eurasia": true, "eurasian": true, "mena": true, "nordic": true, "scandinavia": true, "balkan": true,
}

var romanNumerals = map[string]string{
	"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "xi": "11",
	"xii": "12", "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16", "xvii": "17", "xviii": "18", "xix": "19", "xx": "20",
}

// ordinals rewrites number words as numbers ("First" → 1, "Forty Four" → 44,
// "Fund III" → 3; a lone I, V or X only as the last of three or more words,
// not after another single letter).
func ordinals(n *Name) {
	out := n.Words[:0]
	last := len(n.Words) - 1
	for i := 0; i < len(n.Words); i++ {
		w := n.Words[i]
		if r, ok := romanNumerals[w.Text]; ok && w.Script == normalize.Latin {
			w.Text, w.Kind, w.Key, w.TKey = r, Number, "", ""
		} else if i == last && i >= 2 && (w.Text == "i" || w.Text == "v" || w.Text == "x") && len(n.Words[i-1].Text) > 1 {
			// (after another single letter it is a letter: Core S&I, D&I)
			w.Text, w.Kind, w.Key, w.TKey = map[string]string{"i": "1", "v": "5", "x": "10"}[w.Text], Number, "", ""
		} else if t, ok := tensWords[w.Text]; ok {
			v := t
			if i+1 < len(n.Words) {
				next := n.Words[i+1]
				if u, ok := ordinalWords[next.Text]; ok && len(u) == 1 {
					d, _ := strconv.Atoi(u)
					v += d
					i++
				} else if next.Kind == Number && len(next.Text) == 1 {
					d, _ := strconv.Atoi(next.Text)
					v += d
					i++
				}
			}
			w.Text, w.Kind, w.Key = strconv.Itoa(v), Number, ""
		} else if d, ok := ordinalWords[w.Text]; ok {
			w.Text, w.Kind, w.Key = d, Number, ""
		} else if d, ok := russianOrdinal(&w); ok {
			w.Text, w.Kind, w.Key, w.TKey = d, Number, "", ""
		}
		out = append(out, w)
	}
	n.Words = out
}

// russianOrdinal returns the number of a Cyrillic word whose first
// translation in the dictionary is an English ordinal (первая: first → 1),
// so that it meets the ordinal of an English name as a number. The
// translations were looked up once, when the word was analysed
// (analyseRussian).
func russianOrdinal(w *Word) (string, bool) {
	if w.Script != normalize.Cyrillic || w.Kind != Distinctive {
		return "", false
	}
	nat := w.nat()
	if nat == nil || nat.ordinal == "" {
		return "", false
	}
	return nat.ordinal, true
}

// nameParticles are the stopwords that may start a name and still be
// fillers: articles (The Boeing Company, Al Rajhi) and the particles of
// surnames (De Beers, Van Oord).
var nameParticles = map[string]bool{
	"the": true, "a": true, "an": true, "al": true, "el": true, "la": true, "las": true, "le": true, "les": true,
	"los": true, "das": true, "der": true, "die": true, "den": true, "de": true, "del": true, "della": true,
	"dello": true, "des": true, "di": true, "dos": true, "du": true, "van": true, "von": true, "ul": true,
}

// edgeStopwords makes a stopword that starts or ends a name a word of the
// name: a connector joins two words, so a first or last one is a word of
// its own, most often letters (DA Technology, EN Tech, 테크엔 where 엔 is
// not "and"). Articles and surname particles at the start stay fillers.
func edgeStopwords(n *Name) {
	if len(n.Words) < 2 {
		return
	}
	first, last := &n.Words[0], &n.Words[len(n.Words)-1]
	if first.Kind == Stopword && first.Class == "" && !nameParticles[first.Text] && vocab.Stopword(first.Text) {
		first.Kind = Distinctive
	}
	if last.Kind == Stopword && last.Class == "" && !nameParticles[last.Text] && vocab.Stopword(last.Text) {
		last.Kind = Distinctive
	}
}

// gluedStopwords makes a stopword that the raw name writes glued to the
// word before it, split off only by its capital (ChengDa: cheng + da), a
// word of the name: a syllable, not a connector.
func gluedStopwords(n *Name, raw string) {
	var lower string
	for i := 1; i < len(n.Words); i++ {
		w, prev := &n.Words[i], &n.Words[i-1]
		if w.Kind != Stopword || w.Class != "" || w.Script != normalize.Latin || prev.Script != normalize.Latin || !vocab.Stopword(w.Text) {
			continue
		}
		if lower == "" {
			lower = strings.ToLower(raw)
		}
		if strings.Contains(lower, prev.Orig+w.Orig) {
			w.Kind = Distinctive
		}
	}
}

// tradingHouse folds "trading house" (Торговый дом, 商社-style names) into
// "trading": the house says nothing more; "heavy industries" into heavy;
// "science and technology" and "hi-tech" into technology.
func tradingHouse(n *Name) {
	for i := 1; i < len(n.Words); i++ {
		switch {
		case n.Words[i].Class == "house" && n.Words[i-1].Class == "trading",
			// "Heavy Industries" is one word in 중공업, 重工业: heavy carries it.
			n.Words[i].Class == "industry" && n.Words[i-1].Class == "heavy_industries":
			n.Words[i].Kind = Stopword
		case compoundSuffixes[n.Words[i].Text] && n.Words[i].Script == normalize.Latin && n.Words[i-1].Kind == Generic &&
			(n.Words[i-1].Class == "instrument_making" || n.Words[i-1].Class == "machinery"):
			// Instrument Manufacturing, Machine Building: one word in
			// Russian (приборостроительная, машиностроительный).
			n.Words[i].Kind, n.Words[i].Class = Stopword, ""
		case technology(&n.Words[i]) && n.Words[i-1].Script == normalize.Latin &&
			(n.Words[i-1].Text == "science" || n.Words[i-1].Text == "hi" || n.Words[i-1].Text == "high"):
			// "Science & Technology", "Hi-Tech": one word in 科技, 高科技;
			// written with a hyphen too (High-tech, which the tokenizer
			// reads as a compound name).
			n.Words[i-1].Kind, n.Words[i-1].Class = Stopword, ""
			if n.Words[i].Kind == Distinctive {
				n.Words[i].Kind, n.Words[i].Class = Generic, "technology"
			}
		}
	}
}

// technology reports whether w is the word technology, or tech, by its
// class or, in a compound (High-tech), by the vocabulary.
func technology(w *Word) bool {
	if w.Class == "technology" {
		return true
	}
	c, _ := vocab.Class(w.Text)
	return c == "technology" && w.Script == normalize.Latin
}

// Weigh sets word weights from the parameters and the matcher's corpus.
func (m *Matcher) Weigh(n *Name) {
	for _, a := range n.Aliases {
		m.Weigh(a)
	}
	for i := range n.Words {
		w := &n.Words[i]
		switch w.Kind {
		case Generic:
			w.Weight = m.p.GenericWeight
		case Stopword:
			w.Weight = m.p.StopwordWeight
		case Qualifier:
			w.Weight = m.p.QualifierWeight
		case Number:
			w.Weight = 1
		default:
			w.Weight = m.corpus.weight(w.Key, m.p.IDFFloor)
			if len(w.Text) <= 2 {
				w.Weight /= 2 // an initial or a two-letter abbreviation says little
			}
			if w.Class == "place" {
				w.Weight = math.Min(w.Weight, m.p.QualifierWeight)
			}
		}
	}
}

// Corpus holds how many names contain each word, for rarity weights.
type Corpus struct {
	df map[string]int32
	n  int
	// loans counts the names with a Hangul or kana word, cyrillic those
	// with a Cyrillic word, han those with a Han word: only then do Latin
	// names need the sound keys, consonant keys or meaning keys under which
	// such names meet them.
	loans, cyrillic, han int
	initials             map[uint64]int32 // names by their initials (see countInitials)
}

// NewCorpus returns an empty corpus.
func NewCorpus() *Corpus { return &Corpus{df: map[string]int32{}} }

// Add counts the distinctive words of one name (analysed without weights).
func (c *Corpus) Add(n *Name) {
	c.n++
	c.countInitials(n)
	loan, cyr, han := false, false, false
	for i := range n.Words {
		switch n.Words[i].Script {
		case normalize.Hangul, normalize.Kana:
			loan = true
		case normalize.Cyrillic:
			cyr = true
		case normalize.Han:
			han = true
		}
	}
	if loan {
		c.loans++
	}
	if cyr {
		c.cyrillic++
	}
	if han {
		c.han++
	}
	for i, w := range n.Words {
		if w.Kind != Distinctive {
			continue
		}
		dup := false
		for _, v := range n.Words[:i] {
			if v.Key == w.Key {
				dup = true
				break
			}
		}
		if !dup {
			c.df[w.Key]++
		}
	}
}

// Names returns how many names were added.
func (c *Corpus) Names() int {
	if c == nil {
		return 0
	}
	return c.n
}

// DF returns how many names contain the word key.
func (c *Corpus) DF(key string) int {
	if c == nil {
		return 0
	}
	return int(c.df[key])
}

// weight maps document frequency to [floor, 1]: a word in one name weighs 1,
// a word in every name weighs floor. Without a corpus every word weighs 1.
// Words in fewer than 1 in 1000 names keep full weight, so growing a corpus
// with new rare names changes no existing weight.
func (c *Corpus) weight(key string, floor float64) float64 {
	if c == nil || c.n < 50 {
		return 1
	}
	df := float64(c.df[key])
	rare := math.Max(3, float64(c.n)/1000)
	if df <= rare {
		return 1
	}
	// log-scaled between "rare" and "everywhere".
	x := math.Log(df/rare) / math.Log(float64(c.n)/rare)
	return 1 - (1-floor)*math.Min(1, x)
}

// Reason is one named part of a score.
type Reason struct {
	Kind   string // token_exact, transliteration, romanisation, generic_equivalent, edit_distance, joined_words, word_form, place_adjective, translation, loanword, implied_country, missing_token, number_conflict, legal_form, legal_form_conflict, qualifier_conflict, country_conflict, acronym, alias
	Detail string
	Left   string
	Right  string
	Effect float64
}

// Result is a score with its explanation.
type Result struct {
	Score float64
	Match bool
	// Conflict is explicit negative evidence: the names share a distinctive
	// word but each has distinctive words the other lacks (Hyundai Motor /
	// Hyundai Mobis), or their numbers, legal forms, countries, qualifiers or
	// generic words disagree. Names with nothing in common are not in
	// conflict (they may be aliases). Clustering never joins conflicting
	// names through third names.
	Conflict bool
	Reasons  []Reason
}

// Scratch holds buffers reused across Score calls by one goroutine.
type Scratch struct {
	pairs  []cand
	usedA  []bool
	usedB  []bool
	sounds soundMemo
	runs   []joinedRun
}

// soundMemo remembers, within one comparison, the first sounds of the
// transcriptions of Latin words (firstSounds), which the cross-script
// alignment asks of one word many times.
type soundMemo struct {
	n int
	e [16]struct {
		w      *Word
		script byte
		s      string
	}
}

// first returns firstSounds(w, script), computed once per comparison.
func (c *soundMemo) first(w *Word, script byte) string {
	for i := 0; i < c.n; i++ {
		if c.e[i].w == w && c.e[i].script == script {
			return c.e[i].s
		}
	}
	s := firstSounds(w, script)
	if c.n < len(c.e) {
		c.e[c.n].w, c.e[c.n].script, c.e[c.n].s = w, script, s
		c.n++
	}
	return s
}

type cand struct {
	i, j int
	sim  float64
	kind uint8
	wsum float64
}

// Score compares two prepared names and explains the score.
func (m *Matcher) Score(a, b *Name) Result {
	var s Scratch
	return m.ScoreInto(a, b, &s, nil)
}

// ScoreInto is Score with the caller's scratch space, and the reasons
// appended to buf[:0]: Result.Reasons may be buf's memory, valid until buf
// is used again. A caller explaining many pairs (the report's evidence, a
// million at a million names) then makes no garbage of its own per pair.
func (m *Matcher) ScoreInto(a, b *Name, s *Scratch, buf []Reason) Result {
	score, conflict, x, y := m.best(a, b, s)
	reasons := buf[:0]
	m.scored(x, y, s, &reasons)
	if x != a || y != b {
		reasons = slices.Insert(reasons, 0, aliasReason(a, x, b, y))
	}
	if len(reasons) == 0 {
		reasons = nil // as Score has always said "no reasons"
	}
	return Result{Score: score, Match: score >= m.p.Threshold, Conflict: conflict, Reasons: reasons}
}

// ScoreFast compares two prepared names without building an explanation.
// It returns exactly what Score returns as Result.Score.
func (m *Matcher) ScoreFast(a, b *Name, s *Scratch) float64 {
	score, _, _, _ := m.best(a, b, s)
	return score
}

// ScoreConflict is ScoreFast that also says whether the names carry
// explicit negative evidence against each other (see Result.Conflict).
func (m *Matcher) ScoreConflict(a, b *Name, s *Scratch) (float64, bool) {
	score, conflict, _, _ := m.best(a, b, s)
	return score, conflict
}

// best scores the two names and, when either is written as alternatives,
// every pairing of the whole names and their aliases; it returns the best
// score, its conflict flag and the pair that gave it. Among pairings with
// the best score a conflict counts only if all of them conflict, so the
// result does not depend on the argument order.
func (m *Matcher) best(a, b *Name, s *Scratch) (float64, bool, *Name, *Name) {
	score, conflict := m.scored(a, b, s, nil)
	x, y := a, b
	if len(a.Aliases)+len(b.Aliases) == 0 {
		return score, conflict, x, y
	}
	for _, p := range append([]*Name{a}, a.Aliases...) {
		for _, q := range append([]*Name{b}, b.Aliases...) {
			if p == a && q == b {
				continue
			}
			v, c := m.scored(p, q, s, nil)
			if v > score || (v == score && conflict && !c) {
				score, conflict, x, y = v, c, p, q
			}
		}
	}
	return score, conflict, x, y
}

func aliasReason(a, x, b, y *Name) Reason {
	r := Reason{Kind: "alias", Left: x.Raw, Right: y.Raw}
	switch {
	case x != a && y != b:
		r.Detail = fmt.Sprintf("both names are written as alternatives; compared %q with %q", x.Raw, y.Raw)
	case x != a:
		r.Detail = fmt.Sprintf("%q is written as alternatives; compared its part %q", a.Raw, x.Raw)
	default:
		r.Detail = fmt.Sprintf("%q is written as alternatives; compared its part %q", b.Raw, y.Raw)
	}
	return r
}

// Compare prepares and scores two raw names (no corpus weights unless the
// matcher has a corpus, no countries).
func (m *Matcher) Compare(a, b string) Result {
	return m.Score(m.Prepare(a, ""), m.Prepare(b, ""))
}

// BlockKeys appends the blocking keys of a name to dst, as 64-bit hashes:
//
//   - "w": the romanisation key of every distinctive word, number and
//     qualifier (Kyungki and Gyeonggi meet here);
//   - "d": the longest distinctive word and each form of it with one letter
//     deleted, so any two spellings one edit apart meet (Kyungky / Kyungki);
//   - "j": the key of the distinctive words written together (Kyung Ki / Kyungki),
//     and again with the generic words in pinyin among them: a Chinese
//     company's English name keeps its brand in pinyin, which may also spell
//     a generic word of the vocabulary (Guangdong Quanwei Technology,
//     广东泉为科技: quanwei is also 权威, "authority"), and the name in Han
//     characters writes place and brand as one word;
//   - "L": their consonant skeleton, where a foreign word and its Hangul
//     spelling by sound meet (POSCO / 포스코).
//
// A name without distinctive words is keyed by its generic classes together,
// so that it meets only names made of the same generic words.
func (n *Name) BlockKeys(dst []uint64) []uint64 {
	var joined, withPinyin strings.Builder
	pinyin := false
	distinct := 0
	longest := ""
	for i := range n.Words {
		w := &n.Words[i]
		switch w.Kind {
		case Number:
			dst = append(dst, hashKey("n", w.Text))
		case Generic:
			if w.Script == normalize.Latin && romanize.IsMandarin(w.Text) {
				withPinyin.WriteString(w.Text)
				pinyin = true
			}
		case Distinctive, Qualifier:
			if w.Key == "" {
				continue
			}
			dst = append(dst, hashKey("w", w.Key))
			if w.x != nil && w.x.glued != "" {
				// the word as written, before generic words were cut off
				// it (Investneftetrade: investnefte | trade)
				k := romanize.Key(w.x.glued)
				dst = append(dst, hashKey("w", k))
				if t := romanize.TranslitKey(w.x.glued); t != k {
					dst = append(dst, hashKey("w", t))
				}
			}
			if k, ok := lettersKey(w); ok {
				dst = append(dst, k)
			}
			if w.TKey != "" {
				dst = append(dst, hashKey("w", w.TKey))
			}
			dst = w.nat().blockKeys(dst)
			if w.Kind == Distinctive {
				joined.WriteString(w.Text)
				withPinyin.WriteString(w.Text)
				distinct++
				if len(w.Text) > len(longest) || (len(w.Text) == len(longest) && w.Text < longest) {
					longest = w.Text
				}
			}
		}
	}
	if l := len(longest); l >= 5 && l <= maxEditKeyWord {
		dst = append(dst, hashKey("d", longest))
		for i := 0; i < l; i++ {
			dst = append(dst, hashDeleted("d", longest, i))
		}
	}
	dst = n.syllablePairKeys(dst)
	dst = n.acronymKeys(dst)
	if distinct > 0 {
		dst = append(dst, hashKey("j", romanize.Key(joined.String())))
		if pinyin {
			dst = append(dst, hashKey("j", romanize.Key(withPinyin.String())))
		}
		dst = n.loanKey(dst)
		if !n.onlyCountries() {
			return dst
		}
		// A country or place is all that is distinctive (NIHON KAGAKU
		// SANGYO / 日本化学産業, read nippon): its key is shared by every
		// name of the country, or differs, so the name is filed under its
		// generic words as well, below.
	}
	var g strings.Builder
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Generic {
			continue
		}
		g.WriteString(w.Class)
		g.WriteByte('+')
		if isNative(w.Script) && w.Key != "" {
			// A native name of generic words only is filed under their
			// romanisation keys too: the English name may keep one of
			// them romanised as its brand (국제약품 / Kukje Pharma).
			dst = append(dst, hashKey("w", w.Key))
		}
	}
	if g.Len() > 0 {
		dst = append(dst, hashKey("g", g.String()))
	}
	return dst
}

// maxEditKeyWord is the longest word (in letters of its text) that is given
// "d" keys, one a letter. Romanised Korean and Chinese names are often
// written as one long word (Seonggyeongmyeong, Tianshengchang, 15–19
// letters), and a large input has more of them than a small one: with 14,
// the bound until 2026-12-06, 73,039 true pairs of a million generated
// names one edit apart scored as matches but never met (3,375 of 100,000
// names), and recall fell from 0.84 to 0.80 between the two sizes. With
// 24, 13,101 (1,733), for 1.9% more candidate pairs; no labelled set
// changed but two of OFAC's, each gaining correct pairs only, and none
// holds a longer word that a bound of 40 would have reached.
const maxEditKeyWord = 24

// onlyCountries reports whether every distinctive word of n names a
// country or a place (Nihon, 日本, Korea).
func (n *Name) onlyCountries() bool {
	for i := range n.Words {
		if w := &n.Words[i]; w.Kind == Distinctive && w.Country() == "" && w.Class != "place" {
			return false
		}
	}
	return true
}

// lettersKey is the "l" key of a short Latin word, the letters exactly as
// written (KC, TEC, SY): a Hangul or kana word that spells them files the
// same key, so that they meet on a key of their own rather than on the
// romanisation key of two or three letters, which every name with those
// consonants shares.
func lettersKey(w *Word) (uint64, bool) {
	if w.Kind != Distinctive || w.Script != normalize.Latin || len(w.Text) < 2 || len(w.Text) > 5 {
		return 0, false
	}
	return hashKey("l", w.Text), true
}

// syllablePairKeys appends the "w" key of two adjacent distinctive Latin
// words written together when one of them is short (four letters or
// fewer): the syllables of a romanised word written apart (Gui Zhou, Qian
// Yuan, Cheng Da) meet the word written whole, and the piece of a Han or
// Hangul name it romanises (贵州, 黔源).
func (n *Name) syllablePairKeys(dst []uint64) []uint64 {
	for i := 0; i+1 < len(n.Words); i++ {
		a, b := &n.Words[i], &n.Words[i+1]
		if a.Kind != Distinctive || b.Kind != Distinctive || a.Script != normalize.Latin || b.Script != normalize.Latin ||
			min(len(a.Text), len(b.Text)) > 4 {
			continue
		}
		dst = append(dst, hashKey("w", romanize.Key(a.Text+b.Text)))
	}
	return dst
}

// loanKey appends the "L" key: the consonant skeleton of the distinctive
// words (see loanSkeleton), so that 포스코 and POSCO, 한화에어로스페이스 and
// Hanwha Aerospace meet. It is a Bipartite key: a name with a Hangul word
// meets Latin names on it, and Latin names do not meet each other (many
// share a skeleton).
func (n *Name) loanKey(dst []uint64) []uint64 {
	var buf [64]byte
	sk := buf[:0]
	hangul := false
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Distinctive || (w.Script != normalize.Latin && w.Script != normalize.Hangul) {
			continue
		}
		if len(sk)+3*len(w.Text) > cap(buf) {
			break // an absurdly long name: the other keys will do
		}
		hangul = hangul || w.Script == normalize.Hangul
		sk = loanSkeleton(sk, w.Text, w.Script == normalize.Hangul)
	}
	if len(sk) < minLoanSkeleton {
		return dst
	}
	k := hashKey("L", string(sk))&^1 | block.Bipartite
	if !hangul {
		k |= 1
	}
	return append(dst, k)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashKey is FNV-1a over kind, a separator and s, without allocating.
func hashKey(kind, s string) uint64 {
	return hashDeleted(kind, s, -1)
}

// hashDeleted hashes kind and s with the byte at index skip left out.
func hashDeleted(kind, s string, skip int) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(kind); i++ {
		h = (h ^ uint64(kind[i])) * fnvPrime
	}
	h *= fnvPrime // separator between kind and text
	for i := 0; i < len(s); i++ {
		if i != skip {
			h = (h ^ uint64(s[i])) * fnvPrime
		}
	}
	return h &^ block.Bipartite // the top bit is the block package's flag
}

// IndexKeys returns the keys under which a name is filed in the bulk store:
// the romanisation key of every distinctive word and number, and of the
// distinctive words written together. A registry name and a customs name of
// one company share at least one of them whenever the matcher could call
// them the same. Changing this function requires re-indexing bulk files.
func IndexKeys(raw string) []string {
	n := Analyse(raw, "")
	var keys []string
	var joined strings.Builder
	for _, w := range n.Words {
		switch w.Kind {
		case Number:
			keys = append(keys, "n:"+w.Text)
		case Distinctive:
			if w.Key != "" {
				keys = append(keys, "w:"+w.Key)
				joined.WriteString(w.Text)
			}
		}
	}
	if joined.Len() > 0 {
		keys = append(keys, "j:"+romanize.Key(joined.String()))
	}
	if len(keys) == 0 {
		for _, w := range n.Words {
			keys = append(keys, "g:"+w.Text)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Side is the script side of a name for cross-script evidence: SideLatin
// for a name only in Latin letters, SideNative for one with a word in
// Hangul, Han, kana or Cyrillic (romanised or transliterated before it
// meets Latin), SideNone for a name with no words.
type Side int8

// The sides of Side.
const (
	SideNone Side = iota
	SideLatin
	SideNative
)

// SideOf returns the script side of n.
func SideOf(n *Name) Side {
	switch {
	case len(n.Words) == 0:
		return SideNone
	case latinOnly(n):
		return SideLatin
	}
	for i := range n.Words {
		if s := n.Words[i].Script; isNative(s) || s == normalize.Cyrillic {
			return SideNative
		}
	}
	return SideNone
}

// CrossScript reports whether a and b are on the two sides of SideOf: the
// pairs for which cross-script evidence is all there is.
func CrossScript(a, b Side) bool {
	return a != SideNone && b != SideNone && a != b
}
