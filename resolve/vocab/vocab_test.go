package vocab

import (
	"strings"
	"testing"
)

func TestClass(t *testing.T) {
	cases := []struct {
		class string
		words string // all must map to class
	}{
		{"industry", "industry industries industrial industrie industria sanayi промышленный промышленность промышленная promyshlennost 산업 sanup saneop 工业 gongye 实业 ind"},
		{"electronics", "electronics electronic 전자 jeonja chonja электроника электронный 电子 dianzi 電子"},
		{"trading", "trading trade 상사 sangsa торговый torgovyy 贸易 maoyi 商贸 mulsan"},
		{"international", "international intl 국제 gukje 国际 guoji международный"},
		{"technology", "technology technologies tech 技术 jishu 科技 keji 기술 gisul 테크 технологии"},
		{"group", "group grp 集团 jituan 그룹 группа"},
		{"holding", "holding holdings холдинг"},
		{"engineering", "engineering eng"},
		{"machinery", "machinery machine"},
		{"chemical", "chemical chemicals 화학 化工"},
		{"metal", "metal metals"},
		{"logistics", "logistics"},
		{"shipping", "shipping"},
		{"import", "import impex imp"},
		{"export", "export exp"},
		{"manufacturing", "manufacturing mfg"},
		{"development", "development"},
		{"investment", "investment investments"},
		{"enterprise", "enterprise enterprises"},
		{"company", "company corporation"},
		{"services", "services service"},
		{"solutions", "solutions"},
		{"systems", "systems"},
		{"products", "products"},
		{"global", "global"},
		{"general", "general"},
		{"heavy_industries", "중공업 junggongeop"},
		{"construction", "건설 geonseol"},
		{"pharmaceutical", "제약 jeyak"},
	}
	for _, c := range cases {
		for _, w := range strings.Fields(c.words) {
			if got, ok := Class(w); !ok || got != c.class {
				t.Errorf("Class(%q) = %q, %v; want %q", w, got, ok, c.class)
			}
		}
	}
	// Distinctive words and legal forms are not generic.
	for _, w := range strings.Fields("motor bank steel oil airline samsung hyundai kyungki romashka co corp ltd llc inc insurance mining") {
		if c, ok := Class(w); ok {
			t.Errorf("Class(%q) = %q, want none", w, c)
		}
	}
	// Translations keep a word distinctive but say what it means.
	for w, en := range map[string]string{"자동차": "motor", "jadongcha": "motor", "汽车": "motor", "은행": "bank", "нефть": "oil/petroleum"} {
		if got, ok := Meaning(w); !ok || got != en {
			t.Errorf("Meaning(%q) = %q, %v; want %q", w, got, ok, en)
		}
		if c, ok := Class(w); ok {
			t.Errorf("Class(%q) = %q: a translation is not generic", w, c)
		}
	}
	if e, ok := Lookup("group"); !ok || e.Kind != Generic {
		t.Errorf("Lookup(group) = %+v", e)
	}
	if e, ok := Lookup("electronics"); !ok || e.Kind != Industry {
		t.Errorf("Lookup(electronics) = %+v", e)
	}
	if e, ok := Lookup("市"); !ok || e.Kind != PlaceSuffix || e.Class != "place_suffix" {
		t.Errorf("Lookup(市) = %+v", e)
	}
}

func TestStopword(t *testing.T) {
	for _, w := range strings.Fields("the of and & und et y и de la des du der") {
		if !Stopword(w) {
			t.Errorf("Stopword(%q) = false", w)
		}
	}
	// "Bank of the West": bank and west are not stopwords.
	for _, w := range strings.Fields("bank west romashka group") {
		if Stopword(w) {
			t.Errorf("Stopword(%q) = true", w)
		}
	}
}

