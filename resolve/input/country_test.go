package input

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCountry(t *testing.T) {
	tests := []struct {
		group string
		in    []string
		want  string
	}{
		{"codes", []string{"DE", "de", "DEU", " deu ", "Germany", "GERMANY", "Deutschland", "Federal Republic of Germany", "Германия", "독일", "德国"}, "DE"},
		{"Russia", []string{"RU", "RUS", "Russia", "Russian Federation", "The Russian Federation", "Россия", "Российская Федерация", "РФ", "러시아", "俄罗斯"}, "RU"},
		{"South Korea", []string{"KR", "KOR", "Korea", "South Korea", "Korea, Republic of", "Republic of Korea", "Rep. of Korea", "Korea (the Republic of)", "Korea, Rep.", "대한민국", "한국", "韩国", "Республика Корея"}, "KR"},
		{"North Korea", []string{"KP", "PRK", "North Korea", "Korea, Democratic People's Republic of", "Korea (the Democratic People's Republic of)", "DPRK", "КНДР", "북한"}, "KP"},
		{"China", []string{"CN", "CHN", "China", "PRC", "People's Republic of China", "中国", "中國", "Китай"}, "CN"},
		{"Hong Kong", []string{"HK", "HKG", "Hong Kong", "Hongkong", "HONG KONG SAR", "Hong Kong SAR China", "香港", "Гонконг"}, "HK"},
		{"UAE", []string{"AE", "ARE", "UAE", "U.A.E.", "United Arab Emirates", "ОАЭ"}, "AE"},
		{"Türkiye", []string{"TR", "TUR", "Turkey", "Türkiye", "Turkiye", "TÜRKİYE", "Турция"}, "TR"},
		{"UK", []string{"GB", "GBR", "UK", "United Kingdom", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"}, "GB"},
		{"US", []string{"US", "USA", "U.S.A.", "United States", "United States of America"}, "US"},
		{"punctuation and 'and'", []string{"Bosnia and Herzegovina", "Bosnia & Herzegovina", "BIH"}, "BA"},
		{"saint", []string{"Saint Kitts and Nevis", "St. Kitts & Nevis", "KNA"}, "KN"},
		{"accents", []string{"Côte d'Ivoire", "Cote d’Ivoire", "COTE D IVOIRE", "Ivory Coast"}, "CI"},
		{"Congo-Kinshasa", []string{"CD", "COD", "DR Congo", "Democratic Republic of the Congo", "Congo - Kinshasa"}, "CD"},
		{"Kosovo", []string{"XK", "Kosovo"}, "XK"},
		{"Kazakhstan", []string{"KZ", "Kazakhstan", "Казахстан", "Қазақстан"}, "KZ"},
		{"Italy", []string{"IT", "ITA", "Italy", "Italia"}, "IT"},
		{"unknown", []string{"", "  ", "Unknownland", "Congo", "EU", "UN", "ZZ", "XX", "Korea North South", "123", "Europe"}, ""},
		{"withdrawn codes are not guessed", []string{"SU", "YU", "AN", "CS"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.group, func(t *testing.T) {
			for _, in := range tt.in {
				if got := Country(in); got != tt.want {
					t.Errorf("Country(%q) = %q, want %q", in, got, tt.want)
				}
			}
		})
	}
}

// TestCountryCodesComplete: every ISO 3166-1 alpha-2 code maps to itself.
func TestCountryCodesComplete(t *testing.T) {
	n := 0
	for k, e := range countryTable() {
		if e.prio == 0 {
			n++
			if len(k) != 2 || Country(k) == "" {
				t.Errorf("code key %q -> %q", k, e.code)
			}
		}
	}
	if n != 250 { // 249 ISO 3166-1 codes and XK
		t.Errorf("%d alpha-2 codes, want 250", n)
	}
}

func BenchmarkCountry(b *testing.B) {
	in := []string{"KR", "Republic of Korea", "Россия", "Hong Kong SAR", "Unknownland"}
	countryTable()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Country(in[i%len(in)])
	}
}

// The key of Hangul syllables is what the general path makes of their NFKD
// form.
func TestHangulCountryKey(t *testing.T) {
	for _, s := range []string{"한국", "대한민국", "조선민주주의인민공화국", "미국", "일본", "한빛메디컬시스템즈", "각", "힣", "가나다라"} {
		slow := slowCountryKey(s)
		if got := countryKey(s); got != slow {
			t.Errorf("countryKey(%q) = %q, the NFKD path gives %q", s, got, slow)
		}
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		if s := string(r); countryKey(s) != slowCountryKey(s) {
			t.Fatalf("countryKey(%q) differs from the NFKD path", s)
		}
	}
}

// slowCountryKey is appendCountryKey's general path: the jamo of the
// decomposed syllables are no syllables.
func slowCountryKey(s string) string { return countryKey(norm.NFKD.String(s)) }
