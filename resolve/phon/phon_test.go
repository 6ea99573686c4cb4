package phon

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// Real English words and their transcriptions in use: the standard form by
// 외래어 표기법 or the usual katakana, and variants common in company names.
// (No row comes from the evaluation data.)
var hangulCases = []struct {
	english, hangul string
	primary         bool // the first form Hangul returns
}{
	// 제1항: voiceless stops as 받침 after short vowels, else with ㅡ
	{"book", "북", true}, {"cat", "캣", true}, {"tech", "텍", true}, {"setback", "셋백", true},
	{"act", "액트", true}, {"part", "파트", true}, {"make", "메이크", true}, {"desk", "데스크", true},
	{"apple", "애플", true}, {"internet", "인터넷", true}, {"market", "마켓", true},
	// 제2항, 제3항, 제4항
	{"land", "랜드", true}, {"bus", "버스", true}, {"mask", "마스크", false}, {"jazz", "재즈", true},
	{"flash", "플래시", true}, {"fashion", "패션", true}, {"vision", "비전", true}, {"chart", "차트", true},
	{"bridge", "브리지", true}, {"switch", "스위치", true}, {"cats", "캐츠", true}, {"odds", "오즈", true},
	// 제5항, 제6항: nasals, l
	{"ink", "잉크", true}, {"steam", "스팀", true}, {"hotel", "호텔", true}, {"slide", "슬라이드", true},
	{"film", "필름", true}, {"global", "글로벌", true}, {"engineering", "엔지니어링", true},
	// 제8항, 제9항: diphthongs, glides
	{"time", "타임", true}, {"house", "하우스", true}, {"tower", "타워", true}, {"point", "포인트", true},
	{"swing", "스윙", true}, {"quality", "퀄리티", true}, {"white", "화이트", true}, {"union", "유니언", true},
	{"yard", "야드", true}, {"network", "네트워크", true}, {"software", "소프트웨어", true},
	// r after vowels, ər, ɛə
	{"care", "케어", true}, {"center", "센터", true}, {"store", "스토어", true}, {"smart", "스마트", true},
	{"healthcare", "헬스케어", true}, {"power", "파워", true}, {"fire", "파이어", true},
	// plural s, yod, -ing, -ion, words of company names
	{"holdings", "홀딩스", true}, {"systems", "시스템즈", true}, {"news", "뉴스", true},
	{"tube", "튜브", true}, {"student", "스튜던트", true}, {"solution", "솔루션", false},
	{"design", "디자인", false}, {"media", "미디어", true}, {"energy", "에너지", true},
	{"service", "서비스", true}, {"digital", "디지털", true}, {"open", "오픈", true},
	// variants in common use
	{"networks", "네트웍스", false}, {"network", "네트웍", false}, {"chemical", "케미칼", false},
	{"capital", "캐피탈", false}, {"academy", "아카데미", false}, {"mobile", "모바일", false},
	{"type", "타입", false}, {"group", "그룹", false}, {"web", "웹", false}, {"shop", "샵", false},
	{"college", "칼리지", false}, {"korea", "코리아", false}, {"asia", "아시아", false},
	{"systems", "시스템스", false}, {"core", "코아", false}, {"real", "리얼", false},
	{"window", "윈도우", false}, {"center", "센타", false}, {"super", "슈퍼", false},
	// not in CMUdict: two words (제10항), spelling readings
	{"bankware", "뱅크웨어", true}, {"humancare", "휴먼케어", true}, {"webzen", "웹젠", false},
	{"medizen", "메디젠", false}, {"solumix", "솔루믹스", false}, {"piolink", "파이오링크", false},
}

