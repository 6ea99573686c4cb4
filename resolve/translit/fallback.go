package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinSpecial are Latin letters that have no canonical decomposition into
// an ASCII letter plus marks.
var latinSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d",
	'þ': "th", 'ł': "l", 'ı': "i", 'ħ': "h", 'ŋ': "ng", 'ĸ': "q", 'ſ': "s",
	'ŧ': "t", 'ƒ': "f", 'ə': "e", 'ɛ': "e", 'ɔ': "o", 'ɨ': "i", 'ʉ': "u",
	'ɲ': "n", 'ƙ': "k", 'ɗ': "d", 'ɓ': "b", 'ƴ': "y", 'ʃ': "sh", 'ʒ': "zh",
	'ĳ': "ij", 'ŀ': "l", 'ɦ': "h", 'ɡ': "g", 'ʔ': "", 'ʻ': "", 'ʼ': "", 'ʾ': "", 'ʿ': "",
}

// greek follows ELOT 743 / ISO 843 letter by letter (lowercase); "ου" is
// handled by the caller.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϐ': "v", 'ϑ': "th", 'ϕ': "f",
}

// armenian follows the usual simple (BGN-like) values, lowercase.
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e",
	'ը': "y", 'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts",
	'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y",
	'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r",
	'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "v", 'փ': "p",
	'ք': "k", 'և': "ev", 'օ': "o", 'ֆ': "f",
}

// georgian follows the national system of 2002 without apostrophes
// (Mkhedruli; Mtavruli capitals are lowered first).
var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z",
	'თ': "t", 'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o",
	'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p",
	'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz",
	'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}

// arabic is consonantal (short vowels are not written and so not produced):
// alef and alef maqsura are "a", waw "w", ya "y", ayn and hamza are dropped,
// ta marbuta is "a". Persian and Urdu letters are included.
var arabic = map[rune]string{
	'ا': "a", 'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s",
	'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q",
	'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'و': "w", 'ي': "y",
	'ى': "a", 'ة': "a", 'ء': "", 'ٱ': "a", 'پ': "p", 'چ': "ch", 'ژ': "zh",
	'گ': "g", 'ک': "k", 'ی': "y", 'ے': "e", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r",
	'ں': "n", 'ھ': "h", 'ۃ': "a", 'ۀ': "h", 'ڤ': "v", 'ـ': "",
}

// hebrew is consonantal; final forms are the same letters. Alef and ayin
// are dropped; bet, kaf and pe take their plain (dagesh) values.
var hebrew = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z",
	'ח': "kh", 'ט': "t", 'י': "y", 'ך': "k", 'כ': "k", 'ל': "l", 'ם': "m",
	'מ': "m", 'ן': "n", 'נ': "n", 'ס': "s", 'ע': "", 'ף': "p", 'פ': "p",
	'ץ': "ts", 'צ': "ts", 'ק': "k", 'ר': "r", 'ש': "sh", 'ת': "t",
}

// Fallback transliterates s into lowercase ASCII rune by rune, for Latin
// with diacritics and for scripts without a dedicated function:
//
//   - ASCII is kept, letters lowercased; Latin letters lose their marks
//     (NFKD, then combining marks are removed: "Société Générale" →
//     "societe generale"), and ß, æ, ø, ł, đ, þ ... get the usual spellings;
//   - Greek (ELOT 743 values, ου → ou), Armenian, Georgian, Arabic and Hebrew
//     (consonantal: unwritten vowels stay unwritten) by small tables, and
//     Cyrillic as Cyrillic does;
//   - digits of any script become ASCII digits, any space becomes ' ', any
//     dash '-', quotation marks and guillemets are dropped, CJK '、' and
//     '。' become ',' and '.';
//   - compatibility characters are decomposed (ﬁ → fi, № → no, fullwidth
//     letters → ASCII);
//   - everything else is dropped: Hangul, Han and Kana (use Latinize for
//     those), and scripts without a table (Thai, Devanagari, Ethiopic ...).
//
// The result is always valid ASCII; invalid UTF-8 in s is dropped.
func Fallback(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == 'ο' || r == 'Ο' { // Greek ου is "ou", not "oy"
			if n, _ := utf8.DecodeRuneInString(s[i+len("ο"):]); n == 'υ' || n == 'Υ' || n == 'ύ' || n == 'Ύ' {
				b.WriteByte('o')
				continue
			}
		}
		if r == 'υ' || r == 'ύ' || r == 'Υ' || r == 'Ύ' {
			if i > 0 {
				if p, _ := utf8.DecodeLastRuneInString(s[:i]); p == 'ο' || p == 'Ο' {
					b.WriteByte('u')
					continue
				}
			}
		}
		fallbackRune(&b, r)
	}
	return b.String()
}

