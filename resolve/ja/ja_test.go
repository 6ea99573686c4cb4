package ja

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Readings of common words and well-known names of general Japanese (none
// from the evaluation data).
func TestReadings(t *testing.T) {
	type row struct {
		in   string
		want []string
	}
	groups := []struct {
		what  string
		cases []row
	}{
		{"dictionary words", []row{
			{"三菱", []string{"mitsubishi"}}, {"三井", []string{"mitsui"}}, {"商事", []string{"shoji"}},
			{"工業", []string{"kogyo"}}, {"製薬", []string{"seiyaku"}}, {"東京", []string{"tokyo"}},
			{"大阪", []string{"osaka"}}, {"日本", []string{"nippon"}}, {"銀行", []string{"ginko"}},
			{"ホールディングス", []string{"horudingusu"}}, {"自動車", []string{"jidosha"}},
			{"電気", []string{"denki"}}, {"新聞", []string{"shinbun"}}, {"北海道", []string{"hokkaido"}},
			{"資生堂", []string{"shiseido"}}, {"花王", []string{"kao"}},
		}},
		{"long entries cut into their words", []row{
			{"三菱商事", []string{"mitsubishi", "shoji"}},
			{"本田技研工業", []string{"honda", "giken", "kogyo"}},
			{"日産自動車", []string{"nissan", "jidosha"}},
			{"トヨタ自動車", []string{"toyota", "jidosha"}},
			{"日本電信電話", []string{"nihon", "denshin", "denwa"}},
			{"東北電力", []string{"tohoku", "denryoku"}},
		}},
		{"one-character prefix and number as parts", []row{
			{"第一生命", []string{"dai", "ichi", "seimei"}},
			{"第三銀行", []string{"dai", "san", "ginko"}},
		}},
		{"a part that is no dictionary word", []row{
			{"日本精工", []string{"nippon", "seiko"}},
		}},
		{"words of the tokenizer", []row{
			{"東京海上日動火災保険", []string{"tokyo", "kaijo", "nichido", "kasai", "hoken"}},
			{"みずほ銀行", []string{"mizuho", "ginko"}},
		}},
		{"kana read as written", []row{
			{"まるなか", []string{"marunaka"}},
			{"ほっともっと", []string{"hottomotto"}},
			{"ポコペン", []string{"pokopen"}},
			{"ﾎﾟｺﾍﾟﾝ", []string{"pokopen"}}, // half-width katakana
			{"サイバーエージェント", []string{"saiba", "ejento"}},
		}},
		{"legal forms left out", []row{
			{"株式会社まるなか", []string{"marunaka"}},
			{"三井株式会社", []string{"mitsui"}},
			{"㈱まるなか", []string{"marunaka"}},
			{"有限会社ニトリ", []string{"nitori"}},
			{"株式会社", []string{}},
		}},
		{"full-width Latin and digits", []row{
			{"ＡＢＣマート株式会社", []string{"abc", "mato"}},
			{"ＡＢＣ　２", []string{"abc", "2"}}, // ideographic space
			{"ACME Corp", []string{"acme", "corp"}},
		}},
		{"kanji variants", []row{
			{"髙島屋", []string{"takashimaya"}},
		}},
	}
	for _, g := range groups {
		for _, c := range g.cases {
			if got := Readings(c.in); !cmp.Equal(got, c.want) {
				t.Errorf("%s: Readings(%q) = %q, want %q", g.what, c.in, got, c.want)
			}
		}
	}
}

func TestWordReadingsAlternatives(t *testing.T) {
	// 日本 has two readings in IPADIC, ニッポン (the cheaper) and ニホン.
	if got, want := WordReadings("日本"), [][]string{{"nippon", "nihon"}}; !cmp.Equal(got, want) {
		t.Errorf("WordReadings(日本) = %q, want %q", got, want)
	}
	// In a long entry the entry's reading comes first, the other second.
	if got, want := WordReadings("日本生命"), [][]string{{"nihon", "nippon"}, {"seimei", "inochi"}}; !cmp.Equal(got, want) {
		t.Errorf("WordReadings(日本生命) = %q, want %q", got, want)
	}
	// Either meets its English spelling by Key.
	w := WordReadings("日本")[0]
	if Key(w[1]) != Key("NIHON") || Key(w[0]) != Key("Nippon") {
		t.Errorf("日本 readings %q do not meet NIHON and Nippon", w)
	}
}

func TestAnalyse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Morpheme
	}{
		{"三菱商事", []Morpheme{
			{Surface: "三菱", Reading: "ミツビシ", Romaji: "mitsubishi", Class: ProperNoun, Source: Dictionary, Compound: "三菱商事"},
			{Surface: "商事", Reading: "ショウジ", Romaji: "shoji", Class: Noun, Source: Dictionary, Compound: "三菱商事"},
		}},
		{"日本", []Morpheme{
			{Surface: "日本", Reading: "ニッポン", Romaji: "nippon", Alt: []string{"nihon"}, Class: ProperNoun, Source: Dictionary},
		}},
		{"日本精工", []Morpheme{ // 精工 is no entry: a free part, read from the whole
			{Surface: "日本", Reading: "ニッポン", Romaji: "nippon", Alt: []string{"nihon"}, Class: ProperNoun, Source: Dictionary, Compound: "日本精工"},
			{Surface: "精工", Reading: "セイコウ", Romaji: "seiko", Class: ProperNoun, Source: Dictionary, Compound: "日本精工"},
		}},
		{"株式会社まるなか", []Morpheme{
			{Surface: "株式会社", Reading: "カブシキガイシャ", Romaji: "kabushikigaisha", Class: LegalForm, Source: Dictionary},
			{Surface: "まるなか", Reading: "マルナカ", Romaji: "marunaka", Class: Unknown, Source: Kana},
		}},
		{"サイバーエージェント", []Morpheme{ // one unknown word to the tokenizer
			{Surface: "サイバー", Reading: "サイバー", Romaji: "saiba", Class: Unknown, Source: Kana, Compound: "サイバーエージェント"},
			{Surface: "エージェント", Reading: "エージェント", Romaji: "ejento", Class: Noun, Source: Dictionary, Compound: "サイバーエージェント"},
		}},
		{"ＡＢＣ　工業", []Morpheme{
			{Surface: "ABC", Romaji: "abc", Class: Latin, Source: Written},
			{Surface: " ", Class: Symbol},
			{Surface: "工業", Reading: "コウギョウ", Romaji: "kogyo", Class: Noun, Source: Dictionary},
		}},
		{"東京都", []Morpheme{
			{Surface: "東京", Reading: "トウキョウ", Romaji: "tokyo", Class: ProperNoun, Source: Dictionary},
			{Surface: "都", Reading: "ト", Romaji: "to", Class: Suffix, Source: Dictionary},
		}},
	} {
		if got := Analyse(c.in); !cmp.Equal(got, c.want) {
			t.Errorf("Analyse(%q) differs (-got +want):\n%s", c.in, cmp.Diff(got, c.want))
		}
	}
}

