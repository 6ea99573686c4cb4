package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/gazetteer"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/phon"
	"github.com/resolve-tool/resolve/resolve/romanize"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

// Customs-record noise (issue 12) beyond places and truncated fields:
//
//   - Abbreviated business words. A word of vocab's abbreviation table
//     meets any of its full words in the other name (ELEC / Electric or
//     Electronics, PETROCHEM / Petrochemical); a word written with a dot
//     after it is a cut word and meets a word of the other name it begins
//     (MECH. / Mechanical), and so do two words of which the second is cut
//     or abbreviated, written together (ELECTRO-MECH. / Electromechanical).
//     Turkish SAN. VE TIC. is Sanayi ve Ticaret. The other name's word is
//     taken for the abbreviation in a copy of the name (a view) before the
//     pair is scored, so every other rule sees two equal words; the reason
//     says "abbreviation".
//   - Acronyms. A name of one short word (3–5 letters) meets a name whose
//     initials spell it, stopwords skipped, with
//     or without the letters of its legal form (NOC / Northern Oil Company,
//     BHEL / Bharat Heavy Electricals Limited). A bracketed acronym that
//     spells the name's initials is the name's own (Northern Oil Company
//     (NOC) LLC) and no qualifier. An acronym alone is weak: where the
//     corpus holds other names with the same initials (in the pair's country
//     when both rows give it), the pair needs a second piece of evidence —
//     the acronym declared by the long name — or its score is capped below
//     the threshold. So is an acronym with a legal form of its own (KNS Co.,
//     Ltd. is as often a company of that name as Kyeong Nam Steel's).
//   - An address written after the legal form (… CO LTD NO 5 INDUSTRIAL
//     RD) is set aside like the places after the legal form; a city after a
//     name that begins with its legal form (OOO ACME KALUGA) or after a
//     generic word of a name without one (C/O ACME METAL BUSAN) becomes an
//     optional word, which counts when the other name has it.
//
// Cost: names without abbreviations or acronyms are scored as before; the
// others cost one copy of the name's words per pair.

// Name.customs bits.
const (
	customsAbbr    uint8 = 1 << iota // a word may abbreviate a word of another name
	customsAcronym                   // the name's one distinctive word may be initials
	customsPlace                     // the name ends in an optional city (see optionalPlaces)
)

// Word.abbr bits.
const (
	abbrTable  uint8 = 1 << iota // in vocab's abbreviation table
	abbrDot                      // written with a dot after it: a cut word
	abbrJoined                   // a distinctive word that ends in a generic word (ACMETECH)
	abbrCity                     // an optional city after the name (see optionalPlaces)
)

// acronymWeakCap is the most an acronym alone scores when other names of
// the corpus have the same initials.
const acronymWeakCap = 0.7

// markCustoms sets the customs-noise flags of a prepared name: which words
// are abbreviations or cut words, whether the name may be an acronym; and
// reads Turkish SAN. VE TIC. as Sanayi ve Ticaret.
func markCustoms(n *Name, raw string) {
	var dotted []string
	if strings.IndexByte(raw, '.') >= 0 {
		dotted = dottedWords(raw)
	}
	for i := range n.Words {
		w := &n.Words[i]
		if w.Script != normalize.Latin || w.Kind == Number || w.Kind == Qualifier || w.Kind == Stopword {
			continue
		}
		if vocab.Expansions(w.Text) != nil {
			w.abbr |= abbrTable
		}
		if len(w.Text) >= 3 && slices.Contains(dotted, w.Orig) {
			w.abbr |= abbrDot
		}
		if w.Kind == Distinctive && genericSuffix(w.Text) > 0 {
			w.abbr |= abbrJoined
		}
		if w.abbr != 0 {
			n.customs |= customsAbbr
		}
	}
	turkish(n, dotted)
	qualifierPlaces(n)
	optionalPlaces(n)
	cutLegalForm(n)
	if acronymWord(n) >= 0 {
		n.customs |= customsAcronym
	}
}

