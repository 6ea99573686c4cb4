package ja

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/text/unicode/norm"
)

// Class is the coarse part of speech of a morpheme.
type Class uint8

// The classes. Dictionary words get theirs from IPADIC's part of speech;
// words the dictionary does not know are classed by their script.
const (
	// Unknown: not in the dictionary, kana or kanji.
	Unknown Class = iota
	// ProperNoun: 名詞,固有名詞 (organisation, person, place: 三菱, 小野, 東京).
	ProperNoun
	// Noun: any other 名詞 (一般, サ変接続, 形容動詞語幹...: 商事, 工業, 製薬).
	Noun
	// Suffix: 名詞,接尾 (社, 屋, 店, 様).
	Suffix
	// Prefix: 接頭詞 (新, 第).
	Prefix
	// Number: 名詞,数 and runs of ASCII digits (一, 三, 2024; ２０２４ after NFKC).
	Number
	// Latin: letters written in Latin (ＡＢＣ after NFKC: ABC), or in another
	// alphabet (whose romaji is then the letters lowercased, not ASCII).
	Latin
	// Symbol: punctuation and spaces (・, &, space).
	Symbol
	// Particle: 助詞 and 助動詞 (の, と).
	Particle
	// Other: verbs, adjectives, adverbs and the rest.
	Other
	// LegalForm: a Japanese company form (株式会社, 有限会社, (株)).
	LegalForm
)

var classNames = [...]string{
	Unknown: "unknown", ProperNoun: "proper-noun", Noun: "noun", Suffix: "suffix",
	Prefix: "prefix", Number: "number", Latin: "latin", Symbol: "symbol",
	Particle: "particle", Other: "other", LegalForm: "legal-form",
}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "class?"
}

// Source says where a morpheme's reading came from.
type Source uint8

// The sources, from certain to absent.
const (
	// NoReading: unknown kanji with no reading (Reading and Romaji are "").
	NoReading Source = iota
	// Dictionary: IPADIC's reading of the word, or of the dictionary
	// word it was cut from (see Morpheme.Compound).
	Dictionary
	// Kana: the surface is kana and is read as written (ポコペン, まるなか).
	Kana
	// Written: Latin letters or digits, romaji is the surface lowercased.
	Written
	// PerChar: unknown kanji read character by character, each by its
	// commonest dictionary reading as a word of its own: a guess.
	PerChar
)

var sourceNames = [...]string{
	NoReading: "none", Dictionary: "dictionary", Kana: "kana", Written: "written", PerChar: "per-char",
}

func (s Source) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return "source?"
}

// Known reports whether the reading is certain: from the dictionary, or
// the surface itself (kana, Latin, digits). PerChar readings are guesses.
func (s Source) Known() bool { return s == Dictionary || s == Kana || s == Written }

// Morpheme is one word of a name.
type Morpheme struct {
	Surface string // the text, NFKC-normalised (ＡＢＣ → ABC)
	Reading string // katakana reading; "" for Latin, digits, symbols and NoReading
	Romaji  string // modified Hepburn in lowercase ASCII (see Romaji); "" if none
	// Alt holds other romaji readings the dictionary gives the same surface
	// with the same part of speech (日本: nippon, with Alt nihon), for
	// words of two or more characters; nil for most words.
	Alt    []string
	Class  Class
	Source Source
	// Compound is the word this morpheme was cut from: a long dictionary
	// entry (三菱商事 → 三菱 and 商事, both with Compound 三菱商事) or a run
	// of kana the dictionary does not know as a whole (サイバーエージェント
	// → サイバー and エージェント); "" otherwise.
	Compound string
}

