package translit

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cyrillicTable is the one scheme used for Cyrillic: the letter values of
// BGN/PCGN (Russian) without its context rules and without the apostrophes
// for the hard and soft signs, which are dropped; ё is e, as Russian text
// mostly writes it. It is also the value of ICAO Doc 9303 for every letter
// but ц (ICAO: ts too), ъ (ICAO: ie) and й (ICAO: i).
// Reference: /work/shared/data/translit/cyrillic_letter_table_by_scheme.tsv
// (derived from nalgeon/iuliia, MIT; see LICENSE.iuliia in this directory).
//
// Letters of other Cyrillic alphabets get their usual simple ASCII value:
// Ukrainian є ye, і i, ї yi, ґ g; Belarusian ў u; Serbian and Macedonian ђ dj,
// ј j, љ lj, њ nj, ћ c, џ dz, ѓ gj, ќ kj, ѕ dz; Kazakh and neighbours ә a,
// ғ gh, қ q, ң ng, ө o, ұ u, ү u, һ h. The Russian value wins where alphabets
// disagree on a shared letter (Ukrainian и is y and г is h, Bulgarian щ is
// sht and ъ is a: here they are i, g, shch and dropped).
var cyrillicTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian, Belarusian
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	// Serbian, Macedonian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	// Kazakh, Kyrgyz, Tatar, Bashkir, Mongolian
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u", 'ҙ': "z", 'ҫ': "s",
	'ӑ': "a", 'ӗ': "e", 'ӳ': "u", 'ҡ': "q", 'ӊ': "ng",
	// pre-reform Russian
	'ѣ': "e", 'ѳ': "f", 'ѵ': "i",
}

// cyrillicRune returns the value of one Cyrillic letter (any case) and
// whether it has one.
func cyrillicRune(r rune) (string, bool) {
	v, ok := cyrillicTable[unicode.ToLower(r)]
	return v, ok
}

// Cyrillic transliterates s into lowercase ASCII: Cyrillic letters by the
// scheme of cyrillicTable, every other rune as Fallback does (ASCII is
// lowercased and kept, typographic quotes such as « » are dropped).
//
//	«Аурус» → aurus
//	Общество с ограниченной ответственностью →
//	    obshchestvo s ogranichennoy otvetstvennostyu
func Cyrillic(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if v, ok := cyrillicRune(r); ok {
			b.WriteString(v)
			continue
		}
		fallbackRune(&b, r)
	}
	return b.String()
}