var kanaCases = []struct {
	english, kana string
	primary       bool
}{
	{"holdings", "ホールディングス", true}, {"healthcare", "ヘルスケア", true},
	{"network", "ネットワーク", true}, {"global", "グローバル", true}, {"point", "ポイント", true},
	{"chemical", "ケミカル", true}, {"systems", "システムズ", true}, {"tech", "テック", true},
	{"system", "システム", true}, {"group", "グループ", true}, {"power", "パワー", true},
	{"design", "デザイン", true}, {"fashion", "ファッション", true}, {"center", "センター", true},
	{"service", "サービス", true}, {"data", "データ", true}, {"cat", "キャット", true},
	{"bed", "ベッド", true}, {"king", "キング", true}, {"bank", "バンク", true},
	{"switch", "スイッチ", true}, {"flash", "フラッシュ", true}, {"camp", "キャンプ", true},
	{"apple", "アップル", true}, {"quick", "クイック", true}, {"white", "ホワイト", true},
	{"store", "ストア", true}, {"care", "ケア", true}, {"engineer", "エンジニア", true},
	{"card", "カード", true}, {"team", "チーム", false}, {"table", "テーブル", true},
	{"software", "ソフトウェア", true}, {"internet", "インターネット", true},
	{"computer", "コンピューター", true}, {"seven", "セブン", true}, {"million", "ミリオン", true},
	{"visual", "ビジュアル", true}, {"cats", "キャッツ", true}, {"tower", "タワー", true},
	// variants
	{"vector", "ベクトル", false}, {"academy", "アカデミー", false}, {"mobile", "モーバイル", false},
	{"media", "メディア", false}, {"computer", "コンピュータ", false}, {"asia", "アジア", false},
	{"holdings", "ホールディングズ", false}, {"real", "リアル", false}, {"video", "ビデオ", true},
	// not in CMUdict
	{"yamax", "ヤマックス", false},
}

func TestHangul(t *testing.T) {
	for _, c := range hangulCases {
		got := Hangul(c.english)
		switch {
		case len(got) == 0:
			t.Errorf("Hangul(%q) = nil, want %s", c.english, c.hangul)
		case c.primary && got[0] != c.hangul:
			t.Errorf("Hangul(%q) = %v, want %s first", c.english, got, c.hangul)
		case !slices.Contains(got, c.hangul):
			t.Errorf("Hangul(%q) = %v, want %s among them", c.english, got, c.hangul)
		}
	}
}

func TestKatakana(t *testing.T) {
	for _, c := range kanaCases {
		got := Katakana(c.english)
		switch {
		case len(got) == 0:
			t.Errorf("Katakana(%q) = nil, want %s", c.english, c.kana)
		case c.primary && got[0] != c.kana:
			t.Errorf("Katakana(%q) = %v, want %s first", c.english, got, c.kana)
		case !slices.Contains(got, c.kana):
			t.Errorf("Katakana(%q) = %v, want %s among them", c.english, got, c.kana)
		}
	}
}

// Spellings seen in use that no transcription produces exactly still meet
// their word through the tolerant key (index) or the edit distance (pair).
var usageCases = []struct {
	native, english string
	indexed         bool // EnglishFor finds it too
}{
	{"홀딩스", "holdings", true}, {"헬스케어", "healthcare", true}, {"네트워크", "network", true},
	{"네트웍스", "networks", true}, {"네트워크스", "networks", true}, {"글로벌", "global", true},
	{"모바일", "mobile", true}, {"포인트", "point", true}, {"케미칼", "chemical", true},
	{"케미컬", "chemical", true}, {"시스템즈", "systems", true}, {"시스템스", "systems", true},
	{"텍", "tech", true}, {"테크", "tech", true}, {"아카데미", "academy", true},
	{"뱅크", "bank", true}, {"웨어", "ware", true}, {"휴먼", "human", true},
	{"써비스", "service", true}, {"쎈터", "center", true}, {"넷", "net", true}, {"네트", "net", true},
	{"웍스", "works", true}, {"쉐어", "share", true}, {"주얼리", "jewelry", false},
	{"ホールディングス", "holdings", true}, {"ホールディングズ", "holdings", true},
	{"ヘルスケア", "healthcare", true}, {"ネットワーク", "network", true}, {"グローバル", "global", true},
	{"モバイル", "mobile", true}, {"ポイント", "point", true}, {"ケミカル", "chemical", true},
	{"システムズ", "systems", true}, {"テック", "tech", true}, {"テク", "tech", true},
	{"ベクトル", "vector", true}, {"ベクター", "vector", true}, {"ヴィジョン", "vision", true},
	{"ビジョン", "vision", true}, {"ワイヤレス", "wireless", true}, {"ロイヤル", "royal", true},
	{"ぽいんと", "point", true}, {"コンピュータ", "computer", true},
	// names CMUdict lacks: pairs only
	{"메디젠", "Medizen", false}, {"휴먼케어", "Humancare", false}, {"뱅크웨어", "Bankware", false},
	{"웹젠", "Webzen", false}, {"솔루믹스", "Solumix", false}, {"파이오링크", "Piolink", false},
	{"デサント", "Descente", false}, {"ヤマックス", "Yamax", false}, {"메디포스트", "Medipost", false},
}