// dottedWords returns the words of three letters or more that raw writes
// with a dot after them and no letter right after the dot (MECH. but not
// the acme of acme.com), lower-cased.
func dottedWords(raw string) []string {
	var out []string
	s := normalize.Fold(raw)
	start := -1
	for i := 0; i <= len(s); i++ {
		letter := i < len(s) && s[i] >= 'a' && s[i] <= 'z'
		if letter {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 3 && i < len(s) && s[i] == '.' && (i+1 == len(s) || !isASCIILetterOrDigit(s[i+1])) {
			out = append(out, s[start:i])
		}
		start = -1
	}
	return out
}

func isASCIILetterOrDigit(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// turkish reads SAN. VE TIC., SAN. TIC. and a lone TIC. with a dot as
// Sanayi (industry) and Ticaret (trading): "san" alone is a word of many
// languages' names.
func turkish(n *Name, dotted []string) {
	for i := range n.Words {
		w := &n.Words[i]
		if w.Text != "tic" {
			continue
		}
		j := i - 1
		if j >= 0 && n.Words[j].Text == "ve" {
			j--
		}
		san := j >= 0 && n.Words[j].Text == "san"
		if !san && !slices.Contains(dotted, "tic") {
			continue
		}
		rewrite(w, "ticaret")
		if san {
			rewrite(&n.Words[j], "sanayi")
		}
	}
	// Sanayi ve Ticaret (industry and trade) follows the names of most
	// Turkish companies like a legal form: filler, as A.S. is.
	for i := range n.Words {
		if n.Words[i].Text != "ticaret" {
			continue
		}
		j := i - 1
		if j >= 0 && n.Words[j].Text == "ve" {
			j--
		}
		if j >= 0 && n.Words[j].Text == "sanayi" {
			for k := j; k <= i; k++ {
				n.Words[k].Kind, n.Words[k].Class, n.Words[k].Sector = Stopword, "", false
			}
		}
	}
}

// rewrite makes w the word full, as written w.Orig.
func rewrite(w *Word, full string) {
	orig := w.Orig
	*w = makeWord(full, normalize.Token{Text: full, Orig: orig, Script: normalize.Latin})
	w.Orig = orig
}

// acronymWord returns the index of the word of n that may be an acronym:
// the name's only word but stopwords, Latin letters only, 3 to 5 of them;
// or -1. (National Oil Corporation is no acronym "oil".)
func acronymWord(n *Name) int {
	at := -1
	for i := range n.Words {
		w := &n.Words[i]
		switch {
		case w.Kind == Stopword:
			continue
		case at >= 0 || w.Kind != Distinctive || w.Script != normalize.Latin || len(w.Text) < 3 || len(w.Text) > 5 || !lettersOnly(w.Text):
			return -1
		}
		at = i
	}
	return at
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// initials returns the first letters of the words of n (stopwords,
// optional cities and qualifiers skipped; a word only weighed as a stopword
// counts: the Industries of Heavy Industries, MHI) and the first letters of the words of its legal forms
// after the name (Northern Oil Company LLC: "no", "cl"). It returns "" when
// the name has fewer than two such words, a number, or a word in another
// script.
func initials(n *Name) (words, forms string) {
	var b [8]byte
	k := 0
	for i := range n.Words {
		w := &n.Words[i]
		switch {
		case w.Kind == Qualifier || w.Text == "" || w.abbr&abbrCity != 0 || (w.Kind == Stopword && vocab.Stopword(w.Text)):
			continue
		case w.Kind == Number || w.Script != normalize.Latin || k == len(b):
			return "", ""
		}
		b[k] = w.Text[0]
		k++
	}
	if k < 2 {
		return "", ""
	}
	var f [4]byte
	j := 0
	for _, lf := range n.LegalForms {
		if lf.Prefix {
			continue
		}
		for _, t := range strings.Fields(lf.Text) {
			if j < len(f) && acronymForms[t] {
				f[j] = t[0]
				j++
			}
		}
	}
	return string(b[:k]), string(f[:j])
}

// acronymForms are the words of legal forms that acronyms spell (NOC,
// Northern Oil Company; BHEL, Bharat Heavy Electricals Limited); short
// forms (co, ltd, inc) are not taken: UTI is not UniTest Inc.
var acronymForms = map[string]bool{"company": true, "corporation": true, "corp": true, "limited": true, "incorporated": true}

// spellsInitials reports whether s, a bracketed part of n, is its acronym:
// the initials of its words (or of its first three words or more: Acme
// Pharma Chemical (APC) Sanayi ve Ticaret), with none, one or two of the
// initials of its legal form.
func spellsInitials(s string, n *Name) bool {
	w, _ := initials(n)
	return spells(s, n) || (len(s) >= 3 && strings.HasPrefix(w, s))
}

// spells reports whether s is the initials of n, followed by none, one or
// two of the initials of its legal form (NOC / Northern Oil Company).
func spells(s string, n *Name) bool {
	if len(s) < 2 {
		return false
	}
	w, f := initials(n)
	return w != "" && strings.HasPrefix(s, w) && len(s)-len(w) <= min(2, len(f)) && strings.HasPrefix(f, s[len(w):])
}

// initialKeys calls fn with each spelling of n's initials an acronym may
// take (3 to 5 letters): without the legal form and with one or two of its
// letters.
func initialKeys(n *Name, fn func(string)) {
	w, f := initials(n)
	if w == "" {
		return
	}
	for k := 0; k <= min(2, len(f)); k++ {
		if s := w + f[:k]; len(s) >= 3 && len(s) <= 5 {
			fn(s)
		}
	}
}

// acronymKeys appends the "A" keys: a one-word name that may be an acronym
// is filed under its word, a name of several words under its initials. It
// is a Bipartite key: acronyms meet long names, long names do not meet each
// other on their initials (many share them), nor acronyms each other.
//
// It also appends, for a long distinctive word that ends in a generic word,
// the "w" key of what comes before it, so that a name written together
// with its business word meets the name written apart (KARSIBROLOGISTICS /
// Karsibro Logistics).
func (n *Name) acronymKeys(dst []uint64) []uint64 {
	dst = n.splitKeys(dst)
	if i := acronymWord(n); i >= 0 {
		return append(dst, hashKey("A", n.Words[i].Text)&^1|block.Bipartite)
	}
	initialKeys(n, func(s string) { dst = append(dst, hashKey("A", s)|1|block.Bipartite) })
	return dst
}

// countInitials counts a name under each spelling of its initials, and
// again with its country; and the acronym it declares.
func (c *Corpus) countInitials(n *Name) {
	if n.Acronym != "" {
		if c.initials == nil {
			c.initials = map[uint64]int32{}
		}
		c.initials[hashKey("D", n.Acronym)]++
	}
	initialKeys(n, func(s string) {
		if c.initials == nil {
			c.initials = map[uint64]int32{}
		}
		c.initials[hashKey("A", s)]++
		if n.Country != "" {
			c.initials[hashKey("A", s+"|"+n.Country)]++
		}
	})
}

// namesWithInitials returns how many names of the corpus have initials s
// (in country iso, if given).
func (c *Corpus) namesWithInitials(s, iso string) int {
	if c == nil || c.initials == nil {
		return 0
	}
	if iso != "" {
		s += "|" + iso
	}
	return int(c.initials[hashKey("A", s)])
}

// note records a word of a view taken for a word of the other name.
type note struct {
	orig, full string
	detail     string
	kind       string // the reason kind; "" for abbreviation
}

// scored is score on the views of two names in which abbreviations and
// acronyms are resolved against the other name (see the top of this file),
// with the cap on a weak acronym.
func (m *Matcher) scored(a, b *Name, s *Scratch, reasons *[]Reason) (float64, bool) {
	if a.customs|b.customs == 0 {
		return m.score(a, b, s, reasons)
	}
	var notes []note
	x := m.expandAgainst(a, b, &notes)
	y := m.expandAgainst(b, a, &notes)
	x, ax := acronymView(x, b, &notes)
	y, ay := acronymView(y, a, &notes)
	score, conflict := m.score(x, y, s, reasons)
	if reasons != nil {
		patchReasons(*reasons, notes)
	}
	if a.customs&b.customs&customsPlace != 0 {
		if ca, cb, differ := otherCities(a, b); differ {
			// OOO GAZPROM TRANSGAZ KAZAN / … SAMARA: a city written after
			// the name is optional, but two different ones are often two
			// branches or subsidiaries.
			score = math.Max(0, score-2*m.p.QualifierPenalty)
			conflict = true
			if reasons != nil {
				*reasons = append(*reasons, Reason{Kind: "qualifier_conflict", Left: ca, Right: cb, Effect: -2 * m.p.QualifierPenalty,
					Detail: fmt.Sprintf("the names end in different cities (%s / %s): often two branches or subsidiaries", ca, cb)})
			}
		}
	}
	for _, p := range [][2]*Name{{a, b}, {b, a}} {
		if (p[0] == a && !ax) || (p[0] == b && !ay) {
			continue
		}
		if others, weak := m.weakAcronym(p[0], p[1]); weak && score > acronymWeakCap {
			if reasons != nil {
				where := "in the corpus"
				if iso := sharedCountry(p[0], p[1]); iso != "" {
					where = "in " + iso
				}
				why := fmt.Sprintf("%d other names %s have the initials %q", others, where, p[0].Words[acronymWord(p[0])].Text)
				if len(p[0].LegalForms) > 0 {
					why = fmt.Sprintf("%q carries a legal form of its own, so it may be a company of that name", p[0].Raw)
				}
				*reasons = append(*reasons, Reason{Kind: "acronym_weak", Left: p[0].Raw, Right: p[1].Raw, Effect: round4(acronymWeakCap - score),
					Detail: why + " and nothing but the acronym agrees: score capped at " + fmt.Sprintf("%.2f", acronymWeakCap)})
			}
			score = acronymWeakCap
		}
	}
	return score, conflict
}

// otherCities returns the optional cities of a and b and whether they
// differ (neither name has a city of the other).
func otherCities(a, b *Name) (string, string, bool) {
	var ca, cb string
	for i := range a.Words {
		w := &a.Words[i]
		if w.abbr&abbrCity == 0 || w.Kind != Stopword {
			continue
		}
		ca = w.Orig
		for j := range b.Words {
			if v := &b.Words[j]; v.abbr&abbrCity != 0 && v.Kind == Stopword && v.Text == w.Text {
				return "", "", false
			}
		}
	}
	for j := range b.Words {
		if v := &b.Words[j]; v.abbr&abbrCity != 0 && v.Kind == Stopword {
			cb = v.Orig
		}
	}
	return ca, cb, ca != "" && cb != ""
}

// expandAgainst returns x, or a copy of it in which each abbreviation or
// cut word that stands for a word of y is that word (as written in x).
func (m *Matcher) expandAgainst(x, y *Name, notes *[]note) *Name {
	if x.customs&customsAbbr == 0 {
		return x
	}
	out := x
	shift := 0 // words the view has more than x before word i
	for i := range x.Words {
		w := &x.Words[i]
		if w.abbr&abbrJoined != 0 && !hasText(y, w.Text) {
			if head, tail, ok := splitAgainst(w, y); ok {
				if out == x {
					c := *x
					c.Words = slices.Clone(x.Words)
					out = &c
				}
				h, t := y.Words[head], y.Words[tail]
				h.Orig, t.Orig = w.Orig, w.Orig
				out.Words[i+shift] = h
				out.Words = slices.Insert(out.Words, i+shift+1, t)
				shift++
				nt := note{orig: w.Orig, full: y.Words[head].Orig + " " + y.Words[tail].Orig, kind: "joined_words",
					detail: fmt.Sprintf("%q is %q and %q written together", w.Orig, y.Words[head].Orig, y.Words[tail].Orig)}
				if !strings.HasSuffix(w.Text, y.Words[tail].Text) {
					nt.kind, nt.detail = "", nt.detail+", the second abbreviated"
				}
				*notes = append(*notes, nt)
				continue
			}
		}
		if (w.abbr == 0 && (i+1 == len(x.Words) || x.Words[i+1].abbr == 0)) || hasText(y, w.Text) {
			continue
		}
		j, span, rule := abbreviates(x, i, y)
		if j < 0 {
			continue
		}
		if out == x {
			c := *x
			c.Words = slices.Clone(x.Words)
			out = &c
		}
		v := y.Words[j]
		v.Orig, v.abbr = w.Orig, 0
		out.Words[i+shift] = v
		orig := w.Orig
		if span == 2 {
			nx := &out.Words[i+shift+1]
			orig += "-" + nx.Orig
			nx.Kind, nx.Class, nx.Weight, nx.Sector = Stopword, "", m.p.StopwordWeight, false
			out.Words[i+shift].Orig = orig
		}
		*notes = append(*notes, note{orig: orig, full: y.Words[j].Orig, detail: fmt.Sprintf("%q abbreviates %q (%s)", orig, y.Words[j].Orig, rule)})
	}
	return out
}

// abbreviates finds the word of y that word i of x (and, for span 2, the
// word after it) abbreviates: j, the number of words of x, and the rule; j
// is -1 if there is none.
func abbreviates(x *Name, i int, y *Name) (j, span int, rule string) {
	w := &x.Words[i]
	for j := range y.Words {
		v := &y.Words[j]
		if w.abbr == 0 || v.Script != normalize.Latin || v.Kind == Number || v.Kind == Stopword || len(v.Text) <= len(w.Text) || hasText(x, v.Text) {
			continue
		}
		if w.abbr&abbrTable != 0 && vocab.Expands(w.Text, v.Text) && !(w.Kind == Generic && v.Kind == Generic && w.Class == v.Class) {
			return j, 1, "abbreviation table"
		}
		if w.abbr&abbrDot != 0 && w.abbr&abbrTable == 0 && strings.HasPrefix(v.Text, w.Text) && len(v.Text) > len(w.Text)+1 &&
			(v.Kind == Generic || (len(w.Text) >= 4 && sharesDistinctive(x, y, i, j))) {
			return j, 1, "a cut word ending in a dot begins the other"
		}
	}
	if i+1 >= len(x.Words) || x.Words[i+1].abbr == 0 || w.Kind != Distinctive {
		return -1, 0, ""
	}
	next := &x.Words[i+1]
	c := w.Text + next.Text
	for j := range y.Words {
		v := &y.Words[j]
		if v.Script != normalize.Latin || v.Kind == Number || !strings.HasPrefix(v.Text, w.Text) {
			continue
		}
		if next.abbr&abbrDot != 0 && len(c) >= 6 && len(v.Text) > len(c)+1 && strings.HasPrefix(v.Text, c) {
			return j, 2, "two words written together, the second cut"
		}
		for _, e := range vocab.Expansions(next.Text) {
			if v.Text == w.Text+e {
				return j, 2, "two words written together, the second abbreviated"
			}
		}
	}
	return -1, 0, ""
}

// sharesDistinctive reports whether x and y have an equal distinctive word
// other than x's word i and y's word j: a cut distinctive word needs it
// (SAM. ELECTRONICS begins Samsung and Samil alike).
func sharesDistinctive(x, y *Name, i, j int) bool {
	for a := range x.Words {
		if a == i || x.Words[a].Kind != Distinctive {
			continue
		}
		for b := range y.Words {
			if b != j && y.Words[b].Kind == Distinctive && y.Words[b].Text == x.Words[a].Text {
				return true
			}
		}
	}
	return false
}

func hasText(n *Name, t string) bool {
	for i := range n.Words {
		if n.Words[i].Text == t {
			return true
		}
	}
	return false
}

// acronymView returns x, or when x is an acronym of y's initials with the
// letters of y's legal form a copy of x whose acronym spells the initials
// alone (the scorer aligns initials with words); and whether x is an
// acronym of y at all.
func acronymView(x, y *Name, notes *[]note) (*Name, bool) {
	if x.customs&customsAcronym == 0 {
		return x, false
	}
	i := acronymWord(x)
	if i < 0 {
		return x, false
	}
	a := x.Words[i].Text
	if !spells(a, y) {
		return x, false
	}
	// The scorer aligns initials with the words that are not stopwords.
	var b strings.Builder
	for k := range y.Words {
		if v := &y.Words[k]; v.Kind != Stopword && v.Kind != Qualifier && v.Text != "" {
			b.WriteByte(v.Text[0])
		}
	}
	w := b.String()
	if a == w {
		return x, true
	}
	if len(w) < 2 || !strings.HasPrefix(a, w) && !isSubsequence(w, a) {
		return x, false
	}
	c := *x
	c.Words = slices.Clone(x.Words)
	c.Words[i].Text = w
	*notes = append(*notes, note{orig: x.Words[i].Orig, detail: fmt.Sprintf("%q is the initials of %q", x.Words[i].Orig, y.Raw)})
	return &c, true
}

// weakAcronym reports whether acronym x of y is weak evidence: other
// names of the corpus (of the pair's country, if both give it) have the
// same initials and y does not declare the acronym, or x carries a legal
// form of its own; and how many such names there are.
func (m *Matcher) weakAcronym(x, y *Name) (int, bool) {
	i := acronymWord(x)
	if i < 0 || m.corpus == nil || m.corpus.Names() < 50 {
		return 0, false
	}
	a := x.Words[i].Text
	if y.Acronym == a && (m.corpus.initials == nil || m.corpus.initials[hashKey("D", a)] <= 1) {
		return 0, false // the long name declares the acronym, and no other name does
	}
	others := m.corpus.namesWithInitials(a, sharedCountry(x, y)) - 1
	if len(x.LegalForms) > 0 {
		// KNS Co., Ltd., OSG Corporation: a short name with a legal form of
		// its own is as often a company of that name as an acronym.
		return max(others, 0), true
	}
	return others, others > 0
}

// sharedCountry is the country both names give, or "".
func sharedCountry(x, y *Name) string {
	if x.Country != "" && x.Country == y.Country {
		return x.Country
	}
	return ""
}

// patchReasons renames the reasons the views' words gave.
func patchReasons(rs []Reason, notes []note) {
	for _, nt := range notes {
		for k := range rs {
			r := &rs[k]
			if r.Left != nt.orig && r.Right != nt.orig {
				continue
			}
			switch {
			case r.Kind == "acronym":
				r.Detail = nt.detail
			case nt.full != "" && (r.Kind == "token_exact" || r.Kind == "generic_equivalent"):
				r.Kind, r.Detail = "abbreviation", nt.detail
				if nt.kind != "" {
					r.Kind = nt.kind
				}
			}
		}
	}
}

// streetWords begin or end an address.
var streetWords = map[string]bool{
	"rd": true, "road": true, "street": true, "str": true, "avenue": true, "ave": true, "blvd": true,
	"bldg": true, "floor": true, "fl": true, "room": true, "rm": true, "unit": true,
	"suite": true, "lane": true, "ln": true, "block": true, "blk": true, "plot": true, "po": true,
	"box": true, "dong": true, "gu": true, "ro": true, "gil": true, "lu": true, "jie": true, "hao": true,
	"ul": true, "ulitsa": true, "prospekt": true, "pr": true, "dom": true, "cad": true, "sok": true, "mah": true,
}

// addressTail returns where the address a customs clerk wrote into the
// name after its legal form starts, or len(texts): words after the form
// that hold a street word or "no" and a number (ACME METAL IND CO LTD NO 5
// INDUSTRIAL RD), or "no" and a number after a name that begins with its
// form (OOO ACME NO 5 INDUSTRIAL RD). They are set aside like the places
// after the form.
func addressTail(texts []string, _ []normalize.Token) int {
	n := len(texts)
	for j := 2; j < n; j++ {
		t := texts[j]
		// A number alone is no address: Management Company 23 is a
		// series, Joint Stock Company 103 Armoured Repair Plant a name.
		if !(streetWords[t] || (t == "no" && j+1 < n && isNumber(texts[j+1]))) {
			continue
		}
		for f := j; f >= 1; f-- {
			if _, whole := legalform.Match(texts[:f]); whole {
				break // Joint Stock Company …: the form begins the name
			}
			if core, fs := legalform.Strip(texts[:f]); len(core) > 0 && len(fs) > 0 && !fs[len(fs)-1].Prefix && fs[len(fs)-1].End == f {
				return f
			}
		}
		if t == "no" {
			// OOO ACME NO 5 INDUSTRIAL RD: after a name that begins with
			// its form, the address begins at its number.
			if core, fs := legalform.Strip(texts[:j]); hasNameWord(core) && len(fs) > 0 && fs[0].Prefix && fs[len(fs)-1].Prefix {
				return j
			}
		}
		break
	}
	return n
}

// optionalPlaces makes the places at the end of a Latin name optional
// words (stopwords: they count when the other name has them, and cost
// nothing when it does not) where they are an address rather than part of
// the name:
//
//   - a city of the row's country (any big city when the row gives none)
//     after a name that begins with its legal form (OOO ACME TECH KALUGA),
//     or after a generic word of a name without a legal form (C/O ACME
//     METAL BUSAN);
//   - an office, branch or warehouse after such a name, with or without a
//     city (OOO ACME BRANCH).
//
// A country stays (ACME ELECTRONICS VIETNAM is often a subsidiary), and so
// do a place before the legal form (Ulsan Aluminium Co), before the name
// (Kaluga Turbine Plant), after "of" (… of the Russian Federation), a
// place of another country (JSC Moscow Research Institute Agat, a village
// of Guam) and a plant or works (Murom Instrument-Making Plant).
func optionalPlaces(n *Name) {
	if len(n.LegalForms) > 0 && !n.LegalForms[len(n.LegalForms)-1].Prefix {
		return
	}
	end := 0
	for end < len(n.Words) && n.Words[end].Kind != Qualifier {
		end++
	}
	if end < 2 {
		return
	}
	texts := make([]string, end)
	for i := range texts {
		texts[i] = n.Words[i].Text
	}
	k := trailingPlaces(texts)
	if k <= 0 || k >= end {
		return
	}
	office, city := false, false
	for i := k; i < end; {
		w := &n.Words[i]
		if w.Script != normalize.Latin || w.Kind == Number {
			return
		}
		if m, site := gazetteer.Site(texts[i:end]); site {
			if !officeSites[strings.Join(texts[i:i+m], " ")] && !city {
				// Murom Instrument-Making Plant: a plant may be the name's
				// own, unless a city comes first (OOO ACME KAZAN PLANT).
				return
			}
			office = true
			i += m
			continue
		}
		if input.Country(strings.Join(texts[i:end], " ")) != "" || input.Country(texts[i]) != "" {
			return // a country after the name often names a subsidiary
		}
		m, ok := placeIn(texts[i:end], n.Country)
		if !ok {
			return // JSC Moscow Research Institute Agat: Agat is no city of Russia
		}
		for j := i; j < i+m; j++ {
			n.Words[j].abbr |= abbrCity
		}
		i += m
		city = true
	}
	name := false
	for i := range k {
		name = name || n.Words[i].Kind == Distinctive
	}
	prev := &n.Words[k-1]
	generic := prev.Kind == Generic || prev.Kind == Stopword // Heavy Industries: a generic word weighed as a stopword
	if !name || vocab.Stopword(prev.Text) || (!office && len(n.LegalForms) == 0 && !generic) {
		return // … of the Russian Federation, Hyundai Motor Ulsan: part of the name
	}
	for i := k; i < end; i++ {
		n.Words[i].Kind, n.Words[i].Class = Stopword, ""
		if n.Words[i].abbr&abbrCity != 0 {
			n.customs |= customsPlace
		}
	}
}

// officeSites are the site words that say where a company's office is, not
// what it is (a plant or works may be the company itself).
var officeSites = map[string]bool{
	"warehouse": true, "whse": true, "godown": true, "depot": true, "branch": true, "branch office": true,
	"office": true, "head office": true, "main office": true, "registered office": true, "regd office": true,
	"sales office": true, "representative office": true, "rep office": true, "liaison office": true, "hq": true,
	"headquarters": true, "filial": true, "filiale": true,
}

// placeIn returns how many of words name a place that agrees with the
// row's country: a GeoNames place of that country, or with no country a
// city of 100,000 people or one of package vocab's big cities.
func placeIn(words []string, iso string) (int, bool) {
	for m := min(gazetteer.MaxTokens, len(words)); m >= 1; m-- {
		g, ok := gazetteer.Lookup(words[:m])
		if !ok || g.N != m || g.Common || g.NameWord {
			continue
		}
		if (iso != "" && g.In(iso)) || (iso == "" && g.Pop >= 100000) {
			return m, true
		}
	}
	if c, m, ok := vocab.PlacePhrase(words); ok && (iso == "" || c == iso) {
		return m, true
	}
	return 0, false
}

// hasNameWord reports whether words hold a word that is neither generic
// nor a stopword.
func hasNameWord(words []string) bool {
	for _, w := range words {
		if _, generic := vocab.Lookup(w); !generic && !vocab.Stopword(w) {
			return true
		}
	}
	return false
}

// cutFormWords are the words of legal forms that a name cut at a field
// width may end in a prefix of (ACME LOGISTICS COMPANY LIMI, … CORPORATIO).
var cutFormWords = []string{"limited", "company", "corporation", "incorporated", "liability", "joint", "stock",
	"sirketi", "anonim", "gesellschaft", "societa", "responsabilita", "private", "public", "ltd", "inc", "corp", "llc"}

// formWords are the words of legal forms before a cut one (… Co., Lt).
var formWords = map[string]bool{"limited": true, "company": true, "corporation": true, "liability": true, "joint": true,
	"stock": true, "co": true, "ltd": true, "corp": true, "private": true, "public": true}

// cutLegalForm sets aside the last word of a name cut at a field width
// when it begins a word of a legal form: the form was cut, and what is left
// of it says nothing. At any length, so does a last word of two letters or
// more after a word of a legal form (ACME HEAVY INDUSTRIES COMPANY LI: a
// field cut at a width this tool does not know).
func cutLegalForm(n *Name) {
	last := len(n.Words) - 1
	for last >= 0 && n.Words[last].Kind == Qualifier {
		last--
	}
	if last < 1 {
		return
	}
	w := &n.Words[last]
	if w.Script != normalize.Latin || w.Kind == Number || !(n.Cut || (len(w.Text) >= 2 && formWords[n.Words[last-1].Text])) {
		return
	}
	for _, f := range cutFormWords {
		if len(w.Text) < len(f) && strings.HasPrefix(f, w.Text) {
			w.Kind, w.Class = Stopword, ""
			// The words of the form before it (Company, Limited Liability)
			// are the form too.
			for i := last - 1; i >= 1 && formWords[n.Words[i].Text]; i-- {
				n.Words[i].Kind, n.Words[i].Class = Stopword, ""
			}
			return
		}
	}
}

// splitKeys appends the "w" key of the head of each distinctive word of
// eight letters or more that ends in a generic word of four letters or
// more, the head keeping three (karsibro of karsibrologistics).
func (n *Name) splitKeys(dst []uint64) []uint64 {
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind != Distinctive || w.Script != normalize.Latin || len(w.Text) < 8 {
			continue
		}
		for cut := 3; cut+4 <= len(w.Text); cut++ {
			if _, ok := vocab.Lookup(w.Text[cut:]); ok {
				dst = append(dst, hashKey("w", romanize.Key(w.Text[:cut])))
				break
			}
		}
	}
	return dst
}

// genericSuffix returns where a generic word of three letters or more that
// ends w begins, after three letters at least (acmetech → 4), or 0.
func genericSuffix(w string) int {
	if len(w) < 7 {
		return 0
	}
	for cut := 3; cut+3 <= len(w); cut++ {
		if _, ok := vocab.Lookup(w[cut:]); ok {
			return cut
		}
	}
	return 0
}

// splitAgainst finds, for a word that ends in a generic word (ACMETECH),
// the word of y it begins with (Acme) and the generic word of y the rest
// stands for (Technology): their indices in y.
func splitAgainst(w *Word, y *Name) (head, tail int, ok bool) {
	for h := range y.Words {
		v := &y.Words[h]
		cut := len(v.Text)
		if v.Kind != Distinctive || cut < 3 || cut+3 > len(w.Text) || w.Text[:cut] != v.Text {
			continue
		}
		rest := w.Text[cut:]
		e, generic := vocab.Lookup(rest)
		if !generic {
			continue
		}
		for t := range y.Words {
			u := &y.Words[t]
			if u.Kind == Generic && (u.Class == e.Class || vocab.Expands(rest, u.Text)) {
				return h, t, true
			}
		}
	}
	return 0, 0, false
}

// isSubsequence reports whether the letters of s appear in t in order.
func isSubsequence(s, t string) bool {
	i := 0
	for j := 0; j < len(t) && i < len(s); j++ {
		if t[j] == s[i] {
			i++
		}
	}
	return i == len(s)
}

// qualifierPlaces gives a country named in brackets its code, so that
// (HK) meets (Hong Kong) and (香港) as words of one country: the first word
// of the name carries it, the others become stopwords (they still meet the
// same words outside brackets). (HK) and (China) still differ.
func qualifierPlaces(n *Name) {
	for i := 0; i < len(n.Words); i++ {
		if n.Words[i].Kind != Qualifier {
			continue
		}
		j := i
		for j < len(n.Words) && n.Words[j].Kind == Qualifier {
			j++
		}
		texts := make([]string, j-i)
		for k := range texts {
			texts[k] = n.Words[i+k].Text
			if n.Words[i+k].Script != normalize.Latin {
				texts[k] = n.Words[i+k].Orig
			}
		}
		for k := 0; k < len(texts); k++ {
			iso, m, ok := vocab.PlacePhrase(texts[k:])
			if !ok || input.Country(strings.Join(texts[k:k+m], " ")) != iso {
				continue // a city keeps its name: (Shenzhen) is not (Beijing)
			}
			n.Words[i+k].extra().country = iso
			for l := 1; l < m; l++ {
				n.Words[i+k+l].Kind = Stopword
			}
			k += m - 1
		}
		i = j
	}
}

// gluedFormEnds are the legal forms customs records glue to the word before
// them, with the period after them: KUMHO TIRECO.,INC., TRICOMINC.,
// MEDIPOSTCO.,LTD.
var gluedFormEnds = []string{"corp", "inc", "ltd", "co"}

// gluedEnd reports whether t ends in one of gluedFormEnds after three
// letters or more.
func gluedEnd(t string) bool {
	for _, f := range gluedFormEnds {
		if len(t) >= len(f)+3 && strings.HasSuffix(t, f) {
			return true
		}
	}
	return false
}

// gluedForms cuts a legal form glued to the last word of a name, or to the
// word before its legal forms, when the raw name has a period right after
// it, then nothing or a comma, and the word is not a dictionary word as a
// whole (TOBACCO. stays whole): TIRECO.,INC. is TIRE CO.,INC. Other words
// are left alone.
func gluedForms(texts []string, toks []normalize.Token, raw, country string) ([]string, []normalize.Token) {
	// Most names have no word that ends like a form, or no period: they
	// cost a scan, not a second legal-form pass.
	if strings.IndexByte(raw, '.') < 0 || !slices.ContainsFunc(texts, gluedEnd) {
		return texts, toks
	}
	// The last word that is not a legal form.
	core, _ := legalform.StripIn(texts, country)
	if len(core) == 0 {
		return texts, toks
	}
	i := indexOfRun(texts, core) + len(core) - 1
	tk, t := &toks[i], texts[i]
	if tk.Script != normalize.Latin || tk.Class != "" {
		return texts, toks
	}
	for _, f := range gluedFormEnds {
		rest := strings.TrimSuffix(t, f)
		if len(rest) == len(t) || len(rest) < 3 || !hasVowel(rest) || !strings.HasSuffix(tk.Orig, f) {
			continue
		}
		// The period, then nothing or a comma (TIRECO.,INC.): HASCO.CO.,LTD
		// is Hasco, its period, and its form.
		lower := strings.ToLower(raw)
		at := strings.Index(lower, tk.Orig+".")
		if at < 0 {
			return texts, toks
		}
		if after := strings.TrimSpace(lower[at+len(tk.Orig)+1:]); (after != "" && after[0] != ',') || phon.Known(t) {
			return texts, toks
		}
		head, form := *tk, *tk
		head.Text, head.Orig = rest, strings.TrimSuffix(tk.Orig, f)
		form.Text, form.Orig = f, f
		texts = slices.Insert(slices.Clone(texts), i+1, f)
		texts[i] = rest
		toks = slices.Insert(slices.Clone(toks), i+1, form)
		toks[i] = head
		return texts, toks
	}
	return texts, toks
}

// gluedWords cuts the generic words glued to the end of a Latin word, as
// registers write English names without spaces (SAMWONSTEEL, Seraon-
// Holdings written SERAONHOLDINGS, DENSOKOREAAUTOMOTIVE): a word of
// package vocab of five letters or more (steel, holdings, automotive), or
// a legal form, after a head of three letters or more with a vowel, at
// most three times a word. A word a dictionary has whole (steelworks,
// paperwork) and a word written with capitals inside (the tokenizer
// splits those) are left alone. The head keeps the word as written
// (Token.Glued), under whose keys it is filed too (see Name.BlockKeys).
func gluedWords(texts []string, toks []normalize.Token) ([]string, []normalize.Token) {
	if !slices.ContainsFunc(texts, func(t string) bool { return len(t) >= 8 }) {
		return texts, toks
	}
	for i := len(texts) - 1; i >= 0; i-- {
		for range 3 {
			tk := &toks[i]
			t := texts[i]
			if len(t) < 8 || tk.Script != normalize.Latin || tk.Class != "" || tk.Compound || t != tk.Orig || phon.Known(t) {
				break
			}
			cut := 0
			for k := 5; k+5 <= len(t); k++ {
				if hasVowel(t[:k]) && (vocabWord(t[k:]) || formWord(t[k:])) {
					cut = k
					break
				}
			}
			if cut == 0 {
				break
			}
			// An English word that ends in the generic one is the word cut
			// off (shipbuilding, not building).
			for k := cut - 1; k >= 5 && k >= cut-6; k-- {
				if hasVowel(t[:k]) && phon.Known(t[k:]) {
					cut = k
				}
			}
			head, tail := *tk, *tk
			head.Text, head.Orig = t[:cut], t[:cut]
			head.Glued = cmp.Or(tk.Glued, t)
			tail.Text, tail.Orig, tail.Glued = t[cut:], t[cut:], ""
			texts = slices.Insert(slices.Clone(texts), i+1, t[cut:])
			texts[i] = t[:cut]
			toks = slices.Insert(slices.Clone(toks), i+1, tail)
			toks[i] = head
		}
	}
	return texts, toks
}

// vocabWord reports whether t is a generic word of package vocab.
func vocabWord(t string) bool {
	_, ok := vocab.Lookup(t)
	return ok
}

// formWord reports whether t alone is a legal form (corporation, limited).
func formWord(t string) bool {
	one := [1]string{t}
	_, ok := legalform.Match(one[:])
	return ok
}
