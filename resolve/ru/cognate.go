package ru

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
	"github.com/resolve-tool/resolve/resolve/translit"
)

// CognateThreshold is the similarity from which Cognate reports a cognate.
// корпорация ~ cooperation scores 0.87 and must stay below it.
const CognateThreshold = 0.88

// Cognate reports whether a Russian word and an English word are the same
// international word or name (технологии ~ technologies, электромеханики ~
// electromechanics, композит ~ composite, системы ~ systems, центр ~
// center, Уральский ~ Ural, Калужский ~ Kaluga), and how alike they are, in
// [0, 1]. It is rule-based and needs no table.
//
// Both words are brought to a common spelling, in a few variants each, and
// the best pair is compared by a weighted edit distance.
//
// Russian: folded, transliterated (translit.Cyrillic); the whole word is one
// variant, and the first ending rule that applies gives the others:
// -tsiya/-tsii → "cion" (English -tion); -icheskiy/-ika → "ik" (-ic,
// -ical, -ics); -skiy → -sk, and without it, also without the -in/-ov/-im
// of a place's adjective, with the place's final a restored (ufimsk → ufa,
// yaltinsk → yalta), and with the changed consonant restored (kaluzh →
// kalug);
// -nyy/-naya → -n and without it; -iya/-ii → -i (-y); other adjective
// endings → -i and without; else a noun ending is dropped; an adjective in
// -iyskiy also gives -ik (балтийский ~ Baltic, олимпийский ~ Olympic), a
// participle in -irovannyy its stem (специализированный ~ specialised), and
// a word of seven letters or more after при- (the land along a place:
// Прибалтийский ~ Baltic) also gives the keys of that rest. Then shch → sh,
// dzh/zh → j, kh/ch → h, ts → c, ya → ia, yu → u, ye → e, y → i.
//
// English: with and without its suffix rules (-ies → -y, -ical → -ic, -ics
// → -ic, -sky/-ski → -sk, plural -s, silent -e), and without a nationality
// suffix -ian/-an (Belarusian ~ беларуский); a word of three or four
// letters ending in a consonant and y also with "ai" (sky ~ скай, fly ~
// флай), a participle in -ised/-ized as its stem with -iz and one in -ated
// as its stem, and a silent e after g before a consonant as j (management ~
// менеджмент). Then ch/kh → h, zh → j, ts → c,
// ea/ee → i, ye → e, yu → u, ph → f, th → t, ck → k, qu → kv, ou → u, ti
// before a vowel → ci, c before e/i/y stays c (the ts of центр), any other
// c → k, x → ks, w → v, y → i. On both sides doubled letters are written
// once.
//
// Distance: a vowel for another vowel, and s/z, g/j, k/g, v/f, v/u, c/s,
// c/k, cost 0.4; inserting or deleting a vowel 0.6; anything else 1. The
// similarity is 1 − distance / longer length; keys of three letters or
// fewer must be equal, and keys longer than 63 letters are not compared. CognateThreshold says which similarity is a cognate.
//
// Worked examples (the closest pair of variants):
//
//	технологии, technologies      → tehnologi, tehnologi          1.00 true
//	корпорация, corporation       → korporacion, korporacion      1.00 true
//	центр, center                 → centr, center                 0.90 true
//	инжиниринг, engineering       → injiniring, enginiring        0.92 true
//	Калужский, Kaluga             → kalug, kaluga                 0.90 true
//	корпорация, cooperation       → korporacion, koperacion       0.87 false
//	банк, bark                    → bank, bark                    0.75 false
//
// Cost: a handful of short strings and an O(len²) distance per pair of
// variants (at most about five Russian by three English); allocates.
func Cognate(ruWord, enWord string) (float64, bool) {
	return SpellingsOf(ruWord).Cognate(enWord)
}

// Spellings are the transliterated spellings of a Russian word that
// Cognate compares with an English word's: computed once for a word met
// in many pairs (their cost is most of Cognate's).
type Spellings []string

// SpellingsOf returns the spellings of ruWord (see Cognate).
func SpellingsOf(ruWord string) Spellings { return russianKeys(ruWord) }

// Cognate is Cognate of the word s spells and enWord.
func (s Spellings) Cognate(enWord string) (float64, bool) {
	best := 0.0
	ens := englishKeys(enWord)
	for _, ru := range s {
		for _, en := range ens {
			best = max(best, similarity(ru, en))
		}
	}
	return best, best >= CognateThreshold
}

