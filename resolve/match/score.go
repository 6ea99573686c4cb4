package match

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/resolve-tool/resolve/resolve/ja"
	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/romanize"
)

// How two words were aligned.
const (
	simNone uint8 = iota
	simExact
	simTranslit
	simGeneric
	simRoman
	simEdit
	simStem
	simPlaceAdjective
	simTranslation
	simLoanword
	simLetters
	simReading
	simDerivation
)

var simKind = [...]string{"", "token_exact", "transliteration", "generic_equivalent", "romanisation", "edit_distance", "word_form", "place_adjective", "translation", "loanword", "letters", "reading", "derivation"}

// score is the one implementation behind Score, ScoreFast and ScoreConflict;
// reasons is nil on the fast paths. conflict reports explicit negative
// evidence: the names share a distinctive word but each has distinctive
// words the other lacks (Hyundai Motor / Hyundai Mobis), or their numbers,
// legal forms, countries, qualifiers or lines of business disagree. Two
// names with nothing in common are not in conflict: they may be aliases.
func (m *Matcher) score(a, b *Name, s *Scratch, reasons *[]Reason) (float64, bool) {
	// Compare in a canonical order so that score(a,b) == score(b,a) exactly;
	// explanations are swapped back at the end.
	swapped := false
	if b.Raw < a.Raw || (b.Raw == a.Raw && b.Country < a.Country) {
		a, b = b, a
		swapped = true
	}
	if reasons != nil && swapped {
		defer func() {
			for i := range *reasons {
				r := &(*reasons)[i]
				r.Left, r.Right = r.Right, r.Left
			}
		}()
	}

	var total float64
	for i := range a.Words {
		total += a.Words[i].Weight
	}
	for i := range b.Words {
		total += b.Words[i].Weight
	}
	if total == 0 {
		return 0, false
	}

	var matched float64
	s.usedA = resetBools(s.usedA, len(a.Words))
	s.usedB = resetBools(s.usedB, len(b.Words))
	// Russian legal forms written inside the names (see russian.go).
	russian := a.cyrillic || b.cyrillic
	if russian {
		matched += m.innerForms(a, b, s.usedA, s.usedB, total, reasons, false)
		matched += m.innerForms(b, a, s.usedB, s.usedA, total, reasons, true)
	}

	s.pairs = s.pairs[:0]
	for i := range a.Words {
		for j := range b.Words {
			sim, kind := m.wordSim(&a.Words[i], &b.Words[j])
			if sim > 0 {
				s.pairs = append(s.pairs, cand{i: i, j: j, sim: sim, kind: kind, wsum: a.Words[i].Weight + b.Words[j].Weight})
			}
		}
	}
	slices.SortFunc(s.pairs, func(x, y cand) int {
		switch {
		case x.sim != y.sim:
			return cmpDesc(x.sim, y.sim)
		case x.wsum != y.wsum:
			return cmpDesc(x.wsum, y.wsum)
		case x.i != y.i:
			return x.i - y.i
		}
		return x.j - y.j
	})
	shared := false
	for _, p := range s.pairs {
		if s.usedA[p.i] || s.usedB[p.j] {
			continue
		}
		s.usedA[p.i], s.usedB[p.j] = true, true
		gain := p.sim * p.wsum
		matched += gain
		if a.Words[p.i].Kind == Distinctive && b.Words[p.j].Kind == Distinctive && p.sim >= m.p.TokenMinSimilarity {
			shared = true
		}
		if reasons != nil {
			wa, wb := &a.Words[p.i], &b.Words[p.j]
			*reasons = append(*reasons, Reason{Kind: simKind[p.kind], Left: wa.Orig, Right: wb.Orig,
				Detail: m.describe(p.kind, wa, wb, p.sim), Effect: round4(gain / total)})
		}
	}
	s.sounds.n = 0
	matched += m.joinWords(a, b, s.usedA, s.usedB, total, reasons, false, &s.sounds, &s.runs)
	matched += m.joinWords(b, a, s.usedB, s.usedA, total, reasons, true, &s.sounds, &s.runs)
	crossA, gain := m.alignNative(a, b, s.usedA, s.usedB, total, reasons, false, &s.sounds)
	matched += gain
	crossB, gain := m.alignNative(b, a, s.usedB, s.usedA, total, reasons, true, &s.sounds)
	matched += gain
	matched += m.compoundHalves(a, b, s.usedA, s.usedB, total, reasons, false)
	matched += m.compoundHalves(b, a, s.usedB, s.usedA, total, reasons, true)
	matched += m.acronyms(a, b, s.usedA, s.usedB, total, reasons, false)
	matched += m.acronyms(b, a, s.usedB, s.usedA, total, reasons, true)

	matched += m.impliedCountries(a, b, s.usedA, total, reasons, false)
	matched += m.impliedCountries(b, a, s.usedB, total, reasons, true)
	matched += m.truncated(a, b, s.usedA, s.usedB, total, reasons, false)
	matched += m.truncated(b, a, s.usedB, s.usedA, total, reasons, true)
	if russian {
		matched += m.formWords(a, b, s.usedA, total, reasons, false)
		matched += m.formWords(b, a, s.usedB, total, reasons, true)
		matched += m.formClassWords(a, b, s.usedA, total, reasons, false)
		matched += m.formClassWords(b, a, s.usedB, total, reasons, true)
		matched += m.repeatedWords(a, b, s.usedA, total, reasons, false)
		matched += m.repeatedWords(b, a, s.usedB, total, reasons, true)
	}

	// Some words say more when they have no counterpart than when they
	// agree (see missingWeight); they count more in the denominator.
	extra := 0.0
	for i := range a.Words {
		if !s.usedA[i] {
			extra += m.missingWeightOf(a, i, s.usedA, b) - a.Words[i].Weight
		}
	}
	for j := range b.Words {
		if !s.usedB[j] {
			extra += m.missingWeightOf(b, j, s.usedB, a) - b.Words[j].Weight
		}
	}
	if extra > 0 {
		if reasons != nil {
			for i := range *reasons {
				(*reasons)[i].Effect = round4((*reasons)[i].Effect * total / (total + extra))
			}
		}
		total += extra
	}
	// Each rule earns at most its similarity (at most 1) times the weights
	// of the words it aligns, and aligns a word once, so matched is at most
	// total; the min makes it so whatever the parameters, which
	// CountryCeiling relies on.
	score := math.Min(1, matched/total)
	genericA, genericB := false, false
	qualifierMissing := false
	numbersA, numbersB := 0, 0
	numberMissing := false
	for i := range a.Words {
		w := &a.Words[i]
		if w.Kind == Number {
			numbersA++
		}
		if !s.usedA[i] {
			genericA = genericA || (w.Kind == Generic && w.Sector)
			qualifierMissing = qualifierMissing || w.Kind == Qualifier || w.Class == "place"
			numberMissing = numberMissing || w.Kind == Number
			if reasons != nil && w.Weight > m.p.StopwordWeight {
				*reasons = append(*reasons, missingReason(w, m.missingWeightOf(a, i, s.usedA, b), sideName(swapped, true), total))
			}
		}
	}
	for j := range b.Words {
		w := &b.Words[j]
		if w.Kind == Number {
			numbersB++
		}
		if !s.usedB[j] {
			genericB = genericB || (w.Kind == Generic && w.Sector)
			qualifierMissing = qualifierMissing || w.Kind == Qualifier || w.Class == "place"
			numberMissing = numberMissing || w.Kind == Number
			if reasons != nil && w.Weight > m.p.StopwordWeight {
				r := missingReason(w, m.missingWeightOf(b, j, s.usedB, a), sideName(swapped, false), total)
				r.Left, r.Right = "", w.Orig
				*reasons = append(*reasons, r)
			}
		}
	}

	shared = shared || crossA.shared || crossB.shared
	conflict := shared && distinctConflict(a, b, s.usedA, s.usedB)
	// A native word explained only in part, with a distinctive Latin word
	// left over (현대모비스 / Hyundai Motor: 현대 is Hyundai, 모비스 is not
	// Motor), is the same conflict as Hyundai Mobis / Hyundai Motor.
	conflict = conflict || (crossA.remainder && hasFreeDistinctive(b, s.usedB)) || (crossB.remainder && hasFreeDistinctive(a, s.usedA))
	if genericA && genericB {
		conflict = conflict || shared
		// Both sides name a line of business and they differ (Electronics /
		// Trading): more than a word left out.
		score -= m.p.GenericConflict
		if reasons != nil {
			*reasons = append(*reasons, Reason{Kind: "generic_conflict", Effect: -m.p.GenericConflict,
				Detail: "each side names a line of business the other lacks (e.g. electronics / trading)"})
		}
	}
	if qualifierMissing {
		conflict = conflict || shared
		score -= m.p.QualifierPenalty
		if reasons != nil {
			*reasons = append(*reasons, Reason{Kind: "qualifier_conflict", Effect: -m.p.QualifierPenalty,
				Detail: "a qualifier (bracketed part or place) appears on one side only: often a different legal entity of the same group"})
		}
	}
	if len(a.LegalForms) > 0 && len(b.LegalForms) > 0 {
		fa, fb := a.LegalForms[len(a.LegalForms)-1], b.LegalForms[len(b.LegalForms)-1]
		verdict := legalform.Check(fa.Form, fb.Form) // the explanation only for reasons
		ok := verdict.OK
		// A legal form is weak evidence: it lowers the score, and only two
		// specific forms that disagree (OAO / OOO, AG / GmbH) on names that
		// share a word keep clusters from joining through third names
		// (Stroytransgaz OAO ~ Stroytransgaz ~ Stroytransgaz OOO). Generic
		// forms never do: sanctions aliases and reorganised companies carry
		// several. The same kind of form under two jurisdictions (ООО / ТОО)
		// counts half: often one company named under two registries.
		penalty := m.p.LegalFormConflict
		if legalform.SameKind(fa.Form.Class, fb.Form.Class) && !sameJurisdiction(fa.Form.Countries, fb.Form.Countries) {
			penalty /= 2
		}
		if !ok {
			score -= penalty
			conflict = conflict || (shared && fa.Form.Specific && fb.Form.Specific)
		}
		if reasons != nil {
			why := verdict.Why()
			r := Reason{Kind: "legal_form", Left: fa.Text, Right: fb.Text, Detail: "legal forms agree: " + why}
			if !ok {
				r.Kind, r.Effect, r.Detail = "legal_form_conflict", -penalty, "legal forms differ: "+why
			}
			*reasons = append(*reasons, r)
		}
	} else if reasons != nil {
		for _, f := range append(slices.Clip(a.LegalForms), b.LegalForms...) {
			*reasons = append(*reasons, Reason{Kind: "legal_form", Left: f.Text,
				Detail: fmt.Sprintf("legal form %q (%s) set aside", f.Text, f.Form.Canonical)})
		}
	}
	if CountriesDiffer(a, b) {
		score -= m.p.CountryConflict
		conflict = true
		if reasons != nil {
			*reasons = append(*reasons, Reason{Kind: "country_conflict", Left: a.Country, Right: b.Country,
				Effect: -m.p.CountryConflict, Detail: "the rows give different countries"})
		}
	}
	if numbersA > 0 && numbersB > 0 && numberMissing {
		conflict = true
		capped := math.Min(score, m.p.NumberConflictCap)
		if reasons != nil {
			*reasons = append(*reasons, Reason{Kind: "number_conflict", Effect: round4(capped - score),
				Detail: fmt.Sprintf("the names carry different numbers; score capped at %.2f", m.p.NumberConflictCap)})
		}
		score = capped
	}
	return round4(math.Max(0, math.Min(1, score))), conflict
}