func TestUsage(t *testing.T) {
	for _, c := range usageCases {
		if sim, ok := Similar(c.native, c.english); !ok {
			t.Errorf("Similar(%s, %s) = %.2f, false; want true", c.native, c.english, sim)
		}
		if c.indexed {
			if got := EnglishFor(c.native); !slices.Contains(got, strings.ToLower(c.english)) {
				t.Errorf("EnglishFor(%s) = %v, want %s among them", c.native, got, c.english)
			}
		}
	}
}

// Pairs that must not match: other words that share a sound or two.
var negativeCases = [][2]string{
	{"포인트", "mobile"}, {"글로벌", "local"}, {"케미칼", "medical"}, {"뱅크", "bankware"},
	{"텍", "text"}, {"메디젠", "medical"}, {"웹젠", "weber"}, {"에스케이", "sky"},
	{"삼성", "sampling"}, {"네트워크", "networking"}, {"골드", "cold"}, {"콜드", "gold"},
	{"ホールディングス", "building"}, {"マックス", "works"}, {"ヘルスケア", "health"},
	{"システム", "stem"}, {"ベクトル", "doctor"}, {"エルジー", "lx"}, {"", "net"}, {"넷", ""},
	{"net", "net"}, {"네트워크", "네트워크"}, {"현대", "handy"},
}

func TestNegative(t *testing.T) {
	for _, c := range negativeCases {
		if sim, ok := Similar(c[0], c[1]); ok {
			t.Errorf("Similar(%q, %q) = %.2f, true; want false", c[0], c[1], sim)
		}
	}
	for _, native := range []string{"삼성", "현대", "東京", "トヨタ"} {
		for _, e := range EnglishFor(native) {
			if e == "samsung" || e == "hyundai" || e == "tokyo" || e == "toyota" {
				t.Errorf("EnglishFor(%s) has %s: the index is for English words", native, e)
			}
		}
	}
}

func TestSimilarScore(t *testing.T) {
	for _, c := range []struct {
		native, english string
		min, max        float64
	}{
		{"네트워크", "network", 1, 1}, {"엘지", "LG", 1, 1}, {"케미칼", "chemical", 1, 1},
		{"デサント", "descente", 0.8, 0.99}, {"포인트", "mobile", 0, 0.5},
		// A final ㅅ before ㅈ or ㅊ writes the d of -dge; elsewhere it is a t.
		{"엣지", "edge", 1, 1}, {"브릿지", "bridge", 1, 1}, {"로봇", "robot", 1, 1},
	} {
		if sim, _ := Similar(c.native, c.english); sim < c.min || sim > c.max {
			t.Errorf("Similar(%s, %s) = %.3f, want in [%v, %v]", c.native, c.english, sim, c.min, c.max)
		}
	}
}

