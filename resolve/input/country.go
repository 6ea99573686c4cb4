package input

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// Country maps a country as customs records write it to its ISO 3166-1
// alpha-2 code, or returns "" when it does not know it (the caller keeps the
// original text). It accepts:
//
//   - ISO 3166-1 alpha-2 and alpha-3 codes in any case ("de", "DEU"), and the
//     exceptionally reserved "UK" for GB; "XK" (Kosovo) is accepted too;
//   - country names as the Unicode CLDR gives them in English and in the
//     languages customs data comes in: Russian, Ukrainian, Korean, Chinese
//     (simplified and traditional), Japanese, German, French, Spanish, ...
//     ("Deutschland", "Россия", "대한민국", "中国");
//   - the ISO official short names and common variants CLDR lacks ("Korea,
//     Republic of", "Rep. of Korea", "Russian Federation", "UAE", "Hongkong",
//     "Türkiye", "한국", "PRC", ...).
//
// Matching ignores case, accents, punctuation, spacing and the words "the"
// and "and" ("Bosnia & Herzegovina" = "Bosnia and Herzegovina"), and reads
// "Saint" as "St". A spelling that two countries share (e.g. "Congo") is
// ambiguous and gives "". Nothing is guessed from partial names.
//
// The ISO code list and the localised names come from golang.org/x/text
// (CLDR data); the lookup table is built once, on first use, and is read-only
// afterwards, so Country is safe for concurrent use.
func Country(s string) string {
	var buf [64]byte
	k := appendCountryKey(buf[:0], s)
	if len(k) == 0 {
		return ""
	}
	return countryTable()[string(k)].code // no allocation for the lookup
}

// countryNameLanguages are the CLDR languages whose country names Country
// recognises, besides English.
var countryNameLanguages = []language.Tag{
	language.Russian, language.Ukrainian, language.Make("be"), language.Make("kk"),
	language.Korean, language.SimplifiedChinese, language.TraditionalChinese, language.Japanese,
	language.German, language.French, language.Spanish, language.Italian, language.Portuguese,
	language.Dutch, language.Polish, language.Turkish, language.Arabic, language.Persian,
	language.Vietnamese, language.Thai, language.Indonesian, language.Hindi,
}

// notISO are regions CLDR counts as countries that ISO 3166-1 does not
// assign (or no longer assigns).
var notISO = map[string]bool{
	"AC": true, "AN": true, "CP": true, "CQ": true, "CS": true, "DG": true, "EA": true, "EZ": true,
	"FQ": true, "IC": true, "NT": true, "PC": true, "SU": true, "TA": true, "UN": true, "YU": true,
}

// countryAliases are names and abbreviations CLDR does not list: the ISO
// 3166-1 official short names where CLDR uses another, and spellings common
// in trade data. Keys are matched after countryKey, so case, punctuation and
// accents do not matter here.
var countryAliases = map[string]string{
	"UK": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
	"United Kingdom of Great Britain and Northern Ireland": "GB",
	"USA": "US", "U.S.A.": "US", "U.S.": "US", "United States of America": "US", "America": "US",
	"Korea": "KR", "South Korea": "KR", "Korea, Republic of": "KR", "Republic of Korea": "KR",
	"Rep. of Korea": "KR", "Korea Rep.": "KR", "Korea, Rep.": "KR", "Korea (South)": "KR", "ROK": "KR",
	"Korea, South": "KR", "S. Korea": "KR", "한국": "KR", "남한": "KR", "Южная Корея": "KR", "Корея": "KR",
	"North Korea": "KP", "Korea, Democratic People's Republic of": "KP", "DPRK": "KP", "DPR Korea": "KP",
	"Korea DPR": "KP", "Korea, Dem. People's Rep.": "KP", "Korea (North)": "KP", "Korea, North": "KP",
	"Democratic People's Republic of Korea": "KP", "Северная Корея": "KP", "조선": "KP",
	"Russia": "RU", "Russian Federation": "RU", "The Russian Federation": "RU", "Российская Федерация": "RU",
	"РФ": "RU", "Росія": "RU",
	// Adjectives of a country, as company names use them (Russian Railways,
	// Российские железные дороги, China Mobile / 中国移动 is covered by CLDR).
	"Russian": "RU", "Российский": "RU", "Российская": "RU", "Российское": "RU", "Российские": "RU",
	"Российской": "RU", "Rossiyskiy": "RU", "Rossiyskaya": "RU", "Rossiyskoye": "RU", "Rossiyskie": "RU",
	"Rossiiskaya": "RU", "Rossiiskii": "RU", "Chinese": "CN", "Japanese": "JP", "German": "DE", "Swiss": "CH",
	"British": "GB", "American": "US", "Iranian": "IR", "Turkish": "TR", "Belarusian": "BY", "Ukrainian": "UA",
	"China": "CN", "PRC": "CN", "P.R. China": "CN", "PR China": "CN", "People's Republic of China": "CN",
	"China, People's Republic of": "CN", "Mainland China": "CN", "中华人民共和国": "CN", "中國": "CN",
	"Hong Kong": "HK", "Hongkong": "HK", "Hong Kong SAR": "HK", "HKSAR": "HK", "Hong Kong, China": "HK",
	"Hong Kong (China)": "HK", "香港": "HK", "Гонконг": "HK", "홍콩": "HK",
	"Macao": "MO", "Macau": "MO", "Macao SAR": "MO", "澳門": "MO", "澳门": "MO",
	"Taiwan, Province of China": "TW", "Chinese Taipei": "TW",
	"UAE": "AE", "U.A.E.": "AE", "United Arab Emirates": "AE", "Emirates": "AE",
	"Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR", "Republic of Türkiye": "TR",
	"Germany": "DE", "Deutschland": "DE", "Federal Republic of Germany": "DE", "Bundesrepublik Deutschland": "DE",
	"Holland": "NL", "The Netherlands": "NL", "Netherlands (Kingdom of the)": "NL",
	"Czech Republic": "CZ", "Czechia": "CZ",
	"Viet Nam": "VN", "Vietnam": "VN",
	"Iran, Islamic Republic of": "IR", "Islamic Republic of Iran": "IR",
	"Syrian Arab Republic": "SY", "Lao People's Democratic Republic": "LA", "Lao PDR": "LA", "Laos": "LA",
	"Moldova, Republic of": "MD", "Republic of Moldova": "MD",
	"Tanzania, United Republic of": "TZ", "United Republic of Tanzania": "TZ",
	"Bolivia, Plurinational State of": "BO", "Venezuela, Bolivarian Republic of": "VE",
	"Micronesia, Federated States of": "FM", "Palestine, State of": "PS",
	"Congo, The Democratic Republic of the": "CD", "Democratic Republic of the Congo": "CD", "DR Congo": "CD",
	"DRC": "CD", "Congo (Kinshasa)": "CD", "Republic of the Congo": "CG", "Congo (Brazzaville)": "CG",
	"Ivory Coast": "CI", "Cote d'Ivoire": "CI", "Burma": "MM", "Swaziland": "SZ", "Eswatini": "SZ",
	"Macedonia": "MK", "North Macedonia": "MK", "Republic of North Macedonia": "MK",
	"Cape Verde": "CV", "Cabo Verde": "CV", "Brunei Darussalam": "BN", "Brunei": "BN",
	"Holy See": "VA", "Holy See (Vatican City State)": "VA", "Vatican": "VA", "Vatican City": "VA",
	"Virgin Islands, British": "VG", "BVI": "VG", "British Virgin Islands": "VG",
	"Virgin Islands, U.S.": "VI", "US Virgin Islands": "VI", "U.S. Virgin Islands": "VI",
	"Kosovo": "XK", "Timor-Leste": "TL", "East Timor": "TL", "Kyrgyzstan": "KG", "Kyrgyz Republic": "KG",
	"Slovak Republic": "SK", "Belarus": "BY", "Byelorussia": "BY",
}