// maxKey is the longest key compared; longer ones are no words.
const maxKey = 63

// similarity compares two keys; short ones must be equal.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) <= 3 || len(b) <= 3 || len(a) > maxKey || len(b) > maxKey {
		return 0
	}
	return 1 - distance(a, b)/float64(max(len(a), len(b)))
}

// ruEnding is a set of Russian endings (transliterated) and what they
// become; drop adds a variant without them (uralsk, ural); place adds one
// without the -in/-an/-ov... that makes a place's adjective
// (balashikhinsk, balashikh).
type ruEnding struct {
	suffixes    []string
	repl        string
	drop, place bool
}

// adjEndings are the case and gender endings of Russian adjectives,
// transliterated, longest first; the last four are single vowels.
var adjEndings = []string{"yye", "iye", "aya", "yaya", "oye", "ogo", "ego", "omu", "emu", "ykh", "ikh", "ymi", "imi", "uyu",
	"yuyu", "yy", "iy", "oy", "ey", "oe", "ee", "ye", "ym", "im", "om", "em", "yi", "ii", "y", "i", "a", "o", "u", "e"}

// nounEndings are case endings of Russian nouns, transliterated, longest
// first; they are dropped.
var nounEndings = []string{"ami", "yami", "akh", "yakh", "iyu", "ov", "ev", "ey", "om", "em", "am", "yam", "oy",
	"ya", "yu", "ye", "a", "y", "i", "u", "e", "o"}

// withEndings returns every stem+ending for the endings.
func withEndings(stem string, endings []string) []string {
	out := make([]string, len(endings))
	for i, e := range endings {
		out[i] = stem + e
	}
	return out
}

// ruEndings are tried in order; the first that matches applies.
var ruEndings = []ruEnding{
	{suffixes: []string{"tsiyami", "tsiyakh", "tsiyam", "tsiyey", "tsiey", "tsiya", "tsiyu", "tsii", "tsiy"}, repl: "cion"},
	{suffixes: withEndings("ichesk", adjEndings), repl: "ik"},
	{suffixes: withEndings("sk", adjEndings), repl: "sk", drop: true, place: true},
	{suffixes: withEndings("n", adjEndings[:len(adjEndings)-4]), repl: "n", drop: true},
	{suffixes: append(withEndings("ik", []string{"ami", "akh", "am", "oy", "ey", "a", "i", "e", "u", "y"}), "ik"), repl: "ik"},
	{suffixes: []string{"iyami", "iyakh", "iyam", "iyey", "iey", "iya", "iyu", "ii", "iy"}, repl: "i"},
	// Other adjectives: Горького ~ Gorky, Большая ~ Bolshaya (the whole
	// word is always a key too).
	{suffixes: adjEndings[:len(adjEndings)-6], repl: "i", drop: true},
}

// placeSuffixes make the adjective of a place name (Балашиха →
// балашихинский, Уфа → уфимский).
var placeSuffixes = []string{"in", "an", "en", "ov", "ev", "im"}

// mutations are the consonants of a place name that change before the
// adjective's -sk (transliterated): g → zh, k → ch, kh → sh.
var mutations = [][2]string{{"zh", "g"}, {"ch", "k"}, {"sh", "kh"}}

// russianKeys returns the spellings of a Russian word to compare: the
// whole transliteration, and the ones its ending rule gives.
func russianKeys(word string) []string {
	folded := lex.Fold(word)
	keys := russianWordKeys(letters(translit.Cyrillic(folded)), nil)
	// An adjective of the land along a place (Прибалтийский, Приуральский):
	// English names write the place (Baltic, Ural).
	if rest, ok := strings.CutPrefix(folded, "при"); ok && utf8.RuneCountInString(rest) >= minPlaceRest {
		keys = russianWordKeys(letters(translit.Cyrillic(rest)), keys)
	}
	return keys
}

// minPlaceRest is the least length, in runes, of what follows при- for the
// rest to be taken as a place's adjective.
const minPlaceRest = 7