// CountriesDiffer reports whether the rows of a and b both give a country
// and the countries differ: the score of the two names then loses
// CountryConflict and they conflict (so does every pairing of their
// aliases, which carry their name's country).
func CountriesDiffer(a, b *Name) bool {
	return a.Country != "" && b.Country != "" && a.Country != b.Country
}

// CountryCeiling is the highest score of two names whose countries differ
// (CountriesDiffer), whatever their words: a score before its penalties is
// the share of the names' weight that their aligned words carry, at most 1,
// and the other penalties and caps only lower it (TestCountryCeiling).
// Package engine leaves such a pair unscored when no consumer of its score
// can need more than the ceiling.
func (m *Matcher) CountryCeiling() float64 { return 1 - m.p.CountryConflict }

// addReason appends r to the reasons, its sides swapped when the caller
// compared the names in the other order (flipped).
func addReason(reasons *[]Reason, r Reason, flipped bool) {
	if flipped {
		r.Left, r.Right = r.Right, r.Left
	}
	*reasons = append(*reasons, r)
}

// subsidiaryClasses are the generic words of a financial line of business.
// Added to a name they usually name another legal entity of the group:
// Deutsche Bank Trust Company is not Deutsche Bank, Bank Melli Iran
// Investment Company is not Bank Melli Iran. Left over on one side they weigh
// SubsidiaryMissingWeight.
var subsidiaryClasses = map[string]bool{"trust": true, "investment": true, "financial": true, "capital": true, "credit": true, "fund": true}

