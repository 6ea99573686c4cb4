package phon

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// letterNames are the names of the Latin letters as Korean and Japanese
// write them, the usual spelling of each first. A spelling that names two
// letters (지 G and Z, ジー G and Z) is listed under both; the rank (its
// place in the letter's list) decides between parses.
var letterNames = [26][]string{
	{"에이", "エー", "エイ"},          // A
	{"비", "ビー"},                 // B
	{"씨", "시", "シー"},            // C
	{"디", "ディー", "デー", "ディ"},    // D
	{"이", "イー"},                 // E
	{"에프", "エフ"},                // F
	{"지", "쥐", "ジー"},            // G
	{"에이치", "에치", "エイチ", "エッチ"}, // H
	{"아이", "アイ"},                // I
	{"제이", "ジェー", "ジェイ"},        // J
	{"케이", "ケー", "ケイ"},          // K
	{"엘", "エル"},                 // L
	{"엠", "エム"},                 // M
	{"엔", "エヌ"},                 // N
	{"오", "オー"},                 // O
	{"피", "ピー"},                 // P
	{"큐", "キュー"},                // Q
	{"알", "아르", "アール"},          // R
	{"에스", "エス"},                // S
	{"티", "ティー", "テー", "ティ"},    // T
	{"유", "ユー"},                 // U
	{"브이", "뷔", "ブイ", "ヴィー"},    // V
	{"더블유", "더블류", "ダブリュー", "ダブリュ"},      // W
	{"엑스", "エックス"},                       // X
	{"와이", "ワイ"},                         // Y
	{"제트", "젯", "지", "ゼット", "ゼッド", "ジー"}, // Z
}

type letterName struct {
	native string
	latin  byte // 0 for a joiner (see joiners)
	rank   int
}

// joiners are how Korean and Japanese write the "&" between two runs of
// letters (지앤알 G&R, 아이엔씨 I&C, エス・アンド・ビー S&B): they spell no
// letter, and a run of letters may hold one between two letters. 엔 is also
// the letter N, the usual reading, so as "&" it ranks after it; the rank
// is the same scale as the letters' spellings.
var joiners = []letterName{
	{"앤드", 0, 0}, {"엔드", 0, 1}, {"앤", 0, 0}, {"엔", 0, 1},
	{"アンド", 0, 0}, {"エンド", 0, 1},
}

// letterList is letterNames flattened, longest spelling first.
var letterList = func() []letterName {
	var l []letterName
	for i, names := range letterNames {
		rank := 0
		for _, n := range names {
			l = append(l, letterName{n, byte('a' + i), rank})
			rank++
		}
	}
	l = append(l, joiners...)
	slices.SortStableFunc(l, func(a, b letterName) int { return len(b.native) - len(a.native) })
	return l
}()

// spellsLetters reports whether native is exactly the names of the letters
// of latin (lowercase a-z), without allocating: 엘지, lg → true.
func spellsLetters(native, latin string) bool {
	if latin == "" {
		return native == ""
	}
	c := latin[0]
	if c < 'a' || c > 'z' {
		return false
	}
	for _, name := range letterNames[c-'a'] {
		if strings.HasPrefix(native, name) && spellsLetters(native[len(name):], latin[1:]) {
			return true
		}
	}
	return false
}

// letterParse is one reading of a run as letter names.
type letterParse struct {
	latin  string
	score  int  // sum of ranks: lower is the more usual reading
	joined bool // a joiner has been read
	open   bool // it ends in a joiner: not a reading until a letter follows
}

// maxLetterParses bounds the readings kept per position.
const maxLetterParses = 8

// letterParses returns the readings of every prefix of s as letter names:
// at[i] lists those of s[:i].
func letterParses(s string) [][]letterParse {
	return letterParsesIn(make([][]letterParse, len(s)+1), s)
}

// maxStackLattice is the longest run (in bytes) whose lattice positions a
// caller keeps on its stack (letterParsesIn).
const maxStackLattice = 64

// emptyReading is the reading of the empty prefix; letterParsesIn neither deletes
// from nor reorders a list of one, so every lattice shares it.
var emptyReading = []letterParse{{}}

// letterParsesIn is letterParses into at, of length len(s)+1 and all nil,
// which a caller may keep on its stack.
func letterParsesIn(at [][]letterParse, s string) [][]letterParse {
	at[0] = emptyReading
	for i := 0; i < len(s); i++ {
		if len(at[i]) == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		for _, ln := range letterByFirst[r] {
			if !strings.HasPrefix(s[i:], ln.native) {
				continue
			}
			j := i + len(ln.native)
			for _, p := range at[i] {
				if len(at[j]) >= maxLetterParses {
					break
				}
				switch {
				case ln.latin != 0:
					at[j] = append(at[j], letterParse{latin: p.latin + string(ln.latin), score: p.score + ln.rank, joined: p.joined})
				case p.latin != "" && !p.open && !p.joined:
					// One "&", after a letter: G&R, not &G or G&&R.
					at[j] = append(at[j], letterParse{latin: p.latin, score: p.score + ln.rank, joined: true, open: true})
				}
			}
		}
	}
	for i, ps := range at {
		ps = slices.DeleteFunc(ps, func(p letterParse) bool { return p.open })
		at[i] = ps
		slices.SortFunc(ps, func(a, b letterParse) int {
			if a.score != b.score {
				return a.score - b.score
			}
			return strings.Compare(a.latin, b.latin)
		})
	}
	return at
}