// russianWordKeys appends to keys the spellings of a transliterated Russian
// word t (see russianKeys).
func russianWordKeys(t string, keys []string) []string {
	if k := ruLetters(t); !slices.Contains(keys, k) {
		keys = append(keys, k)
	}
	add := func(k string) {
		if k = ruLetters(k); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// An adjective in -ийский is the English -ic (балтийский ~ Baltic,
	// олимпийский ~ Olympic); the -sk rule below also applies. A participle
	// in -ированный is the English one in -ed without its ending
	// (специализированный ~ specialised, интегрированный ~ integrated).
	for _, e := range adjEndings {
		if stem, ok := strings.CutSuffix(t, "iysk"+e); ok && len(stem) >= 3 {
			add(stem + "ik")
			break
		}
		if stem, ok := strings.CutSuffix(t, "irovann"+e); ok && len(stem) >= 4 {
			add(stem)
			break
		}
	}
	for _, e := range ruEndings {
		for _, s := range e.suffixes {
			stem, ok := strings.CutSuffix(t, s)
			if !ok || len(stem) < 2 {
				continue
			}
			add(stem + e.repl)
			if e.drop {
				add(stem)
			}
			if e.place {
				add(stem + "s") // Belarusian беларуская, Russian белорусская
				for _, p := range placeSuffixes {
					st, ok := strings.CutSuffix(stem, p)
					if ok && len(st) >= 4 {
						add(st)
					}
					if ok && len(st) >= 2 {
						add(st + "a") // the place's final a: Уфа → уфимский, Ялта → ялтинский
					}
				}
				// The consonant that changes before -sk: Калуга → калужский,
				// Тверь → тверской keeps, Углич → угличский keeps.
				for _, m := range mutations {
					if st, ok := strings.CutSuffix(stem, m[0]); ok && len(st) >= 3 {
						add(st + m[1])
					}
				}
			}
			return keys
		}
	}
	for _, s := range nounEndings {
		if st, ok := strings.CutSuffix(t, s); ok && len(st) >= 3 {
			add(st)
			break
		}
	}
	return keys
}

var ruReplacer = strings.NewReplacer("shch", "sh", "dzh", "j", "kh", "h", "ch", "h", "ts", "c", "zh", "j",
	"ya", "ia", "yu", "u", "ye", "e", "y", "i")

func ruLetters(s string) string { return undouble(ruReplacer.Replace(s)) }

// englishKeys returns the spellings of an English word to compare: with
// its English suffix rules, and without them when they changed it (a
// transliterated name: Arzamas is not a plural).
func englishKeys(word string) []string {
	w := letters(strings.ToLower(word))
	keys := make([]string, 0, 2)
	if k := enLetters(englishSuffixes(w)); len(k) >= 2 {
		keys = append(keys, k)
	}
	if k := enLetters(w); len(k) >= 2 && !slices.Contains(keys, k) {
		keys = append(keys, k)
	}
	// A participle in -ised, -ized or -ated, as its Russian one in
	// -ированный reads without the ending: specializ, integr.
	for _, suf := range []string{"ised", "ized", "ated"} {
		if st, ok := strings.CutSuffix(w, suf); ok && len(st) >= 4 {
			if suf != "ated" {
				st += "iz"
			}
			if k := enLetters(st); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
			break
		}
	}
	// A short word ending in a consonant and y says "ai" (sky ~ скай, fly ~
	// флай).
	if n := len(w); n >= 3 && n <= 4 && w[n-1] == 'y' && !isVowel(w[n-2]) {
		if k := enLetters(w[:n-1]) + "ai"; !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// A silent e after a soft g (management ~ менеджмент, engagement).
	if i := strings.Index(w, "ge"); i > 0 && i+2 < len(w) && !isVowel(w[i+2]) && w[i+2] != 'r' && w[i+2] != 'n' && w[i+2] != 'l' {
		if k := enLetters(englishSuffixes(w[:i] + "j" + w[i+2:])); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// A nationality or place adjective: Belarusian ~ Беларуский (belarus),
	// Crimean ~ Крымский.
	for _, suf := range []string{"ian", "ean", "an"} {
		if st, ok := strings.CutSuffix(w, suf); ok && len(st) >= 4 {
			if k := enLetters(st); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
			break
		}
	}
	return keys
}

// englishSuffixes maps English endings to the common spelling.
func englishSuffixes(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y" // technologies
	case strings.HasSuffix(w, "ical"):
		w = w[:len(w)-2] // chemical → chemic
	case strings.HasSuffix(w, "ics"):
		w = w[:len(w)-1] // electronics → electronic
	case strings.HasSuffix(w, "sky"), strings.HasSuffix(w, "ski"):
		w = w[:len(w)-1]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		w = w[:len(w)-1] // systems
	}
	if len(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1] // composite, centre, institute
	}
	return w
}

// enLetters maps English letters to the common spelling, and the
// romanised Russian letters of transliterated names (kh, zh, ts, ya) as
// ruLetters does.
func enLetters(w string) string {
	var b strings.Builder
	b.Grow(len(w) + 2)
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case strings.HasPrefix(w[i:], "shch"):
			b.WriteString("sh")
			i += 3
		case (c == 'c' || c == 'k') && next == 'h':
			b.WriteByte('h')
			i++
		case c == 'z' && next == 'h':
			b.WriteByte('j')
			i++
		case c == 't' && next == 's':
			b.WriteByte('c')
			i++
		case c == 'e' && (next == 'a' || next == 'e'):
			b.WriteByte('i') // leasing ~ лизинг, dealer ~ дилер
			i++
		case c == 'y' && next == 'e':
			b.WriteByte('e')
			i++
		case c == 'y' && next == 'u':
			b.WriteByte('u')
			i++
		case c == 'p' && next == 'h':
			b.WriteByte('f')
			i++
		case c == 't' && next == 'h':
			b.WriteByte('t')
			i++
		case c == 'c' && next == 'k':
			b.WriteByte('k')
			i++
		case c == 'q' && next == 'u':
			b.WriteString("kv")
			i++
		case c == 'o' && next == 'u':
			b.WriteByte('u')
			i++
		case c == 't' && next == 'i' && i+2 < len(w) && isVowel(w[i+2]):
			b.WriteByte('c')
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			b.WriteByte('c')
		case c == 'c':
			b.WriteByte('k')
		case c == 'x':
			b.WriteString("ks")
		case c == 'w':
			b.WriteByte('v')
		case c == 'y':
			b.WriteByte('i')
		default:
			b.WriteByte(c)
		}
	}
	return undouble(b.String())
}

