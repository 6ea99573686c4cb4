package translit

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHangul(t *testing.T) {
	groups := []struct {
		name  string
		cases [][2]string
	}{
		{"company and place names (the brief's list)", [][2]string{
			{"경기", "gyeonggi"}, {"삼성", "samseong"}, {"현대", "hyeondae"},
			{"금호", "geumho"}, {"대우", "daeu"}, {"경신", "gyeongsin"},
			{"풍산", "pungsan"}, {"부산", "busan"}, {"현대모비스", "hyeondaemobiseu"},
			{"서울", "seoul"}, {"제일", "jeil"}, {"선경", "seongyeong"},
		}},
		{"liaison of a tail into a silent lead", [][2]string{
			{"한국어", "hangugeo"}, {"읽어", "ilgeo"}, {"좋아", "joa"},
			{"많아", "mana"}, {"있어", "isseo"}, {"없어", "eopseo"},
		}},
		{"nasalisation and ㄹ", [][2]string{
			{"신라", "silla"}, {"종로", "jongno"}, {"국민", "gungmin"},
			{"독립", "dongnip"}, {"압력", "amnyeok"}, {"설날", "seollal"},
			{"심리", "simni"}, {"백마", "baengma"}, {"합문", "hammun"},
			{"받는", "banneun"}, {"별로", "byeollo"},
		}},
		{"ㅎ tail", [][2]string{
			{"좋다", "jota"}, {"놓는", "nonneun"}, {"좋소", "jotso"},
		}},
		{"no aspiration before ㅎ, as RR does for proper nouns", [][2]string{
			{"묵호", "mukho"}, {"집현전", "jiphyeonjeon"},
		}},
		{"word-initial ㄹ and word boundaries", [][2]string{
			{"라면", "ramyeon"}, {"삼성 전자", "samseong jeonja"},
			{"삼성Electronics", "samseongElectronics"}, {"(주)", "(ju)"},
		}},
		{"compatibility and conjoining jamo", [][2]string{
			{"ㄱㅏ", "ga"}, {"ㅎ", "h"}, {"\u1100\u1161\u11A8", "gak"},
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				if got := Hangul(c[0]); got != c[1] {
					t.Errorf("Hangul(%q) = %q, want %q", c[0], got, c[1])
				}
			}
		})
	}
}