// A run of kana the dictionary does not know as a word is one word read
// as written; nouns with a particle after them stay words.
func TestKanaRuns(t *testing.T) {
	// The tokenizer reads まるなか as まる (an adverb) and なか.
	m := Analyse("まるなか")
	if len(m) != 1 || m[0].Source != Kana || m[0].Romaji != "marunaka" {
		t.Errorf("Analyse(まるなか) = %+v, want one kana word marunaka", m)
	}
	if got, want := Readings("さくらの森"), []string{"sakura", "no", "mori"}; !cmp.Equal(got, want) {
		t.Errorf("Readings(さくらの森) = %q, want %q", got, want)
	}
}

// Kanji the dictionary lacks as a word are read character by character,
// marked as a guess; without a reading for every character, none.
func TestPerChar(t *testing.T) {
	a := get()
	m := a.perChar("帝菱")
	if m.Source != PerChar || m.Romaji != "mikadohishi" && m.Romaji != "teihishi" || m.Source.Known() {
		t.Errorf("perChar(帝菱) = %+v, want a guessed per-character reading", m)
	}
	if m := a.perChar("\U0002A6A5"); m.Source != NoReading || m.Romaji != "" {
		t.Errorf("perChar of a rare kanji = %+v, want no reading", m)
	}
}

