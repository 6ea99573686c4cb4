package romanize

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/internal/shared"
)

// same lists groups of tokens that must share one key.
func TestKeySame(t *testing.T) {
	groups := []struct {
		name string
		sets [][]string
	}{
		{"korean: McCune–Reischauer, company spellings and RR", [][]string{
			{"kyungki", "gyeonggi", "kyeonggi", "kyonggi"},
			{"pusan", "busan"},
			{"hyundai", "hyeondae", "hyondae"},
			{"samsung", "samseong", "samsong"},
			{"kumho", "geumho"},
			{"daewoo", "daeu"},
			{"hanwha", "hanhwa"}, {"samwha", "samhwa"},
			{"kyungshin", "gyeongsin"},
			{"poongsan", "pungsan"},
			{"choi", "choe"},
			{"lee", "yi", "rhee", "ri", "i"},
			{"jeong", "chung", "jung", "chong"},
			{"kia", "gia"},
			{"kang", "gang"},
			{"park", "bak", "pak"},
			{"shin", "sin"},
			{"kim", "gim"},
			{"cheil", "jeil"},
			{"sunkyong", "seongyeong"},
			{"lotte", "rotde"},
			{"ryu", "yu", "yoo"},
			{"kookmin", "gungmin", "kungmin"},
			{"shinla", "silla"},
			{"jongro", "jongno", "chongno"},
			{"hanguk", "hankuk"},
			{"doosan", "dusan"},
			{"kyunghee", "gyeonghui"},
		}},
		{"korean: real pairs from eval/dev (OFAC SDN 2021)", [][]string{
			{"daedong", "taedong"},
			{"daejin", "taechin", "taejin", "taijin"},
			{"baeksol", "paeksol", "baeksul"},
			{"choson", "chosun"},
			{"ryonha", "yunha"},
			{"ryonbong", "yonbong"},
			{"amnokkang", "amroggang"},
		}},
		{"mandarin: pinyin and Wade–Giles", [][]string{
			{"zhang", "chang"}, {"xiao", "hsiao"}, {"guang", "kuang"},
			{"qing", "ching"}, {"zhou", "chou"}, {"xu", "hsu"},
			{"jiang", "chiang"}, {"cai", "tsai"}, {"zheng", "cheng"},
			{"beijing", "peiching"}, {"zhongguo", "chungkuo"},
			{"kaohsiung", "gaoxiong"}, {"hsinchu", "xinzhu"},
			{"xie", "hsieh"}, {"xue", "hsueh"}, {"lv", "lu"},
			{"zhongsheng", "zhongseng"}, {"zhenghua", "zenghua"},
			{"guo", "kuo"}, {"gui", "kuei"}, {"duo", "to"},
		}},
		{"russian transliteration schemes", [][]string{
			{"obshchestvo", "obschestvo", "obshestvo"},
			{"khimprom", "himprom", "ximprom"},
			{"tsentr", "centr", "tzentr"},
			{"yuzhny", "iuzhnyi", "juzhnyj", "yuzhnyy", "yuzhnyi"},
			{"alekseyev", "alekseev", "alexeev"},
			{"aleksey", "aleksei", "aleksej"},
			{"dmitriy", "dmitrii", "dmitry", "dmitrij"},
			{"ogranichennoy", "ogranichennoi", "ogranichennoj"},
			{"predpriyatie", "predpriyatiye"},
			{"mashinostroenia", "mashinostroeniya", "mashinostroyeniya"},
			{"rosoboronexport", "rosoboroneksport"},
			{"ekaterinburg", "yekaterinburg", "jekaterinburg"},
			{"tekhnologiya", "tekhnologija"},
			{"vagner", "wagner"},
			{"polotsk", "polotzk"},
			{"kapital", "capital"},
		}},
		{"generic spelling", [][]string{
			{"alpha", "alfa"}, {"kompaniya", "companiya", "kompania"}, {"sistem", "system"},
			{"madrasa", "madrassa"},
		}},
		{"case folding", [][]string{
			{"Hyundai", "HYUNDAI", "hyundai"},
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, set := range g.sets {
				k0 := Key(set[0])
				for _, tok := range set[1:] {
					if k := Key(tok); k != k0 {
						t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", set[0], k0, tok, k)
					}
				}
			}
		})
	}
}