type countryEntry struct {
	code string // "" when the key is ambiguous
	prio int
}

// countryTable is built once and read-only afterwards.
var countryTable = sync.OnceValue(buildCountryTable)

func buildCountryTable() map[string]countryEntry {
	t := make(map[string]countryEntry, 8192)
	add := func(name, code string, prio int) {
		k := countryKey(name)
		if k == "" {
			return
		}
		e, ok := t[k]
		switch {
		case !ok || prio < e.prio:
			t[k] = countryEntry{code: code, prio: prio}
		case prio == e.prio && e.code != code:
			t[k] = countryEntry{prio: prio} // ambiguous at this level
		}
	}
	var regions []language.Region
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			r, err := language.ParseRegion(s)
			if err != nil || notISO[s] {
				continue
			}
			if s != "XK" && (!r.IsCountry() || r.String() != s || r.Canonicalize() != r || r.IsPrivateUse()) {
				continue
			}
			regions = append(regions, r)
		}
	}
	for _, r := range regions {
		add(r.String(), r.String(), 0)
		add(r.ISO3(), r.String(), 1)
	}
	for name, code := range countryAliases {
		add(name, code, 2)
	}
	en := display.English.Regions()
	for _, r := range regions {
		add(en.Name(r), r.String(), 3)
	}
	for _, tag := range countryNameLanguages {
		n := display.Regions(tag)
		if n == nil {
			continue
		}
		for _, r := range regions {
			add(n.Name(r), r.String(), 4)
		}
	}
	return t
}

// countryKey folds a country name for lookup: NFKD with combining marks
// removed, lower case, letters and digits only, the words "the" and "and"
// dropped and "saint" read as "st".
func countryKey(s string) string { return string(appendCountryKey(nil, s)) }

// hangulSyllables reports whether s is precomposed Hangul syllables only.
func hangulSyllables(s string) bool {
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
	}
	return s != ""
}

// appendHangulJamo appends the NFKD form of Hangul syllables, computed as
// Unicode defines it (each syllable its leading consonant, vowel and, if
// any, trailing consonant, all letters), without norm's tables.
func appendHangulJamo(dst []byte, s string) []byte {
	for _, r := range s {
		i := r - 0xAC00
		dst = utf8.AppendRune(dst, 0x1100+i/588)
		dst = utf8.AppendRune(dst, 0x1161+i%588/28)
		if t := i % 28; t != 0 {
			dst = utf8.AppendRune(dst, 0x11A7+t)
		}
	}
	return dst
}

func appendCountryKey(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	if s == "" {
		return dst
	}
	if hangulSyllables(s) {
		return appendHangulJamo(dst, s) // what the loop below makes of its NFKD form
	}
	if !isASCII([]byte(s)) { // ASCII is its own NFKD form
		s = norm.NFKD.String(s)
	}
	word := len(dst) // start of the current word in dst
	flush := func() {
		switch string(dst[word:]) {
		case "the", "and":
			dst = dst[:word]
		case "saint":
			dst = append(dst[:word], "st"...)
		}
		word = len(dst)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			dst = append(dst, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			dst = append(dst, byte(r+'a'-'A'))
		case r == '\'' || r == '’' || r == '.':
			// "People's", "U.S.A." stay one word
		case r < utf8.RuneSelf:
			flush()
		case unicode.Is(unicode.Mn, r):
			// accent: drop
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return dst
}