// The morphemes cover the normalised name exactly, in order, and every
// romaji is lowercase ASCII.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{"三菱商事", "株式会社まるなか", "ＡＢＣ　工業", "ﾎﾟｺﾍﾟﾝ", "㈱日産", "ACME", "", "a\xffb", "いすゞ", "\U0002A6A5工業", "サイバーエージェント・ホールディングス"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		for _, m := range Analyse(s) {
			b.WriteString(m.Surface)
			if strings.Trim(m.Romaji, "abcdefghijklmnopqrstuvwxyz0123456789") != "" && m.Class != Latin {
				t.Fatalf("Analyse(%q): romaji %q of %q is not lowercase ASCII", s, m.Romaji, m.Surface)
			}
		}
		if got, want := b.String(), normalise(s); got != want {
			t.Fatalf("Analyse(%q) covers %q, want %q", s, got, want)
		}
	})
}

// Analyse from several goroutines gives what it gives from one.
func TestAnalyseConcurrent(t *testing.T) {
	want := make([][]Morpheme, len(benchmarkNames))
	for i, s := range benchmarkNames {
		want[i] = Analyse(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(benchmarkNames))
	for range 4 {
		wg.Go(func() {
			for i, s := range benchmarkNames {
				if got := Analyse(s); !cmp.Equal(got, want[i]) {
					errs <- s
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("Analyse(%q) differs when run concurrently", s)
	}
}

// A name without kana or kanji does not load the dictionary. Run in a
// child process, so that no other test has loaded it.
func TestLatinDoesNotLoad(t *testing.T) {
	if os.Getenv("JA_TEST_CHILD") == "latin" {
		Analyse("ACME Corp")
		Readings("ＡＢＣ　２")
		if Loaded() {
			os.Exit(3)
		}
		os.Exit(0)
	}
	if err := child(t, "TestLatinDoesNotLoad", "latin").Run(); err != nil {
		t.Errorf("a Latin name loaded the dictionary (child: %v)", err)
	}
}

// The memory the dictionary takes once loaded: the live heap, measured in
// a child process so that it is the load alone. The ceiling is the
// target; RSS is logged (it depends on the kernel and the Go runtime).
func TestLoadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary in a child process")
	}
	m := loadMemory(t)
	t.Logf("after Load: heap %.1f MB; RSS +%.1f MB (anonymous +%.1f MB, file-backed +%.1f MB: the embedded dictionary read once); peak RSS %.1f MB during load; load %.2f s",
		m["heap"], m["rss"], m["anon"], m["file"], m["peak"], m["seconds"])
	if m["heap"] > 110 {
		t.Errorf("heap after Load %.1f MB, want ≤ 110 MB", m["heap"])
	}
}

// BenchmarkLoad reports the memory and time of loading the dictionary, in
// a child process: heap-MB (live heap after load), rss-MB (resident set
// growth), anon-MB (its anonymous part, without the pages of the embedded
// dictionary file), peak-MB (resident set high-water mark during load).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		m := loadMemory(b)
		b.ReportMetric(m["heap"], "heap-MB")
		b.ReportMetric(m["rss"], "rss-MB")
		b.ReportMetric(m["anon"], "anon-MB")
		b.ReportMetric(m["peak"], "peak-MB")
	}
}

// loadMemory runs TestLoadMemoryChild and returns its figures (MB, s).
func loadMemory(tb testing.TB) map[string]float64 {
	tb.Helper()
	out, err := child(tb, "TestLoadMemoryChild", "memory").Output()
	if err != nil {
		tb.Fatalf("child: %v\n%s", err, out)
	}
	m := map[string]float64{}
	for _, f := range strings.Fields(string(out)) {
		if k, v, ok := strings.Cut(f, "="); ok {
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				m[k] = x
			}
		}
	}
	if _, ok := m["heap"]; !ok {
		tb.Fatalf("child printed no figures: %s", out)
	}
	return m
}