// letters keeps the ASCII letters of s.
func letters(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' {
					return r
				}
				return -1
			}, s)
		}
	}
	return s
}

// undouble writes doubled letters once.
func undouble(s string) string {
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			b := []byte(s[:i])
			for j := i; j < len(s); j++ {
				if s[j] != b[len(b)-1] {
					b = append(b, s[j])
				}
			}
			return string(b)
		}
	}
	return s
}

func isVowel(c byte) bool { return vowels[c] }

var vowels = [256]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

// near are the pairs of letters that differ little between the two
// spellings.
var near = [...][2]byte{{'s', 'z'}, {'g', 'j'}, {'k', 'g'}, {'v', 'f'}, {'v', 'u'}, {'c', 's'}, {'c', 'k'}}

// Costs of the edit distance.
const (
	nearCost       = 0.4 // a vowel for a vowel, a near pair
	vowelIndelCost = 0.6 // inserting or deleting a vowel
)

// subCosts[a][b] is the cost of writing b for a (letters a–z).
var subCosts = func() (c [26][26]float64) {
	for a := range 26 {
		for b := range 26 {
			switch {
			case a == b:
			case vowels['a'+a] && vowels['a'+b]:
				c[a][b] = nearCost
			default:
				c[a][b] = 1
			}
		}
	}
	for _, p := range near {
		c[p[0]-'a'][p[1]-'a'] = nearCost
		c[p[1]-'a'][p[0]-'a'] = nearCost
	}
	return c
}()

// indelCost is the cost of inserting or deleting c.
func indelCost(c byte) float64 {
	if vowels[c] {
		return vowelIndelCost
	}
	return 1
}

// distance is the weighted edit distance of two keys (letters a–z, at
// most maxKey), on two rows kept on the stack.
func distance(a, b string) float64 {
	var bufPrev, bufCur [maxKey + 1]float64
	prev, cur := bufPrev[:len(b)+1], bufCur[:len(b)+1]
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + indelCost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		ca := a[i-1]
		cur[0] = prev[0] + indelCost(ca)
		for j := 1; j <= len(b); j++ {
			cur[j] = min(prev[j-1]+subCosts[ca-'a'][b[j-1]-'a'],
				prev[j]+indelCost(ca),
				cur[j-1]+indelCost(b[j-1]))
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