// Analyse segments a company name into morphemes with readings. The name
// is NFKC-normalised first (full-width Latin and digits become ASCII,
// half-width katakana full-width, the ideographic space a space). A name
// without kana or kanji is split into Latin, digit and symbol runs without
// loading the dictionary.
//
// Analyse is safe for concurrent use.
func Analyse(s string) []Morpheme {
	s = normalise(s)
	if !hasJapanese(s) {
		return scanWritten(nil, s)
	}
	a := get()
	toks := a.tok.Tokenize(s)
	ms := make([]Morpheme, 0, len(toks)+2)
	for i := range toks {
		ms = a.appendToken(ms, &toks[i])
	}
	ms = mergeKanaRuns(ms)
	return markLegalForms(ms, s)
}

// Readings returns the romaji of a name as words, for a caller that aligns
// them with the Latin words of another name (三菱商事 → [mitsubishi shoji],
// 株式会社まるなか → [marunaka]). Legal forms, symbols and words without a
// reading are left out; each word's primary reading is given (see
// WordReadings for the alternatives). Compare the words with Key.
func Readings(s string) []string {
	ms := Analyse(s)
	out := make([]string, 0, len(ms))
	for i := range ms {
		if isWord(&ms[i]) {
			out = append(out, ms[i].Romaji)
		}
	}
	return out
}

// WordReadings is Readings with each word's alternatives: word i is
// [primary, alternatives...] (日本郵船 → [[nippon nihon] [yusen]]).
func WordReadings(s string) [][]string {
	ms := Analyse(s)
	out := make([][]string, 0, len(ms))
	for i := range ms {
		if isWord(&ms[i]) {
			w := make([]string, 0, 1+len(ms[i].Alt))
			out = append(out, append(append(w, ms[i].Romaji), ms[i].Alt...))
		}
	}
	return out
}

func isWord(m *Morpheme) bool {
	return m.Romaji != "" && m.Class != Symbol && m.Class != LegalForm
}

// variants maps kanji variants that names use and IPADIC lacks to the
// common form (髙島屋 is written with 髙 for 高); NFKC does not fold them.
var variants = strings.NewReplacer("髙", "高", "﨑", "崎", "𠮷", "吉", "德", "徳", "濵", "濱", "邊", "辺", "邉", "辺")

func isVariant(r rune) bool {
	switch r {
	case '髙', '﨑', '𠮷', '德', '濵', '邊', '邉':
		return true
	}
	return false
}

// normalise applies NFKC and the kanji variants.
func normalise(s string) string {
	s = norm.NFKC.String(s)
	for _, r := range s {
		if isVariant(r) {
			return variants.Replace(s)
		}
	}
	return s
}

// hasJapanese reports whether s has a kana or kanji letter.
func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3000 && isJapanese(r) {
			return true
		}
	}
	return false
}

func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々' || r == '〆'
}

// isKanaString reports whether s is all kana (ー included, ・ not).
func isKanaString(s string) bool {
	for _, r := range s {
		if !isKanaRune(r) {
			return false
		}
	}
	return s != ""
}

func isHiraganaString(s string) bool {
	for _, r := range s {
		if !(unicode.Is(unicode.Hiragana, r) || r == 'ー') {
			return false
		}
	}
	return s != ""
}

// appendToken appends the morphemes of one kagome token: one, or several
// when a long dictionary word is split.
func (a *analyser) appendToken(ms []Morpheme, t *tokenizer.Token) []Morpheme {
	s := t.Surface
	if !hasJapanese(s) { // Latin, digits, symbols: as written
		return scanWritten(ms, s)
	}
	if t.Class == tokenizer.KNOWN {
		r, c := a.reading(t.ID), a.class[t.ID]
		if r == "" && isKanaString(s) {
			r = Katakana(s)
		}
		if r == "" {
			return append(ms, Morpheme{Surface: s, Class: c})
		}
		if legalForms[s] {
			return append(ms, Morpheme{Surface: s, Reading: r, Romaji: Romaji(r), Class: LegalForm, Source: Dictionary})
		}
		if parts := a.split(s, r, c, Dictionary); parts != nil {
			return append(ms, parts...)
		}
		ro := Romaji(r)
		return append(ms, Morpheme{Surface: s, Reading: r, Romaji: ro,
			Alt: a.alternatives(s, t.ID, ro), Class: c, Source: Dictionary})
	}
	return a.appendUnknown(ms, s)
}