func TestHangulSyllables(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"한국어", []string{"han", "guk", "eo"}},
		{"경기", []string{"gyeong", "gi"}},
		{"신라", []string{"sin", "ra"}},
		{"삼성 전자", []string{"sam", "seong", "jeon", "ja"}},
		{"abc", nil},
	}
	for _, c := range cases {
		if got := HangulSyllables(c.in); !slices.Equal(got, c.want) {
			t.Errorf("HangulSyllables(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Every syllable block romanises to lowercase ASCII letters, alone and
// after every kind of tail.
func TestHangulAllSyllables(t *testing.T) {
	for r := rune(hangulBase); r <= hangulLast; r++ {
		s := HangulSyllables(string(r))
		if len(s) != 1 || !isLowerLetters(s[0]) {
			t.Fatalf("HangulSyllables(%q) = %q", string(r), s)
		}
		for tail := 0; tail < nTails; tail++ {
			pre := rune(hangulBase + 18*nTails + tail) // 아 + tail
			if got := Hangul(string([]rune{pre, r})); !isLowerLetters(got) {
				t.Fatalf("Hangul(%q) = %q", string([]rune{pre, r}), got)
			}
		}
	}
}

func isLowerLetters(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func TestCyrillic(t *testing.T) {
	cases := [][2]string{
		{"«Аурус»", "aurus"},
		{"Ромашка", "romashka"},
		{"Общество с ограниченной ответственностью", "obshchestvo s ogranichennoy otvetstvennostyu"},
		{"ХИМПРОМ", "khimprom"},
		{"Центр", "tsentr"},
		{"Южный", "yuzhnyy"},
		{"Алексеев", "alekseev"},
		{"Ёлка", "elka"},
		{"подъезд", "podezd"},
		{"Укрзалізниця", "ukrzaliznitsya"},
		{"Київ", "kiyiv"},
		{"Ґудзик", "gudzik"},
		{"Беларусь Ўзгорак", "belarus uzgorak"},
		{"Љубљана Њиш", "ljubljana njish"},
		{"Қазақстан", "qazaqstan"},
		{"ПАО \"Газпром\" № 1", "pao \"gazprom\" no 1"},
	}
	for _, c := range cases {
		if got := Cyrillic(c[0]); got != c[1] {
			t.Errorf("Cyrillic(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// The scheme is BGN/PCGN letter by letter, except for the letters the
// package doc names: ё (e), and the hard and soft signs (dropped).
// Source: testdata/cyrillic_letter_table_by_scheme.tsv, copied from ../shared/data/translit
// (nalgeon/iuliia, MIT).
func TestCyrillicAgainstBGNTable(t *testing.T) {
	f, err := os.Open("testdata/cyrillic_letter_table_by_scheme.tsv")
	if err != nil {
		t.Fatalf("reference table: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	col := -1
	rows := 0
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col < 0 {
			col = slices.Index(fields, "bgn_pcgn")
			if col < 0 {
				t.Fatal("no bgn_pcgn column")
			}
			continue
		}
		rows++
		letter, want := fields[0], fields[col]
		switch letter {
		case "ё":
			want = "e"
		case "ъ", "ь":
			want = ""
		}
		if got := Cyrillic(letter); got != want {
			t.Errorf("Cyrillic(%q) = %q, BGN/PCGN %q", letter, got, want)
		}
		if got := Cyrillic(strings.ToUpper(letter)); got != want {
			t.Errorf("Cyrillic(%q) = %q, BGN/PCGN %q", strings.ToUpper(letter), got, want)
		}
	}
	if rows != 33 {
		t.Errorf("read %d letters, want 33", rows)
	}
}

func TestHan(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"华为", []string{"hua", "wei"}},
		{"華為", []string{"hua", "wei"}}, // traditional
		{"深圳", []string{"shen", "zhen"}},
		{"中国银行", []string{"zhong", "guo", "yin", "hang"}},
		{"中國銀行", []string{"zhong", "guo", "yin", "hang"}},
		{"重庆", []string{"chong", "qing"}},
		{"长城", []string{"chang", "cheng"}},
		{"長江", []string{"chang", "jiang"}},
		{"绿地", []string{"lv", "di"}},
		{"吕", []string{"lv"}},
		{"人人", []string{"ren", "ren"}},
		{"人々", []string{"ren", "ren"}},
		{"华为abc技术", []string{"hua", "wei", "abc", "ji", "shu"}},
		{"", []string{}},
	}
	for _, c := range cases {
		if got := Han(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Han(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKana(t *testing.T) {
	cases := [][2]string{
		{"トヨタ", "toyota"}, {"とうきょう", "tokyo"}, {"おおさか", "osaka"},
		{"しんじゅく", "shinjuku"}, {"ちゃ", "cha"}, {"きょうと", "kyoto"},
		{"がっこう", "gakko"}, {"まっちゃ", "matcha"}, {"コーヒー", "kohi"},
		{"ファミリーマート", "famirimato"}, {"ティファニー", "tifani"},
		{"ウィンドウ", "windo"}, {"ヴァイオリン", "vaiorin"}, {"を", "o"},
		{"ソニー株式会社", "soni株式会社"},
	}
	for _, c := range cases {
		if got := Kana(c[0]); got != c[1] {
			t.Errorf("Kana(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestFallback(t *testing.T) {
	groups := []struct {
		name  string
		cases [][2]string
	}{
		{"Latin with diacritics", [][2]string{
			{"Société Générale", "societe generale"}, {"Straße", "strasse"},
			{"Ørsted Łódź", "orsted lodz"}, {"ŞİRKETİ", "sirketi"},
			{"Nestlé Türkiye", "nestle turkiye"}, {"ÆON", "aeon"},
			{"Đà Nẵng", "da nang"}, {"ﬁnance", "finance"}, {"ＡＢＣ", "abc"},
		}},
		{"Greek", [][2]string{
			{"Ελληνική Τράπεζα", "elliniki trapeza"}, {"Αθήνα", "athina"},
			{"Πειραιώς", "peiraios"}, {"ΟΥΖΟ", "ouzo"},
		}},
		{"Armenian, Georgian", [][2]string{
			{"Հայաստան", "hayastan"}, {"თბილისი", "tbilisi"},
			{"ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "sakartvelo"},
		}},
		{"Arabic and Hebrew, consonantal", [][2]string{
			{"شركة", "shrka"}, {"إيران", "ayran"}, {"لا", "la"},
			{"ישראל", "yshrl"}, {"בנק", "bnk"},
		}},
		{"digits, spaces, punctuation", [][2]string{
			{"١٢٣", "123"}, {"۴۵", "45"}, {"𝟘𝟡", "09"}, {"a\u00a0b", "a b"},
			{"a–b—c", "a-b-c"}, {"«x» „y“ “z”", "x y z"}, {"№ 5", "no 5"},
			{"東京、大阪。", ",."}, {"A&B Co.", "a&b co."},
		}},
		{"scripts without a table are dropped", [][2]string{
			{"กรุงเทพ", ""}, {"한국", ""}, {"x\xffy", "xy"},
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				if got := Fallback(c[0]); got != c[1] {
					t.Errorf("Fallback(%q) = %q, want %q", c[0], got, c[1])
				}
			}
		})
	}
}

func TestScript(t *testing.T) {
	cases := []struct {
		r    rune
		want ScriptKind
	}{
		{'a', ScriptLatin}, {'É', ScriptLatin}, {'ø', ScriptLatin},
		{'한', ScriptHangul}, {'ㄱ', ScriptHangul}, {'华', ScriptHan},
		{'々', ScriptHan}, {'〇', ScriptHan}, {'Ж', ScriptCyrillic},
		{'ア', ScriptKana}, {'ひ', ScriptKana}, {'ー', ScriptKana},
		{'5', ScriptDigit}, {'٣', ScriptDigit}, {'５', ScriptDigit},
		{' ', ScriptSpacePunct}, {'.', ScriptSpacePunct}, {'«', ScriptSpacePunct},
		{'・', ScriptSpacePunct}, {'、', ScriptSpacePunct}, {'㈜', ScriptSpacePunct},
		{'α', ScriptOther}, {'ش', ScriptOther}, {'ก', ScriptOther},
		{'\u0301', ScriptMark}, {'\u064E', ScriptMark},
	}
	for _, c := range cases {
		if got := Script(c.r); got != c.want {
			t.Errorf("Script(%q) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestLatinize(t *testing.T) {
	groups := []struct {
		name  string
		cases [][2]string
	}{
		{"one script", [][2]string{
			{"삼성전자", "samseongjeonja"}, {"华为", "huawei"}, {"深圳", "shenzhen"},
			{"华为技术有限公司", "huaweijishuyouxiangongsi"},
			{"ООО «Ромашка»", "ooo romashka"}, {"トヨタ", "toyota"},
			{"Société Générale S.A.", "societe generale s.a."},
		}},
		{"mixed scripts get a space at each change between letters", [][2]string{
			{"LG전자", "lg jeonja"}, {"华为Technologies", "huawei technologies"},
			{"ООО Aurus", "ooo aurus"}, {"トヨタ自動車", "toyota zidongche"},
			{"3M코리아", "3m koria"},
		}},
		{"compatibility forms", [][2]string{
			{"㈜삼성", "(ju)samseong"}, {"ＡＢＣ１２３", "abc123"}, {"ﾄﾖﾀ", "toyota"},
		}},
		{"decomposed marks stay with their letter", [][2]string{
			{"Cafe\u0301", "cafe"}, {"شَرِكَة", "shrka"},
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				if got := Latinize(c[0]); got != c[1] {
					t.Errorf("Latinize(%q) = %q, want %q", c[0], got, c[1])
				}
			}
		})
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func FuzzLatinize(f *testing.F) {
	for _, s := range []string{"삼성전자", "华为", "ООО «Ромашка»", "トヨタ", "Société", "x\xff", "㈜", "ㄱㅏ\u1100", "شَرِكَة", "ΟΥ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Latinize(s)
		if !isASCII(got) {
			t.Fatalf("Latinize(%q) = %q, not ASCII", s, got)
		}
		if strings.ToLower(got) != got {
			t.Fatalf("Latinize(%q) = %q, not lowercase", s, got)
		}
		if again := Latinize(s); again != got {
			t.Fatalf("Latinize(%q) not deterministic: %q then %q", s, got, again)
		}
		if fb := Fallback(s); !isASCII(fb) {
			t.Fatalf("Fallback(%q) = %q, not ASCII", s, fb)
		}
		if c := Cyrillic(s); !isASCII(c) {
			t.Fatalf("Cyrillic(%q) = %q, not ASCII", s, c)
		}
		if utf8.ValidString(s) {
			for _, out := range []string{Hangul(s), Kana(s), strings.Join(Han(s), "")} {
				if !utf8.ValidString(out) {
					t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
				}
			}
			if j := strings.Join(Han(s), ""); Script(firstRune(s)) != ScriptHan && !strings.HasPrefix(j, string(firstRune(s))) && s != "" {
				t.Fatalf("Han(%q) lost the leading non-Han rune: %q", s, j)
			}
		}
	})
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

var sink string

func BenchmarkLatinize(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"ascii", "Samsung Electronics Co., Ltd."},
		{"latin-diacritics", "Société Générale Türkiye A.Ş."},
		{"hangul", "삼성전자 주식회사"},
		{"han", "华为技术有限公司"},
		{"cyrillic", "Общество с ограниченной ответственностью «Ромашка»"},
		{"mixed", "LG전자 华为 ООО Aurus トヨタ"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Latinize(c.in)
			}
		})
	}
}

func BenchmarkHangul(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink = Hangul("현대모비스 한국어")
	}
}

func BenchmarkCyrillic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink = Cyrillic("Общество с ограниченной ответственностью")
	}
}
