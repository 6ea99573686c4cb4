package legalform

import (
	"slices"
	"strings"
	"testing"
)

// Names are fictional ("Romashka", "Acme") or the public supplier name
// "Kyungki Industrial" from the product brief; the legal forms are real.
var stripCases = []struct {
	group string
	name  string // space-separated tokens as the tokenizer gives them
	core  string
	forms string // canonical forms in name order, space-joined with "|"
}{
	// English and international
	{"en", "rain electronics co ltd", "rain electronics", "co ltd"},
	{"en", "rain electronics limited", "rain electronics", "ltd"},
	{"en", "kyungki industrial co , ltd .", "kyungki industrial", "co ltd"},
	{"en", "kyungki industrial company limited", "kyungki industrial", "co ltd"},
	{"en", "kyungki industrial corp ltd", "kyungki industrial", "corp|ltd"},
	{"en", "acme industries inc", "acme industries", "inc"},
	// Initials joined by "&" are the name, not "p c" or "d d".
	{"en", "sewha p & c inc", "sewha p & c", "inc"},
	{"en", "sk d & d co , ltd .", "sk d & d", "co ltd"},
	{"en", "acme p c", "acme", "pc"},
	// English renderings of 股份有限公司.
	{"en", "zhejiang acme share co , ltd .", "zhejiang acme", "gufenyouxiangongsi"},
	{"en", "acme new energy stock co ltd", "acme new energy", "gufenyouxiangongsi"},
	{"en", "acme holdings corporation", "acme holdings", "corp"},
	{"en", "acme trading llc", "acme trading", "llc"},
	{"en", "acme plc", "acme", "plc"},
	{"en", "acme & co", "acme", "co"},
	{"en", "acme partners llp", "acme partners", "llp"},
	{"en", "acme pvt ltd", "acme", "pvt ltd"},
	{"en", "acme private limited", "acme", "pvt ltd"},
	{"en", "acme pte ltd", "acme", "pte ltd"},
	{"en", "acme pty ltd", "acme", "pty ltd"},
	{"en", "acme sdn bhd", "acme", "sdn bhd"},
	{"en", "limited liability company romashka", "romashka", "llc"},
	{"en", "joint stock company romashka", "romashka", "jsc"},
	{"en", "open joint stock company romashka", "romashka", "ojsc"},
	{"en", "closed joint stock company romashka", "romashka", "cjsc"},
	{"en", "pjsc romashka", "romashka", "pjsc"},
	{"en", "federal state unitary enterprise romashka", "romashka", "fgup"},
	// never empty (watchman issue 483)
	{"guard", "11420 corp .", "11420", "corp"},
	{"guard", "limited co", "limited", "co"},
	{"guard", "ltd", "ltd", ""},
	{"guard", "limited liability company", "limited", "llc"},
	{"guard", "", "", ""},
	// short ambiguous words are not prefixes
	{"prefix", "sa acme", "sa acme", ""},
	{"prefix", "ag acme", "ag acme", ""},
	{"prefix", "co acme", "co acme", ""},
	{"prefix", "as acme", "as acme", ""},
	{"prefix", "apollo fund ii", "apollo fund ii", ""},
	{"prefix", "acme hk", "acme hk", ""},
	// Russian and other Cyrillic, original script and transliterated
	{"ru", "ооо ромашка", "ромашка", "ooo"},
	{"ru", "ooo romashka", "romashka", "ooo"},
	{"ru", "romashka ooo", "romashka", "ooo"},
	{"ru", "общество с ограниченной ответственностью ромашка", "ромашка", "ooo"},
	{"ru", "obshchestvo s ogranichennoy otvetstvennostyu romashka", "romashka", "ooo"},
	{"ru", "obshchestvo s ogranichennoi otvetstvennostiu romashka", "romashka", "ooo"},
	{"ru", "ao romashka", "romashka", "ao"},
	{"ru", "пао ромашка", "ромашка", "pao"},
	{"ru", "zao romashka", "romashka", "zao"},
	{"ru", "aktsionernoe obshchestvo romashka", "romashka", "ao"},
	{"ru", "otkrytoe aktsionernoe obshchestvo romashka", "romashka", "oao"},
	{"ru", "фгуп ромашка", "ромашка", "fgup"},
	{"ru", "ип иванов", "иванов", "ip"},
	{"kz", "тоо ромашка", "ромашка", "too"},
	{"kz", "too romashka", "romashka", "too"},
	{"ua", "тов ромашка", "ромашка", "tov"},
	{"ua", "прат ромашка", "ромашка", "prat"},
	{"by", "одо ромашка", "ромашка", "odo"},
	{"bg", "romashka eood", "romashka", "eood"},
	{"rs", "romashka doo", "romashka", "doo"},
	// German-speaking
	{"de", "acme gmbh", "acme", "gmbh"},
	{"de", "acme ag", "acme", "ag"},
	{"de", "acme gmbh co kg", "acme", "gmbh co kg"},
	{"de", "acme gmbh & co . kg", "acme", "gmbh co kg"},
	{"de", "acme kg", "acme", "kg"},
	{"de", "acme gesellschaft mit beschrankter haftung", "acme", "gmbh"},
	// Romance languages
	{"it", "acme spa", "acme", "spa"},
	{"it", "acme s p a", "acme", "spa"},
	{"it", "acme srl", "acme", "srl"},
	{"fr", "acme sarl", "acme", "sarl"},
	{"fr", "acme sa", "acme", "sa"},
	{"es", "acme sa de cv", "acme", "sa de cv"},
	{"es", "acme s a de c v", "acme", "sa de cv"},
	{"es", "acme s de rl de cv", "acme", "s de rl de cv"},
	{"br", "acme ltda", "acme", "ltda"},
	{"lb", "acme sal", "acme", "sal"},
	// Central and northern Europe, Turkey
	{"pl", "acme sp z o o", "acme", "sp z oo"},
	{"pl", "acme sp z oo", "acme", "sp z oo"},
	{"cz", "acme s r o", "acme", "sro"},
	{"nl", "acme bv", "acme", "bv"},
	{"nl", "acme nv", "acme", "nv"},
	{"se", "acme ab", "acme", "ab"},
	{"fi", "acme oy", "acme", "oy"},
	{"dk", "acme aps", "acme", "aps"},
	{"tr", "acme sanayi ve ticaret as", "acme sanayi ve ticaret", "as"},
	{"tr", "acme ltd sti", "acme", "ltd sti"},
	{"tr", "acme anonim sirketi", "acme", "as"},
	// Asia and the Gulf
	{"id", "pt acme persero tbk", "acme", "pt|tbk"},
	{"vn", "cong ty tnhh acme", "acme", "cong ty tnhh"},
	{"ae", "acme trading fze", "acme trading", "fze"},
	{"ae", "acme trading fzco", "acme trading", "fzco"},
	{"ae", "acme trading dmcc", "acme trading", "dmcc"},
	{"kr", "주식회사 경기산업", "경기산업", "jusikhoesa"},
	{"kr", "경기산업 주식회사", "경기산업", "jusikhoesa"},
	{"kr", "kyungki saneop jusikhoesa", "kyungki saneop", "jusikhoesa"},
	{"jp", "acme kabushiki kaisha", "acme", "kk"},
	{"jp", "acme kk", "acme", "kk"},
	{"jp", "株式会社 acme", "acme", "kk"},
	{"cn", "huawei jishu youxian gongsi", "huawei jishu", "youxiangongsi"},
	{"cn", "huawei youxiangongsi", "huawei", "youxiangongsi"},
	{"ir", "sherkat sahami khas acme", "acme", "sherkat sahami khas"},
	{"ir", "sherkat acme", "acme", "sherkat"},
	// Misspelt words inside a form whose other words are exact.
	{"typo", "tactical missiles joynt stock company", "tactical missiles", "jsc"},
	{"typo", "acme limited liabilty company", "acme", "llc"},
	{"typo", "obshchestvo s ogranichennoi otvetstvenostyu karst", "karst", "ooo"},
	{"typo", "aktsionernoe obshcestvo stroiproekt", "stroiproekt", "ao"},
	// A form written before the name may be misspelt in its first word
	// when the next is exact; not in both.
	{"typo", "aktsionergoe obshchestvo rakurs", "rakurs", "ao"},
	{"typo", "aktsionergoe obshcestvo rakurs", "aktsionergoe obshcestvo rakurs", ""},
	// ...but not a first word of a form after the name, a changed first
	// letter, or a short word.
	{"typo", "al yumun real estate company", "al yumun real estate", "co"},
	{"typo", "acme responsabilidad ilimitada", "acme responsabilidad ilimitada", ""},
	{"typo", "acme corporaton", "acme corporaton", ""},
	{"typo", "rim group investments i corp", "rim group investments i", "corp"},
}