func TestLetters(t *testing.T) {
	for _, c := range []struct{ native, latin string }{
		{"엘지", "lg"}, {"에스케이", "sk"}, {"디에스엠", "dsm"}, {"와이엠", "ym"},
		{"오에스지", "osg"}, {"オーエスジー", "osg"}, {"케이티", "kt"}, {"씨제이", "cj"},
		{"에이치디씨", "hdc"}, {"ジェイアール", "jr"}, {"エヌティーティー", "ntt"},
		{"더블유", "w"}, {"엑스", "x"}, {"제트", "z"}, {"にちえむ", ""},
		// Letters with "&" between them are a reading only against a
		// name with the "&" (LetterParses, LetterPrefixes).
		{"지앤알", ""},
	} {
		got, ok := Letters(c.native)
		if got != c.latin || ok != (c.latin != "") {
			t.Errorf("Letters(%s) = %q, %v; want %q", c.native, got, ok, c.latin)
		}
	}
	for _, c := range []struct{ native, latin string }{
		// "&" between letters: G&R, D&D, ST&I, S&B; not at either end,
		// and not twice.
		{"지앤알", "gr"}, {"디앤디", "dd"}, {"에스티앤아이", "sti"}, {"エスアンドビー", "sb"},
		{"앤지", ""}, {"지앤", ""}, {"지앤알앤비", ""},
	} {
		got := LetterParses(c.native)
		if c.latin == "" && len(got) > 0 || c.latin != "" && (len(got) == 0 || got[0] != c.latin) {
			t.Errorf("LetterParses(%s) = %v, want %q first", c.native, got, c.latin)
		}
	}
	var ic []string
	LetterPrefixes("아이엔씨", 0, func(end int, l string, _ bool) {
		if end == len("아이엔씨") {
			ic = append(ic, l)
		}
	})
	if !slices.Equal(ic, []string{"inc", "ic"}) {
		t.Errorf("LetterPrefixes(아이엔씨) at its end = %v, want [inc ic] (I N C, then I&C)", ic)
	}
	if got := LetterParses("지에스"); !slices.Equal(got, []string{"gs", "zs"}) {
		t.Errorf("LetterParses(지에스) = %v, want [gs zs]", got)
	}
	for _, c := range []struct {
		native, latin string
		n             int
	}{{"와이엠텍", "ym", len("와이엠")}, {"엘지전자", "lg", len("엘지")}, {"삼성", "", 0}} {
		if l, n := LetterPrefix(c.native); l != c.latin || n != c.n {
			t.Errorf("LetterPrefix(%s) = %q, %d; want %q, %d", c.native, l, n, c.latin, c.n)
		}
	}
	for _, native := range []string{"삼성", "엘지전자", "포인트", ""} {
		if l, ok := Letters(native); ok {
			t.Errorf("Letters(%s) = %q, true; want false", native, l)
		}
	}
}

// TestPrefixes segments unspaced runs with the lattice: each run has a path
// through words of the index (and letter names).
func TestPrefixes(t *testing.T) {
	for _, c := range []struct {
		run   string
		words []string
	}{
		{"뱅크웨어글로벌", []string{"bank", "ware", "global"}},
		{"포인트모바일", []string{"point", "mobile"}},
		{"휴먼케어", []string{"human", "care"}},
		{"ネットワークシステムズ", []string{"network", "systems"}},
		{"ヘルスケアホールディングス", []string{"healthcare", "holdings"}},
	} {
		// path[i] is the words of one segmentation of run[:i]
		path := map[int][]string{0: nil}
		for i := 0; i < len(c.run); {
			if p, ok := path[i]; ok {
				Prefixes(c.run, i, func(end int, english []string) {
					if _, seen := path[end]; seen {
						return
					}
					want := c.words[len(p)%len(c.words)]
					if slices.Contains(english, want) {
						path[end] = append(slices.Clone(p), want)
					}
				})
			}
			_, size := utf8.DecodeRuneInString(c.run[i:])
			i += size
		}
		if got := path[len(c.run)]; !slices.Equal(got, c.words) {
			t.Errorf("segmenting %s: got %v, want %v", c.run, got, c.words)
		}
	}
	var ends []int
	Prefixes("와이엠텍", len("와이엠"), func(end int, english []string) {
		if slices.Contains(english, "tech") {
			ends = append(ends, end)
		}
	})
	if !slices.Equal(ends, []int{len("와이엠텍")}) {
		t.Errorf("Prefixes(와이엠텍, after 와이엠) gave tech at %v", ends)
	}
	Prefixes("abc", 0, func(int, []string) { t.Error("Prefixes on Latin called fn") })
	Prefixes("텍", 5, func(int, []string) { t.Error("Prefixes past the end called fn") })
}

