package match

import "testing"

// A legal form written inside a Russian name meets the one inside its
// English name, and a Russian word of the company class meets the word of
// the English name's legal form; other generic words do not.
func TestRussianLegalFormsInside(t *testing.T) {
	m := newTestMatcher()
	for _, c := range []struct {
		a, b   string
		reason string
	}{
		{"Страховое акционерное общество ‘Ромашка’", "Insurance Joint Stock Company ‘Romashka’", "legal_form_inside"},
		// A form inside the Cyrillic name that the Latin name has cut.
		{"Страховая организация АО ‘Ромашка’", "Joint Stock Company Romashka Insurance Organisation", "legal_form_inside"},
		{"Акционерное общество ‘Компания Ромашка’", "Joint Stock Company ‘Romashka’", "legal_form_word"},
		{"Корпорация ‘Ромашка’", "JSC Romashka Corporation", "legal_form_word"},
		// A word the name says twice is matched once.
		{"ГУП ‘Тульский морской порт’", "State Unitary Enterprise of the City of Tula, ‘Tula Seaport’", "repeated_word"},
		// A Russian state form is words in English.
		{"АО ‘Государственный научно-исследовательский институт Ромашка’", "JSC Romashka State Scientific Research Institute", "legal_form_word"},
	} {
		r := m.Score(m.Prepare(c.a, ""), m.Prepare(c.b, ""))
		if !r.Match || !hasReason(r, c.reason) {
			t.Errorf("%s / %s: %.4f, want a match with a %s reason\n%s", c.a, c.b, r.Score, c.reason, explain(r))
		}
	}
	// Производственное объединение is no Scientific Production
	// Association: its words stay unaligned.
	r := m.Score(m.Prepare("Производственное объединение ‘Ромашка’", ""), m.Prepare("PJSC Scientific Production Association ‘Romashka’", ""))
	if hasReason(r, "legal_form_word") || hasReason(r, "legal_form_inside") {
		t.Errorf("generic words aligned with a legal form of another kind:\n%s", explain(r))
	}
	// Nor the other way round: Production Association is not all of
	// Научно-производственное объединение.
	r = m.Score(m.Prepare("ПАО ‘Научно-производственное объединение Ромашка’", ""), m.Prepare("JSC Production Association Romashka", ""))
	if hasReason(r, "legal_form_word") {
		t.Errorf("Latin words aligned with part of a legal form:\n%s", explain(r))
	}
}