// TestKeyDifferent lists pairs that must get different keys.
func TestKeyDifferent(t *testing.T) {
	pairs := [][2]string{
		{"kyungki", "kyungshin"}, {"rain", "rainbow"}, {"motor", "mobis"},
		{"west", "east"}, {"hyundai", "honda"}, {"kumho", "kumhwa"},
		{"busan", "besan"}, {"electronics", "electric"}, {"shin", "shine"},
		{"samsung", "sansung"}, {"daewoo", "daewon"}, {"kia", "kim"},
		{"lotte", "lott"}, {"zhang", "zhao"}, {"xiao", "xia"},
		{"beijing", "nanjing"}, {"obshchestvo", "obshchestva"},
		{"tsentr", "tsentral"}, {"liberia", "iberia"}, {"hana", "hanwha"},
		{"posco", "pusan"}, {"huawei", "huayi"}, {"wei", "yi"},
		{"chimprom", "khimprom"}, // ch is ч in the generic key
	}
	for _, p := range pairs {
		if ka, kb := Key(p[0]), Key(p[1]); ka == kb {
			t.Errorf("Key(%q) = Key(%q) = %q: want different", p[0], p[1], ka)
		}
	}
}

func TestKeyExactValues(t *testing.T) {
	cases := [][2]string{
		{"kyungki", "kyonkki"}, {"seongyeong", "sonkyonk"}, {"daewoo", "teo"},
		{"zhang", "cank"}, {"obshchestvo", "obSestvo"}, {"alexeev", "aleksev"},
		{"", ""}, {"abc1", "abc1"}, {"A-B", "a-b"}, {"Ülker", "ülker"},
	}
	for _, c := range cases {
		if got := Key(c[0]); got != c[1] {
			t.Errorf("Key(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestSyllables(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		sys  System
	}{
		{"kyungki", []string{"kyung", "ki"}, Korean},
		{"daeu", []string{"dae", "u"}, Korean},
		{"daewoo", []string{"dae", "woo"}, Korean},
		{"seongyeong", []string{"seong", "yeong"}, Korean},
		{"guang", []string{"guang"}, Mandarin},
		{"kaohsiung", []string{"kao", "hsiung"}, Mandarin},
		{"chang", []string{"chang"}, Korean},
		{"motor", nil, None},
		{"", nil, None},
		{"a1", nil, None},
	}
	for _, c := range cases {
		got, sys := Syllables(c.in)
		if !slices.Equal(got, c.want) || sys != c.sys {
			t.Errorf("Syllables(%q) = %q, %v; want %q, %v", c.in, got, sys, c.want, c.sys)
		}
	}
}

func TestExplain(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
		rule string
	}{
		{"kyungki", "gyeonggi", true, "korean: kyung=gyeong, ki=gi (McCune–Reischauer vs Revised Romanization)"},
		{"hyundai", "hyeondae", true, "korean: hyun=hyeon, dai=dae (company spelling vs Revised Romanization)"},
		{"sunkyong", "seongyeong", true, "korean: sun=seong, kyong=yeong (McCune–Reischauer vs Revised Romanization)"},
		{"xiao", "hsiao", true, "mandarin: xiao=hsiao (pinyin vs Wade–Giles)"},
		{"zhang", "chang", true, "mandarin: zhang=chang"},
		{"guang", "kuang", true, "mandarin: guang=kuang"},
		{"obshchestvo", "obschestvo", true, "transliteration: shch/sch/sh=ш/щ"},
		{"alekseev", "alexeev", true, "transliteration: x=ks, double letters"},
		{"Samsung", "samsung", true, "identical"},
		{"motor", "mobis", false, "different keys: motor → motor, mobis → mobis"},
	}
	for _, c := range cases {
		same, rule := Explain(c.a, c.b)
		if same != c.same || rule != c.rule {
			t.Errorf("Explain(%q, %q) = %v, %q; want %v, %q", c.a, c.b, same, rule, c.same, c.rule)
		}
	}
}

// knownMandarinMismatches are the rows of the embedded table whose pinyin
// and Wade–Giles spellings get different keys, as the package doc says:
// Wade–Giles j (pinyin r), ko/ho for ge/ke/he, ssu for si, yu for you.
var knownMandarinMismatches = []string{
	"ge/ko", "he/ho", "ke/ko", "ran/jan", "rang/jang", "re/je", "ren/jen",
	"reng/jeng", "ri/jih", "rong/jung", "ru/ju", "ruan/juan", "rui/jui",
	"run/jun", "ruo/jo", "si/ssu", "you/yu",
}

func TestMandarinTable(t *testing.T) {
	rows, agree := 0, 0
	var mismatches []string
	for i, line := range strings.Split(strings.TrimSpace(mandarinTSV), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 {
			continue
		}
		switch f[0] {
		case "m", "n", "ng", "hm", "hng", "ê":
			continue
		}
		rows++
		wg := strings.NewReplacer("'", "", "ü", "u").Replace(f[1])
		if Key(f[0]) == Key(wg) {
			agree++
		} else if p := f[0] + "/" + wg; !slices.Contains(mismatches, p) {
			mismatches = append(mismatches, p)
		}
	}
	if rows != 437 || agree != 414 {
		t.Errorf("pinyin and Wade–Giles agree on %d of %d rows, want 414 of 437", agree, rows)
	}
	if !slices.Equal(mismatches, knownMandarinMismatches) {
		t.Errorf("mismatching rows %q\nwant %q", mismatches, knownMandarinMismatches)
	}
}

// TestDevClusters is an accuracy check over eval/dev (OFAC SDN 2021
// organisations, public domain): variant spellings inside one entity's
// names must meet (recall), and keys must not lump together many distinct
// tokens of the whole list (precision).
func TestDevClusters(t *testing.T) {
	data, err := os.ReadFile(shared.Path(t, "eval/dev/ofac_sdn_2021_org_clusters.tsv"))
	if err != nil {
		t.Fatalf("eval/dev data: %v", err)
	}
	byCluster := map[string]map[string]bool{}
	all := map[string]bool{}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 2 {
			continue
		}
		if byCluster[f[0]] == nil {
			byCluster[f[0]] = map[string]bool{}
		}
		for _, tok := range strings.FieldsFunc(strings.ToLower(f[1]), func(r rune) bool { return r < 'a' || r > 'z' }) {
			if len(tok) > 2 {
				byCluster[f[0]][tok] = true
				all[tok] = true
			}
		}
	}
	variants := 0 // distinct tokens of one cluster that share a key
	for _, toks := range byCluster {
		seen := map[string]int{}
		for tok := range toks {
			seen[Key(tok)]++
		}
		for _, n := range seen {
			variants += n - 1
		}
	}
	keys := map[string]bool{}
	for tok := range all {
		keys[Key(tok)] = true
	}
	t.Logf("%d variant merges inside clusters; %d distinct tokens, %d keys", variants, len(all), len(keys))
	if variants < 215 {
		t.Errorf("only %d variant merges inside clusters, want at least 215", variants)
	}
	if lumped := len(all) - len(keys); lumped > 375 {
		t.Errorf("%d tokens share a key with another token, want at most 375", lumped)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"kyungki", "gyeonggi", "zhang", "obshchestvo", "", "a", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "abc1", "\xff", "ÿ", "yiyiyi"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if k != Key(s) {
			t.Fatalf("Key(%q) not deterministic", s)
		}
		letters := s != "" && !strings.ContainsFunc(s, func(r rune) bool {
			return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z')
		})
		if letters && k == "" {
			t.Fatalf("Key(%q) is empty", s)
		}
		if letters && !isASCIIString(k) {
			t.Fatalf("Key(%q) = %q, not ASCII", s, k)
		}
		if !letters && k != strings.ToLower(s) {
			t.Fatalf("Key(%q) = %q, want the token lowercased", s, k)
		}
		if utf8.ValidString(s) {
			syl, sys := Syllables(s)
			if (sys == None) != (syl == nil) || strings.Join(syl, "") != strings.ToLower(s) && syl != nil {
				t.Fatalf("Syllables(%q) = %q, %v", s, syl, sys)
			}
		}
		if same, _ := Explain(s, s); !same {
			t.Fatalf("Explain(%q, %q) not same", s, s)
		}
	})
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var sink string

