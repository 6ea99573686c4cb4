package gazetteer

import (
	"runtime"
	"strings"
	"testing"
)

func toks(s string) []string { return strings.Fields(s) }

func TestPlace(t *testing.T) {
	tests := []struct {
		group, in string
		n         int
		iso       string
	}{
		// Cities of customs records, one token.
		{"city", "ulsan", 1, "KR"},
		{"city", "busan", 1, "KR"},
		{"city", "kaluga", 1, "RU"},
		{"city", "shenzhen", 1, "CN"},
		{"city", "dubai", 1, "AE"},
		{"city", "mumbai", 1, "IN"},
		{"city", "istanbul", 1, "TR"},
		{"city", "osaka", 1, "JP"},
		{"city", "incheon", 1, "KR"},
		// Several tokens: the longest name wins.
		{"multi", "hong kong", 2, "HK"},
		{"multi", "new york", 2, "US"},
		{"multi", "sao paulo", 2, "BR"},
		{"multi", "rio de janeiro", 3, "BR"},
		{"multi", "abu dhabi", 2, "AE"},
		{"multi", "new delhi", 2, "IN"},
		// Only the start of the tokens is read.
		{"prefix", "ulsan plant", 1, "KR"},
		{"prefix", "busan korea", 1, "KR"},
		{"prefix", "new york ny", 2, "US"},
		{"prefix", "kaluga region", 1, "RU"},
		// Alternate Latin spellings.
		{"alternate", "sankt peterburg", 2, "RU"},
		{"alternate", "st petersburg", 2, "RU"},
		{"alternate", "moskva", 1, "RU"},
		{"alternate", "pusan", 1, "KR"},
		{"alternate", "bombay", 1, "IN"},
		// Diacritics folded, apostrophes joined as the tokenizer does.
		{"folded", "xian", 1, "CN"},
		{"folded", "dusseldorf", 1, "DE"},
		// First-level regions, under the name and the stem before a generic word.
		{"region", "gyeonggi", 1, "KR"},
		{"region", "gyeonggi do", 2, "KR"},
		{"region", "guangdong", 1, "CN"},
		{"region", "zhejiang", 1, "CN"},
		{"region", "massachusetts", 1, "US"},
		// Ambiguous names: the most populous.
		{"ambiguous", "birmingham", 1, "GB"},
		{"ambiguous", "london", 1, "GB"},
		{"ambiguous", "paris", 1, "FR"},
	}
	for _, tt := range tests {
		n, iso, ok := Place(toks(tt.in))
		if !ok || n != tt.n || iso != tt.iso {
			t.Errorf("%s: Place(%q) = %d, %q, %v; want %d, %q", tt.group, tt.in, n, iso, ok, tt.n, tt.iso)
		}
	}
}

func TestNotPlace(t *testing.T) {
	for _, in := range []string{
		// Company-name words and legal forms.
		"acme", "metal", "steel", "trading", "international", "group", "global",
		"motor", "chemical", "electronics", "industrial", "company", "heavy",
		"marine", "co", "ltd", "llc", "ooo", "jsc", "gmbh",
		// Site words.
		"plant", "office", "branch", "factory", "warehouse",
		// Codes and translated alternates are dropped.
		"nyc", "spb", "led", "soul", "big apple",
		// A prefix of a name alone is no name.
		"new", "hong",
		// Sections of cities (PPLX) are left out.
		"chinatown",
		"", "x",
	} {
		if n, iso, ok := Place(toks(in)); ok {
			t.Errorf("Place(%q) = %d, %q, true; want no place", in, n, iso)
		}
	}
	// The longest name is found, not a prefix of one nor a dropped machine
	// romanisation (wei shan: Wei, CN, is a place; "wei shan" is not).
	for _, tt := range []struct {
		in string
		n  int
	}{{"rio de", 1}, {"wei shan", 1}, {"new york acme", 2}, {"new york city plant", 3}} {
		if n, _, _ := Place(toks(tt.in)); n != tt.n {
			t.Errorf("Place(%q) = %d tokens; want %d", tt.in, n, tt.n)
		}
	}
	if _, _, ok := Place(nil); ok {
		t.Error("Place(nil) found a place")
	}
	if _, _, ok := Place([]string{""}); ok {
		t.Error(`Place([""]) found a place`)
	}
}