func TestKeys(t *testing.T) {
	same := [][2]string{
		{"넷", "네트"}, {"웍", "워크"}, {"웹", "웨브"}, {"써비스", "서비스"}, {"쥬스", "주스"},
		{"슬라이드", "스라이드"}, {"셋트", "세트"}, {"캐피탈", "케피탈"}, {"쉐어", "셰어"},
		{"ヴィジョン", "ビジョン"}, {"ティー", "チ"}, {"ファイル", "ファイル"}, {"ウィンドウ", "ウインドウ"},
		{"ホールディングズ", "ホールディングス"}, {"ケース", "ケイス"}, {"ネット", "ネト"},
		{"ぽいんと", "ポイント"},
	}
	for _, c := range same {
		a, _ := nativeKey(nil, c[0])
		b, _ := nativeKey(nil, c[1])
		if string(a) != string(b) {
			t.Errorf("key(%s) = %s, key(%s) = %s; want equal", c[0], a, c[1], b)
		}
	}
	differ := [][2]string{{"골드", "콜드"}, {"뱅크", "벙크"}, {"バス", "パス"}, {"キャット", "カット"}}
	for _, c := range differ {
		a, _ := nativeKey(nil, c[0])
		b, _ := nativeKey(nil, c[1])
		if string(a) == string(b) {
			t.Errorf("key(%s) = key(%s) = %s; want different", c[0], c[1], a)
		}
	}
	if _, s := nativeKey(nil, "삼성SDI"); s != 0 {
		t.Error("mixed scripts got a key")
	}
}

