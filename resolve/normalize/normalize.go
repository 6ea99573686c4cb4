// Package normalize turns a raw company name into comparison tokens.
//
// Steps, in order:
//
//  1. Unicode NFKC (full-width forms, ligatures, circled ㈜ → (주)) and case
//     folding (ß → ss).
//  2. Quotes of every script («», “”, „“, 「」, 『』, ”) are dropped; an
//     apostrophe inside a word joins it (Int'l → intl).
//  3. Bracketed parts — (HK), (Schweiz), [Group] — are cut out and returned as
//     qualifiers: separate evidence, never silently merged into the name.
//  4. The rest is split into words at spaces and punctuation, and each word
//     into runs of one script. Dotted single letters are joined (S.P.A. → spa,
//     A.Ş. → as); & and the words and/und/et/и become the connector "&".
//  5. Each run is written in Latin ASCII: Hangul by Revised Romanization,
//     Cyrillic by one canonical scheme, Han characters by toneless pinyin
//     (one word per run), Latin diacritics removed, any other script by a
//     lossy fallback. Han and Hangul runs are first cut at generic words and
//     legal forms they contain, since those scripts write words unspaced:
//     삼성전자 → samseong | 전자 (electronics); 深圳市华为技术 → shenzhen | 市 | huawei | 技术.
//
// Worked example: `ООО «Аурус» (Moscow)` gives tokens [ooo aurus] (scripts
// Cyrillic) and the qualifier [moscow].
//
// Cost: one pass over the runes plus transliteration; a few µs per name.
// Normalisation is idempotent on the token texts (fuzz-tested).
package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/resolve-tool/resolve/resolve/ja"
	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/phon"
	"github.com/resolve-tool/resolve/resolve/translit"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

// Script is the writing system a token came from.
type Script uint8

// The scripts the tokenizer tells apart.
const (
	Latin Script = iota
	Hangul
	Han
	Kana
	Cyrillic
	Other
)

func (s Script) String() string {
	return [...]string{"latin", "hangul", "han", "kana", "cyrillic", "other"}[s]
}

// Token is one word of a name.
type Token struct {
	Text   string // lowercase ASCII Latin form used for comparison
	Orig   string // the word as written (NFKC, case-folded)
	Script Script
	// Class is set when the tokenizer already knows the word is generic or a
	// legal form (from CJK segmentation); otherwise "" and the caller decides.
	Class string
	// Sector is set with Class for a generic word naming a line of business.
	Sector bool
	// LegalForm is set when the word is a legal form cut from a CJK run.
	LegalForm string
	// Japanese is set on a Han or kana word of a Japanese name: its Text is
	// the analyser's reading in Hepburn, Morphemes what the analyser cut it
	// into.
	Japanese  bool
	Morphemes []ja.Morpheme
	// Glued is the word as written when the caller cut words glued to its
	// end off it (SAMWONHOLDINGS → samwon | holdings), set on the head.
	Glued string
	// AfterHyphen is set on the word a hyphen joins to the word before it
	// (the Building of Machine-Building).
	AfterHyphen bool
	// Compound is true for a part of a hyphenated word (Sollers-Finance):
	// such parts belong to the name, so the caller should not treat them as
	// generic words.
	Compound bool
}

// Name is a tokenised name.
type Name struct {
	Tokens     []Token
	Qualifiers []Token // words found in brackets
}

var folder = cases.Fold()

// Fold applies NFKC and case folding.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// NFKC leaves ASCII alone and case folding is lowering it.
		return strings.ToLower(s)
	}
	return folder.String(norm.NFKC.String(s))
}

// Tokenize splits a raw name into comparison tokens.
func Tokenize(raw string) Name {
	s := Fold(splitCamel(raw))
	var n Name
	main, brackets := splitBrackets(s)
	jp := japanese(s)
	n.Tokens = words(main, nil, jp)
	for _, b := range brackets {
		// A bracket holding only a legal form — (주), (Pvt) — belongs to the name.
		if isAllCJK(b) {
			if _, forms := legalform.SplitCJK("(" + b + ")"); len(forms) > 0 {
				n.Tokens = appendCJK(n.Tokens, "("+b+")", scriptOf([]rune(b)[0]), jp)
				continue
			}
		}
		n.Qualifiers = words(b, n.Qualifiers, jp)
	}
	return n
}