func TestStrip(t *testing.T) {
	for _, c := range stripCases {
		t.Run(c.group+"/"+c.name, func(t *testing.T) {
			core, forms := Strip(strings.Fields(c.name))
			if got := strings.Join(core, " "); got != c.core {
				t.Errorf("core = %q, want %q", got, c.core)
			}
			var canon []string
			for _, f := range forms {
				canon = append(canon, f.Form.Canonical)
			}
			if got := strings.Join(canon, "|"); got != c.forms {
				t.Errorf("forms = %q, want %q", got, c.forms)
			}
		})
	}
}

func TestStripSpans(t *testing.T) {
	toks := []string{"ooo", "romashka", "trading", "co", ",", "ltd", "."}
	core, forms := Strip(toks)
	if strings.Join(core, " ") != "romashka trading" {
		t.Fatalf("core = %q", core)
	}
	want := []Found{
		{Text: "ooo", Start: 0, End: 1, Prefix: true},
		{Text: "co ltd", Start: 3, End: 7},
	}
	if len(forms) != len(want) {
		t.Fatalf("forms = %+v", forms)
	}
	for i, w := range want {
		f := forms[i]
		if f.Text != w.Text || f.Start != w.Start || f.End != w.End || f.Prefix != w.Prefix {
			t.Errorf("form %d = %q [%d,%d) prefix=%v, want %q [%d,%d) prefix=%v", i, f.Text, f.Start, f.End, f.Prefix, w.Text, w.Start, w.End, w.Prefix)
		}
	}
}

