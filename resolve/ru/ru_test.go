package ru

import (
	"math"
	"runtime"
	"slices"
	"testing"
)

func TestStem(t *testing.T) {
	groups := []struct {
		name  string
		forms []string
		want  string
	}{
		{"noun cases", []string{"завод", "завода", "заводом", "заводу", "заводы", "заводов", "Заводе", "ЗАВОДАМИ"}, "завод"},
		{"adjective genders", []string{"восточный", "восточная", "восточное", "восточные", "Восточного", "восточной"}, "восточн"},
		{"ё = е", []string{"объединённый", "объединенный"}, "объединен"},
		{"Latin look-alikes", []string{"концерн", "Концeрн", "KOНЦЕРН", "кoнцepн"}, "концерн"},
		{"Ukrainian і", []string{"інститут", "институт", "Інститут"}, "институт"},
		{"Belarusian ў", []string{"ўлада", "влада"}, "влад"},
		{"stress mark", []string{"заво\u0301д", "завод"}, "завод"},
	}
	for _, g := range groups {
		for _, f := range g.forms {
			if got := Stem(f); got != g.want {
				t.Errorf("%s: Stem(%q) = %q, want %q", g.name, f, got, g.want)
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	groups := []struct {
		name  string
		cases []struct {
			ru   string
			want []string // each must be among the translations
		}
	}{
		{"organisation words", []struct {
			ru   string
			want []string
		}{
			{"завод", []string{"plant", "factory", "works"}},
			{"объединение", []string{"association", "union"}},
			{"корпорация", []string{"corporation"}},
			{"государственный", []string{"state"}},
			{"научный", []string{"scientific"}},
			{"исследовательский", []string{"research"}},
			{"институт", []string{"institute"}},
			{"верфь", []string{"shipyard"}},
			{"центр", []string{"center", "centre"}},
			{"ремонтный", []string{"repair"}},
			{"системы", []string{"system"}},
			{"машиностроительный", []string{"machine-building", "engineering"}},
			{"машиностроения", []string{"mechanical engineering", "machine-building"}},
			{"предприятие", []string{"enterprise"}},
			{"производственное", []string{"production"}},
		}},
		{"other name words", []struct {
			ru   string
			want []string
		}{
			{"Беспилотные", []string{"unmanned"}},
			{"Восточная", []string{"eastern"}},
			{"ракетный", []string{"rocket"}},
			{"авиационный", []string{"aircraft", "aviation"}},
			{"точной", []string{"precise", "exact"}},
			{"нефтяная", []string{"oil"}},
			{"морской", []string{"marine", "sea"}},
			{"железнодорожный", []string{"railway"}},
			{"банк", []string{"bank"}},
			// A relational adjective with figurative senses of its own in
			// the table also means what its noun means.
			{"приборный", []string{"apparatus", "instrument"}},
			{"опытное", []string{"experimental"}},
		}},
		{"inflected, capitalised, other alphabets", []struct {
			ru   string
			want []string
		}{
			{"Заводом", []string{"plant"}},
			{"ВЕРФИ", []string{"shipyard"}},
			{"Объединённые", []string{"united"}},
			{"Інститут", []string{"institute"}},
			{"Концeрн", []string{"concern"}}, // Latin e
		}},
		{"split", []struct {
			ru   string
			want []string
		}{
			{"Моторостроительное", []string{"engine-building"}},
			{"Научно-исследовательский", []string{"research", "scientific"}},
			{"электромеханики", []string{"electro", "mechanics"}},
			{"авиаремонтный", []string{"aircraft", "repair"}},
			{"нефтегазовый", []string{"oil", "gas"}},
			{"Газпром", []string{"gas", "industry"}},
		}},
	}
	for _, g := range groups {
		for _, c := range g.cases {
			got := Translate(c.ru)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s: Translate(%q) = %v, want it to have %q", g.name, c.ru, got, w)
				}
			}
		}
	}
}

func TestTranslateBounds(t *testing.T) {
	for _, w := range []string{"", "-", "ООО", "xyz", "Ромашка", "12345", "завод-"} {
		_ = Translate(w) // no panic
	}
	if got := Translate("Ромашкинскийщ"); got != nil {
		t.Errorf("Translate(unknown) = %v, want nil", got)
	}
	if got := Translate("завод"); len(got) == 0 || len(got) > 6 {
		t.Errorf("Translate(завод) has %d words, want 1 to 6", len(got))
	}
	// The shared slice cannot be grown into its neighbour.
	a := Translate("завод")
	_ = append(a, "x")
	if b := Translate("завод"); b[len(b)-1] == "x" && len(b) == len(a)+1 {
		t.Error("append to a result changed the table")
	}
}

func TestMeans(t *testing.T) {
	cases := []struct {
		ru, en string
		want   bool
	}{
		// the brief's pairs
		{"Государственная", "State", true},
		{"корпорация", "Corporation", true},
		{"Научно-исследовательский", "Research", true},
		{"институт", "Institute", true},
		{"завод", "plant", true},
		{"завод", "Factory", true},
		{"завод", "works", true},
		{"Беспилотные", "Unmanned", true},
		{"Системы", "Systems", true},
		{"Восточная", "Eastern", true},
		{"верфь", "Shipyard", true},
		{"Моторостроительное", "Engine-Building", true},
		{"Производственное", "Production", true},
		{"Объединение", "Association", true},
		{"ракетный", "rocket", true},
		{"центр", "center", true},
		{"центр", "centre", true},
		{"авиационный", "aircraft", true},
		{"ремонтный", "repair", true},
		{"точной", "precise", true},
		// stems: plural, inflected English
		{"заводы", "plants", true},
		{"системы", "system", true},
		// parts of hyphenated words
		{"машиностроительный", "machine-building", true},
		{"машиностроительный", "machine", true},
		{"Моторостроительное", "engine", true},
		// negatives
		{"завод", "bank", false},
		{"завод", "shipyard", false},
		{"верфь", "plant", false},
		{"государственный", "private", false},
		{"восточный", "western", false},
		{"ремонтный", "rocket", false},
		{"Ромашка", "camomile", true}, // a dictionary word still translates
		{"Ромашкинскийщ", "camomile", false},
		{"завод", "", false},
		{"", "plant", false},
	}
	for _, c := range cases {
		if got := Means(c.ru, c.en); got != c.want {
			t.Errorf("Means(%q, %q) = %v, want %v (translations %v)", c.ru, c.en, got, c.want, Translate(c.ru))
		}
	}
}

func TestCognate(t *testing.T) {
	cases := []struct {
		ru, en string
		want   bool
	}{
		{"технологии", "technologies", true},
		{"Технологий", "Technology", true},
		{"электромеханики", "electromechanics", true},
		{"композит", "composite", true},
		{"Композитные", "composite", true},
		{"системы", "systems", true},
		{"корпорация", "corporation", true},
		{"ассоциация", "association", true},
		{"центр", "center", true},
		{"центр", "centre", true},
		{"институт", "institute", true},
		{"индустрия", "industry", true},
		{"компания", "company", true},
		{"группа", "group", true},
		{"холдинг", "holding", true},
		{"инжиниринг", "engineering", true},
		{"национальный", "national", true},
		{"химический", "chemical", true},
		{"технический", "technical", true},
		{"металлургический", "metallurgical", true},
		{"электроника", "electronics", true},
		{"автоматика", "automatics", true},
		{"Уральский", "Ural", true},
		{"Севастопольский", "Sevastopol", true},
		{"транспорт", "transport", true},
		{"терминал", "terminal", true},
		{"фосфат", "phosphate", true},
		{"Кoмпoзит", "composite", true}, // Latin o
		// English words written by sound, short ones too.
		{"менеджмент", "management", true},
		{"Скай", "sky", true},
		{"флай", "fly", true},
		{"Армз", "arms", true},
		// -ийский is -ic; при- is the land along the place.
		{"Балтийский", "Baltic", true},
		{"олимпийская", "Olympic", true},
		{"Прибалтийский", "Baltic", true},
		// The place's final a, dropped before -инский, -имский.
		{"Уфимское", "Ufa", true},
		{"ялтинская", "Yalta", true},
		{"уфимское", "Uganda", false},
		// A participle in -ированный is the English one in -ed.
		{"специализированный", "specialised", true},
		{"Интегрированных", "integrated", true},
		{"специализированный", "specialty", false},
		// negatives
		{"корпорация", "cooperation", false},
		{"банк", "bark", false},
		{"система", "sister", false},
		{"завод", "plant", false},
		{"центр", "century", false},
		{"институт", "instinct", false},
		{"Восточная", "Eastern", false}, // a translation, not a cognate
		{"мир", "mir", true},            // short: equal
		{"мир", "map", false},
		{"скат", "sky", false},
		{"менеджмент", "movement", false},
		{"приказ", "kaz", false},
		{"", "", false},
	}
	for _, c := range cases {
		s, got := Cognate(c.ru, c.en)
		if got != c.want {
			t.Errorf("Cognate(%q, %q) = %.2f, %v; want %v (keys %v, %q)", c.ru, c.en, s, got, c.want,
				russianKeys(c.ru), englishKeys(c.en))
		}
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Errorf("Cognate(%q, %q) = %v, outside [0, 1]", c.ru, c.en, s)
		}
	}
}