// TestCommon shows the precision flags: places that are English words are
// found, and marked, from the SCOWL levels, not from a hand list.
func TestCommon(t *testing.T) {
	for _, in := range []string{"mobile", "reading", "bath", "nice", "police", "union",
		"enterprise", "golden", "paradise", "central", "eastern", "north", "long beach"} {
		m, ok := Lookup(toks(in))
		if !ok {
			t.Errorf("Lookup(%q): not found; want a place marked Common", in)
			continue
		}
		if !m.Common || m.Level == 0 || m.Level > CommonLevel {
			t.Errorf("Lookup(%q) = %+v; want Common", in, m)
		}
	}
	for _, in := range []string{"ulsan", "kaluga", "shenzhen", "london", "victoria", "hong kong", "new york", "sao paulo"} {
		m, ok := Lookup(toks(in))
		if !ok || m.Common {
			t.Errorf("Lookup(%q) = %+v, %v; want a place not Common", in, m, ok)
		}
	}
}

// TestNameWord shows the other flag: places whose name is a company-name
// word of resolve/vocab (dianzi "electronics", jishu "technology").
func TestNameWord(t *testing.T) {
	for _, in := range []string{"union", "dianzi", "jishu", "nacional", "centrale", "promyshlennaya"} {
		if m, ok := Lookup(toks(in)); !ok || !m.NameWord {
			t.Errorf("Lookup(%q) = %+v, %v; want NameWord", in, m, ok)
		}
	}
	for _, in := range []string{"ulsan", "kaluga", "new york", "mobile"} {
		if m, ok := Lookup(toks(in)); !ok || m.NameWord {
			t.Errorf("Lookup(%q) = %+v, %v; want a place, not NameWord", in, m, ok)
		}
	}
	if _, _, ok := Place(toks("& co")); ok {
		t.Error(`Place("&") found a place; the connector is none`)
	}
}

func TestLookup(t *testing.T) {
	m, ok := Lookup(toks("victoria island"))
	if !ok || m.N != 1 || m.Kind&City == 0 || m.Kind&Region == 0 || len(m.Countries) < 10 {
		t.Fatalf("Lookup(victoria island) = %+v, %v; want a city and region of many countries", m, ok)
	}
	if !m.In("HK") || !m.In("CA") || m.In("RU") || m.In("") || m.In("H") {
		t.Errorf("victoria: In wrong for %q", m.Countries)
	}
	if m.Countries[:2] != m.ISO {
		t.Errorf("victoria: ISO %q is not the first of %q", m.ISO, m.Countries)
	}

	m, ok = Lookup(toks("moskau gmbh"))
	if !ok || !m.Alt || m.ISO != "RU" || m.N != 1 {
		t.Errorf("Lookup(moskau) = %+v, %v; want an alternate name in RU", m, ok)
	}
	m, ok = Lookup(toks("busan"))
	if !ok || m.Alt || m.Pop < 1_000_000 {
		t.Errorf("Lookup(busan) = %+v, %v; want a main name of 1M+", m, ok)
	}
	if m, ok := Lookup(toks("gyeonggi")); !ok || m.Kind != Region {
		t.Errorf("Lookup(gyeonggi) = %+v, %v; want a region", m, ok)
	}
}

// TestPlaceIn shows country agreement.
func TestPlaceIn(t *testing.T) {
	tests := []struct {
		in, iso string
		n       int
	}{
		{"victoria", "HK", 1},
		{"victoria", "CA", 1},
		{"ulsan plant", "KR", 1},
		{"new york", "US", 2},
		{"kaluga", "RU", 1},
		{"ulsan", "RU", 0},
		{"kaluga", "KR", 0},
		{"new york", "GB", 0},
		{"ulsan", "", 0},
	}
	for _, tt := range tests {
		n, ok := PlaceIn(toks(tt.in), tt.iso)
		if n != tt.n || ok != (tt.n > 0) {
			t.Errorf("PlaceIn(%q, %q) = %d, %v; want %d", tt.in, tt.iso, n, ok, tt.n)
		}
	}
}

