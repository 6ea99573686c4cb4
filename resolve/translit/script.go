package translit

import "unicode"

// ScriptKind is the coarse class of a rune that the tokenizer and Latinize
// dispatch on.
type ScriptKind uint8

// The kinds returned by Script. Digits of any script are ScriptDigit; spaces,
// punctuation, symbols and anything unassigned are ScriptSpacePunct; letters of a
// script without a dedicated transliterator are ScriptOther.
const (
	ScriptSpacePunct ScriptKind = iota
	ScriptLatin
	ScriptHangul
	ScriptHan
	ScriptCyrillic
	ScriptKana
	ScriptDigit
	ScriptOther
	// ScriptMark is a combining mark (Mn, Me): it belongs to the rune before it.
	ScriptMark
)

var kindNames = [...]string{"space-punct", "latin", "hangul", "han", "cyrillic", "kana", "digit", "other", "mark"}

// String returns a lowercase name of the kind ("latin", "hangul", ...).
func (k ScriptKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// IsLetter reports whether k is a kind of letter (ScriptLatin, ScriptHangul, ScriptHan,
// ScriptCyrillic, ScriptKana or ScriptOther).
func (k ScriptKind) IsLetter() bool {
	return k != ScriptSpacePunct && k != ScriptDigit && k != ScriptMark
}

// Script returns the kind of r.
//
// Combining marks (accents written as separate code points, Arabic vowel
// signs) are ScriptMark whatever their script: they belong to the rune before them.
// The iteration mark 々 and the ideographic zero 〇 count as ScriptHan; the
// prolonged sound mark ー counts as ScriptKana; the katakana middle dot ・ is
// ScriptSpacePunct.
func Script(r rune) ScriptKind {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return ScriptLatin
		case '0' <= r && r <= '9':
			return ScriptDigit
		default:
			return ScriptSpacePunct
		}
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me):
		return ScriptMark
	case unicode.Is(unicode.Hangul, r):
		if unicode.IsLetter(r) {
			return ScriptHangul
		}
		return ScriptSpacePunct
	case r == 0x30FC || r == 0xFF70: // ー, halfwidth ｰ
		return ScriptKana
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		if unicode.IsLetter(r) {
			return ScriptKana
		}
		return ScriptSpacePunct
	case unicode.Is(unicode.Han, r):
		if unicode.IsLetter(r) || r == 0x3007 {
			return ScriptHan
		}
		return ScriptSpacePunct
	case unicode.Is(unicode.Cyrillic, r):
		if unicode.IsLetter(r) {
			return ScriptCyrillic
		}
		return ScriptSpacePunct
	case unicode.Is(unicode.Latin, r):
		if unicode.IsLetter(r) {
			return ScriptLatin
		}
		return ScriptSpacePunct
	case unicode.IsDigit(r):
		return ScriptDigit
	case unicode.IsLetter(r) || unicode.Is(unicode.Mc, r):
		return ScriptOther
	default:
		return ScriptSpacePunct
	}
}
