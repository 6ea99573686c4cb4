package main

import "testing"

func TestCleanGloss(t *testing.T) {
	tests := []struct {
		in, want string // want "" when dropped
	}{
		{"to save money (in a bank)", "save money"},
		{"(bound form) commercial firm", "commercial firm"},
		{"the Great Wall", "great wall"},
		{"a guild", "guild"},
		{"lit. dragon", "dragon"},
		{"Ltd", "ltd"},
		{"shipbuilding", "shipbuilding"},
		{"surname Tie", ""},
		{"CL:根[gen1]", ""},
		{"Taiwan pr. [xing4]", ""},
		{"variant of 線|线[xian4]", ""},
		{"see 拜拜[bai2 bai2]", ""},
		{"abbr. for 中國銀行|中国银行", ""},
		{"classifier for rows or lines", ""},
		{"to do sth", ""},
		{"xue2", ""},
		{"the Japanese word for company", ""}, // four words
		{"radical", "radical"},
		// Notes in brackets do not drop a good gloss.
		{"paper (CL:張|张[zhang1],沓[da2])", "paper"},
		{"(chemistry) cobalt (Taiwan pr. [gu1])", "cobalt"},
		{"(archaic) to go", ""},
		{"radical in Chinese characters (Kangxi radical 9)", ""},
	}
	for _, tt := range tests {
		got, ok := cleanGloss(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("cleanGloss(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsProperPinyin(t *testing.T) {
	for p, want := range map[string]bool{"San1 ling2": true, "Zhong1 guo2": true, "yin2 hang2": false,
		"san1 C": false, "A B zhi4": false, "Tie3": true} {
		if got := isProperPinyin(p); got != want {
			t.Errorf("isProperPinyin(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestKoreanReading(t *testing.T) {
	readings := map[rune]rune{'電': '전', '線': '선', '勞': '로', '動': '동', '利': '리', '益': '익',
		'旋': '선', '律': '률', '比': '비', '不': '불', '產': '산', '女': '녀', '子': '자', '正': '정',
		'平': '평', '樂': '락', '園': '원'}
	tests := []struct{ word, std, raw string }{
		{"電線", "전선", "전선"},
		{"勞動", "노동", "로동"},
		{"利益", "이익", "리익"},
		{"女子", "여자", "녀자"},
		{"旋律", "선율", "선율"},
		{"比律", "비율", "비율"},
		{"不動產", "부동산", "부동산"},
		{"不正", "부정", "부정"},
		{"不平", "불평", "불평"},
		{"樂園", "낙원", "락원"},
	}
	for _, tt := range tests {
		std, raw, ok := koreanReading(tt.word, readings)
		if !ok || std != tt.std || raw != tt.raw {
			t.Errorf("koreanReading(%s) = %s, %s, %v; want %s, %s", tt.word, std, raw, ok, tt.std, tt.raw)
		}
	}
	if _, _, ok := koreanReading("電x", readings); ok {
		t.Error("koreanReading(電x) found a reading")
	}
}
