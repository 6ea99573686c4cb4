package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

// Legal forms inside Russian names and their English names.
//
// A legal form is cut from the ends of a name (see legalform.StripIn); one
// written inside it stays as words: Страховое акционерное общество ‘X’ is
// an insurance joint-stock company, and its English name writes Insurance
// Joint Stock Company ‘X’. Word by word the two phrases do not align
// (акционерное is "stock company", общество "society"), so innerForms
// aligns such a phrase as a whole with an equivalent phrase of the other
// name. And a Russian name may keep a word that its English name writes
// only in the legal form cut from its end (Нефтяная компания ‘X’ /
// X Oil Company; Корпорация ‘X’ / X Corporation): formWords aligns it with
// that form.

// maxFormWords bounds the words of a legal form written inside a name.
const maxFormWords = 5

// innerForms aligns the unaligned runs of two to maxFormWords words of a
// Cyrillic name x that are a legal form with an unaligned run of the Latin
// name y that is a form legalform.Check finds compatible (reason
// legal_form_inside). It gains the words' weights.
func (m *Matcher) innerForms(x, y *Name, usedX, usedY []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	if !hasScript(x, normalize.Cyrillic) || !hasScript(y, normalize.Latin) {
		return 0
	}
	var gain float64
	for i := 0; i+1 < len(x.Words); i++ {
		fx, nx, ok := formAt(x, i, usedX, normalize.Cyrillic)
		if !ok {
			continue
		}
		for j := 0; j+1 < len(y.Words); j++ {
			fy, ny, ok := formAt(y, j, usedY, normalize.Latin)
			if !ok || !legalform.Check(fx, fy).OK || fx.Class != fy.Class {
				continue
			}
			g := 0.0
			for k := i; k < i+nx; k++ {
				usedX[k] = true
				g += x.Words[k].Weight
			}
			for k := j; k < j+ny; k++ {
				usedY[k] = true
				g += y.Words[k].Weight
			}
			g *= m.p.TransliterationSimilarity
			gain += g
			if reasons != nil {
				r := Reason{Kind: "legal_form_inside", Left: origOf(x.Words[i : i+nx]), Right: origOf(y.Words[j : j+ny]), Effect: round4(g / total),
					Detail: fmt.Sprintf("%q and %q, written inside the names, are one legal form (%s, %s)",
						origOf(x.Words[i:i+nx]), origOf(y.Words[j:j+ny]), fx.Name, fy.Name)}
				addReason(reasons, r, flipped)
			}
			i += nx - 1
			break
		}
	}
	// A form inside the Cyrillic name that the Latin name has cut from its
	// end (Организация АО ‘X’ / X JSC): the Cyrillic words alone; one word
	// only if it is a specific form (АО, ООО).
	for i := range x.Words {
		fx, nx, ok := formFrom(x, i, usedX, normalize.Cyrillic, 1)
		if !ok || (nx < 2 && !fx.Specific) {
			continue
		}
		for _, lf := range y.LegalForms {
			if !legalform.Check(fx, lf.Form).OK || fx.Class != lf.Form.Class {
				continue
			}
			g := 0.0
			for k := i; k < i+nx; k++ {
				usedX[k] = true
				g += x.Words[k].Weight
			}
			g *= m.p.TransliterationSimilarity
			gain += g
			if reasons != nil {
				r := Reason{Kind: "legal_form_inside", Left: origOf(x.Words[i : i+nx]), Right: lf.Text, Effect: round4(g / total),
					Detail: fmt.Sprintf("%q, written inside the name, is the other name's legal form %q (%s, %s)",
						origOf(x.Words[i:i+nx]), lf.Text, fx.Name, lf.Form.Name)}
				addReason(reasons, r, flipped)
			}
			break
		}
	}
	return gain
}

// formAt returns the longest legal form of two words or more made of the
// unaligned words of n in script sc from word i on, and its length in words.
func formAt(n *Name, i int, used []bool, sc normalize.Script) (legalform.Form, int, bool) {
	return formFrom(n, i, used, sc, 2)
}

// formFrom is formAt for forms of least words or more.
func formFrom(n *Name, i int, used []bool, sc normalize.Script, least int) (legalform.Form, int, bool) {
	var texts [maxFormWords]string
	k := 0
	for j := i; j < len(n.Words) && k < maxFormWords; j++ {
		w := &n.Words[j]
		if used[j] || w.Script != sc || w.Kind == Number || w.Kind == Qualifier {
			break
		}
		texts[k] = w.Text
		k++
	}
	for ; k >= least; k-- {
		if f, ok := legalform.Match(texts[:k]); ok {
			return f, k, true
		}
	}
	return legalform.Form{}, 0, false
}

// formWords aligns an unaligned Cyrillic word of the generic classes
// company and corporation in x with a word of a legal form of y that it
// translates (компания / the Company of Joint Stock Company, корпорация /
// Corporation) (reason legal_form_word). It gains the Cyrillic word's
// weight: the form's words weigh nothing. Other generic words stay apart:
// Производственное Объединение is no Scientific Production Association.
func (m *Matcher) formWords(x, y *Name, usedX []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	if len(y.LegalForms) == 0 || !hasScript(y, normalize.Latin) {
		return 0
	}
	var gain float64
	taken := make([]bool, 0, 4) // one Cyrillic word per form
	for range y.LegalForms {
		taken = append(taken, false)
	}
	for i := range x.Words {
		w := &x.Words[i]
		if usedX[i] || w.Script != normalize.Cyrillic || w.Kind != Generic || (w.Class != "company" && w.Class != "corp") || w.nat() == nil {
			continue
		}
		for f, lf := range y.LegalForms {
			if taken[f] {
				continue
			}
			var en string
			for t := range strings.FieldsSeq(lf.Text) {
				if len(t) >= 5 && translatedAs(w.nat(), t) {
					en = t
					break
				}
			}
			if en == "" {
				continue
			}
			taken[f], usedX[i] = true, true
			g := w.Weight * m.p.TransliterationSimilarity
			gain += g
			if reasons != nil {
				r := Reason{Kind: "legal_form_word", Left: w.Orig, Right: lf.Text, Effect: round4(g / total),
					Detail: fmt.Sprintf("%q means %q, which the other name writes in its legal form %q", w.Orig, en, lf.Text)}
				addReason(reasons, r, flipped)
			}
			break
		}
	}
	return gain
}