func TestPlace(t *testing.T) {
	for _, c := range []struct{ tok, iso string }{
		{"hk", "HK"}, {"hongkong", "HK"}, {"香港", "HK"}, {"schweiz", "CH"}, {"suisse", "CH"}, {"deutschland", "DE"},
		{"russia", "RU"}, {"россия", "RU"}, {"korea", "KR"}, {"한국", "KR"}, {"china", "CN"}, {"shenzhen", "CN"},
		{"深圳", "CN"}, {"beijing", "CN"}, {"shanghai", "CN"}, {"seoul", "KR"}, {"서울", "KR"}, {"moscow", "RU"},
		{"moskva", "RU"}, {"москва", "RU"}, {"dubai", "AE"},
	} {
		if iso, ok := Place(c.tok); !ok || iso != c.iso {
			t.Errorf("Place(%q) = %q, %v; want %q", c.tok, iso, ok, c.iso)
		}
	}
	for _, w := range []string{"romashka", "kyungki", "gyeonggi", "industrial", ""} {
		if iso, ok := Place(w); ok {
			t.Errorf("Place(%q) = %q", w, iso)
		}
	}
	for _, c := range []struct {
		toks string
		iso  string
		n    int
	}{
		{"hong kong branch", "HK", 2}, {"new york", "US", 2}, {"saint petersburg", "RU", 2}, {"hk ltd", "HK", 1}, {"acme", "", 0},
	} {
		iso, n, ok := PlacePhrase(strings.Fields(c.toks))
		if iso != c.iso || n != c.n || ok != (c.n > 0) {
			t.Errorf("PlacePhrase(%q) = %q, %d, %v; want %q, %d", c.toks, iso, n, ok, c.iso, c.n)
		}
	}
}

func TestSplitCJK(t *testing.T) {
	cases := []struct{ in, want string }{
		{"삼성전자", "삼성|전자=electronics"},
		{"경기산업", "경기|산업=industry"},
		{"현대중공업", "현대|중공업=heavy_industries"},
		{"深圳市华为技术", "深圳@CN|市=place_suffix|华为|技术=technology"},
		{"华为集团", "华为|集团=group"},
		{"超市", "超市"},
		{"宁波市某某贸易", "宁波@CN|市=place_suffix|某某|贸易=trading"},
		{"某某科技", "某某|科技=technology"},
		{"абв", "абв"},
		{"", ""},
	}
	for _, c := range cases {
		var parts []string
		joined := ""
		for _, p := range SplitCJK(c.in) {
			s := p.Text
			if p.Class != "" {
				s += "=" + p.Class
			}
			if p.Place != "" {
				s += "@" + p.Place
			}
			parts = append(parts, s)
			joined += p.Text
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("SplitCJK(%q) = %s, want %s", c.in, got, c.want)
		}
		if joined != c.in {
			t.Errorf("SplitCJK(%q) pieces join to %q", c.in, joined)
		}
	}
}

func FuzzSplitCJK(f *testing.F) {
	for _, s := range []string{"삼성전자", "深圳市华为技术", "超市", "a市b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		joined := ""
		for _, p := range SplitCJK(s) {
			if p.Text == "" {
				t.Fatalf("empty piece in %q", s)
			}
			joined += p.Text
		}
		if joined != s {
			t.Fatalf("pieces of %q join to %q", s, joined)
		}
	})
}

func BenchmarkClass(b *testing.B) {
	words := []string{"industrial", "romashka", "jeonja", "co", "international", "xyz"}
	tbl()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Class(words[i%len(words)])
	}
}

func BenchmarkSplitCJK(b *testing.B) {
	tbl()
	b.ReportAllocs()
	for b.Loop() {
		SplitCJK("深圳市华为技术")
	}
}

func TestAbbreviations(t *testing.T) {
	for _, c := range []struct{ abbr, full string }{
		{"elec", "electric"}, {"elec", "electronics"}, {"petrochem", "petrochemical"},
		{"hldg", "holding"}, {"natl", "national"}, {"constr", "construction"}, {"san", "sanayi"},
	} {
		if !Expands(c.abbr, c.full) {
			t.Errorf("%s does not expand to %s: %v", c.abbr, c.full, Expansions(c.abbr))
		}
	}
	// Neither a word nor a longer form of an abbreviation is one.
	for _, w := range []string{"motor", "petrochemicals"} {
		if Expansions(w) != nil {
			t.Errorf("%s is no abbreviation", w)
		}
	}
	// An abbreviation starts with the letter of its full words: the
	// matcher's sameWord relies on it to answer most pairs of words
	// without asking this table.
	for abbr, full := range abbrevs() {
		for _, f := range full {
			if f[0] != abbr[0] {
				t.Errorf("abbrev.tsv: %s does not start as %s does", abbr, f)
			}
		}
	}
	// Every full word is a folded single word, and every source is named.
	for _, line := range strings.Split(abbrevTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 || (c[2] != "rigour" && c[2] != "issue12" && c[2] != "common") {
			t.Errorf("abbrev.tsv: bad line %q", line)
		}
	}
}
