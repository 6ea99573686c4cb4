package match

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
)

// Customs clerks write the place and the site into the name field, after
// the legal form: set aside (issue: customs-record noise). A place before
// the legal form stays part of the name.
func TestPlacesAndSitesAfterTheLegalForm(t *testing.T) {
	m := newTestMatcher()
	same := [][2]string{
		{"ACME METAL CO LTD ULSAN KOREA", "Acme Metal Co., Ltd."},
		{"ACME METAL CO ULSAN PLANT", "Acme Metal Co., Ltd."},
		{"ACME METAL CO LTD HEAD OFFICE", "Acme Metal Co., Ltd."},
	}
	for _, c := range same {
		if r := m.Compare(c[0], c[1]); !r.Match {
			t.Errorf("%s / %s: %.4f, want a match\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
	apart := [][2]string{
		{"Ulsan Aluminium Co Ltd", "Aluminium Co Ltd"},
		{"Kaluga Turbine Plant", "Turbine Plant"},
	}
	for _, c := range apart {
		if r := m.Compare(c[0], c[1]); r.Match {
			t.Errorf("%s / %s: %.4f, want apart\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
}

// A name cut at a customs field width ends in a prefix of its last word.
func TestTruncatedFields(t *testing.T) {
	m := newTestMatcher()
	cut := "ACME PRECISION SHIPBUILDING ENGINEE" // 35 characters, as an EDIFACT NAD segment cuts it
	if n := len([]rune(cut)); n != 35 {
		t.Fatalf("fixture is %d characters", n)
	}
	r := m.Compare(cut, "Acme Precision Shipbuilding Engineering Co., Ltd.")
	if !r.Match || !hasReason(r, "truncated") {
		t.Errorf("%q: %.4f, want a match through its cut last word\n%s", cut, r.Score, explain(r))
	}
	// Not at a field width: a prefix is another word.
	short := "ACME PRECISION ENGINEE"
	if r := m.Compare(short, "Acme Precision Engineering"); hasReason(r, "truncated") {
		t.Errorf("%q (%d characters) read as cut", short, len(short))
	}
}

func expectPairs(t *testing.T, m *Matcher, same, apart [][2]string) {
	t.Helper()
	for _, c := range append(slices.Clone(same), apart...) {
		// The views of customs.go are built from both sides: symmetric.
		if ab, ba := m.Compare(c[0], c[1]), m.Compare(c[1], c[0]); ab.Score != ba.Score || ab.Conflict != ba.Conflict {
			t.Errorf("%s / %s: asymmetric %.4f / %.4f", c[0], c[1], ab.Score, ba.Score)
		}
	}
	for _, c := range same {
		if r := m.Compare(c[0], c[1]); !r.Match {
			t.Errorf("%s / %s: %.4f, want a match\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
	for _, c := range apart {
		if r := m.Compare(c[0], c[1]); r.Match {
			t.Errorf("%s / %s: %.4f, want apart\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
}

// Business words abbreviated as customs clerks write them (vocab's
// abbreviation table), cut words ending in a dot, and Turkish SAN. VE TIC.
func TestAbbreviatedBusinessWords(t *testing.T) {
	m := newTestMatcher()
	same := [][2]string{
		{"ACME HVY IND CO LTD", "Acme Heavy Industries Co., Ltd."},
		{"ACME INDS LTD", "Acme Industries Ltd"},
		{"ACME MFG CO", "Acme Manufacturing Co"},
		{"ACME ENGG CO", "Acme Engineering Co"},
		{"ACME ELEC CO", "Acme Electric Co"},
		{"ACME ELEC CO", "Acme Electronics Co"},
		{"ACME NATL PETROCHEM CO", "Acme National Petrochemical Company"},
		{"ACME INTL TRDG", "Acme International Trading"},
		{"ACME HLDG", "Acme Holding"},
		{"ACME HLDGS LTD", "Acme Holdings Limited"},
		{"ACME CHEM IND", "Acme Chemical Industries"},
		{"ACME MACH. CO", "Acme Machinery Co"},
		{"ACME EQUIP SVCS", "Acme Equipment Services"},
		{"ACME MGMT CONSTR", "Acme Management Construction"},
		{"ACME SAN. VE TIC. A.S.", "Acme Sanayi ve Ticaret A.S."},
		{"ACME SAN. TIC. LTD. STI.", "Acme Sanayi Ticaret Limited Sirketi"},
		{"ACME ELECTRO-MECH. WORKS", "Acme Electro-Mechanical Works"},
		{"ACME ELECTRO-MECH. WORKS", "Acme Electromechanical Works"},
		{"ACME PREC. MACHINERY", "Acme Precision Machinery"},
		{"ACME SHIPBLDG. & ENGG", "Acme Shipbuilding & Engineering"},
		{"ACME ELEC PWR EQUIP LTD", "Acme Electric Power Equipment Ltd"},
		// Written together with its business word, abbreviated or not.
		{"ACMETECH INC", "Acme Technology Inc"},
		{"ACMEIND. CORP.", "Acme Industrial Inc"},
		{"OOO ACMELOGISTICS", "Acme Logistics LLC"},
		// Sanayi ve Ticaret is filler, like the legal form after it.
		{"ACME ELECTRONICS ISTANBUL", "Acme Electronics Sanayi ve Ticaret A.S."},
	}
	apart := [][2]string{
		// A cut distinctive word needs another word that agrees: SAM.
		// begins Samsung and Samil alike.
		{"SAM. ELECTRONICS", "Samsung Electronics"},
		// A dot inside a word is no cut (a web address).
		{"ACME.COM", "Acmetech Ltd"},
		// The abbreviation is of a generic word: the names still differ.
		{"ACME ELEC CO", "Acme Trading Co"},
		{"Hyundai Motor", "Hyundai Mobis"},
		{"Hyundai Motor", "HYUNDAIMOBIS"},
		// ELEC. is in the table: it is not cut from Electro-Mechanics.
		{"SAMSUNG ELEC.", "Samsung Electro-Mechanics"},
	}
	expectPairs(t, m, same, apart)
	if r := m.Compare("ACME NATL PETROCHEM CO", "Acme National Petrochemical Company"); !hasReason(r, "abbreviation") {
		t.Errorf("no abbreviation reason:\n%s", explain(r))
	}
}

// Acronyms: a one-word name that spells the other's initials, with or
// without the letters of its legal form, and an acronym in brackets.
func TestAcronyms(t *testing.T) {
	m := newTestMatcher()
	same := [][2]string{
		{"NOC", "NORTHERN OIL COMPANY"},
		{"NOC", "Northern Oil Company LLC"},
		{"NORTHERN OIL COMPANY (NOC) LLC", "NOC"},
		{"NORTHERN OIL COMPANY (NOC) LLC", "Northern Oil Company"},
		{"NOC", "Northern Oil Corporation"},
		{"AHI", "Acme Heavy Industries"},
		{"BHEL", "Bharat Heavy Electricals Limited"},
	}
	apart := [][2]string{
		{"NOC", "Northern Oil Co"}, // a short form is not spelled (UTI is not UniTest Inc)
		{"NOC", "Northern Gas Company"},
	}
	expectPairs(t, m, same, apart)
	if r := m.Compare("NORTHERN OIL COMPANY (NOC) LLC", "Northern Oil Company"); hasReason(r, "qualifier_conflict") {
		t.Errorf("the bracketed acronym is the name's own, not a qualifier:\n%s", explain(r))
	}
}

// An acronym alone is weak where other names of the corpus have the same
// initials: it needs the country, or the long name declaring it.
func TestAcronymAloneIsWeak(t *testing.T) {
	names := []struct{ name, country string }{
		{"NOC", "AE"}, {"Northern Oil Company", "AE"}, {"National Oil Corporation", "LY"},
		{"KNS Co., Ltd.", "KR"}, {"Kyeong Nam Steel Co., Ltd.", "KR"},
		{"Nordic Ore Company (NOC) AB", "SE"},
	}
	corpus := NewCorpus()
	for i := 0; i < 60; i++ { // a corpus of a realistic size
		corpus.Add(Analyse(fmt.Sprintf("Filler Company Number %d", i), ""))
	}
	for _, x := range names {
		corpus.Add(Analyse(x.name, x.country))
	}
	m := New(DefaultParams(), corpus)
	score := func(a, ca, b, cb string) Result { return m.Score(m.Prepare(a, ca), m.Prepare(b, cb)) }
	// Three names of the corpus are NOC; in AE only one.
	if r := score("NOC", "", "Northern Oil Company", ""); r.Match || !hasReason(r, "acronym_weak") {
		t.Errorf("NOC / Northern Oil Company without countries: %.4f, want weak\n%s", r.Score, explain(r))
	}
	if r := score("NOC", "AE", "Northern Oil Company", "AE"); !r.Match {
		t.Errorf("NOC / Northern Oil Company in AE: %.4f, want a match (the only NOC of AE)\n%s", r.Score, explain(r))
	}
	if r := score("NOC", "", "Nordic Ore Company (NOC) AB", ""); !r.Match {
		t.Errorf("a declared acronym is evidence: %.4f\n%s", r.Score, explain(r))
	}
	// Unless another name declares it too.
	corpus.Add(Analyse("Nordic Oil Corporation (NOC)", ""))
	if r := score("NOC", "", "Nordic Ore Company (NOC) AB", ""); r.Match {
		t.Errorf("two names declare NOC: %.4f, want weak\n%s", r.Score, explain(r))
	}
	// A short name with a legal form of its own may be a company of that
	// name: weak whatever the corpus.
	if r := score("KNS Co., Ltd.", "KR", "Kyeong Nam Steel Co., Ltd.", "KR"); r.Match {
		t.Errorf("KNS Co., Ltd. / Kyeong Nam Steel: %.4f, want weak\n%s", r.Score, explain(r))
	}
}

// Blocking brings an acronym and its long name together on a Bipartite
// key, and long names with the same initials do not meet on it.
func TestAcronymBlockingKeys(t *testing.T) {
	keys := func(s string) []uint64 { return Analyse(s, "").BlockKeys(nil) }
	long := hashKey("A", "noc") | 1 | block.Bipartite // the side of long names
	short := long ^ 1                                 // the side of acronyms
	if k := keys("NOC"); !slices.Contains(k, short) || slices.Contains(k, long) {
		t.Errorf("NOC is not filed as an acronym")
	}
	for _, s := range []string{"Northern Oil Company", "National Oil Corporation"} {
		if k := keys(s); !slices.Contains(k, long) || slices.Contains(k, short) {
			t.Errorf("%s is not filed under its initials on the long names' side", s)
		}
	}
}

// Leading words and places: c/o before the name, a city after a name that
// begins with its legal form or after a generic word, an address after the
// legal form; word order and joined words.
func TestLeadingFormsAndPlaces(t *testing.T) {
	m := newTestMatcher()
	same := [][2]string{
		{"C/O ACME METAL BUSAN", "Acme Metal Co., Ltd."},
		{"OOO ACME KALUGA", "Acme LLC"},
		{"ACME METAL IND CO LTD NO 5 INDUSTRIAL RD", "Acme Metal Industries Co., Ltd."},
		{"ACME METAL CO LTD 5 INDUSTRIAL RD ULSAN", "Acme Metal Co., Ltd."},
		{"TRANSMASH HOLDING JSC", "JSC TRANSMASHHOLDING"},
		{"CONCERN ACME", "ACME CONCERN"},
		{"ACME METAL CO LTD", "ACMEMETAL CO LTD"},
		{"OOO ACME NO 89 INDUSTRIAL RD", "Acme LLC"},
		{"C/O ACME HEAVY INDUSTRIES BUSAN", "Acme Heavy Industries Co., Ltd."},
		{"OOO ACME TRADING BRANCH", "Acme Trading LLC"},
		{"ACME LOGISTICS LLC KAZAN PLANT", "Acme Logistics LLC"},
		{"ACME INTL (HK) LTD", "Acme International (Hong Kong) Limited"},
	}
	apart := [][2]string{
		{"Kaluga Turbine Plant", "Turbine Plant"},
		{"JSC Moscow Research Institute Agat", "JSC Moscow Research Institute"},
		{"Management Company 23", "Management Company"},
		{"Joint Stock Company 103 Armoured Repair Plant", "Joint Stock Company"},
		{"ACME ELECTRONICS VIETNAM", "Acme Electronics"},
		{"ACME (HK) LTD", "Acme (China) Ltd"},
		{"ACME (HK) LTD", "Acme Ltd"},
	}
	expectPairs(t, m, same, apart)
	// With the rows' countries: a city of the country is an address, a
	// place of another country is the name's own.
	score := func(a, b, iso string) Result { return m.Score(m.Prepare(a, iso), m.Prepare(b, iso)) }
	if r := score("OOO ACME TECH SAMARA", "Acme Technology LLC", "RU"); !r.Match {
		t.Errorf("OOO ACME TECH SAMARA: %.4f, want a match\n%s", r.Score, explain(r))
	}
	if r := score("JSC Moscow Research Institute Agat", "JSC Moscow Research Institute", "RU"); r.Match {
		t.Errorf("Agat is the institute's name: %.4f\n%s", r.Score, explain(r))
	}
	// Two different cities are often two subsidiaries.
	if r := score("OOO Acme Transgaz Kazan", "OOO Acme Transgaz Samara", "RU"); r.Match || !r.Conflict {
		t.Errorf("Kazan / Samara: %.4f, want apart and in conflict\n%s", r.Score, explain(r))
	}
	if r := score("OOO Acme Transgaz Kazan", "OOO ACME TRANSGAZ KAZAN", "RU"); !r.Match {
		t.Errorf("one city: %.4f\n%s", r.Score, explain(r))
	}
}

// A name cut at a field width in its legal form (… COMPANY LIMI, … CO.,
// LT) keeps nothing of the cut form.
func TestTruncatedLegalForm(t *testing.T) {
	m := newTestMatcher()
	// The example, 32 characters: a form word and the start of
	// another.
	expectPairs(t, m, [][2]string{
		{"ACME HEAVY INDUSTRIES COMPANY LI", "Acme Heavy Industries Co., Ltd."},
		{"ACME HEAVY INDUSTRIES CO LT", "Acme Heavy Industries Co., Ltd."},
	}, [][2]string{
		{"ACME HEAVY INDUSTRIES COMPANY LI", "Acme Industries Co., Ltd."},
	})
	for _, cut := range []string{
		"Acme Chemical Industries Company Li", // 35
		"Acme Chemical Industries Co., Lt",    // 32: not a width, below
		"ACME CHEMICAL INDUSTRIES CORPORATIO", // 35
		"Acme Chemical Industries Limited Liability C",
	} {
		r := m.Compare(cut, "Acme Chemical Industries Co., Ltd.")
		if n := len([]rune(cut)); n != 35 && n != 40 && n != 50 && n != 60 {
			continue
		}
		if !r.Match {
			t.Errorf("%q (%d characters): %.4f, want a match\n%s", cut, len(cut), r.Score, explain(r))
		}
	}
}

// BenchmarkScoreCustoms scores pairs that take the customs views
// (abbreviations, cut words, acronyms): each costs a copy of a name's words.
func BenchmarkScoreCustoms(b *testing.B) {
	m := newTestMatcher()
	pairs := [][2]*Name{
		{m.Prepare("ACME HVY IND CO LTD", ""), m.Prepare("Acme Heavy Industries Co., Ltd.", "")},
		{m.Prepare("ACME NATL PETROCHEM CO", ""), m.Prepare("Acme National Petrochemical Company", "")},
		{m.Prepare("NOC", ""), m.Prepare("Northern Oil Company", "")},
		{m.Prepare("ACME ELECTRO-MECH. WORKS", ""), m.Prepare("Acme Electromechanical Works", "")},
	}
	var s Scratch
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		m.ScoreFast(p[0], p[1], &s)
	}
}

// A legal form glued to the word before it, with its period, is cut off;
// a dictionary word that ends like a form is not (TOBACCO., MEXICO.).
func TestGluedLegalForm(t *testing.T) {
	m := newTestMatcher()
	expectPairs(t, m, [][2]string{
		{"ACME TIRECO.,INC.", "Acme Tire Co., Inc."},
		{"ACME ELECTRONICSCO.,LTD", "Acme Electronics Co., Ltd."},
		{"ACMETRONINC.", "Acmetron Inc."},
	}, [][2]string{
		{"ACME TIRECO.,INC.", "Acme Tireco Trading Inc."},
	})
	for _, raw := range []string{"Acme Tobacco.", "Grupo Mexico.", "ACME TIRECO INC", "ACMECO.CO.,LTD"} {
		n := Analyse(raw, "")
		last := n.Words[len(n.Words)-1].Text
		if last == "tobac" || last == "mexi" || last == "tire" || last == "acme" {
			t.Errorf("%s: cut to %q", raw, last)
		}
	}
}

// Generic words glued to the end of a Latin word are cut off it (English
// names in registers written without spaces), the head keeping the word as
// written for blocking; a head shorter than five letters (a brand that
// ends in a generic word) and a word a dictionary has whole stay whole.
func TestGluedGenericWords(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{"GARAMHOLDINGS CO.,LTD", "garam holdings"},
		{"Tandershipbuilding & Marine Engineering LLC", "tander shipbuilding marine engineering"},
		{"BORAMTECHNOLOGYCORPORATION", "boram technology"},
		{"Citygroup Inc.", "citygroup"},
		{"Steelworks Ltd", "steelworks"},
	} {
		n := Analyse(c.raw, "")
		var got []string
		for _, w := range n.Words {
			if w.Kind != Stopword {
				got = append(got, w.Text)
			}
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("%s: words %q, want %q", c.raw, s, c.want)
		}
	}
	m := newTestMatcher()
	expectPairs(t, m, [][2]string{
		{"GARAMHOLDINGS CO.,LTD", "가람홀딩스"},
		{"GARAMHOLDINGS CO.,LTD", "Garam Holdings Co., Ltd."},
	}, nil)
}