// sideName names the side of the caller's argument order a word came from.
func sideName(swapped, first bool) string {
	if first != swapped {
		return "first name"
	}
	return "second name"
}

// missingWeight is the weight of a word that has no counterpart. A generic
// word left over says more than one that agrees (Crystalord Systems Ltd /
// Crystalord Ltd), a financial one more still (see subsidiaryClasses); so
// does a place (Banco Santander / Banco Santander Chile)
// and a number (Fund II / Fund), except 1.
// missingWeightOf is missingWeight for word i of x compared with y: an
// "industry" word right after an aligned generic word of an industry is a
// suffix one language writes and the other leaves out (積水化学工業 /
// Sekisui Chemical, バンドー化学 / Bando Chemical Industries), so across
// scripts it counts as its own weight only. Within one script it still
// tells companies apart (日本化学 / 日本化学工業).
//
// Likewise a generic Latin word coordinated with an aligned one ("X & Y",
// "X and Y") against a native name: the pair is one line of business that
// the native name writes as one word (건설 / Engineering & Construction,
// 橡塑 / Rubber and Plastic).
func (m *Matcher) missingWeightOf(x *Name, i int, usedX []bool, y *Name) float64 {
	w := &x.Words[i]
	if w.Class == "industry" && i > 0 && usedX[i-1] && x.Words[i-1].Kind == Generic && x.Words[i-1].Sector &&
		((isNative(w.Script) && latinOnly(y)) || (w.Script == normalize.Latin && nativeOnly(y))) {
		return w.Weight
	}
	if w.Kind == Generic && w.Script == normalize.Latin && nativeOnly(y) && coordinatedUsed(x, i, usedX) {
		return w.Weight
	}
	return m.missingWeight(w)
}

// coordinatedUsed reports whether word i of n is joined by "&" or "and" to
// a neighbour that is aligned.
func coordinatedUsed(n *Name, i int, used []bool) bool {
	prev, next := i-1, i+1
	if prev >= 0 && n.Words[prev].Text == "and" {
		prev--
	}
	if next < len(n.Words) && n.Words[next].Text == "and" && next+1 < len(n.Words) {
		next++
	}
	return (n.Words[i].coord && prev >= 0 && used[prev]) || (next < len(n.Words) && n.Words[next].coord && used[next])
}

// nativeOnly reports whether every word of n is written in Hangul, Han or
// kana.
func nativeOnly(n *Name) bool {
	for i := range n.Words {
		if !isNative(n.Words[i].Script) {
			return false
		}
	}
	return len(n.Words) > 0
}

// latinOnly reports whether every word of n is written in Latin letters.
func latinOnly(n *Name) bool {
	for i := range n.Words {
		if n.Words[i].Script != normalize.Latin {
			return false
		}
	}
	return true
}

func (m *Matcher) missingWeight(w *Word) float64 {
	switch {
	case w.Class == "region" || w.Class == "general" || w.Class == "company" || w.Class == "corp":
		// Faberlic / Faberlic Europe: a regional arm says little; Adoon
		// Trading / Adoon General Trading: "general" is filler, and so is a
		// "company" that one language writes as a word and another as a
		// legal form (Нефтяная компания Лукойл / Lukoil Oil Company), and
		// a "corporation" (Корпорация Комета / JSC Kometa).
		return w.Weight
	case w.Kind == Generic && subsidiaryClasses[w.Class]:
		return math.Max(w.Weight, m.p.SubsidiaryMissingWeight)
	case w.Kind == Generic:
		return math.Max(w.Weight, m.p.GenericMissingWeight)
	case w.Class == "place":
		return math.Max(w.Weight, 1)
	case w.Kind == Number && w.Text == "1":
		return 1 // the first of a series is often named without its number (Fund / Fund I)
	case w.Kind == Number:
		return 2
	case w.Kind == Distinctive && len(w.Text) <= 3 && w.Script == normalize.Latin:
		// A short word is weak evidence where it agrees, but a name that
		// adds one to another is most often another company (Acme / Acme
		// BM, a division or a subsidiary).
		return math.Max(w.Weight, shortMissingWeight)
	}
	return w.Weight
}

// shortMissingWeight is the least weight of a short distinctive word with
// no counterpart.
const shortMissingWeight = 0.6

func missingReason(w *Word, weight float64, side string, total float64) Reason {
	return Reason{Kind: "missing_token", Left: w.Orig, Effect: round4(-weight / total),
		Detail: fmt.Sprintf("%s word %q of the %s (weight %.2f) has no counterpart", w.Kind, w.Orig, side, weight)}
}