// TestLoadMemoryChild is the child of loadMemory; it does nothing in an
// ordinary run.
func TestLoadMemoryChild(t *testing.T) {
	if os.Getenv("JA_TEST_CHILD") != "memory" {
		t.Skip("run by TestLoadMemory and BenchmarkLoad")
	}
	m0 := memNow()
	start := time.Now()
	Load()
	elapsed := time.Since(start)
	Analyse("三菱商事") // the tables are in use
	m1 := memNow()
	const mb = 1 << 20
	f := func(k string, v float64) string { return k + "=" + strconv.FormatFloat(v, 'f', 2, 64) + " " }
	os.Stdout.WriteString(f("heap", float64(m1.heap-m0.heap)/mb) + f("rss", float64(m1.rss-m0.rss)/mb) +
		f("anon", float64(m1.anon-m0.anon)/mb) + f("file", float64(m1.file-m0.file)/mb) +
		f("peak", float64(m1.peak)/mb) + f("seconds", elapsed.Seconds()) + "\n")
	os.Exit(0)
}

// mem is the live heap after a GC, and the resident set (whole, anonymous,
// file-backed) and its high-water mark from /proc/self/status (0 where
// there is none).
type mem struct{ heap, rss, anon, file, peak uint64 }

func memNow() mem {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := mem{heap: ms.HeapAlloc}
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(l, ":")
		n, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			m.rss = n << 10
		case "RssAnon":
			m.anon = n << 10
		case "RssFile":
			m.file = n << 10
		case "VmHWM":
			m.peak = n << 10
		}
	}
	return m
}

// child returns the test binary run again for test alone, with
// JA_TEST_CHILD=role.
func child(tb testing.TB, test, role string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), "JA_TEST_CHILD="+role)
	return cmd
}

// Names of the kind and length of real company names (well-known ones, not
// evaluation data).
var benchmarkNames = []string{
	"三菱商事株式会社", "本田技研工業株式会社", "トヨタ自動車株式会社", "日本電信電話株式会社", "株式会社まるなか",
	"東京海上日動火災保険株式会社", "株式会社サイバーエージェント", "日本郵船株式会社", "ＡＢＣマート株式会社", "株式会社みずほ銀行",
}

// BenchmarkAnalyse reports the time per name once the dictionary is
// loaded, and cpu-ns/op, the process's CPU time per name (GC included),
// which a busy shared machine disturbs less than wall time.
func BenchmarkAnalyse(b *testing.B) { benchNames(b, benchmarkNames, func(s string) { Analyse(s) }) }

func BenchmarkReadings(b *testing.B) { benchNames(b, benchmarkNames, func(s string) { Readings(s) }) }

// BenchmarkTokenize is kagome's share of Analyse: its tokenizer alone.
func BenchmarkTokenize(b *testing.B) {
	a := get()
	benchNames(b, benchmarkNames, func(s string) { a.tok.Tokenize(normalise(s)) })
}

func benchNames(b *testing.B, names []string, f func(string)) {
	Load()
	b.ReportAllocs()
	i := 0
	var cpu time.Duration
	for b.Loop() {
		if i == 0 {
			cpu = cpuTime()
		}
		f(names[i%len(names)])
		i++
	}
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

func BenchmarkKey(b *testing.B) {
	words := []string{"kougyou", "MITSUBISHI", "shoji", "Nisshin", "horudingusu", "WASOU"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Key(words[i%len(words)])
		i++
	}
}

func BenchmarkRomaji(b *testing.B) {
	words := []string{"ミツビシショウジ", "ホールディングス", "コウギョウ", "ニッシン", "ポコペン"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Romaji(words[i%len(words)])
		i++
	}
}
