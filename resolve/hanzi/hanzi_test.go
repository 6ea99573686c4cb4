package hanzi

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hasGloss reports whether some gloss contains one of the wanted words.
func hasGloss(glosses Glosses, want ...string) bool {
	for g := range glosses.All() {
		for _, w := range want {
			if strings.Contains(g, w) {
				return true
			}
		}
	}
	return false
}

func TestGloss(t *testing.T) {
	tests := []struct {
		group, word string
		want        []string // any gloss containing any of these
		weak        bool
	}{
		{"simplified", "电线", []string{"cable", "wire"}, false},
		{"simplified", "化学", []string{"chemistry", "chemical"}, false},
		{"simplified", "造船", []string{"shipbuilding"}, false},
		{"simplified", "银行", []string{"bank"}, false},
		{"simplified", "储蓄", []string{"savings"}, false},
		{"simplified", "公司", []string{"company"}, false},
		{"simplified", "钢铁", []string{"steel"}, false},
		{"simplified", "电缆", []string{"cable"}, false},
		{"simplified", "有限公司", []string{"limited company"}, false},
		{"traditional", "電線", []string{"cable", "wire"}, false},
		{"traditional", "化學", []string{"chemistry", "chemical"}, false},
		{"traditional", "銀行", []string{"bank"}, false},
		{"traditional", "儲蓄", []string{"savings"}, false},
		{"traditional", "電纜", []string{"cable"}, false},
		{"both spellings merged", "发", []string{"hair"}, true}, // 發 and 髮
		{"single character", "电", []string{"electric"}, true},
		{"single character", "金", []string{"gold"}, true},
		{"shinjitai", "薬品", []string{"medicine", "drug"}, false},
		{"shinjitai", "鉄道", []string{"railway"}, false},
		{"shinjitai", "発電", []string{"electricity"}, false},
		{"shinjitai", "図書館", []string{"library"}, false},
		{"shinjitai", "音楽", []string{"music"}, false},
		{"shinjitai", "検査", []string{"inspect"}, false},
		{"shinjitai", "証券", []string{"security", "stocks"}, false},
		{"shinjitai", "広告", []string{"advertis"}, false},
		{"shinjitai", "国際", []string{"international"}, false},
		{"shinjitai", "芸術", []string{"art"}, false},
		{"shinjitai, 欠 respelt 缺", "欠陥", []string{"defect"}, false},
		{"shinjitai phrase", "予約", []string{"reservation"}, false},
		{"Japanese word in CC-CEDICT", "株式会社", []string{"corporation"}, false},
	}
	for _, tt := range tests {
		e, ok := Gloss(tt.word)
		if !ok || !hasGloss(e.Glosses, tt.want...) {
			t.Errorf("%s: Gloss(%s) = %v, %v; want a gloss with one of %q", tt.group, tt.word, e, ok, tt.want)
			continue
		}
		if e.Chars != utf8.RuneCountInString(tt.word) || e.Weak() != tt.weak {
			t.Errorf("%s: Gloss(%s): Chars %d, Weak %v; want %d, %v", tt.group, tt.word, e.Chars, e.Weak(),
				utf8.RuneCountInString(tt.word), tt.weak)
		}
		if e.Glosses.Len() > 6 {
			t.Errorf("%s: Gloss(%s): %d glosses, want at most 6", tt.group, tt.word, e.Glosses.Len())
		}
	}
}

func TestGlossProper(t *testing.T) {
	// A proper name's glosses are its English names, after those of any
	// common-noun entry.
	for _, c := range [][2]string{{"中国", "china"}, {"中國", "china"}, {"三菱", "mitsubishi"}} {
		e, ok := Gloss(c[0])
		if !ok || !e.Proper || !hasGloss(e.Glosses, c[1]) {
			t.Errorf("Gloss(%s) = %v, %v; want a proper name glossed %q", c[0], e, ok, c[1])
		}
	}
	// A name that is also a common word keeps the word's glosses.
	if e, ok := Gloss("现代"); !ok || !e.Proper || !hasGloss(e.Glosses, "modern") {
		t.Errorf("Gloss(现代) = %v, %v; want Proper with the glosses of 'modern times'", e, ok)
	}
	for _, w := range []string{"银行", "化学", "株式会社"} {
		if e, _ := Gloss(w); e.Proper {
			t.Errorf("Gloss(%s).Proper = true, want false", w)
		}
	}
}

func TestGlossMissing(t *testing.T) {
	for _, w := range []string{"", "abc", "电线x", "电 线", "线电线电线电线", "の", "전선", strings.Repeat("电", 40)} {
		if e, ok := Gloss(w); ok {
			t.Errorf("Gloss(%q) = %v, true; want not found", w, e)
		}
	}
}