func BenchmarkKey(b *testing.B) {
	Key("warm") // build the tables outside the timing
	for _, c := range []struct{ name, tok string }{
		{"korean-9", "kyungshin"},
		{"korean-rr-9", "gyeongsin"},
		{"mandarin-9", "kaohsiung"},
		{"generic-11", "obshchestvo"},
		{"generic-20", "lenpromtransproyekts"},
		{"short", "lee"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Key(c.tok)
			}
		})
	}
}

// Words that read as Korean syllables in one spelling and not in another
// meet on TranslitKey, and Explain says so.
func TestTranslitKey(t *testing.T) {
	for _, p := range [][2]string{{"lukoil", "lukoyl"}, {"rossiya", "rossija"}, {"rossiya", "rosiya"}} {
		if TranslitKey(p[0]) != TranslitKey(p[1]) {
			t.Errorf("TranslitKey(%q) = %q, TranslitKey(%q) = %q: want equal", p[0], TranslitKey(p[0]), p[1], TranslitKey(p[1]))
		}
		if same, rule := Explain(p[0], p[1]); !same || !strings.HasPrefix(rule, "transliteration: ") {
			t.Errorf("Explain(%q, %q) = %v, %q", p[0], p[1], same, rule)
		}
	}
	if TranslitKey("hyundai") == TranslitKey("hyeondae") {
		t.Error("TranslitKey has no Korean rules: hyundai and hyeondae should differ")
	}
}