// splitCamel puts a space where a lower-case letter is followed by an
// upper-case one in a word that is not all capitals (SiemensAG → Siemens AG,
// DaimlerChrysler → Daimler Chrysler), so glued legal forms and words part.
//
// A run of capitals followed by a capitalised word parts before the word's
// capital (BIXOLONCo.,Ltd → BIXOLON Co., Ltd; SLSBio → SLS Bio), but not
// before a plural s (ABCs).
func splitCamel(s string) string {
	rs := []rune(s)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	// split reports whether a space goes before rs[i].
	split := func(i int) bool {
		r, prev := rs[i], at(i-1)
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return true
		}
		next := at(i + 1)
		return unicode.IsUpper(r) && unicode.IsUpper(prev) && unicode.IsUpper(at(i-2)) && unicode.IsLower(next) &&
			!(next == 's' && !unicode.IsLetter(at(i+2)))
	}
	found := false
	for i := range rs {
		if split(i) {
			found = true
			break
		}
	}
	if !found {
		return s // the common case, without building a copy
	}
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && split(i) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAllCJK(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return false
		}
	}
	return s != ""
}

// splitBrackets cuts bracketed parts out of s. Unbalanced brackets are treated
// as spaces so nothing is lost.
func splitBrackets(s string) (string, []string) {
	if !strings.ContainsAny(s, "([{") {
		return s, nil
	}
	var main strings.Builder
	var out []string
	depth := 0
	var cur strings.Builder
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			if depth == 0 {
				cur.Reset()
			} else {
				cur.WriteRune(' ')
			}
			depth++
			main.WriteRune(' ')
		case ')', ']', '}':
			if depth == 0 {
				main.WriteRune(' ')
				continue
			}
			depth--
			if depth == 0 {
				if t := strings.TrimSpace(cur.String()); isLegalForm(t) {
					// "(Pvt) Ltd", "Банк ВТБ (ПАО)": a bracketed legal form
					// is part of the name, where it stands.
					main.WriteString(t)
					main.WriteRune(' ')
				} else if t != "" {
					out = append(out, t)
				}
			} else {
				cur.WriteRune(' ')
			}
		default:
			if depth > 0 {
				cur.WriteRune(r)
			} else {
				main.WriteRune(r)
			}
		}
	}
	if depth > 0 { // unterminated: keep the text as part of the name
		main.WriteRune(' ')
		main.WriteString(cur.String())
	}
	return main.String(), out
}

// isLegalForm reports whether the words of s are one legal form (Pvt, ПАО,
// L.L.C., Private Limited).
func isLegalForm(s string) bool {
	toks := words(s, nil, false)
	if len(toks) == 0 || len(toks) > 5 {
		return false
	}
	texts := make([]string, len(toks))
	for i, t := range toks {
		texts[i] = t.Text
	}
	_, ok := legalform.Match(texts)
	return ok
}

func scriptOf(r rune) Script {
	switch {
	case r < utf8.RuneSelf:
		return Latin
	case unicode.Is(unicode.Hangul, r):
		return Hangul
	case unicode.Is(unicode.Han, r):
		return Han
	case unicode.In(r, unicode.Hiragana, unicode.Katakana) || r == 'ー':
		// The long-vowel mark is of the Common script, but a letter of the
		// kana word it lengthens (ホールディングス is one word).
		return Kana
	case unicode.Is(unicode.Cyrillic, r):
		return Cyrillic
	case unicode.Is(unicode.Latin, r):
		return Latin
	}
	return Other
}