func TestSplitCJK(t *testing.T) {
	cases := []struct{ in, rest, forms string }{
		{"삼성전자주식회사", "삼성전자", "jusikhoesa"},
		{"주식회사경기산업", "경기산업", "jusikhoesa"},
		{"㈜경기산업", "경기산업", "jusikhoesa"},
		{"(주)경기산업", "경기산업", "jusikhoesa"},
		{"경기산업(주)", "경기산업", "jusikhoesa"},
		{"경기산업유한회사", "경기산업", "yuhanhoesa"},
		{"深圳市华为技术有限公司", "深圳市华为技术", "youxiangongsi"},
		{"华为集团股份有限公司", "华为集团", "gufenyouxiangongsi"},
		{"台灣積體電路製造股份有限公司", "台灣積體電路製造", "gufenyouxiangongsi"},
		{"华为技术有限责任公司", "华为技术", "youxianzerengongsi"},
		{"株式会社ソニー", "ソニー", "kk"},
		{"ソニー株式会社", "ソニー", "kk"},
		{"トヨタ合同会社", "トヨタ", "gk"},
		{"华为公司", "华为", "co"},
		{"北京分公司", "北京分公司", ""},
		{"有限公司华为", "有限公司华为", ""}, // Chinese forms are suffixes only
		{"(주)", "", "jusikhoesa"},
		{"삼성전자", "삼성전자", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		rest, forms := SplitCJK(c.in)
		var canon []string
		for _, f := range forms {
			canon = append(canon, f.Form.Canonical)
		}
		if rest != c.rest || strings.Join(canon, "|") != c.forms {
			t.Errorf("SplitCJK(%q) = %q, %v; want %q, %q", c.in, rest, canon, c.rest, c.forms)
		}
	}
}

func TestCompatible(t *testing.T) {
	cases := []struct {
		a, b string
		ok   bool
	}{
		{"ooo", "llc", true},           // OOO Romashka vs Romashka LLC
		{"co ltd", "ltd", true},        // Co Ltd vs Limited
		{"ag", "gmbh", false},          // Deutsche Bank AG vs GmbH: same country, different class
		{"jusikhoesa", "co ltd", true}, // 주식회사 vs Co., Ltd.
		{"jusikhoesa", "ltd", true},    // JSC vs generic limited: same group
		{"kk", "co", true},             // 株式会社 vs Co.
		{"inc", "ltd", true},           // both generic
		{"lp", "inc", true},            // inc is the vague company class
		{"lp", "ltd", false},           // partnership vs limited company
		{"kg", "llc", false},           // partnership vs generic llc
		{"gmbh co kg", "gmbh", false},  // the KG is not its general partner
		{"ooo", "zao", false},          // Russian LLC vs closed JSC
		{"oao", "pao", true},           // both Russian JSCs (renamed in 2014)
		{"too", "llp", true},           // Kazakh ТОО, rendered LLP in English
		{"ooo", "llp", false},          // a Russian LLC is not a partnership
		{"gmbh", "sarl", true},         // Swiss GmbH = Sàrl
		{"ooo", "tov", false},          // Russia vs Ukraine
		{"kk", "jusikhoesa", false},    // Japan vs Korea
		{"youxiangongsi", "ltd", true}, // 有限公司 vs Limited (Hong Kong)
		{"youxiangongsi", "gufenyouxiangongsi", false},
		{"fze", "llc", true},
		{"ip", "llc", false}, // sole proprietor vs company
		// A unitary enterprise has no shares: no company is it, but a state
		// enterprise named without its jurisdiction may be.
		{"fkp", "jsc", false},
		{"fgup", "llc", false},
		{"fgup", "state enterprise", true},
		{"mup", "co", true},
		{"pup", "llc", true}, // a private unitary enterprise (Belarus) is a one-owner company
		{"chastnoye torgovoye unitarnoye predpriyatiye", "llc", true},
		{"ooo", "", true},
	}
	for _, c := range cases {
		a, b := Lookup(c.a), Lookup(c.b)
		if c.a != "" && !Known(c.a) || c.b != "" && !Known(c.b) {
			t.Fatalf("unknown form in case %q %q", c.a, c.b)
		}
		if c.b == "" {
			b = Form{}
		}
		ok, why := Compatible(a, b)
		ok2, _ := Compatible(b, a)
		if ok != c.ok || ok2 != ok {
			t.Errorf("Compatible(%q, %q) = %v (%s), reversed %v; want %v", c.a, c.b, ok, why, ok2, c.ok)
		}
		if why == "" {
			t.Errorf("Compatible(%q, %q): empty reason", c.a, c.b)
		}
	}
}

// TestSameKind: a unitary enterprise and a state company are one kind of
// entity (the penalty for two jurisdictions' forms is halved, a restated
// form is dropped), as every class is with itself; a joint-stock company is
// not of their kind.
func TestSameKind(t *testing.T) {
	for _, c := range []struct {
		a, b Class
		want bool
	}{{Unitary, State, true}, {State, Unitary, true}, {Unitary, Unitary, true}, {JSC, JSC, true}, {Unitary, JSC, false}, {State, LLC, false}} {
		if got := SameKind(c.a, c.b); got != c.want {
			t.Errorf("SameKind(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestFormFields(t *testing.T) {
	cases := []struct {
		canon     string
		class     Class
		specific  bool
		countries []string // must include
	}{
		{"gmbh", LLC, true, []string{"DE", "AT", "CH"}},
		{"ag", JSC, true, []string{"DE", "CH"}},
		{"ooo", LLC, true, []string{"RU"}},
		{"jusikhoesa", JSC, true, []string{"KR"}},
		{"kk", JSC, true, []string{"JP"}},
		{"spa", JSC, true, []string{"IT"}},
		{"fze", FreeZone, true, []string{"AE"}},
		{"fgup", Unitary, true, []string{"RU"}},
		{"ltd", LLC, false, nil},
		{"llc", LLC, false, nil},
		{"co", Company, false, nil},
		{"inc", Company, false, nil},
		{"kg", Partnership, true, []string{"DE"}},
	}
	for _, c := range cases {
		f := Lookup(c.canon)
		if f.Class != c.class || f.Specific != c.specific {
			t.Errorf("%s: class %v specific %v, want %v %v", c.canon, f.Class, f.Specific, c.class, c.specific)
		}
		for _, cc := range c.countries {
			if !slices.Contains(f.Countries, cc) {
				t.Errorf("%s: countries %v lack %s", c.canon, f.Countries, cc)
			}
		}
		if !c.specific && f.Countries != nil {
			t.Errorf("%s: generic form with countries %v", c.canon, f.Countries)
		}
	}
	if f := Lookup("no-such-form"); f.Canonical != "no-such-form" || f.Specific || Known("no-such-form") {
		t.Errorf("unknown lookup = %+v", f)
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		toks  string
		canon string
	}{
		{"gmbh", "gmbh"}, {"sp z o o", "sp z oo"}, {"limited liability company", "llc"}, {"romashka", ""}, {"", ""},
	} {
		f, ok := Match(strings.Fields(c.toks))
		if ok != (c.canon != "") || f.Canonical != c.canon {
			t.Errorf("Match(%q) = %q, %v; want %q", c.toks, f.Canonical, ok, c.canon)
		}
	}
}

// TestTableIntegrity checks the generated table's invariants.
func TestTableIntegrity(t *testing.T) {
	tb := tbl()
	if len(tb.forms) < 500 {
		t.Fatalf("only %d forms", len(tb.forms))
	}
	for _, f := range tb.forms {
		if f.Canonical == "" || !slices.IsSorted(f.Countries) {
			t.Errorf("bad form %+v", f)
		}
	}
	// No single Latin letter and no common word may be a form on its own.
	for _, w := range []string{"a", "s", "v", "c", "the", "of", "de", "bank", "group", "trust", "fund", "ii", "hk", "foundation", "international", "son", "partners", "associates", "union", "society", "enterprise"} {
		if _, ok := Match([]string{w}); ok {
			t.Errorf("%q is a legal form on its own", w)
		}
	}
}

// TestVariantIndex checks the hashed index of misspellings against the map
// it replaces: every word and every spelling with one letter deleted finds
// exactly the words it comes from, in order, split anywhere.
func TestVariantIndex(t *testing.T) {
	tb := tbl()
	want := map[string][]string{}
	for _, w := range tb.fuzzy {
		want[w] = append(want[w], w)
		for i := range len(w) {
			d := w[:i] + w[i+1:]
			if !slices.Contains(want[d], w) {
				want[d] = append(want[d], w)
			}
		}
	}
	if len(want) < 1000 {
		t.Fatalf("only %d spellings", len(want))
	}
	for key, ws := range want {
		slices.Sort(ws)
		for cut := range len(key) + 1 {
			var got []string
			tb.variantsOf(key[:cut], key[cut:], func(w string) bool { got = append(got, w); return false })
			if !slices.Equal(got, ws) {
				t.Fatalf("variantsOf(%q, %q) = %q, want %q", key[:cut], key[cut:], got, ws)
			}
		}
	}
	for _, key := range []string{"", "xqzzy", "limitedd", "compan"} {
		if _, ok := want[key]; !ok {
			tb.variantsOf(key, "", func(w string) bool { t.Errorf("variantsOf(%q) found %q", key, w); return false })
		}
	}
}

func FuzzStrip(f *testing.F) {
	for _, c := range stripCases {
		f.Add(c.name)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := strings.Fields(s)
		words := 0
		for _, tok := range toks {
			if isWord(tok) {
				words++
			}
		}
		core, forms := Strip(toks)
		coreWords := 0
		for _, tok := range core {
			if isWord(tok) {
				coreWords++
			}
		}
		if words > 0 && coreWords == 0 {
			t.Fatalf("Strip(%q) emptied the name: forms %v", toks, forms)
		}
		for _, fd := range forms {
			if fd.Start < 0 || fd.End > len(toks) || fd.Start >= fd.End {
				t.Fatalf("bad span %+v in %q", fd, toks)
			}
		}
		// Stripping is idempotent on the core except where the guard kept a form.
		core2, _ := Strip(core)
		if len(core2) > len(core) {
			t.Fatalf("second Strip grew the core")
		}
		rest, cf := SplitCJK(s)
		if len(rest) > len(s)+16*len(cf)+64 {
			t.Fatalf("SplitCJK grew the text")
		}
	})
}

func BenchmarkStrip(b *testing.B) {
	names := [][]string{
		strings.Fields("kyungki industrial co ltd"),
		strings.Fields("ooo romashka trading house"),
		strings.Fields("acme electronics gmbh & co kg"),
		strings.Fields("shenzhen huawei jishu youxian gongsi"),
		strings.Fields("rain electronics international inc"),
		strings.Fields("alpha beta gamma delta"),
	}
	tbl()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Strip(names[i%len(names)])
	}
}

func BenchmarkStripNoForm(b *testing.B) {
	name := strings.Fields("alpha beta gamma delta")
	tbl()
	b.ReportAllocs()
	for b.Loop() {
		Strip(name)
	}
}

func BenchmarkSplitCJK(b *testing.B) {
	tbl()
	b.ReportAllocs()
	for b.Loop() {
		SplitCJK("深圳市华为技术有限公司")
	}
}

func BenchmarkTableLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseTable(formsTSV); err != nil {
			b.Fatal(err)
		}
	}
}

// A form stacked inside another that the name's country does not have is a
// word of the name; the outermost form, and every form of a name of no
// known country, is taken as written.
func TestStripInCountry(t *testing.T) {
	for _, c := range []struct{ name, country, core string }{
		{"borvane sci co ltd", "KR", "borvane sci"},
		{"borvane sci co ltd", "", "borvane"},
		{"borvane sci co ltd", "LU", "borvane"},
		{"borvane gmbh & co kg", "DE", "borvane"},
		{"borvane sci", "KR", "borvane"},
	} {
		core, _ := StripIn(strings.Fields(c.name), c.country)
		if got := strings.Join(core, " "); got != c.core {
			t.Errorf("StripIn(%q, %q) core = %q, want %q", c.name, c.country, got, c.core)
		}
	}
}
