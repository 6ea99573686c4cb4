package lex

import "testing"

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"завод", "завод"},
		{"Завод", "завод"},
		{"ОБЪЕДИНЁННЫЙ", "объединенный"},
		{"Концeрн", "концерн"},   // Latin e
		{"KOНЦEPН", "концерн"},   // Latin K, E, P beside Cyrillic
		{"інститут", "институт"}, // Ukrainian і
		{"Їжак", "ижак"},         // Ukrainian ї
		{"європейський", "европейський"},
		{"ґанок", "ганок"},
		{"аўтаматыка", "автаматыка"}, // Belarusian ў
		{"м'ясо", "мясо"},
		{"заво\u0301д", "завод"}, // stress mark
		{"и\u0306од", "йод"},     // decomposed й
		{"Concern", "concern"},   // no Cyrillic: Latin stays
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldPlainDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Fold("завод") }); n != 0 {
		t.Errorf("Fold of a plain word allocates %v times", n)
	}
}

func TestStems(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"заводом", "завод"}, {"Восточная", "восточн"}, {"верфи", "верф"},
	} {
		if got := Russian(c.in); got != c.want {
			t.Errorf("Russian(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"plants", "plant"}, {"plant", "plant"}, {"power stations", "power station"},
	} {
		if got := English(c.in); got != c.want {
			t.Errorf("English(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