// appendUnknown appends the morphemes of text the dictionary does not know,
// split into runs: kana read as written, kanji read per character, and
// the rest (Latin, digits, ・ and other symbols) as written.
func (a *analyser) appendUnknown(ms []Morpheme, s string) []Morpheme {
	const kana, kanji, written = 1, 2, 0
	kind := func(r rune) int {
		switch {
		case isKanaRune(r):
			return kana
		case isJapanese(r):
			return kanji
		}
		return written
	}
	for start := 0; start < len(s); {
		r, n := utf8.DecodeRuneInString(s[start:])
		k, end := kind(r), start+n
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if kind(r) != k {
				break
			}
			end += n
		}
		run := s[start:end]
		switch k {
		case kana:
			r := Katakana(run)
			if parts := a.split(run, r, Unknown, Kana); parts != nil {
				ms = append(ms, parts...)
			} else {
				ms = append(ms, Morpheme{Surface: run, Reading: r, Romaji: Romaji(r), Class: Unknown, Source: Kana})
			}
		case kanji:
			ms = append(ms, a.perChar(run))
		default:
			ms = scanWritten(ms, run)
		}
		start = end
	}
	return ms
}

// alternatives returns the romaji of the other readings of surface s in the
// dictionary with the same part of speech as entry id, at most three, for
// words of two characters or more; primary is the romaji the word is
// given.
func (a *analyser) alternatives(s string, id int, primary string) []string {
	if utf8.RuneCountInString(s) < 2 {
		return nil
	}
	var alt []string
	first, end := a.entries(s)
	for e := first; e < end; e++ {
		r := a.reading(e)
		if e == id || r == "" || !a.samePOS(e, id) {
			continue
		}
		ro := Romaji(r)
		if ro == primary || contains(alt, ro) {
			continue
		}
		if alt = append(alt, ro); len(alt) == 3 {
			break
		}
	}
	return alt
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// perChar reads a run of kanji the dictionary does not know character by
// character: each by the reading of its cheapest dictionary entry of its
// own (a noun, suffix, prefix or number). If one character has none, the
// morpheme has NoReading.
func (a *analyser) perChar(s string) Morpheme {
	m := Morpheme{Surface: s, Class: Unknown}
	var reading strings.Builder
	for _, r := range s {
		best, bestCost := "", int16(0)
		first, end := a.entries(string(r))
		for e := first; e < end; e++ {
			switch a.class[e] {
			case Noun, ProperNoun, Suffix, Prefix, Number:
			default:
				continue
			}
			if rd := a.reading(e); rd != "" && (best == "" || a.d.Morphs[e].Weight < bestCost) {
				best, bestCost = rd, a.d.Morphs[e].Weight
			}
		}
		if best == "" {
			if isKanaString(string(r)) {
				best = Katakana(string(r))
			} else {
				return m
			}
		}
		reading.WriteString(best)
	}
	m.Reading = reading.String()
	m.Romaji = Romaji(m.Reading)
	m.Source = PerChar
	return m
}

// scanWritten appends the morphemes of text without kana or kanji: runs of
// letters (Class Latin), of ASCII digits (Number), and of anything else
// (Symbol, spaces included), with romaji the lowercased letters and digits.
func scanWritten(ms []Morpheme, s string) []Morpheme {
	kind := func(r rune) Class {
		switch {
		case '0' <= r && r <= '9':
			return Number
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return Latin
		}
		return Symbol
	}
	start := 0
	for start < len(s) {
		r, n := utf8.DecodeRuneInString(s[start:])
		k := kind(r)
		end := start + n
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if kind(r) != k {
				break
			}
			end += n
		}
		m := Morpheme{Surface: s[start:end], Class: k}
		if k != Symbol {
			m.Romaji = latinRomaji(m.Surface)
			m.Source = Written
		}
		ms = append(ms, m)
		start = end
	}
	return ms
}