// fallbackRune writes the lowercase ASCII value of r to b (possibly nothing).
func fallbackRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	if v, ok := tableRune(r); ok {
		b.WriteString(v)
		return
	}
	// Compatibility or canonical decomposition: é → e + ´, ﬁ → f i.
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFKD.Bytes(buf[:n]); string(d) != string(buf[:n]) {
		for _, dr := range string(d) {
			if dr < utf8.RuneSelf {
				if 'A' <= dr && dr <= 'Z' {
					dr += 'a' - 'A'
				}
				b.WriteByte(byte(dr))
			} else if v, ok := tableRune(dr); ok {
				b.WriteString(v)
			} else if v, ok := punctRune(dr); ok {
				b.WriteString(v)
			}
		}
		return
	}
	if v, ok := punctRune(r); ok {
		b.WriteString(v)
	}
}

// tableRune looks r up in the per-script letter tables and maps digits.
func tableRune(r rune) (string, bool) {
	l := unicode.ToLower(r)
	if v, ok := latinSpecial[l]; ok {
		return v, true
	}
	switch {
	case 0x0370 <= r && r <= 0x03FF:
		v, ok := greek[l]
		return v, ok
	case 0x0400 <= r && r <= 0x052F:
		return cyrillicRune(r)
	case 0x0531 <= r && r <= 0x058F:
		v, ok := armenian[l]
		return v, ok
	case 0x0590 <= r && r <= 0x05FF:
		v, ok := hebrew[r]
		return v, ok
	case 0x0600 <= r && r <= 0x06FF:
		if v, ok := arabic[r]; ok {
			return v, true
		}
	case 0x10A0 <= r && r <= 0x10FF, 0x1C90 <= r && r <= 0x1CBF:
		v, ok := georgian[georgianLower(r)]
		return v, ok
	}
	if unicode.IsDigit(r) {
		return string(rune('0' + digitValue(r))), true
	}
	return "", false
}

// georgianLower maps Mtavruli (U+1C90..) and Asomtavruli capitals to
// Mkhedruli.
func georgianLower(r rune) rune {
	switch {
	case 0x1C90 <= r && r <= 0x1CBA:
		return r - 0x1C90 + 0x10D0
	}
	return r
}

// digitValue returns the value of a decimal digit r (unicode.IsDigit is
// true): decimal digits come in runs of ten starting at zero, and only the
// mathematical digits put several runs side by side.
func digitValue(r rune) int {
	if 0x1D7CE <= r && r <= 0x1D7FF { // five runs of mathematical digits
		return int(r-0x1D7CE) % 10
	}
	v := 0
	for v < 9 && unicode.IsDigit(r-1) {
		r--
		v++
	}
	return v
}

// punctRune maps spaces, dashes and some CJK punctuation; quotation marks
// and everything else unknown map to nothing.
func punctRune(r rune) (string, bool) {
	switch {
	case unicode.IsSpace(r):
		return " ", true
	case unicode.Is(unicode.Pd, r):
		return "-", true
	case r == '、' || r == '，':
		return ",", true
	case r == '。' || r == '．':
		return ".", true
	case r == '・' || r == '·':
		return " ", true
	}
	return "", false
}