func TestFitsHangul(t *testing.T) {
	for _, c := range []struct {
		hangul, latin string
		want          bool
	}{
		{"부흥", "boohung", true}, {"부흥", "buheung", true}, {"부흥", "bohong", false},
		{"우양", "wooyang", true}, {"우양", "oyang", false},
		{"효성", "hyosung", true}, {"후성", "hosung", false},
		{"현대", "hyundai", true}, {"영풍", "youngpoong", true}, {"금호", "kumho", true},
		{"두산", "doosan", true}, {"서울", "seoul", true}, {"조선", "chosun", true},
		{"삼화", "samwha", true},
		{"부흥", "boo", true},     // not one syllable for one: cannot tell
		{"부흥", "bo-hong", true}, // not a romanised word
	} {
		if got := FitsHangul(c.hangul, c.latin); got != c.want {
			t.Errorf("FitsHangul(%s, %s) = %v, want %v", c.hangul, c.latin, got, c.want)
		}
	}
}

// SystemOf reads every token as Syllables does.
func TestSystemOfIsSyllablesSystem(t *testing.T) {
	for _, tok := range []string{"hanshan", "guang", "kyungki", "gyeonggi", "zhang", "samsung", "Hyundai", "medizen", "x", "", "ÜBER", "shenzhen", "kogyo", "123"} {
		_, want := Syllables(tok)
		if got := SystemOf(tok); got != want {
			t.Errorf("SystemOf(%q) = %v, Syllables reads it as %v", tok, got, want)
		}
	}
}