// letterReach returns the furthest byte offset of s that a run of letter
// names from its start reaches, ignoring what letterParses also requires
// ("&" only after a letter, at most maxLetterParses readings a position):
// letterParses(s) has no reading of a prefix longer than that, and reads
// s[:n] as letterParses(s[:n]) does for every n, so a lattice can stop there.
func letterReach(s string) int {
	var reach [256]bool
	if len(s) >= len(reach) {
		return len(s) // not worth bounding
	}
	reach[0] = true
	last := 0
	for i := 0; i < len(s); i++ {
		if !reach[i] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		for _, ln := range letterByFirst[r] {
			if strings.HasPrefix(s[i:], ln.native) {
				j := i + len(ln.native)
				reach[j] = true
				last = max(last, j)
			}
		}
	}
	return last
}

// startsWithLetterName reports whether s begins with the name of a letter.
func startsWithLetterName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	for _, ln := range letterByFirst[r] {
		if ln.latin != 0 && strings.HasPrefix(s, ln.native) {
			return true
		}
	}
	return false
}

// letterByFirst is letterList by the first character of each spelling, in
// the order of letterList: the spellings a run at some position can begin
// with, without trying the others.
var letterByFirst = func() map[rune][]letterName {
	m := map[rune][]letterName{}
	for _, ln := range letterList {
		r, _ := utf8.DecodeRuneInString(ln.native)
		m[r] = append(m[r], ln)
	}
	return m
}()

// toKatakana turns hiragana into katakana.
func toKatakana(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x3041 && r <= 0x3096 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x3041 && r <= 0x3096 {
			return r + 0x60
		}
		return r
	}, s)
}

// Letters reads a Hangul or kana run that spells Latin letters by their
// names, entirely, and returns the letters in lower case:
//
//	Letters("엘지")        // "lg", true
//	Letters("에스케이")    // "sk", true
//	Letters("디에스엠")    // "dsm", true
//	Letters("オーエスジー") // "osg", true
//	Letters("삼성")        // "", false
//
// When the run has several readings (지 is G or Z) it returns the most
// usual one (G); LetterParses returns them all.
//
// A reading with a joiner (지앤알 G&R) is not returned: it is one only
// against a name that has the "&" (see LetterPrefixes).
func Letters(native string) (string, bool) {
	if native == "" {
		return "", false
	}
	s := toKatakana(native)
	if !startsWithLetterName(s) || letterReach(s) < len(s) {
		return "", false // the common case, without building the lattice
	}
	var buf [maxStackLattice + 1][]letterParse
	for _, p := range parsesIn(buf[:], s)[len(s)] {
		if !p.joined {
			return p.latin, true
		}
	}
	return "", false
}

// reachedParses returns the letter-name lattice of s as far as a run of
// letter names reaches (letterReach), in buf when it fits there
// (maxStackLattice positions), else allocated.
func reachedParses(buf [][]letterParse, s string) [][]letterParse {
	return parsesIn(buf, s[:letterReach(s)])
}

// parsesIn returns the letter-name lattice of s, in buf when it fits there,
// else allocated.
func parsesIn(buf [][]letterParse, s string) [][]letterParse {
	if len(s) < len(buf) {
		return letterParsesIn(buf[:len(s)+1], s)
	}
	return letterParses(s)
}

// LettersEach calls fn, by increasing end, with what Letters(native[:end])
// returns for each end where it reads letters, from one lattice rather
// than one per prefix.
func LettersEach(native string, fn func(end int, latin string)) {
	s := toKatakana(native)
	if !startsWithLetterName(s) {
		return
	}
	var buf [maxStackLattice + 1][]letterParse
	at := reachedParses(buf[:], s)
	for end := 1; end < len(at); end++ {
		for _, p := range at[end] {
			if !p.joined {
				fn(end, p.latin)
				break
			}
		}
	}
}

// LetterParses returns every reading of native as letter names, the most
// usual first (by the order of each letter's spellings, then
// alphabetically): LetterParses("지에스") is [gs zs].
func LetterParses(native string) []string {
	if native == "" {
		return nil
	}
	s := toKatakana(native)
	at := letterParses(s)
	var out []string
	for _, p := range at[len(s)] {
		out = append(out, p.latin)
	}
	return out
}

// LetterPrefix returns the longest prefix of native that spells letter
// names, its most usual reading and its length in bytes; n is 0 when native
// does not start with a letter name:
//
//	LetterPrefix("와이엠텍")  // "ym", 9  (와이엠 | 텍)
func LetterPrefix(native string) (latin string, n int) {
	LetterPrefixes(native, 0, func(end int, l string, joined bool) {
		if !joined {
			latin, n = l, end
		}
	})
	return latin, n
}

// LetterPrefixes calls fn, in increasing order of end, for each end such
// that native[start:end] spells letter names, with its most usual reading,
// and again with the most usual reading that reads a joiner as "&" where
// that is another one (아이엔씨: "inc", then "ic" for I&C; joined says
// which); the letters counterpart of Prefixes for a segmentation lattice.
func LetterPrefixes(native string, start int, fn func(end int, latin string, joined bool)) {
	if start < 0 || start >= len(native) {
		return
	}
	s := native[start:]
	k := toKatakana(s)
	if len(k) != len(s) {
		return // unreachable: hiragana and katakana have the same UTF-8 length
	}
	if !startsWithLetterName(k) {
		return
	}
	var buf [maxStackLattice + 1][]letterParse
	at := reachedParses(buf[:], k)
	for i := 1; i < len(at); i++ {
		if len(at[i]) == 0 || at[i][0].latin == "" {
			continue
		}
		fn(start+i, at[i][0].latin, at[i][0].joined)
		if at[i][0].joined {
			continue
		}
		for _, p := range at[i][1:] {
			if p.joined {
				if p.latin != at[i][0].latin {
					fn(start+i, p.latin, true)
				}
				break
			}
		}
	}
}