func TestGlossCleaning(t *testing.T) {
	for _, h := range []*hanTable{hanOnce(), hanOnce().kana()} {
		testGlossCleaning(t, h)
	}
}

func testGlossCleaning(t *testing.T, h *hanTable) {
	if len(h.keys) < 20000 {
		t.Fatalf("only %d keys", len(h.keys))
	}
	for i, s := range h.sets {
		gl := slices.Collect(Glosses{h.text[s.off : s.off+uint32(s.len)]}.All())
		if len(gl) > 6 {
			t.Errorf("set %d: %d glosses", i, len(gl))
		}
		if len(gl) == 0 && !s.proper {
			t.Errorf("set %d: no glosses and not a name", i)
		}
		for _, g := range gl {
			words := strings.Fields(g)
			if g == "" || len(words) > 3 || g != strings.ToLower(g) || strings.ContainsAny(g, "()[]|") ||
				strings.HasPrefix(g, "to ") || strings.HasPrefix(g, "the ") || strings.HasPrefix(g, "a ") ||
				strings.Contains(g, "variant of") || strings.Contains(g, "surname") || strings.Contains(g, "cl:") {
				t.Errorf("set %d: bad gloss %q", i, g)
			}
		}
	}
	for i := range h.keys {
		k := h.key(i)
		n, kana := 0, 0
		for _, r := range k {
			if isKatakana(r) {
				kana++
			} else if !unicode.Is(unicode.Han, r) {
				t.Errorf("key %q: %q is neither Han nor katakana", k, r)
			}
			n++
		}
		if kana > 0 && kana < n {
			t.Errorf("key %q: Han and katakana mixed", k)
		}
		if (kana == 0 && n > MaxChars) || n > MaxKanaChars || (kana > 0 && n < 2) {
			t.Errorf("key %q: %d characters", k, n)
		}
		if e := h.entry(i, k); n == 1 && e.Proper {
			t.Errorf("key %q: single character marked Proper", k)
		}
		if (kana > 0) != (h.kana == nil) {
			t.Errorf("key %q in the wrong table", k)
		}
	}
}

func TestShinjitaiTable(t *testing.T) {
	h := hanOnce()
	want := map[rune]rune{'薬': '藥', '沢': '澤', '広': '廣', '鉄': '鐵', '駅': '驛', '売': '賣', '発': '發',
		'関': '關', '図': '圖', '楽': '樂', '応': '應', '検': '檢', '証': '證', '銭': '錢', '円': '圓'}
	for from, to := range want {
		if got := h.shin[from]; !strings.ContainsRune(got, to) {
			t.Errorf("shinjitai %c → %q, want it to contain %c", from, got, to)
		}
	}
	if got := h.shin['弁']; !strings.ContainsRune(got, '辨') || !strings.ContainsRune(got, '辯') {
		t.Errorf("shinjitai 弁 → %q, want 辨 and 辯 among them", got)
	}
	for _, to := range h.phrases {
		if h.find(to) < 0 {
			t.Errorf("shinjitai phrase target %s is not in the table", to)
		}
	}
}

func TestSinoKorean(t *testing.T) {
	tests := []struct {
		group, hangul string
		want          []string
		homographs    int // 0: more than one
	}{
		{"several Han words", "전선", []string{"cable", "wire"}, 0}, // 電線 among 前線 戰線...
		{"two spellings", "저축", []string{"savings"}, 2},           // 儲蓄 (CC-CEDICT), 貯蓄 (EDICT)
		{"several Han words", "조선", []string{"shipbuilding"}, 0},  // 造船; 朝鮮 is a name only
		{"several Han words", "은행", []string{"bank"}, 2},          // 銀行 銀杏
		{"several Han words", "화학", []string{"chemical"}, 0},
		{"one Han word", "중공업", []string{"heavy industry"}, 1},
		{"initial-sound rule", "노동", []string{"labor"}, 2}, // 勞動 로동, and EDICT's 勞働
		{"without the rule", "로동", []string{"labor"}, 2},
		{"initial-sound rule", "이익", []string{"benefit"}, 0}, // 利益 리익, and EDICT's 利翼 …
		{"without the rule", "리익", []string{"benefit"}, 1},
		{"률 after a vowel or ㄴ", "선율", []string{"melody"}, 1},  // 旋律
		{"不 before ㄷ", "부동산", []string{"real estate"}, 0},      // 不動產 (and EDICT's 不動産 spellings)
		{"four syllables", "주식회사", []string{"corporation"}, 1}, // 株式會社
	}
	for _, tt := range tests {
		g, n, ok := SinoKorean(tt.hangul)
		if !ok || !hasGloss(g, tt.want...) {
			t.Errorf("%s: SinoKorean(%s) = %v, %d, %v; want a gloss with one of %q", tt.group, tt.hangul, g, n, ok, tt.want)
			continue
		}
		if (tt.homographs == 0 && n < 2) || (tt.homographs > 0 && n != tt.homographs) {
			t.Errorf("%s: SinoKorean(%s): %d homographs, want %d (0: several)", tt.group, tt.hangul, n, tt.homographs)
		}
	}
	for _, h := range []string{"", "전", "hello", "電線", "전선전선전", "뷁뷁"} {
		if g, n, ok := SinoKorean(h); ok {
			t.Errorf("SinoKorean(%q) = %v, %d, true; want not found", h, g, n)
		}
	}
}