func TestDocExamples(t *testing.T) {
	if s, ok := Cognate("корпорация", "cooperation"); ok || math.Abs(s-0.87) > 0.005 {
		t.Errorf("Cognate(корпорация, cooperation) = %.3f, %v; the doc says 0.87, false", s, ok)
	}
	for _, c := range []struct {
		ru, en string
		want   float64
	}{{"центр", "center", 0.90}, {"инжиниринг", "engineering", 0.92}, {"банк", "bark", 0.75}} {
		if s, _ := Cognate(c.ru, c.en); math.Abs(s-c.want) > 0.005 {
			t.Errorf("Cognate(%s, %s) = %.3f; the doc says %.2f", c.ru, c.en, s, c.want)
		}
	}
}

func FuzzCognate(f *testing.F) {
	for _, s := range [][2]string{{"технологии", "technologies"}, {"", ""}, {"ё", "e"}, {"Концeрн", "concern"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, ru, en string) {
		s, ok := Cognate(ru, en)
		if s < 0 || s > 1 || math.IsNaN(s) || ok != (s >= CognateThreshold) {
			t.Fatalf("Cognate(%q, %q) = %v, %v", ru, en, s, ok)
		}
		if len(Translate(ru)) == 0 && Means(ru, en) {
			t.Fatalf("Means(%q, %q) with no translation", ru, en)
		}
	})
}