// formClassWords aligns the unaligned generic Latin words of x with the
// words of a legal form cut from the Cyrillic name y, each of the same
// generic class as one word of the form, when every word of the form meets
// one (reason legal_form_word): Russian state forms are legal forms in
// Russian (ГосНИИ: Государственный научно-исследовательский институт) and
// words in English (State Scientific Research Institute). The form's words
// are compared in the romanisation the legal-form table holds them in,
// through package vocab's classes (gosudarstvennyy and State are both gov).
// A form met in part is another form (Научно-производственное объединение
// is no Production Association). It gains the Latin words' weights.
func (m *Matcher) formClassWords(x, y *Name, usedX []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	if len(y.LegalForms) == 0 || !hasScript(y, normalize.Cyrillic) || !hasScript(x, normalize.Latin) {
		return 0
	}
	var gain float64
	for _, lf := range y.LegalForms {
		var met [maxFormWords]int
		k := 0
		all := true
		for t := range strings.FieldsSeq(lf.Text) {
			if k == len(met) {
				all = false
				break
			}
			e, ok := vocab.Lookup(t)
			met[k] = -1
			for i := range x.Words {
				w := &x.Words[i]
				if ok && e.Class != "" && !usedX[i] && w.Script == normalize.Latin && w.Kind == Generic && w.Class == e.Class && !slices.Contains(met[:k], i) {
					met[k] = i
					break
				}
			}
			if met[k] < 0 {
				all = false
				break
			}
			k++
		}
		if !all || k < 2 {
			continue
		}
		for _, i := range met[:k] {
			w := &x.Words[i]
			usedX[i] = true
			g := w.Weight * m.p.TransliterationSimilarity
			gain += g
			if reasons != nil {
				r := Reason{Kind: "legal_form_word", Left: w.Orig, Right: lf.Text, Effect: round4(g / total),
					Detail: fmt.Sprintf("%q is a word of the other name's legal form %q (%s)", w.Orig, lf.Text, w.Class)}
				addReason(reasons, r, flipped)
			}
		}
	}
	return gain
}

// translatedAs reports whether a one-word translation of a Russian word is
// en, as written.
func translatedAs(nat *native, en string) bool {
	for p := range nat.pieces {
		for r := range nat.pieces[p].reads {
			if rd := &nat.pieces[p].reads[r]; rd.kind == simTranslation && rd.text2 == "" && rd.text == en {
				return true
			}
		}
	}
	return false
}

// hasScript reports whether a word of n is written in sc.
func hasScript(n *Name, sc normalize.Script) bool {
	for i := range n.Words {
		if n.Words[i].Script == sc {
			return true
		}
	}
	return false
}

// origOf joins the words as written.
func origOf(ws []Word) string {
	var b strings.Builder
	for i := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ws[i].Orig)
	}
	return b.String()
}

// repeatedWords counts as aligned, in a name compared across scripts with
// a Cyrillic one, an unaligned word that repeats an aligned word of its own
// name: a Latin word written twice (… of the City of X, ‘X Seaport’), a
// Cyrillic word whose first translation is another's (металлургический
// завод – … ‘металлургическая компания’) (reason repeated_word). A name
// that says a word again adds nothing to tell it apart; it gains the
// word's weight.
func (m *Matcher) repeatedWords(x, y *Name, usedX []bool, total float64, reasons *[]Reason, flipped bool) float64 {
	if !(hasScript(x, normalize.Cyrillic) && hasScript(y, normalize.Latin)) && !(hasScript(x, normalize.Latin) && hasScript(y, normalize.Cyrillic)) {
		return 0
	}
	var gain float64
	for i := range x.Words {
		w := &x.Words[i]
		if usedX[i] || (w.Kind != Distinctive && w.Kind != Generic) {
			continue
		}
		for j := range x.Words {
			v := &x.Words[j]
			if j == i || !usedX[j] || v.Script != w.Script || !sameRepeated(w, v) {
				continue
			}
			usedX[i] = true
			g := w.Weight * m.p.TransliterationSimilarity
			gain += g
			if reasons != nil {
				r := Reason{Kind: "repeated_word", Left: w.Orig, Right: v.Orig, Effect: round4(g / total),
					Detail: fmt.Sprintf("%q repeats %q of the same name, which is matched", w.Orig, v.Orig)}
				addReason(reasons, r, flipped)
			}
			break
		}
	}
	return gain
}

// sameRepeated reports whether two words of one name are one word said
// twice: the same Latin word, or Cyrillic words with the same first
// translation.
func sameRepeated(w, v *Word) bool {
	switch w.Script {
	case normalize.Latin:
		return len(w.Text) >= 3 && w.Text == v.Text
	case normalize.Cyrillic:
		a, b := w.nat(), v.nat()
		if a == nil || b == nil || len(a.pieces) == 0 || len(b.pieces) == 0 || len(a.pieces[0].reads) == 0 || len(b.pieces[0].reads) == 0 {
			return w.Text == v.Text
		}
		return a.pieces[0].reads[0].text == b.pieces[0].reads[0].text
	}
	return false
}