func TestSinoKoreanWords(t *testing.T) {
	var words []string
	SinoKoreanWords("조선", func(han string, e Entry) {
		words = append(words, han)
		if e.Glosses.Len() == 0 || e.Chars != 2 {
			t.Errorf("SinoKoreanWords(조선): %s has entry %v", han, e)
		}
	})
	if !slices.Contains(words, "造船") || slices.Contains(words, "朝鮮") {
		t.Errorf("SinoKoreanWords(조선) = %v, want 造船 and not 朝鮮 (a name only)", words)
	}
	_, n, _ := SinoKorean("조선")
	if len(words) != n {
		t.Errorf("SinoKoreanWords(조선) gave %d words, SinoKorean %d homographs", len(words), n)
	}
}

// TestKoreanUnion checks that the glosses of a shared reading contain the
// first gloss of each of its words, without repeats.
func TestKoreanUnion(t *testing.T) {
	k := korOnce()
	for i := range k.keys {
		g, n := k.glosses(i)
		if n > 1 {
			seen := map[string]bool{}
			for x := range g.All() {
				if seen[x] {
					t.Fatalf("reading %s: gloss %q twice", k.key(i), x)
				}
				seen[x] = true
			}
			for _, w := range k.words[k.keys[i].words : k.keys[i].words+uint32(n)] {
				if first := k.han.glosses(int(w)).First(); !seen[first] {
					t.Fatalf("reading %s: first gloss %q of %s missing", k.key(i), first, k.han.key(int(w)))
				}
			}
		}
		if r := utf8.RuneCountInString(k.key(i)); r < 2 || r > 4 {
			t.Fatalf("reading %s: %d syllables", k.key(i), r)
		}
	}
}

func TestPrefixes(t *testing.T) {
	tests := []struct {
		s     string
		start int
		want  []int // ends, must all be reported
		none  bool
	}{
		{"电线电缆", 0, []int{3, 6}, false},        // 电, 电线
		{"电线电缆", 6, []int{9, 12}, false},       // 电, 电缆
		{"中国银行股份有限公司", 0, []int{6, 12}, false}, // 中国, 中国银行
		{"中国银行股份有限公司", 18, []int{30}, false},   // 有限公司
		{"薬品会社", 0, []int{6}, false},           // 薬品 as 藥品
		{"abc电线", 0, nil, true},                // not at a Han character
		{"abc电线", 3, []int{6, 9}, false},
		{"电线の", 0, []int{3, 6}, false}, // the run ends at kana
		{"电线", 6, nil, true},
		{"电线", -1, nil, true},
	}
	for _, tt := range tests {
		var got []int
		Prefixes(tt.s, tt.start, func(end int, e Entry) {
			if end <= tt.start || end > len(tt.s) || e.Chars != utf8.RuneCountInString(tt.s[tt.start:end]) {
				t.Errorf("Prefixes(%s, %d): bad edge %d %v", tt.s, tt.start, end, e)
			}
			if len(got) > 0 && end <= got[len(got)-1] {
				t.Errorf("Prefixes(%s, %d): ends not increasing: %v then %d", tt.s, tt.start, got, end)
			}
			got = append(got, end)
		})
		if tt.none && len(got) > 0 {
			t.Errorf("Prefixes(%s, %d) = %v, want none", tt.s, tt.start, got)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Prefixes(%s, %d) = %v, want %d among them", tt.s, tt.start, got, w)
			}
		}
	}
}