func isQuote(r rune) bool {
	switch r {
	case '"', '«', '»', '“', '”', '„', '‟', '「', '」', '『', '』', '‹', '›', '〈', '〉', '《', '》', '`', '´':
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʹ' || r == 'ʻ'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// words appends the tokens of s to dst.
func words(s string, dst []Token, jp bool) []Token {
	// Pass 1: split into raw words, remembering which were followed by a dot
	// so that dotted single letters can be joined (s.p.a. → spa).
	type rawWord struct {
		w      string
		dotted bool
		hyphen bool // joined to the next word by a hyphen
	}
	var raws []rawWord
	var cur strings.Builder
	flush := func(dotted bool) {
		if cur.Len() > 0 {
			raws = append(raws, rawWord{w: cur.String(), dotted: dotted})
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isWordRune(r):
			cur.WriteRune(r)
		case isApostrophe(r):
			// A possessive 's is dropped (Deutsche Bank's → deutsche bank);
			// inside a word an apostrophe joins (int'l → intl); elsewhere it
			// separates.
			if cur.Len() > 0 && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWordRune(rs[i+2])) {
				i++
				flush(false)
			} else if cur.Len() == 0 || i+1 >= len(rs) || !isWordRune(rs[i+1]) {
				flush(false)
			}
		case r == '.':
			flush(true)
		case r == '&' || r == '+':
			flush(false)
			raws = append(raws, rawWord{w: "&"})
		case r == '%':
			// Read as a word, as it is spoken: 3%ers / Three Percenters.
			flush(false)
			raws = append(raws, rawWord{w: "percent"})
		case isQuote(r):
			flush(false)
		case r == '-' || r == '‐' || r == '‑' || r == '–':
			had := cur.Len() > 0
			flush(false)
			if had && i+1 < len(rs) && isWordRune(rs[i+1]) {
				raws[len(raws)-1].hyphen = true
			}
		default:
			flush(false)
		}
	}
	flush(false)

	// Pass 2: join runs of dotted single letters (and a single letter that
	// ends such a run without a dot: "S.p.A" → spa, "B.Y.T." → byt).
	type word struct {
		w           string
		compound    bool
		afterHyphen bool
	}
	joined := make([]word, 0, len(raws))
	for i := 0; i < len(raws); i++ {
		if utf8.RuneCountInString(raws[i].w) == 1 && raws[i].dotted && i+1 < len(raws) && utf8.RuneCountInString(raws[i+1].w) == 1 {
			var b strings.Builder
			j := i
			for j < len(raws) && utf8.RuneCountInString(raws[j].w) == 1 && (j == i || raws[j-1].dotted) {
				b.WriteString(raws[j].w)
				j++
			}
			joined = append(joined, word{w: b.String()})
			i = j - 1
			continue
		}
		// A hyphen joins two words into one name (Sollers-Finance) unless the
		// other word is a stopword (Instrument-Making, Al-Aqsa) or the first
		// is a generic word: of a line of business like the second
		// (Научно-производственное: scientific-production) or naming the
		// second's field (Bio-medicine, Hi-Tech).
		partnerOK := func(j int) bool {
			p := raws[j].w
			if vocab.Stopword(p) {
				return false
			}
			_, generic := vocab.Lookup(raws[min(i, j)].w)
			return !generic
		}
		compound := (raws[i].hyphen && i+1 < len(raws) && partnerOK(i+1)) ||
			(i > 0 && raws[i-1].hyphen && partnerOK(i-1))
		joined = append(joined, word{w: raws[i].w, compound: compound, afterHyphen: i > 0 && raws[i-1].hyphen})
	}

	// Pass 3: split each word into runs of one script and write them in Latin.
	// Most words are one run: room for one token each, allocated once (a
	// Token is over 100 bytes; growing the slice by appending allocated
	// several times its final size for every name).
	dst = slices.Grow(dst, len(joined))
	cyrillic := hasCyrillic(s)
	latinWords := 0 // words with Latin letters and no Cyrillic
	if cyrillic {
		for _, w := range joined {
			if !hasCyrillic(w.w) && strings.ContainsFunc(w.w, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }) {
				latinWords++
			}
		}
	}
	for i, w := range joined {
		if isConnector(w.w) {
			dst = append(dst, Token{Text: "&", Orig: w.w, Script: Latin, Class: "connector"})
			continue
		}
		if cyrillic {
			around := (i > 0 && hasCyrillic(joined[i-1].w)) && (i+1 < len(joined) && hasCyrillic(joined[i+1].w))
			// A short word of look-alike letters alone among Cyrillic
			// words was typed on the wrong keyboard: AHO Диалог is АНО,
			// Акционерное Общество ACT is АСТ.
			alone := latinWords == 1 && utf8.RuneCountInString(w.w) <= 4
			if hasCyrillic(w.w) || (around && utf8.RuneCountInString(w.w) == 1) || alone {
				w.w = cyrillicLookalikes(w.w)
			}
		}
		n := len(dst)
		dst = appendRuns(dst, w.w, jp)
		for k := n; k < len(dst); k++ {
			dst[k].Compound = w.compound
			dst[k].AfterHyphen = w.afterHyphen && k == n
		}
	}
	return dst
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// cyrillicLookalikes writes the Latin letters that look like Cyrillic ones
// in Cyrillic, when a word mixes the scripts (Oбщество with a Latin O,
// Концeрн with a Latin e, кампанiя with a Latin i): typed on the wrong
// keyboard, or copied from a document that did. A word of other Latin
// letters is left alone.
func cyrillicLookalikes(s string) string {
	mixed := false
	for _, r := range s {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			if _, ok := lookalike[r]; !ok {
				return s
			}
			mixed = true
		}
	}
	if !mixed {
		return s
	}
	return strings.Map(func(r rune) rune {
		if c, ok := lookalike[r]; ok {
			return c
		}
		return r
	}, s)
}