func TestIsPlace(t *testing.T) {
	for _, tt := range []struct {
		in, iso string
		minPop  int
	}{{"ulsan", "KR", 500_000}, {"kaluga", "RU", 300_000}, {"dubai", "AE", 1_000_000}, {"shenzhen", "CN", 5_000_000}} {
		iso, pop, ok := IsPlace(tt.in)
		if !ok || iso != tt.iso || pop < tt.minPop {
			t.Errorf("IsPlace(%q) = %q, %d, %v; want %q, ≥%d", tt.in, iso, pop, ok, tt.iso, tt.minPop)
		}
	}
	for _, in := range []string{"hong", "new", "acme", "", "hong kong"} {
		if iso, _, ok := IsPlace(in); ok {
			t.Errorf("IsPlace(%q) = %q; want no place", in, iso)
		}
	}
}

func TestSite(t *testing.T) {
	tests := []struct {
		group, in string
		n         int
	}{
		{"english", "plant", 1},
		{"english", "works", 1},
		{"english", "factory", 1},
		{"english", "head office", 2},
		{"english", "branch office", 2},
		{"english", "branch", 1},
		{"english", "office", 1},
		{"english", "representative office", 2},
		{"english", "warehouse", 1},
		{"english", "depot", 1},
		{"english", "mill", 1},
		{"english", "yard", 1},
		{"english", "head office korea", 2},
		{"abbreviation", "fty", 1},
		{"abbreviation", "hq", 1},
		{"german", "werk", 1},
		{"german", "zweigniederlassung", 1},
		{"french", "usine", 1},
		{"french", "siege social", 2},
		{"spanish", "sucursal", 1},
		{"turkish", "subesi", 1},
		{"russian", "filial", 1},
		{"russian", "predstavitelstvo", 1},
		{"russian", "sklad", 1},
		{"korean", "gongjang", 1},
		{"korean", "jijeom", 1},
		{"korean", "bonsa", 1},
		{"japanese", "honsha", 1},
		{"japanese", "kojo", 1},
		{"chinese", "gongchang", 1},
		{"chinese", "fen gongsi", 2},
		{"chinese", "banshichu", 1},
	}
	for _, tt := range tests {
		n, ok := Site(toks(tt.in))
		if !ok || n != tt.n {
			t.Errorf("%s: Site(%q) = %d, %v; want %d", tt.group, tt.in, n, ok, tt.n)
		}
	}
	for _, in := range []string{
		"c o", "c", "co", "head", "main", "acme", "ulsan", "metal", "zavod",
		"chang", "werke", "industrial", "no", "rd", "fen", "", "ltd",
	} {
		if n, ok := Site(toks(in)); ok {
			t.Errorf("Site(%q) = %d; want no site", in, n)
		}
	}
}

func TestSiteWord(t *testing.T) {
	for _, tt := range []struct{ in, gloss string }{
		{"공장", "plant"}, {"지점", "branch"}, {"본사", "head office"}, {"本社", "head office"},
		{"工場", "plant"}, {"工厂", "plant"}, {"分公司", "branch"}, {"办事处", "office"},
		{"支店", "branch"}, {"営業所", "sales office"}, {"филиал", "branch"},
		{"представительство", "representative office"}, {"склад", "warehouse"},
	} {
		if g, ok := SiteWord(tt.in); !ok || g != tt.gloss {
			t.Errorf("SiteWord(%q) = %q, %v; want %q", tt.in, g, ok, tt.gloss)
		}
	}
	for _, in := range []string{"завод", "厂", "会社", "울산", "plant", ""} {
		if g, ok := SiteWord(in); ok {
			t.Errorf("SiteWord(%q) = %q; want no site word", in, g)
		}
	}
	for _, tt := range []struct {
		in    string
		n     int
		gloss string
	}{{"울산공장", len("공장"), "plant"}, {"上海分公司", len("分公司"), "branch"}, {"東京本社", len("本社"), "head office"}, {"공장", 0, ""}, {"울산", 0, ""}} {
		n, g, ok := SiteSuffix(tt.in)
		if n != tt.n || g != tt.gloss || ok != (tt.n > 0) {
			t.Errorf("SiteSuffix(%q) = %d, %q, %v; want %d, %q", tt.in, n, g, ok, tt.n, tt.gloss)
		}
	}
}