func TestSinoKoreanPrefixes(t *testing.T) {
	tests := []struct {
		s     string
		start int
		want  []int
	}{
		{"저축은행", 0, []int{6}},     // 저축
		{"저축은행", 6, []int{12}},    // 은행
		{"현대중공업", 6, []int{15}},   // 중공업
		{"LG전자", 2, []int{8}},     // 전자
		{"LG전자", 0, nil},          // not at Hangul
		{"전선 회사", 0, []int{6}},    // the run ends at the space
		{"주식회사", 0, []int{6, 12}}, // 주식, 주식회사
	}
	for _, tt := range tests {
		var got []int
		SinoKoreanPrefixes(tt.s, tt.start, func(end int, g Glosses, n int) {
			if g.Len() == 0 || n < 1 {
				t.Errorf("SinoKoreanPrefixes(%s, %d): edge %d with %v, %d", tt.s, tt.start, end, g, n)
			}
			got = append(got, end)
		})
		if tt.want == nil && got != nil {
			t.Errorf("SinoKoreanPrefixes(%s, %d) = %v, want none", tt.s, tt.start, got)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("SinoKoreanPrefixes(%s, %d) = %v, want %d among them", tt.s, tt.start, got, w)
			}
		}
	}
}

func TestNoAllocs(t *testing.T) {
	Gloss("电线")
	SinoKorean("전선")
	cases := map[string]func(){
		"Gloss":              func() { Gloss("電線") },
		"Gloss shinjitai":    func() { Gloss("図書館") },
		"Gloss missing":      func() { Gloss("线电线") },
		"SinoKorean":         func() { SinoKorean("전선") },
		"Prefixes":           func() { Prefixes("中国银行股份有限公司", 0, func(int, Entry) {}) },
		"SinoKoreanPrefixes": func() { SinoKoreanPrefixes("현대중공업", 0, func(int, Glosses, int) {}) },
	}
	for name, f := range cases {
		if a := testing.AllocsPerRun(100, f); a != 0 {
			t.Errorf("%s: %.1f allocations per call, want 0", name, a)
		}
	}
}

// loadedHeap returns the heap the loaded tables hold, in bytes.
func loadedHeap() (han, kor uint64) {
	var m0, m1, m2 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	h := loadHan()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	k := loadKorean(h)
	runtime.GC()
	runtime.ReadMemStats(&m2)
	runtime.KeepAlive(k)
	return m1.HeapAlloc - m0.HeapAlloc, m2.HeapAlloc - m1.HeapAlloc
}

func TestHeap(t *testing.T) {
	han, kor := loadedHeap()
	t.Logf("heap: gloss table %.1f MB, Korean index %.1f MB", float64(han)/1e6, float64(kor)/1e6)
	if han+kor > 30e6 {
		t.Errorf("loaded tables take %.1f MB, want under 30 MB", float64(han+kor)/1e6)
	}
}

func FuzzPrefixes(f *testing.F) {
	for _, s := range []string{"中国银行", "薬品会社", "저축은행", "abc电线", "\xff电", ""} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, start int) {
		Gloss(s)
		SinoKorean(s)
		Prefixes(s, start, func(end int, _ Entry) {
			if end <= start || end > len(s) {
				t.Fatalf("Prefixes(%q, %d): end %d", s, start, end)
			}
		})
		SinoKoreanPrefixes(s, start, func(end int, _ Glosses, _ int) {
			if end <= start || end > len(s) {
				t.Fatalf("SinoKoreanPrefixes(%q, %d): end %d", s, start, end)
			}
		})
	})
}

// The embedded files, released once decoded (package embedded), read back
// unchanged: the kernel pages them in again from the executable.
func TestReleasedDataReadsBack(t *testing.T) {
	hanOnce()
	korOnce()
	for name, gz := range map[string]string{"cedict.tsv.gz": cedictGZ, "korean.tsv.gz": koreanGZ} {
		data := gunzip(name, gz)
		if !strings.HasPrefix(data, "#hanzi-") || len(data) < len(gz) {
			t.Errorf("%s: %d bytes decoded, header %.20q", name, len(data), data)
		}
	}
}

// Word and KanaWord report what Prefixes and KanaPrefixes report for the
// end of the string.
func TestWholeWord(t *testing.T) {
	for _, s := range []string{"电线", "電線", "薬品", "中国银行", "中国银行股份有限", "电", "电x", "", "チタン", "チ", "エネルギー", "チタン工業", "アイウエオカキクケコサシス", "\xff电"} {
		for name, f := range map[string]struct {
			word   func(string) (Entry, bool)
			prefix func(string, int, func(int, Entry))
		}{"Word": {Word, Prefixes}, "KanaWord": {KanaWord, KanaPrefixes}} {
			var want Entry
			found := false
			f.prefix(s, 0, func(end int, e Entry) {
				if end == len(s) {
					want, found = e, true
				}
			})
			got, ok := f.word(s)
			if ok != found || got != want {
				t.Errorf("%s(%q) = %v, %v; the prefixes give %v, %v", name, s, got, ok, want, found)
			}
		}
	}
}