// lookalike maps the lowercase Latin letters (names are case-folded before
// they are split into words) that look like Cyrillic letters.
var lookalike = map[rune]rune{'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'k': 'к', 'm': 'м', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'h': 'н', 't': 'т', 'b': 'в'}

func isConnector(w string) bool {
	switch w {
	case "&", "and", "und", "et", "и", "ve", "og", "och":
		return true
	}
	return false
}

func appendRuns(dst []Token, w string, jp bool) []Token {
	start := 0
	var prev Script = 255
	rs := []rune(w)
	emit := func(run []rune, sc Script) {
		if len(run) == 0 {
			return
		}
		dst = appendRun(dst, string(run), sc, jp)
	}
	for i, r := range rs {
		sc := scriptOf(r)
		if unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			sc = prev // digits and marks stay with their neighbours
			if prev == 255 {
				sc = Latin
			}
		}
		if i > 0 && sc != prev {
			emit(rs[start:i], prev)
			start = i
		}
		prev = sc
	}
	emit(rs[start:], prev)
	return dst
}

func appendRun(dst []Token, run string, sc Script, jp bool) []Token {
	switch sc {
	case Latin, Cyrillic:
		text := asciiFold(run)
		if sc == Cyrillic {
			text = asciiFold(translit.Cyrillic(run))
		}
		if text == "" {
			return dst // nothing that can be written in Latin letters
		}
		return append(dst, Token{Text: text, Orig: run, Script: sc})
	case Hangul, Han, Kana:
		return appendCJK(dst, run, sc, jp)
	}
	t := asciiFold(translit.Fallback(run))
	if t == "" {
		return dst
	}
	return append(dst, Token{Text: t, Orig: run, Script: Other})
}

// appendCJK cuts a run of unspaced CJK text at legal forms and generic words,
// then romanises each piece.
func appendCJK(dst []Token, run string, sc Script, jp bool) []Token {
	rest, forms := legalform.SplitCJK(run)
	var buf [8]vocab.Piece // the pieces of a run, on the stack for up to eight
	ps := loanwordEndings(pluralEndings(vocab.AppendSplitCJK(buf[:0], rest)), sc)
	for i, p := range ps {
		if i > 0 && (i+1 < len(ps) || len(forms) > 0) && p.Class == "" && p.Place == "" && IsJoiner(p.Text) {
			// 한국타이어앤테크놀로지 (Hankook Tire & Technology), 한국앤컴퍼니
			// (Hankook & Company): the 앤 between two words is their "&".
			dst = append(dst, Token{Text: "&", Orig: p.Text, Script: sc, Class: "connector"})
			continue
		}
		t := Token{Text: romanise(p.Text, sc), Orig: p.Text, Script: sc, Class: p.Class, Sector: p.Class != "" && p.Kind == vocab.Industry}
		if jp && sc != Hangul {
			t.Morphemes = ja.Analyse(p.Text)
			t.Text, t.Japanese = JapaneseRomaji(t.Morphemes), true
		}
		if t.Text != "" {
			dst = append(dst, t)
		}
	}
	for _, f := range forms {
		dst = append(dst, Token{Text: romanise(f.Text, sc), Orig: f.Text, Script: sc, Class: "legal_form", LegalForm: f.Form.Canonical})
	}
	return dst
}