// heapOf returns the bytes of heap kept by what load returns.
func heapOf(load func() any) (uint64, any) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return after.HeapAlloc - before.HeapAlloc, v
}

// TestHeap keeps the loaded table within its budget of 10 MB.
func TestHeap(t *testing.T) {
	n, v := heapOf(func() any { tb, _ := parseTable(tableGz); return tb })
	runtime.KeepAlive(v)
	t.Logf("loaded table: %.2f MB of heap", float64(n)/(1<<20))
	if n > 10<<20 {
		t.Errorf("loaded table takes %.1f MB of heap, budget 10 MB", float64(n)/(1<<20))
	}
}

func BenchmarkLoad(b *testing.B) {
	var heap uint64
	for b.Loop() {
		n, v := heapOf(func() any { tb, _ := parseTable(tableGz); return tb })
		runtime.KeepAlive(v)
		heap = n
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parseTable(tableGz); err != nil {
			b.Fatal(err)
		}
	}
}

var words = []string{"Завода", "Государственная", "корпорация", "верфь", "Моторостроительное", "электромеханики", "Ромашка"}

func BenchmarkTranslate(b *testing.B) {
	tbl()
	for b.Loop() {
		for _, w := range words {
			_ = Translate(w)
		}
	}
}

func BenchmarkMeans(b *testing.B) {
	tbl()
	for b.Loop() {
		for _, w := range words {
			_ = Means(w, "plants")
		}
	}
}

func BenchmarkCognate(b *testing.B) {
	for b.Loop() {
		for _, w := range words {
			_, _ = Cognate(w, "technologies")
		}
	}
}

// BenchmarkSpellingsCognate is the prepared path: SpellingsOf once per
// Russian word, then Cognate per pair.
func BenchmarkSpellingsCognate(b *testing.B) {
	sp := make([]Spellings, len(words))
	for i, w := range words {
		sp[i] = SpellingsOf(w)
	}
	for b.Loop() {
		for _, s := range sp {
			_, _ = s.Cognate("technologies")
		}
	}
}

// BenchmarkMeansStem is the prepared path: one Lookup per Russian word,
// EnglishStem per English word, then MeansStem per pair.
func BenchmarkMeansStem(b *testing.B) {
	ws := make([]Word, len(words))
	for i, w := range words {
		ws[i] = Lookup(w)
	}
	stems := []string{EnglishStem("plants"), EnglishStem("Shipyard"), EnglishStem("engine-building")}
	for b.Loop() {
		for _, w := range ws {
			for _, st := range stems {
				_ = w.MeansStem(st)
			}
		}
	}
}

