package match

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/romanize"
)

// Cross-script evidence, one group per kind of reason. The names are made
// up (no evaluation names: those stay in ../shared), built from ordinary
// words so that each pair shows one rule.
func TestCrossScriptEvidence(t *testing.T) {
	m := newTestMatcher()
	cases := []struct {
		a, b   string
		reason string // a reason kind the explanation must hold
	}{
		// A Sino-Korean word read through the Chinese word it is (전선 電線 wire).
		{"새빛전선", "Saebit Wire Co., Ltd.", "translation"},
		// English words written by sound in Hangul and katakana.
		{"새빛메디컬시스템즈", "Saebit Medical Systems", "joined_words"},
		{"株式会社サクラネットワーク", "Sakura Network Co., Ltd.", "joined_words"},
		// Latin letters spelled out.
		{"에이비씨홀딩스", "ABC Holdings Inc.", "letters"},
		// Letters with "&" between them (앤, 엔: 비앤알 B&R), and words
		// (새빛앤홈 Saebit & Home); P&C is not the legal form "p c".
		{"비앤알", "B&R Inc.", "letters"},
		// One letter spelled by one syllable, against a one-letter word
		// (이 E: 이새빛 E-Saebit).
		{"이새빛", "E-Saebit Co., Ltd.", "letters"},
		{"새빛피앤씨", "SAEBIT P&C INC.", "letters"},
		{"아이엔씨테크", "I&C Tech Co., Ltd.", "letters"},
		{"새빛앤홈", "Saebit & Home Co., Ltd.", "loanword"},
		{"부흥", "Boohung Co., Ltd.", "romanisation"},
		// 앤 between two words the vocabulary cut apart is their "&".
		{"새빛타이어앤테크놀로지", "Saebit Tire & Technology Co., Ltd.", "generic_equivalent"},
		// A generic loanword and the syllables after it are one English
		// word by sound: 테크놀러지스 (러, not the vocabulary's 로) is
		// technologies, 바이오로직스 biologics.
		{"새빛테크놀러지스", "Saebit Technologies Co., Ltd.", "generic_equivalent"},
		{"새빛바이오로직스", "Saebit Biologics Co., Ltd.", "generic_equivalent"},
		// A reading that heads an English compound (바이오 bio / Bioscience).
		{"새빛바이오", "Saebit Bioscience Co., Ltd.", "loanword"},
		// Words the vocabulary cut apart, written together in Latin: the
		// letters 지에스 and the loanword 바이오 (bio).
		{"지에스바이오", "GSBIO Co., Ltd.", "joined_words"},
		// Letters written one by one between nakaguro: アイ・エス・ケイ is ISK.
		{"株式会社サクラ・アイ・エス・ケイ", "Sakura ISK Co., Ltd.", "joined_words"},
		// Kanji read by the analyser (山川 yamakawa, 精工 seikō = seiko).
		{"株式会社山川精工", "Yamakawa Seiko Co., Ltd.", "reading"},
		// Chinese words glossed by CC-CEDICT (电梯 elevator).
		{"北京星光电梯有限公司", "Beijing Xingguang Elevator Co., Ltd.", "translation"},
		// A character glossed with a note in brackets (纸 "paper (CL:張)"),
		// and 业 "industry", which English names leave unsaid; the English
		// of 股份有限公司 ("Share Co., Ltd.") is that legal form.
		{"星光纸业股份有限公司", "Xingguang Paper Share Co., Ltd.", "translation"},
		{"星光钴业股份有限公司", "Xingguang Cobalt Co., Ltd.", "translation"},
		// A gloss meets the word derived from it (规划 plan / Planning,
		// 支付 pay / Payment).
		{"星光规划股份有限公司", "Xingguang Planning Co., Ltd.", "translation"},
		{"星光支付股份有限公司", "Xingguang Payment Co., Ltd.", "translation"},
		// High-tech with a hyphen is Hi-Tech, one word in 科技.
		{"星光科技股份有限公司", "Xingguang High-tech Co., Ltd.", "generic_equivalent"},
		// English forms of Russian ones, and a form typed in Latin
		// look-alikes (AHO is АНО).
		{"Федеральное Казенное Предприятие ‘Северный ремонтный завод’", "Federal State Enterprise ‘Northern Repair Plant’", "translation"},
		{"AHO ‘Северный ремонтный завод’", "ANO Northern Repair Plant", "translation"},
		// A dedication that is all there is to the name is the name.
		{"ФКП ‘Завод имени Н.Н. Громова’", "Federal State Enterprise ‘Plant named after N.N. Gromov’", "transliteration"},
		// Russian words translated, on their stems.
		{"АО «Северный ремонтный завод»", "JSC Northern Repair Plant", "translation"},
		// A stopword of English that translates a character (高 high).
		{"四川星光高新技术股份有限公司", "Sichuan Xingguang High-tech Co., Ltd.", "translation"},
		// A Soviet designation after the form, in words in English.
		{"Акционерное Общество ‘Научно-Производственное Предприятие ‘Ромашка’’", "Joint Stock Company Scientific Production Enterprise ‘Romashka’", "transliteration"},
		// A brand written by sound in characters: 凯普乐 kai pu le, Kapler.
		{"杭州凯普乐科技股份有限公司", "Hangzhou Kapler Technology Co., Ltd.", "loanword"},
		// English words written in Cyrillic by sound, short ones too; an
		// adjective in -ийский is the English -ic, and при- the land along
		// the place.
		{"ООО ‘Ромашка Менеджмент’", "LLC Romashka Management", "transliteration"},
		{"ООО ‘Скай Ромашка’", "LLC Sky Romashka", "transliteration"},
		{"Прибалтийский ремонтный завод ‘Ромашка’", "Baltic Repair Plant ‘Romashka’", "transliteration"},
		// A gloss and the English word of one root: нефтехимический is
		// petrochemistry, детский childish.
		{"АО ‘Северная нефтехимическая компания’", "JSC Northern Petrochemical Company", "derivation"},
		{"Детский центр ‘Ромашка’", "Children’s Centre ‘Romashka’", "derivation"},
		// A bracketed Cyrillic acronym is the name's own, as the Latin one
		// in the English name is: no qualifier on one side.
		{"АО ‘Концерн Ромашка Технологии’ (КОРОТ)", "JSC Concern Romashka Technologies (KOROT)", "transliteration"},
		// A Cyrillic acronym written letter by letter (х as h, not kh).
		{"ООО ‘ТКХ-Ромашка’", "LLC ‘TKH-Romashka’", "letters"},
		// Belarusian words through the Russian words they translate.
		{"ААТ ‘Гасцiнiца Ромашка’", "Open Joint Stock Company ‘Hotel Romashka’", "translation"},
		// A Belarusian place adjective through its Russian word
		// (гродзенская: гродненский, Grodno).
		{"ААТ ‘Гродзенская фабрыка Ромашка’", "Open Joint Stock Company ‘Grodno Factory Romashka’", "transliteration"},
	}
	for _, c := range cases {
		r := m.Score(m.Prepare(c.a, ""), m.Prepare(c.b, ""))
		if !r.Match {
			t.Errorf("%s / %s: %.4f, want a match\n%s", c.a, c.b, r.Score, explain(r))
			continue
		}
		if !hasReason(r, c.reason) {
			t.Errorf("%s / %s: no %s reason\n%s", c.a, c.b, c.reason, explain(r))
		}
	}
}