// pluralEndings joins the ㅡ-syllable that writes an English plural (즈, 스)
// to the generic loanword it ends: 시스템즈 is one word, systems, not
// 시스템 and a stray 즈.
func pluralEndings(ps []vocab.Piece) []vocab.Piece {
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Class != "" && (p.Text == "즈" || p.Text == "스") && p.Class == "" {
			out[n-1].Text += p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// loanwordEndings joins a generic loanword to the unmatched piece right
// after it when the two are one English word that package phon knows by its
// pronunciation: 테크놀러지스 is technologies (written with 러, not the
// 로 of the generic vocabulary's 테크놀로지), not 테크 and a stray 놀러지스;
// 바이오로직스 is biologics, not 바이오 and 로직스. The joined piece takes
// the class of that English word, if it has one.
func loanwordEndings(ps []vocab.Piece, sc Script) []vocab.Piece {
	if sc != Hangul && sc != Kana {
		return ps
	}
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Class != "" && out[n-1].Place == "" && p.Class == "" && p.Place == "" {
			if en := phon.EnglishFor(out[n-1].Text + p.Text); len(en) > 0 {
				e, _ := vocab.Lookup(en[0])
				out[n-1] = vocab.Piece{Text: out[n-1].Text + p.Text, Class: e.Class, Kind: e.Kind}
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// joiners are how Korean and Japanese write "&" or "and" between two words
// of a name.
var joiners = map[string]bool{"앤": true, "앤드": true, "엔드": true, "アンド": true, "エンド": true, "&": true, "＆": true}

// IsJoiner reports whether s is how Korean or Japanese write "&" or "and"
// between two words of a name (앤, アンド), or an ampersand.
func IsJoiner(s string) bool { return joiners[s] }

// japanese reports whether a name is Japanese: it has kana, or a legal
// form only Japan uses. Its kanji are then read as Japanese (日新 nisshin),
// not as Chinese (rixin).
func japanese(s string) bool {
	han := false
	for _, r := range s {
		if r != 'ー' && unicode.In(r, unicode.Hiragana, unicode.Katakana) {
			return true
		}
		han = han || unicode.Is(unicode.Han, r)
	}
	if !han {
		return false
	}
	// A run of Han characters that starts or ends with a legal form of
	// Japan only (株式会社, 合同会社, (株)), as package legalform knows them.
	for _, run := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) && r != '(' && r != ')' }) {
		if _, forms := legalform.SplitCJK(run); len(forms) > 0 {
			for _, f := range forms {
				if len(f.Form.Countries) == 1 && f.Form.Countries[0] == "JP" {
					return true
				}
			}
		}
	}
	return false
}

// JapaneseRomaji writes Japanese text, analysed into morphemes by package
// ja, in modified Hepburn: 三菱商事 → mitsubishishoji. A morpheme without a
// reading keeps its Chinese one.
func JapaneseRomaji(ms []ja.Morpheme) string {
	var b strings.Builder
	for _, m := range ms {
		switch {
		case m.Romaji != "":
			b.WriteString(m.Romaji)
		case unicode.Is(unicode.Han, []rune(m.Surface + " ")[0]):
			b.WriteString(romanise(m.Surface, Han))
		default:
			b.WriteString(asciiFold(m.Surface))
		}
	}
	return asciiFold(b.String())
}

// Romanise writes a run of one script in lowercase Latin ASCII, as the
// tokenizer does (Hangul by Revised Romanization, Han by toneless pinyin,
// kana by Hepburn).
func Romanise(s string, sc Script) string { return romanise(s, sc) }

func romanise(s string, sc Script) string {
	switch sc {
	case Hangul:
		return asciiFold(translit.Hangul(s))
	case Han:
		var buf [16]string // the syllables of a word of up to 16 characters, without allocating
		return asciiFold(strings.Join(translit.AppendHan(buf[:0], s), ""))
	case Kana:
		return asciiFold(translit.Kana(s))
	}
	return asciiFold(translit.Fallback(s))
}

// asciiFold removes diacritics and keeps only ASCII letters and digits.
func asciiFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(translit.Fallback(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