// latinRomaji lowercases Latin text, folding diacritics (é → e).
func latinRomaji(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) { // a combining mark: the diacritic
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// mergeKanaRuns joins a run of two or more hiragana morphemes into one word
// read as written, when the run does not read as ordinary nouns joined by
// particles: the dictionary covers a kana name it does not know (まるなか,
// ほっともっと) with adverbs and particles (まる・なか, ほっと・もっと), which
// are not its words. A run of nouns of two kana or more, with の, と, や or
// が after them (さくらの森: さくら・の), is kept as it is.
func mergeKanaRuns(ms []Morpheme) []Morpheme {
	out := ms[:0]
	for i := 0; i < len(ms); {
		j := i
		for j < len(ms) && isHiraganaString(ms[j].Surface) {
			j++
		}
		if j-i < 2 || nounRun(ms[i:j]) {
			if j == i {
				j++
			}
			out = append(out, ms[i:j]...)
			i = j
			continue
		}
		var s strings.Builder
		for _, m := range ms[i:j] {
			s.WriteString(m.Surface)
		}
		r := Katakana(s.String())
		out = append(out, Morpheme{Surface: s.String(), Reading: r, Romaji: Romaji(r), Class: Unknown, Source: Kana})
		i = j
	}
	return out
}

func nounRun(ms []Morpheme) bool {
	for k, m := range ms {
		switch {
		case m.Class == Noun || m.Class == ProperNoun:
			if utf8.RuneCountInString(m.Surface) < 2 {
				return false
			}
		case m.Class == Particle && k > 0:
			switch m.Surface {
			case "の", "と", "や", "が":
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// legalForms are the Japanese company forms Readings leaves out, as one or
// more consecutive morphemes; (株) is what NFKC makes of ㈱.
var legalForms = map[string]bool{
	"株式会社": true, "有限会社": true, "合同会社": true, "合資会社": true, "合名会社": true,
	"相互会社": true, "(株)": true, "(有)": true, "(同)": true, "(資)": true, "(名)": true,
	"一般社団法人": true, "一般財団法人": true, "公益社団法人": true, "公益財団法人": true,
	"特定非営利活動法人": true, "独立行政法人": true, "社会福祉法人": true, "医療法人": true, "学校法人": true,
}

// maxLegalParts is the most morphemes a legal form is read as ("(" 株 ")";
// 特定 非 営利 活動 法人).
const maxLegalParts = 5

// maxLegalBytes is the length of the longest legal form.
const maxLegalBytes = len("特定非営利活動法人")

// markLegalForms joins the morphemes that spell a legal form into one
// morpheme of Class LegalForm. s is the text the morphemes cover.
func markLegalForms(ms []Morpheme, s string) []Morpheme {
	out := ms[:0]
	pos := 0 // offset in s of ms[i]
	for i := 0; i < len(ms); {
		n, end := 0, pos
		for k := 0; k < maxLegalParts && i+k < len(ms) && end-pos <= maxLegalBytes; k++ {
			if end += len(ms[i+k].Surface); end > len(s) {
				break // the morphemes cover s; this only guards
			}
			if legalForms[s[pos:end]] {
				n = k + 1
			}
		}
		if n <= 1 {
			// one morpheme: already marked by appendToken if it is a form
			pos += len(ms[i].Surface)
			out = append(out, ms[i])
			i++
			continue
		}
		m := Morpheme{Class: LegalForm, Source: Dictionary}
		for _, p := range ms[i : i+n] {
			m.Surface += p.Surface
			m.Reading += p.Reading
			m.Romaji += p.Romaji
		}
		pos += len(m.Surface)
		out = append(out, m)
		i += n
	}
	return out
}