// wordSim compares two words.
func (m *Matcher) wordSim(x, y *Word) (float64, uint8) {
	if x.Kind == Number || y.Kind == Number {
		if x.Kind == y.Kind && x.Text == y.Text {
			return 1, simExact
		}
		return 0, simNone
	}
	if x.Script == y.Script && isNative(x.Script) {
		return m.sameScriptSim(x, y)
	}
	if x.Text == y.Text {
		if (x.Script != normalize.Latin) != (y.Script != normalize.Latin) {
			return m.p.TransliterationSimilarity, simTranslit
		}
		return 1, simExact
	}
	if x.Kind == Generic && y.Kind == Generic {
		if x.Class == y.Class {
			return 1, simGeneric
		}
		if narrows(x.Class, y.Class) || narrows(y.Class, x.Class) {
			return m.p.TokenMinSimilarity, simGeneric // 重工 / Industry
		}
		if !translates(x, y) && !translates(y, x) {
			return 0, simNone
		}
	}
	if translates(x, y) || translates(y, x) || (x.Country() != "" && x.Country() == y.Country()) {
		return m.p.TransliterationSimilarity, simTranslation // 자동차 / Motor
	}
	if x.Kind == Distinctive && y.Kind == Distinctive {
		if spellsLetters(x, y) || spellsLetters(y, x) {
			return m.p.TransliterationSimilarity, simLetters // 에이비씨 / ABC
		}
		if s := loanwordPair(x, y); s > 0 {
			return s * m.p.LoanwordSimilarity, simLoanword // 포스코 / POSCO
		}
	}
	japanese := x.japanese() || y.japanese()
	if x.native|0x20 == 'j' && y.native|0x20 == 'j' {
		// Latin words of Japanese names: Hepburn's variants meet (Tosoh /
		// Toso, Daisyo / Daisho), the Korean and Chinese classes of package
		// romanize do not apply (Hakuto is not Hakudo, Jeco is not Aiko).
		if x.native == 'j' && y.native == 'j' && ja.Key(x.Text) == ja.Key(y.Text) {
			return m.p.RomanisationSimilarity, simRoman
		}
		japanese = true
	}
	// The transliteration key (Russian-style glides: ye = e) is for words
	// transliterated from Cyrillic, not for Hangul (제일 is not Yeil).
	tkey := x.TKey != "" && x.TKey == y.TKey && !isNative(x.Script) && !isNative(y.Script)
	// Two letters are too few to be spelling variants (YM is not IM).
	short := (len(x.Text) < 3 || len(y.Text) < 3) && (x.Text == "" || y.Text == "" || x.Text[0] != y.Text[0])
	if x.Key != "" && !japanese && !short && (x.Key == y.Key || tkey) && hasVowel(x.Text) && hasVowel(y.Text) && hangulFits(x, y) {
		// Romanisation spells syllables; a word without a vowel is an
		// abbreviation (PKK is not PCC).
		return m.p.RomanisationSimilarity, simRoman
	}
	lx, ly := len(x.Text), len(y.Text)
	if lx == ly && lx >= 3 && lx <= 4 && x.Kind == Distinctive && y.Kind == Distinctive &&
		x.Script == normalize.Latin && y.Script == normalize.Latin && oneSubstitution(x.Text, y.Text) {
		// A slip of one letter in a short word (Mercedes-Benn / Mercedes-Benz,
		// CVC / CVS Health). The credit is too low to carry a name on its
		// own: the pair matches only when the words it shares besides are
		// rare enough (Beta / Meta Platforms), never on a generic word
		// (Kia Trading / Kim Trading).
		return m.p.ShortTypoSimilarity, simEdit
	}
	if lx <= m.p.ShortTokenLen || ly <= m.p.ShortTokenLen {
		return 0, simNone
	}
	if x.Stem != "" && x.Stem == y.Stem && len(x.Stem) >= 4 {
		return m.p.RomanisationSimilarity, simStem // works / work, managing / management
	}
	if adjectiveOf(x, y) || adjectiveOf(y, x) {
		return m.p.RomanisationSimilarity, simPlaceAdjective // Muromsky / Murom
	}
	maxl := max(lx, ly)
	if float64(abs(lx-ly)) > (1-m.p.TokenMinSimilarity)*float64(maxl)+1e-9 {
		return 0, simNone
	}
	d := levenshtein.ComputeDistance(x.Text, y.Text)
	if d == 2 && lx == ly && isTransposition(x.Text, y.Text) {
		d = 1 // two neighbouring letters swapped: one slip, not two
	}
	sim := 1 - float64(d)/float64(maxl)
	if d == 1 && sameRomanised(x.native, y.native) && (lx != ly || !isTransposition(x.Text, y.Text)) {
		// Two Latin words of Japanese or Korean names of that country, one
		// letter apart and not spelling variants (the keys above): one
		// syllable is another, so another name (Okumura / Okamura, Hosung
		// / Hyosung, Tadano / Takano), and brands of one letter apart are
		// as often other companies (Winia / Winix, Foosung / Joosung).
		// Swapped letters stay a slip.
		return 0, simNone
	}
	if d == 1 && lx == ly && lx <= 6 && x.Text[lx-1] != y.Text[ly-1] && !isTransposition(x.Text, y.Text) && x.syl && y.syl {
		// The last letter of five or six replaced by another, in words
		// spelt in the syllables of Japanese or Korean, is another final
		// syllable and so as often another name as a slip (Nippo / Nippi,
		// Hakuto / Hakuta): below the bar on its own. Other words keep
		// the credit (Qaeda / Qaida, Toyota / Tayota, China / Chima).
		sim -= shortSubstitution
	}
	if x.Key != "" && y.Key != "" && !japanese && sim < m.p.TokenMinSimilarity && hangulFits(x, y) {
		// Spelling variants of romanised words can be closer on their keys.
		kl := max(len(x.Key), len(y.Key))
		ks := (1 - float64(levenshtein.ComputeDistance(x.Key, y.Key))/float64(kl)) * m.p.RomanisationSimilarity
		sim = math.Max(sim, ks)
	}
	if sim < m.p.TokenMinSimilarity-1e-9 && sim >= 0.6 && min(lx, ly) >= 6 && max(lx, ly) >= 7 && sameSkeleton(arabicFold(x.Text), arabicFold(y.Text)) {
		// Vowels written differently, consonants the same: how Arabic and
		// Persian names are romanised (Tehrik / Tehreek, Hoseyn / Hossein).
		return m.p.TokenMinSimilarity, simEdit
	}
	if sim < m.p.TokenMinSimilarity-1e-9 {
		return 0, simNone
	}
	if x.Script != y.Script && (isNative(x.Script) || isNative(y.Script)) && sim < crossEditMin-1e-9 {
		// A romanised native word one letter off a Latin word is another
		// syllable, so another name (부흥 buheung / Suheung), unless the
		// word is long.
		return 0, simNone
	}
	return sim, simEdit
}

// romajiWord matches a word made of the morae of Japanese written in
// Hepburn or Kunrei (a doubled consonant for っ, n for ん).
var romajiWord = regexp.MustCompile(`^(?:(?:[kgsztdnhbpmr]y|sh|ch|ts|j|f|[kgsztdnhbpmryw])?[aeiou]|n|[kgsztdpbcs](?:[kgsztdpbcs]))+$`)

