package ja

import "testing"

func TestRomaji(t *testing.T) {
	groups := []struct {
		what  string
		cases [][2]string
	}{
		{"plain syllables", [][2]string{
			{"カタカナ", "katakana"}, {"サクラ", "sakura"}, {"トヨタ", "toyota"}, {"ミツイ", "mitsui"},
			{"ヤマハ", "yamaha"}, {"ワソウ", "waso"}, {"ヲ", "o"},
		}},
		{"shi chi tsu fu ji", [][2]string{
			{"シ", "shi"}, {"チ", "chi"}, {"ツ", "tsu"}, {"フ", "fu"}, {"ジ", "ji"}, {"ヂ", "ji"},
			{"ヅ", "zu"}, {"ミツビシ", "mitsubishi"}, {"フジ", "fuji"},
		}},
		{"youon", [][2]string{
			{"キャ", "kya"}, {"シャ", "sha"}, {"チュ", "chu"}, {"ジョ", "jo"}, {"ニュ", "nyu"},
			{"リョ", "ryo"}, {"ヂャ", "ja"}, {"ショウジ", "shoji"}, {"トウキョウ", "tokyo"},
			{"キョウト", "kyoto"},
		}},
		{"n", [][2]string{
			{"シンブン", "shinbun"}, {"テンプラ", "tenpura"}, {"サンマ", "sanma"}, {"ニホン", "nihon"},
			{"キンユウ", "kinyu"}, {"テイジン", "teijin"},
		}},
		{"sokuon", [][2]string{
			{"ニッシン", "nisshin"}, {"ニッポン", "nippon"}, {"マッチャ", "matcha"}, {"ホッカイドウ", "hokkaido"},
			{"サッポロ", "sapporo"}, {"ッ", ""}, {"アッ", "a"},
		}},
		{"long vowels", [][2]string{
			{"コウギョウ", "kogyo"}, {"オオサカ", "osaka"}, {"ユウ", "yu"}, {"ツウウン", "tsuun"}, {"ホールディングス", "horudingusu"},
			{"コーヒー", "kohi"}, {"セイヤク", "seiyaku"}, {"ニイガタ", "niigata"},
		}},
		{"small vowels", [][2]string{
			{"ティ", "ti"}, {"ディ", "di"}, {"トゥ", "tu"}, {"ファ", "fa"}, {"フィ", "fi"}, {"フォ", "fo"},
			{"ヴ", "vu"}, {"ヴァ", "va"}, {"ヴィ", "vi"}, {"ウィ", "wi"}, {"ウェ", "we"}, {"ウォ", "wo"},
			{"シェ", "she"}, {"チェ", "che"}, {"ジェ", "je"}, {"イェ", "ye"}, {"ツァ", "tsa"},
			{"デュ", "dyu"}, {"フュ", "fyu"}, {"クァ", "kwa"}, {"ァ", "a"}, {"ャ", "ya"},
			{"パーティー", "pati"}, {"ファミリー", "famiri"},
		}},
		{"hiragana", [][2]string{
			{"まるなか", "marunaka"}, {"ひまわり", "himawari"}, {"しゃしん", "shashin"}, {"きっぷ", "kippu"},
		}},
		{"iteration marks", [][2]string{
			{"いすゞ", "isuzu"}, {"こゝろ", "kokoro"}, {"バヽ", "baba"},
		}},
		{"other runes", [][2]string{
			{"ABC", "abc"}, {"ティー2", "ti2"}, {"ア・イ", "ai"}, {"", ""},
		}},
	}
	for _, g := range groups {
		for _, c := range g.cases {
			if got := Romaji(c[0]); got != c[1] {
				t.Errorf("%s: Romaji(%q) = %q, want %q", g.what, c[0], got, c[1])
			}
		}
	}
}

func TestKatakana(t *testing.T) {
	for _, c := range [][2]string{
		{"まるなか", "マルナカ"}, {"ポコペン", "ポコペン"}, {"すかいらーく", "スカイラーク"}, {"いすゞ", "イスヾ"}, {"ab", "ab"},
	} {
		if got := Katakana(c[0]); got != c[1] {
			t.Errorf("Katakana(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// Every kana letter romanises to lowercase ASCII letters, alone and after
// every other letter (no panic, no stray bytes).
func TestRomajiAllPairs(t *testing.T) {
	var letters []rune
	for r := rune(kataFirst); r <= kataLast; r++ {
		letters = append(letters, r, r-kanaShift)
	}
	letters = append(letters, 'ー', 'ヽ', 'ヾ')
	for _, a := range letters {
		for _, b := range letters {
			s := Romaji(string([]rune{a, b}))
			for i := 0; i < len(s); i++ {
				if s[i] < 'a' || s[i] > 'z' {
					t.Fatalf("Romaji(%q) = %q: not lowercase ASCII", string([]rune{a, b}), s)
				}
			}
		}
	}
}