func TestMeansStemDoesNotAllocate(t *testing.T) {
	w, st := Lookup("машиностроительный"), EnglishStem("machine")
	if !w.MeansStem(st) {
		t.Fatal("машиностроительный does not mean machine")
	}
	if n := testing.AllocsPerRun(100, func() { _ = w.MeansStem(st) }); n != 0 {
		t.Errorf("MeansStem allocates %v times", n)
	}
}

func TestSameRoot(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"petrochemistry", "Petrochemical", true},
		{"childish", "children", true},
		{"childish", "Children's", true},
		{"constructor", "construction", true},
		{"refinery", "refining", true},
		{"trainee", "Training", true},
		{"design", "design", false}, // the same word is no derivation
		{"chemistry", "cheese", false},
		{"plant", "planet", false},
		{"baby", "babyish", false}, // root under five letters
		{"", "", false},
	} {
		if got := SameRoot(c.a, c.b); got != c.want {
			t.Errorf("SameRoot(%q, %q) = %v, want %v (roots %q, %q)", c.a, c.b, got, c.want,
				englishRoot(normEnglish(c.a)), englishRoot(normEnglish(c.b)))
		}
	}
}

// Belarusian words the Russian table lacks reach English through the
// Russian words of the Apertium Belarusian–Russian dictionary, in any case
// and with the Belarusian letters; a Russian word keeps its own row.
func TestBelarusian(t *testing.T) {
	for _, c := range []struct{ be, en string }{
		{"гасцініца", "hotel"},
		{"Гасцiнiцы", "hotel"}, // Latin i, another case
		{"тытунёвая", "tobacco"},
		{"фабрыка", "factory"},
		{"кіруючая", "managing"},
	} {
		if !Means(c.be, c.en) {
			t.Errorf("Means(%q, %q) = false; translations %v", c.be, c.en, Translate(c.be))
		}
	}
	if got := RussianOf("Гродзенская"); !slices.Contains(got, "гродненский") {
		t.Errorf("RussianOf(Гродзенская) = %v, want гродненский among them", got)
	}
	if got := RussianOf("завод"); got != nil {
		t.Errorf("RussianOf(завод) = %v, want nil for a Russian word", got)
	}
	if got, want := Translate("завод"), tbl().translate("завод", maxDepth); !slices.Equal(got, want.words) {
		t.Errorf("Translate(завод) = %v, want the Russian row %v", got, want.words)
	}
}

// TestHeapBelarusian keeps the loaded Belarusian table within 8 MB.
func TestHeapBelarusian(t *testing.T) {
	n, v := heapOf(func() any { m, _ := parseBelarusian(belarusianGz); return m })
	runtime.KeepAlive(v)
	t.Logf("loaded Belarusian table: %.2f MB of heap", float64(n)/(1<<20))
	if n > 8<<20 {
		t.Errorf("loaded Belarusian table takes %.1f MB of heap, budget 8 MB", float64(n)/(1<<20))
	}
}

// Of two splits of a compound with as many pieces, the one with more
// combining forms wins: теле|радио|компания, not тел|е|радио|компания
// (тело, body); обще|российский, not общ|е|российский.
func TestCompoundPrefersForms(t *testing.T) {
	for _, c := range []struct{ word, want, not string }{
		{"телерадиокомпания", "television", "body"},
		{"общероссийский", "all", "blanket"},
	} {
		tr := Translate(c.word)
		if !slices.Contains(tr, c.want) || slices.Contains(tr, c.not) {
			t.Errorf("Translate(%q) = %v, want %q and not %q", c.word, tr, c.want, c.not)
		}
	}
}

func TestSpellsLetters(t *testing.T) {
	for _, c := range []struct {
		cyr, lat string
		want     bool
	}{
		{"ТКХ", "TKH", true},
		{"ЦНИИ", "CNII", true},
		{"ЦНИИ", "tsnii", true},
		{"ВКС", "VKS", true},
		{"ТКХ", "TKS", false},
		{"ткх", "tkh", true},
		{"Т", "T", false}, // one letter says nothing
		{"ТКХРМЗ", "TKHRMZ", false},
		{"", "", false},
	} {
		if got := SpellsLetters(c.cyr, c.lat); got != c.want {
			t.Errorf("SpellsLetters(%q, %q) = %v, want %v", c.cyr, c.lat, got, c.want)
		}
	}
}