// passportLongO writes the long o that passport Hepburn spells oh (Ohsaki,
// Kohno: oh before a consonant or at the end) as o, so that romajiWord
// reads the word's morae.
func passportLongO(w string) string {
	if !strings.Contains(w, "oh") {
		return w
	}
	b := []byte(w)
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == 'h' && i > 0 && b[i-1] == 'o' && (i+1 == len(b) || !strings.ContainsRune("aeiouy", rune(b[i+1]))) {
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

// syllabic reports whether a Latin word is spelt in the syllables of
// Japanese (romajiWord) or Korean (package romanize).
func syllabic(w string) bool {
	if romajiWord.MatchString(w) {
		return true
	}
	sys := romanize.SystemOf(w)
	return sys == romanize.Korean
}

// markRomanised marks the Latin words of a name of Japan spelt in the
// morae of Japanese ('j'; other Latin words of such a name 'J'), and of a
// name of Korea spelt in Korean syllables ('k'; other Latin words of four
// letters or more 'K') (see Word.native): the country says which
// romanisation the name is in, and that a brand one letter off is as often
// another company as a slip.
func markRomanised(n *Name) {
	var sys uint8
	switch n.Country {
	case "JP":
		sys = 'j'
	case "KR", "KP":
		sys = 'k'
	default:
		return
	}
	for i := range n.Words {
		w := &n.Words[i]
		if w.Script != normalize.Latin || w.Kind != Distinctive {
			continue
		}
		switch {
		case sys == 'j' && len(w.Text) >= 3 && romajiWord.MatchString(passportLongO(w.Text)):
			w.native = 'j'
		case sys == 'j':
			w.native = 'J'
		case len(w.Text) < 4:
		default:
			w.native = 'K'
			if romanize.SystemOf(w.Text) == romanize.Korean {
				w.native = 'k'
			}
		}
	}
}

// otherStart reports whether two words start differently, other than by a
// letter one of them has before the other's first (andrangheta /
// ndrangheta).
func otherStart(a, b string) bool {
	if a[0] == b[0] {
		return false
	}
	return !(len(a) > 1 && a[1] == b[0]) && !(len(b) > 1 && b[1] == a[0])
}

// sameRomanised reports whether two Word.native marks are words of names of
// one country whose brands one letter apart are other companies: two
// Japanese words, romaji or not (Nippo / Nipro), or two Korean words both
// spelt in Korean syllables or both not. A Korean word spelt in syllables
// against one that is not is most often the same word with a slip in it
// (Gwangdong / Gwngdong).
func sameRomanised(a, b uint8) bool {
	switch a | 0x20 {
	case 'j':
		return b|0x20 == 'j'
	case 'k':
		return a == b
	}
	return false
}

// shortSubstitution is taken off the spelling similarity of two romanised
// words of five or six letters that differ in their last letter.
const shortSubstitution = 0.05

// crossEditMin is the least spelling similarity between a native word's
// romanisation and a Latin word.
const crossEditMin = 0.9

// isNative reports whether a script is one whose words are romanised before
// they can be compared with Latin ones: Hangul, Han, kana.
func isNative(s normalize.Script) bool {
	return s == normalize.Hangul || s == normalize.Han || s == normalize.Kana
}

// sameScriptSim compares two words of one native script by what is written,
// never by their romanisation: toneless pinyin and loose Korean keys make
// different names equal (智伸 / 致伸 are both zhishen, 대웅 / 태웅 both daeung
// under McCune–Reischauer). The units are characters: a Hangul syllable, a
// Han character, a kana mora. Spelling slips count only on words of four
// units or more, at sameScriptEditMin (대한제당 / 대한제강 differ in one
// syllable of four: 0.75, apart).
func (m *Matcher) sameScriptSim(x, y *Word) (float64, uint8) {
	if x.Orig == y.Orig {
		return 1, simExact
	}
	if x.Kind == Generic && y.Kind == Generic {
		if x.Class == y.Class {
			return 1, simGeneric
		}
		if narrows(x.Class, y.Class) || narrows(y.Class, x.Class) {
			return m.p.TokenMinSimilarity, simGeneric // 重工 / 工业
		}
	}
	if translates(x, y) || translates(y, x) || (x.Country() != "" && x.Country() == y.Country()) {
		return m.p.TransliterationSimilarity, simTranslation
	}
	if lx := x.spelt(); lx != "" {
		if ly := y.spelt(); ly != "" {
			// Letters spelled out compare as letters: 티에스아이 TSI is not
			// 엔에스아이 NSI, one syllable apart.
			if lx == ly {
				return m.p.TransliterationSimilarity, simLetters
			}
			return 0, simNone
		}
	}
	rx, ry := []rune(x.Orig), []rune(y.Orig)
	n := max(len(rx), len(ry))
	if min(len(rx), len(ry)) < 4 {
		return 0, simNone
	}
	sim := 1 - float64(levenshtein.ComputeDistance(x.Orig, y.Orig))/float64(n)
	if sim < sameScriptEditMin-1e-9 {
		return 0, simNone
	}
	return sim, simEdit
}

// maxCompoundHalves bounds the extra English words one native word may
// take (радиоэлектронные: radio and electronic).
const maxCompoundHalves = 2

// compoundHalves aligns an unaligned Latin word with an aligned Cyrillic,
// Han, Hangul or kana word when the Latin word's neighbour is aligned and
// the native word means both: Russian and Chinese write as one word what
// English writes as two (радиоэлектронные / Radio-Electronic, радиозавод /
// Radio Plant, 电力 / Electric Power). Only the Latin word's weight is
// gained; the native word was counted with its neighbour.
func (m *Matcher) compoundHalves(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	var gain float64
	for i := range x.Words {
		wx := &x.Words[i]
		if !usedX[i] || (wx.Script != normalize.Cyrillic && !isNative(wx.Script)) || wx.nat() == nil {
			continue
		}
		taken := 0
		for j := range y.Words {
			wy := &y.Words[j]
			if taken == maxCompoundHalves || usedY[j] || wy.Script != normalize.Latin || (wy.Kind != Distinctive && wy.Kind != Generic) {
				continue
			}
			l, r := neighbours(y, j)
			beside := (l >= 0 && usedY[l] && readsAs(wx, &y.Words[l])) || (r >= 0 && usedY[r] && readsAs(wx, &y.Words[r]))
			if !beside || !readsAs(wx, wy) {
				continue
			}
			usedY[j] = true
			taken++
			g := m.p.TransliterationSimilarity * wy.Weight
			gain += g
			if reasons != nil {
				r := Reason{Kind: "translation", Left: wx.Orig, Right: wy.Orig, Effect: round4(g / total),
					Detail: fmt.Sprintf("%q also means %q: one word where English writes two", wx.Orig, wy.Orig)}
				addReason(reasons, r, flipped)
			}
		}
	}
	return gain
}

// neighbours returns the words before and after word j of n, past
// stopwords (Wire & Cable), or -1.
func neighbours(n *Name, j int) (left, right int) {
	left, right = j-1, j+1
	for left >= 0 && n.Words[left].Kind == Stopword {
		left--
	}
	for right < len(n.Words) && n.Words[right].Kind == Stopword {
		right++
	}
	if right == len(n.Words) {
		right = -1
	}
	return left, right
}

// readsAs reports whether a reading of a native word (a dictionary's
// translation, a loanword's English word) is the Latin word y. (Measured:
// leaving out the readings of single characters, 煤 coal in 煤电 Coal &
// Power, lost three Chinese and one Japanese true pair and no false one.)
func readsAs(x, y *Word) bool {
	nat := x.nat()
	if nat == nil {
		return false
	}
	for i := range nat.pieces {
		pc := &nat.pieces[i]
		for r := range pc.reads {
			if pc.reads[r].meets(y) {
				return true
			}
		}
	}
	return false
}

// sameScriptEditMin is the least similarity of two words of one native
// script that differ: a syllable or character of five is another name
// (신지소프트 / 인지소프트), one of seven may be a slip.
const sameScriptEditMin = 0.85

// joinWords aligns runs of 2–3 unaligned words of x with one unaligned word
// of y when written together they are the same word (Kyung Ki / Kyungki).
// runs is scratch space for the runs of x written together.
func (m *Matcher) joinWords(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool, sounds *soundMemo, runs *[]joinedRun) float64 {
	var gain float64
	rs := resetRuns(*runs, len(x.Words))
	*runs = rs
	for j := range y.Words {
		wy := &y.Words[j]
		if usedY[j] || wy.Kind == Number || (len(wy.Text) < 4 && !(len(wy.Text) >= 2 && wy.Script == normalize.Latin && len(x.Words) > 0 && isNative(x.Words[0].Script))) {
			// Short words are joined only from letters spelled out
			// (エイチ・アイ・エス / H.I.S.).
			continue
		}
		for i := 0; i+1 < len(x.Words); i++ {
			for k := 2; k <= 3 && i+k <= len(x.Words); k++ {
				if !allFree(usedX[i : i+k]) {
					break
				}
				var w float64
				for _, v := range x.Words[i : i+k] {
					w += v.Weight
				}
				run := &rs[2*i+k-2]
				c := run.text(x.Words[i : i+k])
				sim := 0.0
				if sameNative(x.Words[i:i+k], wy) {
					// One native script on both sides: written together
					// means the same characters, not the same romanisation.
					if run.orig(x.Words[i:i+k]) == wy.Orig {
						sim = 1
					}
				} else if s := joinedLoanword(x.Words[i:i+k], run, wy, sounds); s > 0 {
					sim = s * m.p.LoanwordSimilarity // 한화에어로스페이스 / Hanwha Aerospace
				} else if s := joinedReadings(x.Words[i:i+k], wy); s > 0 {
					sim = s // 지아이바이오 / GIBIO: letters, then a loanword
				} else if abs(len(c)-len(wy.Text)) > 2 {
					continue
				} else if c == wy.Text {
					sim = 1
				} else if run.key(x.Words[i:i+k]) == wy.Key {
					sim = m.p.RomanisationSimilarity
				} else if wy.Script != x.Words[i].Script && (isNative(wy.Script) || isNative(x.Words[i].Script)) {
					// Across scripts a spelling slip is no evidence: the
					// romanisation of 广东佳云 is one letter-run like many.
					continue
				} else if otherStart(c, wy.Text) || sameRomanised(x.Words[i].native, wy.native) {
					// Another first letter is another name (I Robotics /
					// NRobotics; a letter dropped before the rest stays
					// a slip: Andrang Heta / 'Ndrangheta), and so is a
					// slip in a word of a Korean or Japanese name (see
					// tokenSim).
					continue
				} else if e := 1 - float64(levenshtein.ComputeDistance(c, wy.Text))/float64(max(len(c), len(wy.Text))); e >= m.p.TokenMinSimilarity {
					sim = e
				}
				if sim == 0 {
					continue
				}
				for t := i; t < i+k; t++ {
					usedX[t] = true
				}
				usedY[j] = true
				g := sim * (w + wy.Weight)
				gain += g
				if reasons != nil {
					parts := make([]string, 0, k)
					for _, v := range x.Words[i : i+k] {
						parts = append(parts, v.Orig)
					}
					r := Reason{Kind: "joined_words", Left: strings.Join(parts, " "), Right: wy.Orig, Effect: round4(g / total),
						Detail: fmt.Sprintf("%q written together is %q", strings.Join(parts, " "), wy.Orig)}
					addReason(reasons, r, flipped)
				}
				goto next
			}
		}
	next:
	}
	return gain
}

// truncatedSimilarity is the credit for the last word of a name cut at a
// field width against the word it begins.
const truncatedSimilarity = 0.9

// truncated aligns the last word of x, when x was cut at a field width
// (ACME HEAVY INDUSTRIES COMPANY LI, 35 characters) and the word is still
// unaligned, with an unaligned word of y that it begins (limited).
func (m *Matcher) truncated(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	last := len(x.Words) - 1
	for last >= 0 && x.Words[last].Kind == Qualifier {
		last--
	}
	if !x.Cut || last < 0 || usedX[last] {
		return 0
	}
	wx := &x.Words[last]
	if len(wx.Text) < 2 || wx.Script != normalize.Latin || wx.Kind == Number {
		return 0
	}
	for j := range y.Words {
		wy := &y.Words[j]
		if usedY[j] || wy.Kind == Number || len(wy.Text) <= len(wx.Text) || !strings.HasPrefix(wy.Text, wx.Text) {
			continue
		}
		usedX[last], usedY[j] = true, true
		g := truncatedSimilarity * (wx.Weight + wy.Weight)
		if reasons != nil {
			r := Reason{Kind: "truncated", Left: wx.Orig, Right: wy.Orig, Effect: round4(g / total),
				Detail: fmt.Sprintf("the name is %d characters long, the width of a customs field that cuts names, and its last word %q begins %q", utf8.RuneCountInString(x.Raw), wx.Orig, wy.Orig)}
			addReason(reasons, r, flipped)
		}
		return g
	}
	return 0
}

// sameNative reports whether the words and wy are all of one native script.
func sameNative(words []Word, wy *Word) bool {
	if !isNative(wy.Script) {
		return false
	}
	for i := range words {
		if words[i].Script != wy.Script {
			return false
		}
	}
	return true
}

// joinedRun is a run of words written together, its text, original
// spelling and romanisation key each built on first use (empty until then):
// joinWords asks for every run once for each word of the other name.
type joinedRun struct {
	joined, joinedOrig, joinedKey string
}

// resetRuns returns rs with room for the runs of two and three words
// starting at each of n words, all unbuilt.
func resetRuns(rs []joinedRun, n int) []joinedRun {
	if cap(rs) < 2*n {
		return make([]joinedRun, 2*n)
	}
	rs = rs[:2*n]
	clear(rs)
	return rs
}

// text returns the Text of words written together.
func (r *joinedRun) text(words []Word) string {
	return built(&r.joined, words, func(w *Word) string { return w.Text })
}

// orig returns the Orig of words written together.
func (r *joinedRun) orig(words []Word) string {
	return built(&r.joinedOrig, words, func(w *Word) string { return w.Orig })
}

// built returns *dst, first setting it to field of each of words written
// together if it is empty.
func built(dst *string, words []Word, field func(*Word) string) string {
	if *dst == "" {
		var b strings.Builder
		for i := range words {
			b.WriteString(field(&words[i]))
		}
		*dst = b.String()
	}
	return *dst
}

// key returns the romanisation key of the text of words written together.
func (r *joinedRun) key(words []Word) string {
	if r.joinedKey == "" {
		r.joinedKey = romanize.Key(r.text(words))
	}
	return r.joinedKey
}

// joinedLoanword reports whether words written together (c) are the
// foreign word wy spells by sound in Hangul, or the other way round
// (Hanwha Aerospace / 한화에어로스페이스). Called only across Hangul and
// another script, so the joined original is built only then.
func joinedLoanword(words []Word, run *joinedRun, wy *Word, sounds *soundMemo) float64 {
	if isNative(words[0].Script) == isNative(wy.Script) {
		return 0
	}
	// phon.Similar accepts only words whose first sounds agree: test that
	// first, cheaply.
	native, latin := wy, &words[0]
	if isNative(words[0].Script) {
		native, latin = &words[0], wy
	}
	if !soundsAlike(native, latin, sounds) {
		return 0
	}
	joined := Word{Text: run.text(words), Script: words[0].Script}
	if native == &words[0] {
		// Only the native side's spelling is compared (phon.Similar reads
		// the Latin side's Text): the Latin words' is not built.
		joined.Orig = run.orig(words)
	}
	return loanwordPair(&joined, wy)
}

// acronymSimilarity is the credit for initials against the words they
// abbreviate: real evidence, but initials are shared by many names.
const acronymSimilarity = 0.85

// acronyms aligns an unaligned short word of y (2 to 5 letters) with a run of
// unaligned words of x whose initials spell it (PLA / People's Liberation
// Army, US / United States); stopwords inside the run are skipped.
func (m *Matcher) acronyms(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	var gain float64
	for j := range y.Words {
		wy := &y.Words[j]
		n := len(wy.Text)
		if usedY[j] || wy.Kind != Distinctive || n < 2 || n > 5 || wy.Script != normalize.Latin {
			continue
		}
	start:
		for i := range x.Words {
			k, matchedWords := 0, 0
			var w float64
			var parts []string
			for t := i; t < len(x.Words) && k < n; t++ {
				wx := &x.Words[t]
				if usedX[t] {
					continue start
				}
				if wx.Kind == Stopword {
					if matchedWords == 0 {
						continue start
					}
					continue
				}
				if wx.Text == "" || wx.Text[0] != wy.Text[k] || wx.Kind == Number || (n < 3 && wx.Script != normalize.Latin) {
					// Two initials of romanised native words are a guess
					// (KR / 코람코라이프인프라 리츠); three begin to say something.
					continue start
				}
				k++
				matchedWords++
				w += wx.Weight
				if reasons != nil {
					parts = append(parts, wx.Orig)
				}
				if k == n {
					for u := i; u <= t; u++ {
						usedX[u] = true
					}
					usedY[j] = true
					g := acronymSimilarity * (w + wy.Weight)
					gain += g
					if reasons != nil {
						r := Reason{Kind: "acronym", Left: strings.Join(parts, " "), Right: wy.Orig, Effect: round4(g / total),
							Detail: fmt.Sprintf("%q is the initials of %q", wy.Orig, strings.Join(parts, " "))}
						addReason(reasons, r, flipped)
					}
					break start
				}
			}
		}
	}
	return gain
}

func (m *Matcher) describe(kind uint8, a, b *Word, sim float64) string {
	switch kind {
	case simExact:
		return fmt.Sprintf("%s word %q on both sides", a.Kind, a.Orig)
	case simTranslit:
		return fmt.Sprintf("%q and %q are the same word after transliteration (%s)", a.Orig, b.Orig, a.Text)
	case simGeneric:
		return fmt.Sprintf("generic words %q and %q are equivalent (%s), weighted low", a.Orig, b.Orig, a.Class)
	case simRoman:
		_, rule := romanize.Explain(a.Text, b.Text)
		return fmt.Sprintf("%q and %q are romanisation variants: %s", a.Orig, b.Orig, rule)
	case simEdit:
		return fmt.Sprintf("%q and %q differ by spelling (edit similarity %.2f)", a.Orig, b.Orig, sim)
	case simStem:
		return fmt.Sprintf("%q and %q are forms of one English word (%s-)", a.Orig, b.Orig, stem(a.Text))
	case simTranslation:
		en := a.Means()
		if en == "" {
			en = b.Means()
		}
		if en == "" {
			return fmt.Sprintf("%q and %q name one country (%s)", a.Orig, b.Orig, a.Country())
		}
		return fmt.Sprintf("%q and %q both mean %q", a.Orig, b.Orig, strings.ReplaceAll(en, "/", " or "))
	case simLoanword:
		script := "Hangul"
		if a.Script == normalize.Kana || b.Script == normalize.Kana {
			script = "katakana"
		}
		return fmt.Sprintf("%q and %q are one foreign word written by sound in %s", a.Orig, b.Orig, script)
	case simPlaceAdjective:
		adj, place := a, b
		if b.Adj() != "" && (a.Adj() == "" || adjectiveOf(b, a)) {
			adj, place = b, a
		}
		return fmt.Sprintf("%q is the Russian adjective of the place %q", adj.Orig, place.Orig)
	}
	return ""
}

// distinctConflict reports whether each name has an unaligned distinctive
// word of three letters or more, and the two are unlike each other: neither
// contains the other (port / seaport) and they are not near spellings
// (Baghiatollah / Baqiyatallah). Hyundai Motor / Hyundai Mobis conflict.
func distinctConflict(a, b *Name, usedA, usedB []bool) bool {
	for i := range a.Words {
		x := &a.Words[i]
		if usedA[i] || x.Kind != Distinctive || len(x.Text) < 3 || x.Weight < 0.5 {
			continue
		}
		for j := range b.Words {
			y := &b.Words[j]
			if usedB[j] || y.Kind != Distinctive || len(y.Text) < 3 || y.Weight < 0.5 {
				continue
			}
			xt, yt := withoutArticle(x.Text), withoutArticle(y.Text)
			if strings.Contains(xt, yt) || strings.Contains(yt, xt) {
				continue
			}
			d := levenshtein.ComputeDistance(xt, yt)
			if 1-float64(d)/float64(max(len(xt), len(yt))) < unlikeWords {
				return true
			}
		}
	}
	return false
}

// withoutArticle drops an Arabic article written together with its word
// (Alrahmah, Elnour), so that it is not what makes two spellings of one
// name look unlike.
func withoutArticle(w string) string {
	if len(w) > 5 && (strings.HasPrefix(w, "al") || strings.HasPrefix(w, "el")) {
		return w[2:]
	}
	return w
}

// unlikeWords is the edit similarity below which two words are different
// words rather than two spellings of one (motor / mobis 0.4, west / east 0.5).
const unlikeWords = 0.6

// sameJurisdiction reports whether two forms' country lists intersect.
func sameJurisdiction(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// russianAdjectiveEndings make an adjective of a place name (Муром →
// Муромский, Тула → Тульский), as transliterated, longest first.
var russianAdjectiveEndings = []string{"skogo", "skaya", "skoye", "skiye", "skiy", "skii", "skij", "skyi", "skyy", "skoe", "skie", "sky", "ski"}

// placeOfAdjective returns the stem of a romanised Russian adjective of
// place ("muromskiy" → "murom", "tulskiy" → "tul"), or "" if the word is not
// one. The stem keeps at least three letters.
func placeOfAdjective(w string) string {
	for _, e := range russianAdjectiveEndings {
		if len(w) >= len(e)+3 && strings.HasSuffix(w, e) {
			return strings.TrimSuffix(w[:len(w)-len(e)], "'")
		}
	}
	return ""
}

// adjectiveOf reports whether x is a Russian adjective made from the place
// y names: the stem is y (Murom), or y without its final vowel (Tula).
func adjectiveOf(x, y *Word) bool {
	if x.Adj() == "" || y.Kind != Distinctive {
		return false
	}
	t := y.Text
	if y.Adj() != "" {
		t = y.Adj()
	} else if n := len(t); n > 3 && isVowel(t[n-1]) {
		t = t[:n-1]
	}
	return x.Adj() == t
}

// impliedCountries counts as agreeing an unaligned country name of x that
// y implies by its script: a name written in Chinese characters need not say
// China (国家电网 / State Grid Corporation of China, ПАО Сбербанк / Sberbank of
// Russia).
func (m *Matcher) impliedCountries(x, y *Name, usedX []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	var gain float64
	for i := range x.Words {
		w := &x.Words[i]
		if usedX[i] || w.Country() == "" || w.Script != normalize.Latin || !y.writtenIn(w.Country()) {
			continue
		}
		usedX[i] = true
		gain += w.Weight
		if reasons != nil {
			r := Reason{Kind: "implied_country", Left: w.Orig, Effect: round4(w.Weight / total),
				Detail: fmt.Sprintf("%q is implied by the script the other name is written in", w.Orig)}
			if flipped {
				r.Left, r.Right = "", w.Orig
			}
			*reasons = append(*reasons, r)
		}
	}
	return gain
}

// scriptCountries are the countries whose names a script implies.
var scriptCountries = map[normalize.Script][]string{
	normalize.Han:      {"CN", "TW", "HK", "MO"},
	normalize.Hangul:   {"KR", "KP"},
	normalize.Kana:     {"JP"},
	normalize.Cyrillic: {"RU", "BY", "UA", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN"},
}

// writtenIn reports whether a distinctive word of n is written in a script
// that implies the country iso.
func (n *Name) writtenIn(iso string) bool {
	for i := range n.Words {
		w := &n.Words[i]
		if w.Kind == Distinctive && w.Script != normalize.Latin && slices.Contains(scriptCountries[w.Script], iso) {
			return true
		}
	}
	return false
}

// narrows reports whether generic class a narrows class b: an official
// English name often drops the narrowing word (中国船舶重工 / China
// Shipbuilding Industry). A plain comparison: this runs for every pair of
// generic words.
func narrows(a, b string) bool {
	return a == "heavy_industries" && b == "industry"
}

// translates reports whether x is a translation of y (자동차 / motor,
// motors; 석유 / petroleum) or both translate one English word (자동차 /
// 汽车). Means holds one or two English words separated by a slash.
func translates(x, y *Word) bool {
	xm := x.Means()
	if xm == "" {
		return false
	}
	if xm == y.Means() {
		return true
	}
	for en := range strings.SplitSeq(xm, "/") {
		if en == y.Text || (y.Stem != "" && en == y.Stem) {
			return true
		}
	}
	return false
}

// englishSuffixes are cut by stem, longest first.
var englishSuffixes = []string{"ments", "ment", "ings", "ing", "ies", "es", "ed", "s"}

// stem removes one common English inflection or derivation suffix: a light
// stemmer, enough for the forms company names use (Works / Work, Managing /
// Management / Manage, Industries / Industry are generic words already).
func stem(w string) string {
	for _, suf := range englishSuffixes {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			if suf == "ies" {
				w += "y"
			}
			break
		}
	}
	return strings.TrimSuffix(w, "e")
}

// arabicFold writes the letters that romanisations of Arabic and Persian
// spell two ways one way: gh and q (ق, غ: Eghtesad / Eqtesad), dh and z,
// ou and u, and a final h after a vowel (Toseeh / Tosee).
func arabicFold(w string) string {
	if !strings.Contains(w, "gh") && !strings.Contains(w, "dh") && !strings.Contains(w, "ou") &&
		!(len(w) > 4 && w[len(w)-1] == 'h' && isVowel(w[len(w)-2])) {
		return w
	}
	w = arabicPairs.Replace(w)
	if n := len(w); n > 4 && w[n-1] == 'h' && isVowel(w[n-2]) {
		w = w[:n-1]
	}
	return w
}

var arabicPairs = strings.NewReplacer("gh", "q", "dh", "z", "ou", "u")

// sameSkeleton reports whether two words have the same first letter and the
// same consonants after it (vowels and y dropped, doubled letters once), with
// at least three consonants.
func sameSkeleton(a, b string) bool {
	if a[0] != b[0] {
		return false
	}
	i, j, n := 1, 1, 0
	for {
		for i < len(a) && (isVowel(a[i]) || a[i] == a[i-1]) {
			i++
		}
		for j < len(b) && (isVowel(b[j]) || b[j] == b[j-1]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b) && n >= 2
		}
		if a[i] != b[j] {
			return false
		}
		i, j, n = i+1, j+1, n+1
	}
}

func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isTransposition reports whether a and b (same length) differ only by one
// swap of neighbouring letters.
func isTransposition(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// oneSubstitution reports whether a and b (same length) differ in exactly
// one letter.
func oneSubstitution(a, b string) bool {
	diff := 0
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

func allFree(b []bool) bool {
	for _, x := range b {
		if x {
			return false
		}
	}
	return true
}

func resetBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

func cmpDesc(x, y float64) int {
	if x > y {
		return -1
	}
	if x < y {
		return 1
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