// TestIssueExamples reads the names of issue 12 as a caller would: the
// tokens after the legal form or at the end.
func TestIssueExamples(t *testing.T) {
	tests := []struct {
		name   string
		at     int // index of the first noise token
		place  int // tokens of place at `at`
		iso    string
		site   int // tokens of site after the place
		common bool
	}{
		{"acme metal co ltd ulsan korea", 4, 1, "KR", 0, false},
		{"acme metal co ulsan plant", 3, 1, "KR", 1, false},
		{"acme metal co ltd head office", 4, 0, "", 2, false},
		{"c o acme metal busan", 4, 1, "KR", 0, false},
		{"ooo acme kaluga", 2, 1, "RU", 0, false},
		{"acme hong kong branch", 1, 2, "HK", 1, false},
	}
	for _, tt := range tests {
		ts := toks(tt.name)[tt.at:]
		m, ok := Lookup(ts)
		if tt.place == 0 {
			if ok {
				t.Errorf("%q: place %+v at %d; want none", tt.name, m, tt.at)
			}
		} else if !ok || m.N != tt.place || m.ISO != tt.iso || m.Common != tt.common {
			t.Errorf("%q: Lookup = %+v, %v; want %d tokens in %s", tt.name, m, ok, tt.place, tt.iso)
		}
		if n, _ := Site(ts[tt.place:]); n != tt.site {
			t.Errorf("%q: Site after the place = %d; want %d", tt.name, n, tt.site)
		}
	}
}

func TestAllocs(t *testing.T) {
	Load()
	sites()
	in := toks("new york city plant")
	other := toks("acme metal")
	allocs := testing.AllocsPerRun(100, func() {
		Place(in)
		Place(other)
		Lookup(in)
		PlaceIn(in, "US")
		IsPlace("ulsan")
		Site(in[3:])
		SiteWord("공장")
		SiteSuffix("울산공장")
	})
	if allocs != 0 {
		t.Errorf("lookups allocate %.1f times; want 0", allocs)
	}
}

// TestHeap measures the heap the table holds once loaded (target ≤ 15 MB).
func TestHeap(t *testing.T) {
	places() // parsed once already: measure a second copy alone
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	tbl, err := parsePlaces(placesGz)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(tbl)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("place table: %d names, %d entries, %d slots, blob %d bytes; heap held %.1f MB",
		places().names, len(places().entries), len(places().slots), len(places().blob), float64(held)/(1<<20))
	if held > 15<<20 {
		t.Errorf("table holds %.1f MB of heap; want ≤ 15 MB", float64(held)/(1<<20))
	}
}

func TestTable(t *testing.T) {
	tb := places()
	if tb.names < 80000 {
		t.Errorf("%d place names; want 80,000+", tb.names)
	}
	for i := range tb.entries {
		en := &tb.entries[i]
		if en.kind != 0 && (en.niso == 0 || en.ntok == 0 || en.ntok > MaxTokens) {
			t.Fatalf("entry %q: bad %+v", tb.blob[en.key:en.key+uint32(en.klen)], *en)
		}
	}
	if _, err := parsePlaces("not gzip"); err == nil {
		t.Error("parsePlaces accepted bad input")
	}
}

// FuzzPlace checks properties on any tokens: no panic, a match within the
// tokens and MaxTokens, PlaceIn never longer than Place, Lookup agreeing
// with Place.
func FuzzPlace(f *testing.F) {
	for _, s := range []string{"new york city plant", "ulsan", "hong kong branch", "", "a b c d e f", "rio de janeiro  x"} {
		f.Add(s, "US")
	}
	f.Fuzz(func(t *testing.T, s, iso string) {
		ts := strings.Split(s, " ")
		n, code, ok := Place(ts)
		if ok != (n > 0) || n > len(ts) || n > MaxTokens || (ok && len(code) != 2) {
			t.Fatalf("Place(%q) = %d, %q, %v", ts, n, code, ok)
		}
		m, mok := Lookup(ts)
		if mok != ok || m.N != n || m.ISO != code || (ok && (!m.In(code) || m.Countries[:2] != code)) {
			t.Fatalf("Lookup(%q) = %+v, %v; Place %d %q", ts, m, mok, n, code)
		}
		if k, kok := PlaceIn(ts, iso); k > n || kok != (k > 0) || (kok && !m.In(iso) && k == n) {
			t.Fatalf("PlaceIn(%q, %q) = %d; Place %d", ts, iso, k, n)
		}
		if k, sok := Site(ts); sok != (k > 0) || k > len(ts) {
			t.Fatalf("Site(%q) = %d, %v", ts, k, sok)
		}
	})
}