func TestEnglishFor(t *testing.T) {
	if got := EnglishFor("네트워크"); len(got) == 0 || got[0] != "network" {
		t.Errorf("EnglishFor(네트워크) = %v, want network first", got)
	}
	for _, native := range []string{"", "abc", "東京", "네트워크abc"} {
		if got := EnglishFor(native); got != nil {
			t.Errorf("EnglishFor(%q) = %v, want nil", native, got)
		}
	}
	// the index holds common words of three letters or more only
	for _, w := range []string{"go", "aaberg", "don't"} {
		for _, h := range Hangul(w) {
			if slices.Contains(EnglishFor(h), w) {
				t.Errorf("EnglishFor(%s) has %s, which is not indexed", h, w)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, w := range []string{"", "héllo", "123", "a1"} {
		if got := Hangul(w); got != nil {
			t.Errorf("Hangul(%q) = %v, want nil", w, got)
		}
	}
	if got := Hangul("Net-Work"); len(got) == 0 || got[0] != "네트워크" {
		t.Errorf("Hangul(Net-Work) = %v", got)
	}
}

func FuzzSimilar(f *testing.F) {
	for _, c := range usageCases {
		f.Add(c.native, c.english)
	}
	f.Add("ㄱㄴ", "x")
	f.Add("ーッ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	f.Fuzz(func(t *testing.T, native, english string) {
		sim, ok := Similar(native, english)
		if sim < 0 || sim > 1 {
			t.Fatalf("Similar(%q, %q) = %v", native, english, sim)
		}
		if ok && sim == 0 {
			t.Fatalf("Similar(%q, %q) ok with similarity 0", native, english)
		}
		Letters(native)
		EnglishFor(native)
		Prefixes(native, 0, func(int, []string) {})
		Hangul(english)
		Katakana(english)
	})
}

func TestConcurrent(t *testing.T) {
	// The same answers from four goroutines as from one, with the caches
	// filled concurrently (and no race under -race).
	type answer struct {
		sim     float64
		ok      bool
		english string
		hangul  string
	}
	ask := func() []answer {
		var out []answer
		for _, c := range usageCases {
			s, ok := Similar(c.native, c.english+"x")
			out = append(out, answer{s, ok, strings.Join(EnglishFor(c.native), ","), strings.Join(Hangul(c.english), ",")})
		}
		return out
	}
	results := make(chan []answer)
	for g := 0; g < 4; g++ {
		go func() { results <- ask() }()
	}
	var got [][]answer
	for g := 0; g < 4; g++ {
		got = append(got, <-results)
	}
	want := ask()
	for _, g := range got {
		if !slices.Equal(g, want) {
			t.Fatalf("concurrent answers differ from sequential ones:\n%v\n%v", g, want)
		}
	}
}

func TestPinyinWrites(t *testing.T) {
	for _, c := range []struct {
		syl    string
		word   string
		want   bool
		vowels int // syllables that keep their vowel in the word
	}{
		{"si lai ke", "slac", true, 1},    // s|la|c
		{"duo pu le", "doppler", true, 2}, // dop|p|ler
		{"tuo bang", "topband", true, 2},
		{"ying wei teng", "invt", true, 1}, // in|v|t
		{"shun luo", "sunlord", true, 2},
		{"sai ge", "seg", true, 0},      // se|g: the initials only
		{"de sheng", "tecsun", true, 2}, // the neutral e as e and u
		{"tian jian", "tagen", true, 1},
		{"pu li te", "pret", true, 0},
		{"tian jian", "shenzhen", false, 0},     // s is not a t
		{"tuo bang", "topbandwidths", false, 0}, // too long for two syllables
		{"si", "s", false, 0},                   // one syllable says nothing
		{"duo pu le", "dpl", false, 0},          // shorter than the syllables, plus one
		{"xxq bang", "topband", false, 0},       // not pinyin
	} {
		vowels, ok := PinyinWrites(strings.Fields(c.syl), c.word)
		if ok != c.want || vowels != c.vowels {
			t.Errorf("PinyinWrites(%q, %q) = %d, %v, want %d, %v", c.syl, c.word, vowels, ok, c.vowels, c.want)
		}
	}
}

// find, which searches the words of the first two letters only, finds
// every word of the dictionary at its place, and no word it lacks.
func TestFindEveryWord(t *testing.T) {
	d := &get().dict
	for i := range d.len() {
		if got := d.find(d.word(i)); got != i {
			t.Fatalf("find(%q) = %d, want %d", d.word(i), got, i)
		}
	}
	for _, w := range []string{"", "a", "zzzzzz", "qx", "medizen", "solumix", "\xff", "aaaaaaaa"} {
		if i := d.find(w); i >= 0 && d.word(i) != w {
			t.Fatalf("find(%q) = %d (%q)", w, i, d.word(i))
		}
		n := d.len()
		j := sort.Search(n, func(i int) bool { return d.word(i) >= w })
		want := -1
		if j < n && d.word(j) == w {
			want = j
		}
		if got := d.find(w); got != want {
			t.Fatalf("find(%q) = %d, a search of all words %d", w, got, want)
		}
	}
}

// A letter lattice bounded by letterReach reads every prefix as the whole
// one does, and the whole one reads nothing beyond the bound.
func TestLetterReach(t *testing.T) {
	for _, s := range []string{"에이비씨홀딩스", "엘지전자", "에스케이앤에이치", "디에스엠", "한빛메디컬시스템즈", "オーエスジー", "エヌティティデータ", "エイチアンドエム", "씨제이", "앤", "삼성"} {
		s = toKatakana(s)
		n := letterReach(s)
		full, cut := letterParses(s), letterParses(s[:n])
		if !reflect.DeepEqual(full[:n+1], cut) {
			t.Errorf("%s: lattice to %d differs from the whole one's", s, n)
		}
		for j := n + 1; j < len(full); j++ {
			if len(full[j]) > 0 {
				t.Errorf("%s: reading %v at %d, beyond letterReach %d", s, full[j], j, n)
			}
		}
	}
}

// Word reports what Prefixes reports for the end of the string.
func TestWord(t *testing.T) {
	for _, s := range []string{"뱅크", "뱅크웨어", "포인트", "ホールディングス", "ヘルスケア", "네트웍", "삼성", "뱅크ホ", "", "a", "이"} {
		var want, got []string
		Prefixes(s, 0, func(end int, english []string) {
			if end == len(s) {
				want = slices.Clone(english)
			}
		})
		Word(s, func(english []string) { got = slices.Clone(english) })
		if !slices.Equal(got, want) {
			t.Errorf("Word(%q) = %q, Prefixes gives %q", s, got, want)
		}
	}
}

// LettersEach gives Letters of every prefix.
func TestLettersEach(t *testing.T) {
	for _, s := range []string{"에이비씨홀딩스", "엘지전자", "에스케이앤에이치", "디에스엠", "한빛메디컬시스템즈", "オーエスジー", "エヌティティデータ", "씨제이", "삼성", "", "에이"} {
		want := map[int]string{}
		for end := 1; end <= len(s); end++ {
			if l, ok := Letters(s[:end]); ok {
				want[end] = l
			}
		}
		got := map[int]string{}
		LettersEach(s, func(end int, latin string) { got[end] = latin })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("LettersEach(%q) = %v, Letters of the prefixes %v", s, got, want)
		}
	}
}
