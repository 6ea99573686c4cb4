package ja

import (
	"strings"
	"testing"
)

// Spellings of one word in different romanisations share a key.
func TestKeyEqual(t *testing.T) {
	groups := []struct {
		what      string
		spellings []string
	}{
		{"shi/si", []string{"shi", "si", "SHI"}},
		{"sha/sya", []string{"shashin", "syasin"}},
		{"chi/ti", []string{"chiba", "tiba"}},
		{"cho/tyo", []string{"chosen", "tyosen"}},
		{"tsu/tu", []string{"mitsui", "mitui", "MITSUI"}},
		{"fu/hu", []string{"fuji", "huzi", "Fuji"}},
		{"ji/zi/di", []string{"ji", "zi", "di"}},
		{"ja/zya/jya", []string{"ja", "zya", "jya"}},
		{"zu/du", []string{"zu", "du"}},
		{"wo/o", []string{"wo", "o"}},
		{"long o", []string{"kogyo", "kougyou", "kōgyō", "kohgyoh", "koogyoo", "kôgyô", "KOGYO", "Kougyou"}},
		{"long o at the end", []string{"waso", "wasou", "WASOU", "wasō", "wasoh"}},
		{"long o, several syllables", []string{"tokyo", "toukyou", "tōkyō", "tohkyoh"}},
		{"oo", []string{"osaka", "oosaka", "ōsaka", "ohsaka"}},
		{"shoji", []string{"shoji", "shouji", "syozi", "shōji", "SHOJI", "SHOUJI"}},
		{"long u", []string{"yu", "yuu", "yū"}},
		{"long e, ei", []string{"seiyaku", "seyaku", "sēyaku"}},
		{"ii", []string{"niigata", "nigata"}},
		{"n before b, m, p", []string{"shinbun", "shimbun"}},
		{"n before m", []string{"sanma", "samma"}},
		{"n before p", []string{"tenpura", "tempura"}},
		{"n'", []string{"kin'yu", "kinyu", "kin-yu"}},
		{"nn", []string{"konnichi", "konichi"}},
		{"double consonants", []string{"nisshin", "nishin", "Nisshin", "NISSHIN"}},
		{"tch", []string{"matcha", "macha", "maccha"}},
		{"kk", []string{"hokkaido", "hokaido", "hokkaidou", "HOKKAIDO"}},
		{"Hepburn and Kunrei in one word", []string{"mitsubishi", "mitubisi", "MITSUBISHI"}},
		{"teijin", []string{"teijin", "tezin", "TEIJIN"}},
	}
	for _, g := range groups {
		want := Key(g.spellings[0])
		for _, s := range g.spellings[1:] {
			if got := Key(s); got != want {
				t.Errorf("%s: Key(%q) = %q, Key(%q) = %q: want equal", g.what, g.spellings[0], want, s, got)
			}
		}
	}
}

// Different words keep different keys.
func TestKeyDistinct(t *testing.T) {
	for _, c := range [][2]string{
		{"nihon", "nippon"}, // two readings of 日本, not two spellings
		{"mitsui", "mitsubishi"},
		{"shoji", "shiji"},
		{"kogyo", "kagyo"},
		{"ohashi", "oashi"}, // h before a vowel is a consonant
		{"osaka", "osa"},
		{"toyota", "toyoda"},
		{"sakura", "sakusa"},
	} {
		if Key(c[0]) == Key(c[1]) {
			t.Errorf("Key(%q) == Key(%q) == %q: want different", c[0], c[1], Key(c[0]))
		}
	}
}

func TestKeyValues(t *testing.T) {
	for _, c := range [][2]string{
		{"kogyo", "kogyo"}, {"shoji", "syozi"}, {"nisshin", "nisin"}, {"shimbun", "sinbun"},
		{"chiyoda", "tiyoda"}, {"", ""}, {"---", ""}, {"ＫＯＧＹＯ", "kogyo"}, {"2024", "2024"},
	} {
		if got := Key(c[0]); got != c[1] {
			t.Errorf("Key(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// A romaji from kana and the Latin spelling of the same word meet.
func TestKeyRomajiMeetsLatin(t *testing.T) {
	for _, c := range [][2]string{
		{"コウギョウ", "KOGYO"}, {"コウギョウ", "Kougyou"}, {"ショウジ", "SHOJI"}, {"ニッシン", "Nisshin"},
		{"ワソウ", "WASOU"}, {"トウキョウ", "Tokyo"}, {"オオサカ", "Ohsaka"}, {"シンブン", "Shimbun"},
		{"ミツビシ", "MITSUBISHI"}, {"テイジン", "Teijin"}, {"セイヤク", "Seiyaku"},
	} {
		if a, b := Key(Romaji(c[0])), Key(c[1]); a != b {
			t.Errorf("Key(Romaji(%q)) = %q, Key(%q) = %q: want equal", c[0], a, c[1], b)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"kougyou", "shimbun", "nisshin", "tsu", "oouu", "tssu", "jyyi", "ōhh", "Ｋ", "\xff", "sshhii"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if k2 := Key(k); k2 != k {
			t.Fatalf("Key not idempotent: Key(%q) = %q, Key(%q) = %q", s, k, k, k2)
		}
		if strings.Trim(k, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			t.Fatalf("Key(%q) = %q: not lowercase ASCII letters and digits", s, k)
		}
	})
}