// Different companies across scripts: a part of a native name that nothing
// on the other side explains, another word by sound, other letters.
func TestCrossScriptDifferent(t *testing.T) {
	m := newTestMatcher()
	for _, c := range [][2]string{
		{"새빛메디컬시스템즈", "Saebit Motor Systems"},
		{"에이비씨홀딩스", "ABD Holdings Inc."},
		{"株式会社サクラネットワーク", "Sakura Tech Co., Ltd."},
		{"北京星光精密有限公司", "Beijing Xingguang Trading Co., Ltd."},
		{"明星光贸易有限公司", "Xingguang Trading Co., Ltd."}, // 明 left over
		{"디에스케이", "티에스케이"},                           // DSK / TSK, one syllable apart
		{"케이엔티", "KT Corporation"},                   // 엔 is N here: KNT, not K&T
		{"비앤알", "BR Inc."},                           // B&R only against a name with the "&"
		{"이새빛", "A-Saebit Co., Ltd."},                // 이 is E, not A
		{"大和精工", "大宇精工"},                             // one character of four
		// A pinyin word is a romanisation, not a brand by sound (凯普乐
		// is kaipule, not Kubile); a generic word is no brand.
		{"杭州凯普乐科技股份有限公司", "Hangzhou Kubile Technology Co., Ltd."},
		{"杭州凯普乐矿业股份有限公司", "Hangzhou Mining Group Co., Ltd."},
		// A short English word is no cognate of a word of the dictionary:
		// Алые (scarlet) is not All.
		{"ООО ‘Алые Ромашки’", "LLC All Romashki"},
	} {
		r := m.Score(m.Prepare(c[0], ""), m.Prepare(c[1], ""))
		if r.Match {
			t.Errorf("%s / %s: %.4f, want apart\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
}

// Romanised names of a country whose syllables the country tells: one
// letter that makes another syllable is another name; the romanisation's
// own variants are one name; swapped letters stay a slip.
func TestRomanisedSyllablesByCountry(t *testing.T) {
	m := newTestMatcher()
	for _, c := range []struct {
		a, b, country string
		match         bool
	}{
		{"Sakimura Co., Ltd.", "Sakamura Co., Ltd.", "JP", false},
		{"Hakuto Trading Co., Ltd.", "Hakudo Trading Co., Ltd.", "JP", false}, // t/d is a Korean class, not Hepburn
		{"Ohsaki Co., Ltd.", "Osaki Co., Ltd.", "JP", true},
		{"Sakimura Co., Ltd.", "Sakimrua Co., Ltd.", "JP", true},
		{"Jeco Co., Ltd.", "Aiko Co., Ltd.", "JP", false},       // a Korean key (eko) says nothing of Japanese
		{"株式会社星光精工", "Hoshimitsu Seimo Co., Ltd.", "JP", false}, // 精工 seikō, one letter off
		{"株式会社パーカー", "Pack Corporation", "JP", false},           // パーカー is packer or parker, not a form of pack
		{"Haesong Co., Ltd.", "Daesong Co., Ltd.", "KR", false},
		{"Kyungki Industrial Co.", "Gyeonggi Industrial Co.", "KR", true},
		// Brands of Korean and Japanese companies one letter apart are
		// other companies as often as slips; in other names they stay slips.
		{"Pualtech Co., Ltd.", "Qualtech Co., Ltd.", "KR", false},
		{"Vintrox Inc.", "Vintrix Inc.", "KR", false},
		{"Nirotek Corporation", "Mirotek Corporation", "JP", false},
		{"Vintrox Inc.", "Vintrix Inc.", "", true},
		// Another first letter written together is another name.
		{"I-Sorobics Co., Ltd.", "NSorobics Co., Ltd.", "", false},
	} {
		r := m.Score(m.Prepare(c.a, c.country), m.Prepare(c.b, c.country))
		if r.Match != c.match {
			t.Errorf("%s / %s (%s): %.4f, want match=%v\n%s", c.a, c.b, c.country, r.Score, c.match, explain(r))
		}
	}
}

// A dictionary's gloss meets the company-name words made of it: the word
// derived from it, that word's abbreviation and the word cut short; a
// loanword's English word meets only itself.
func TestSameWord(t *testing.T) {
	for _, c := range []struct {
		gloss, word  string
		derive, want bool
	}{
		{"plan", "planning", true, true},
		{"pay", "payment", true, true},
		{"east", "eastern", true, true},
		{"manufacture", "mfg", true, true},
		{"pack", "packer", false, false},
		{"automobile", "auto", true, true},   // a word cut short
		{"information", "info", true, true},  // ...
		{"automobile", "auto", false, false}, // not from a loanword
		{"automobile", "aut", true, false},   // three letters say too little
	} {
		w := &Word{Text: c.word}
		if len(c.word) >= 5 {
			w.Stem = stem(c.word)
		}
		if got := sameWord(c.gloss, "", w, c.derive); got != c.want {
			t.Errorf("sameWord(%q, %q, derive %v) = %v, want %v", c.gloss, c.word, c.derive, got, c.want)
		}
	}
}

// A native name and the English name it writes meet on a blocking key
// where the words are cut differently on the two sides or the English name
// spells a word differently from its sound.
func TestNativeAndLatinNamesShareABlockKey(t *testing.T) {
	for _, c := range []struct{ native, latin, why string }{
		{"모나테크", "MONATECH CO., LTD.", "the vocabulary cut 모나 | 테크: a sound key of the two written together"},
		{"테크모아", "Techmoa Inc.", "a generic word before the distinctive one (테크 | 모아)"},
		{"보라텍", "VORA TECH CO., LTD.", "a distinctive English word and the generic one after it, written together in Hangul"},
		{"이다켐", "Idachem Co., Ltd.", "a hard ch (켐) in a word spelt in syllables"},
		{"디에이전자", "DA Electronics Co., Ltd.", "a Hangul word that spells out letters"},
		{"와이케미칼", "Y-Chemical Inc.", "a letter files no key: the generic word's meaning key"},
		{"국제화학", "Kukje Chemical Co., Ltd.", "a native name of generic words only: their romanisation keys"},
		{"덕모전자", "DERKMO ELECTRONICS CO., LTD.", "an r after a vowel and before a consonant is not written in Hangul"},
		{"위드나전자", "Withna Electronics Co., Ltd.", "a voiced th, written with ㄷ"},
		{"뉴아", "NUA Co., Ltd.", "a short word of one consonant"},
	} {
		corpus := NewCorpus()
		country := "KR"
		if strings.ContainsFunc(c.native, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			country = "CN"
		}
		a, b := Analyse(c.native, country), Analyse(c.latin, country)
		corpus.Add(a)
		corpus.Add(b)
		m := New(DefaultParams(), corpus)
		keys := map[uint64]bool{}
		for _, k := range m.BlockKeys(a, nil) {
			if k&block.Bipartite != 0 {
				k ^= 1
			}
			keys[k] = true
		}
		if !slices.ContainsFunc(m.BlockKeys(b, nil), func(k uint64) bool { return keys[k] }) {
			t.Errorf("%s / %s share no blocking key (%s)", c.native, c.latin, c.why)
		}
	}
}

// A brand in pinyin that also spells a generic word of the vocabulary
// (quanwei, 权威 "authority") still meets the Han name that writes place and
// brand as one word, on a key that the place alone does not give. The
// names are made up.
func TestPinyinGenericWordJoinsTheBrand(t *testing.T) {
	raws := []string{"Qinghai Quanwei Technology Co., Ltd.", "青海泉为科技有限公司", "Qinghai Technology Co., Ltd.", "青海科技有限公司"}
	corpus := NewCorpus()
	names := make([]*Name, len(raws))
	for i, r := range raws {
		names[i] = Analyse(r, "CN")
		corpus.Add(names[i])
	}
	if w := names[0].Words[1]; w.Kind != Generic {
		t.Skipf("%q is no longer a generic word (%v): the case this test is for is gone", w.Text, w.Kind)
	}
	m := New(DefaultParams(), corpus)
	keysOf := func(n *Name) map[uint64]bool {
		out := map[uint64]bool{}
		for _, k := range m.BlockKeys(n, nil) {
			if k&block.Bipartite != 0 {
				k &^= 1 // either side of a bipartite key
			}
			out[k] = true
		}
		return out
	}
	latin, han := keysOf(names[0]), keysOf(names[1])
	place := keysOf(names[2])
	for k := range keysOf(names[3]) {
		place[k] = true
	}
	for k := range latin {
		if han[k] && !place[k] {
			return
		}
	}
	t.Errorf("%s / %s share no key beyond the place's", raws[0], raws[1])
}

// A Chinese brand written by sound after a place (深圳拓维 tuo wei / Shenzhen
// Towell) shares only the place with the English name, and so does every
// other name of that place: the place and the brand's first letter keep
// the pair among the candidates that blocking keeps, whether the place is
// a word of its own or begins the Han word.
func TestBrandAfterPlaceAmongCandidates(t *testing.T) {
	for _, c := range [][2]string{
		{"深圳拓维股份有限公司", "SHENZHEN TOWELL CO., LTD."},
		{"广东拓维科技股份有限公司", "Guangdong Towell Technology Co., Ltd."},
	} {
		place := strings.Fields(c[1])[0]
		var raws []string
		for i, other := range []string{"Anbel", "Brixo", "Cendra", "Fulmor", "Gravik", "Hestro", "Kavlon", "Lumet", "Morvex", "Nexil", "Pravon", "Quenta"} {
			raws = append(raws, place+" "+other+" Technology Co., Ltd.", "深圳"+string([]rune("安百成德飞光海金科立明南")[i])+"新股份有限公司")
		}
		raws = append(raws, c[0], c[1]) // last: ties go to the first items
		corpus := NewCorpus()
		names := make([]*Name, len(raws))
		for i, r := range raws {
			names[i] = Analyse(r, "CN")
			corpus.Add(names[i])
		}
		m := New(DefaultParams(), corpus)
		for _, n := range names {
			m.Weigh(n)
		}
		ix := block.NewIndex(len(names), func(i int, dst []uint64) []uint64 { return m.BlockKeys(names[i], dst) })
		pairs, err := ix.Candidates(context.Background(), block.Params{MaxCandidates: 3, MaxBlock: 1000}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := int32(len(raws)); !slices.Contains(pairs, block.Pair{A: n - 2, B: n - 1}) {
			t.Errorf("%s / %s: not among the candidates of either", c[0], c[1])
		}
	}
}

// 工業 after an industry word is the suffix an English name leaves out
// (X化学工業 / X Chemical); between two Japanese names it still tells two
// companies apart.
func TestIndustrySuffixLeftOutInEnglish(t *testing.T) {
	m := newTestMatcher()
	if r := m.Score(m.Prepare("田川化学工業株式会社", "JP"), m.Prepare("Tagawa Chemical Co., Ltd.", "JP")); !r.Match {
		t.Errorf("X化学工業 / X Chemical: %.4f, want a match\n%s", r.Score, explain(r))
	}
	if r := m.Score(m.Prepare("田川化学工業株式会社", "JP"), m.Prepare("田川化学株式会社", "JP")); r.Match {
		t.Errorf("X化学工業 / X化学: %.4f, want apart\n%s", r.Score, explain(r))
	}
}

// A line of business English writes as two coordinated words and Korean as
// one (건설 / Engineering & Construction): the word left over counts its
// own weight against a native name; between two Latin names it still
// counts as a generic word left over.
func TestCoordinatedWordLeftOutInNative(t *testing.T) {
	m := newTestMatcher()
	for _, en := range []string{"Saebit Engineering & Construction Co., Ltd.", "Saebit Engineering and Construction Co., Ltd."} {
		if r := m.Score(m.Prepare("새빛건설", "KR"), m.Prepare(en, "KR")); !r.Match {
			t.Errorf("새빛건설 / %s: %.4f, want a match\n%s", en, r.Score, explain(r))
		}
	}
	with := m.Score(m.Prepare("Saebit Construction Co., Ltd.", "KR"), m.Prepare("Saebit Engineering & Construction Co., Ltd.", "KR"))
	native := m.Score(m.Prepare("새빛건설", "KR"), m.Prepare("Saebit Engineering & Construction Co., Ltd.", "KR"))
	if with.Score >= native.Score {
		t.Errorf("Latin pair %.4f, want below the cross-script pair's %.4f", with.Score, native.Score)
	}
}

// Syllables written apart (QianYuan, Qian Yuan) are also filed as the word
// written whole, which is the key of the Han piece they romanise (黔源).
func TestSyllablePairKeys(t *testing.T) {
	want := hashKey("w", romanize.Key("qianyuan"))
	for _, s := range []string{"GuiZhou QianYuan Power Co., Ltd.", "Qian Yuan Power Co."} {
		if !slices.Contains(Analyse(s, "").BlockKeys(nil), want) {
			t.Errorf("%s: no key for qianyuan", s)
		}
	}
	if slices.Contains(Analyse("Borvane Kessaro Power Co.", "").BlockKeys(nil), hashKey("w", romanize.Key("borvanekessaro"))) {
		t.Errorf("two long words are not syllables")
	}
}

// Letters spelt out in Hangul (케이엑스) and the Latin letters (KX) meet on
// a key of their own.
func TestLettersKey(t *testing.T) {
	want := hashKey("l", "kx")
	for _, s := range []string{"KX Co., Ltd.", "케이엑스"} {
		if !slices.Contains(Analyse(s, "KR").BlockKeys(nil), want) {
			t.Errorf("%s: no letters key kx", s)
		}
	}
}

// A Russian adjective of place and the place share a blocking key
// (Тульский / Tula), once the corpus has Cyrillic names; another place
// does not.
func TestAdjectiveKeys(t *testing.T) {
	keys := corpusBlockKeys(Analyse("Тульский ромашковый завод", "RU"), Analyse("Tula Romashka Plant", "RU"), Analyse("Kaluga Romashka Plant", "RU"))
	meets := func(a, b []uint64) bool {
		for _, x := range a {
			if x&block.Bipartite != 0 && x == adjectiveKey("tul", 0) && slices.Contains(b, x^1) {
				return true
			}
		}
		return false
	}
	if !meets(keys[0], keys[1]) {
		t.Errorf("Тульский and Tula share no adjective key")
	}
	if meets(keys[0], keys[2]) {
		t.Errorf("Тульский and Kaluga share an adjective key")
	}
}

// A name of generic words only meets its translation on the stems of what
// its words mean, once the corpus has Cyrillic or Hangul names: the English
// plural (Engines) and the dictionary's singular (двигатель, engine) agree;
// a Latin name files them on its own side only, so that Latin names do not
// meet each other on them.
func TestMeaningKeys(t *testing.T) {
	keys := corpusBlockKeys(
		Analyse("Научно-исследовательский институт двигателей", "RU"),
		Analyse("Research Institute of Engines", "RU"),
		Analyse("Research Institute of Turbines", "RU"),
		Analyse("Engines Research Centre", "RU"),
	)
	meets := func(a, b []uint64, stem string) bool {
		return slices.Contains(a, meaningKey("M", stem, 0)) && slices.Contains(b, meaningKey("M", stem, 1))
	}
	if !meets(keys[0], keys[1], "engin") {
		t.Errorf("двигателей and Engines share no meaning key")
	}
	if meets(keys[0], keys[2], "engin") {
		t.Errorf("двигателей and Turbines share the meaning key of engine")
	}
	if !slices.Contains(keys[3], meaningKey("M", "engin", 1)) || slices.Contains(keys[3], meaningKey("M", "engin", 0)) {
		t.Errorf("a Latin name files a meaning key on the native side, or none on its own: %x", keys[3])
	}
}

// A Latin name meets the Cyrillic names of its trade on a generic word's
// translation ("R") when its distinctive words are English words, which
// the Russian name translates too; not when one is coined, which the
// Russian name transliterates (and meets on its own keys).
func TestRussianGenericKeys(t *testing.T) {
	keys := corpusBlockKeys(
		Analyse("АО «Каралстахим Технологии»", "RU"),
		Analyse("Northern Drilling Technology JSC", "RU"),
		Analyse("Vostrakel Technology JSC", "RU"),
	)
	meets := func(a, b []uint64) bool {
		return slices.Contains(a, meaningKey("R", "technology", 0)) && slices.Contains(b, meaningKey("R", "technology", 1))
	}
	if !meets(keys[0], keys[1]) {
		t.Errorf("Технологии and Northern Drilling Technology share no key of technology")
	}
	if meets(keys[0], keys[2]) {
		t.Errorf("Технологии and Vostrakel Technology share the key of technology")
	}
}

// A Cyrillic name meets the English spelling of its words on their
// consonants, once the corpus has Cyrillic names: a Latin run written
// together with its generic word, ц written c, an English plural, and an
// acronym of the Russian words' initials; another name does not.
func TestConsonantAndInitialKeys(t *testing.T) {
	for _, tc := range []struct{ cyr, latin, other string }{
		{"ООО ‘ВОЛГАДРОНЗАВОД’", "VolgaDronZavod", "VolgaKranZavod"},
		{"АО ‘Целтекс’", "JSC Celteks", "JSC Selteks"},
		{"АО ‘Лесоэлектроника’", "JSC Lesoelectronics", "JSC Lesotronics"},
		{"ОАО ‘Тверской Механический Завод’", "JSC TMZ", "JSC TMK"},
		{"ООО ‘Ресурс-Техника’", "LLC Resurs-Technika", "LLC Resurs-Mashina"},
	} {
		keys := corpusBlockKeys(Analyse(tc.cyr, "RU"), Analyse(tc.latin, "RU"), Analyse(tc.other, "RU"))
		meets := func(a, b []uint64) bool {
			for _, x := range a {
				if x&block.Bipartite != 0 && slices.Contains(b, x^1) {
					return true
				}
			}
			return false
		}
		if !meets(keys[0], keys[1]) {
			t.Errorf("%s and %s share no bipartite key", tc.cyr, tc.latin)
		}
		if meets(keys[0], keys[2]) {
			t.Errorf("%s and %s share a bipartite key", tc.cyr, tc.other)
		}
	}
}

// corpusBlockKeys returns the blocking keys of each name, with a corpus of
// just these names: the corpus decides which keys cross scripts.
func corpusBlockKeys(names ...*Name) [][]uint64 {
	c := NewCorpus()
	for _, n := range names {
		c.Add(n)
	}
	m := New(DefaultParams(), c)
	keys := make([][]uint64, len(names))
	for i, n := range names {
		m.Weigh(n)
		keys[i] = m.BlockKeys(n, nil)
	}
	return keys
}

// eachGlossField splits as strings.FieldsFunc does at every rune that is not
// an ASCII letter or digit.
func TestGlossFields(t *testing.T) {
	for _, s := range []string{"", "power cord", "  science & technology ", "co-op", "café latte", "k-pop2 x", "a", "---", "ünïcode only", "mp3"} {
		want := strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
		var got []string
		eachGlossField(s, func(f string) bool { got = append(got, f); return true })
		if !slices.Equal(got, want) {
			t.Errorf("eachGlossField(%q) = %q, want %q", s, got, want)
		}
	}
}
