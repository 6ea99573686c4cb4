package main

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/japanese"

	"github.com/resolve-tool/resolve/resolve/internal/debpkg"
)

// EDICT, the Japanese–English dictionary of the EDRDG (CC BY-SA 3.0), as
// Debian packages it (bookworm), and the files taken from it.
var edictPkg = debpkg.Package{Name: "edict", Version: "2021.02.03-1",
	SHA256: "f1d50611cd5486d30a4bdd56447bcfa1ee5084da7909340f5da3e1abc0b97b3b"}

const (
	edictPath      = "./usr/share/edict/edict"
	edictCopyright = "./usr/share/doc/edict/copyright"
)

// fetchEdict returns the EDICT file (EUC-JP) and the package's copyright
// file from the pinned .deb: deb, or the one apt-get downloads when deb is
// "".
func fetchEdict(deb string) (dict, copyright []byte, err error) {
	files, err := debpkg.Open(edictPkg, deb, edictPath, edictCopyright)
	if err != nil {
		return nil, nil, err
	}
	return files[edictPath], files[edictCopyright], nil
}

// edictDropTags mark EDICT senses of no use to a company name: archaic,
// obsolete, obscure, slang, vulgar, derogatory, idioms, four-character
// compounds, abbreviations.
var edictDropTags = []string{"(arch)", "(obs)", "(obsc)", "(sl)", "(vulg)", "(x)", "(derog)", "(id)", "(yoji)", "(abbr)"}

// parseEdict reads the EDICT file (EUC-JP lines `漢字 [かな] /(n) gloss/
// gloss/(P)/`) into entries of the CC-CEDICT shape, keyed by the
// traditional spelling of each headword of Han characters only: each
// shinjitai character replaced by the first traditional character
// JPShinjitaiCharacters gives it (電線 stays 電線, 保険 becomes 保險,
// 鉄鋼 鐵鋼), so that the Korean index, which reads traditional words, and
// Japanese lookups, which respell shinjitai, both find them. Each /-field
// is a sense; the tags of the senses to drop are in edictDropTags.
func parseEdict(raw []byte, toTrad map[rune]rune) ([]cedictEntry, error) {
	text, err := japanese.EUCJP.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, fmt.Errorf("edict: decode EUC-JP: %w", err)
	}
	var out []cedictEntry
	for n, line := range strings.Split(string(text), "\n") {
		if line == "" || strings.HasPrefix(line, "　") { // the header line
			continue
		}
		head, rest, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("edict: line %d: no space after the headword", n+1)
		}
		kana := isKatakanaWord(head)
		if !isHanWord(head) && !kana {
			continue
		}
		_, glosses, ok := strings.Cut(rest, "/")
		if !ok {
			return nil, fmt.Errorf("edict: line %d: no glosses", n+1)
		}
		var senses []string
		for part := range strings.SplitSeq(glosses, "/") {
			lower := strings.ToLower(part)
			if part == "" || part == "(P)" || strings.HasPrefix(part, "EntL") || containsAny(lower, edictDropTags) {
				continue
			}
			senses = append(senses, stripBraces(part))
		}
		if len(senses) == 0 {
			continue
		}
		trad := []rune(head)
		for i, r := range trad {
			if t, ok := toTrad[r]; ok && !kana {
				trad[i] = t
			}
		}
		out = append(out, cedictEntry{trad: string(trad), simp: string(trad), senses: senses, edict: true})
	}
	return out, nil
}

// maxKanaRunes is the longest katakana headword kept (エレクトロニクス is 8).
const maxKanaRunes = 12

// isKatakanaWord reports whether s is 2..maxKanaRunes katakana (with the
// long-vowel mark ー), a word Japanese writes by sound: EDICT glosses the
// ones CMUdict cannot, taken from German, Dutch or French (チタン titanium,
// エネルギー energy) or made in Japan.
func isKatakanaWord(s string) bool {
	n := 0
	for _, r := range s {
		if r < 0x30A1 || r > 0x30FC || r == 0x30FB { // katakana and ー, not the middle dot
			return false
		}
		n++
	}
	return n >= 2 && n <= maxKanaRunes
}

// toTraditional maps each shinjitai character of JPShinjitaiCharacters to
// the first traditional character it lists.
func toTraditional(chars []byte) (map[rune]rune, error) {
	pairs, err := parseOpenCC(chars)
	if err != nil {
		return nil, fmt.Errorf("JPShinjitaiCharacters: %w", err)
	}
	m := map[rune]rune{}
	for _, p := range pairs {
		f, t := []rune(p[0]), []rune(p[1])
		if len(f) != 1 || len(t) != 1 {
			return nil, fmt.Errorf("JPShinjitaiCharacters: %s → %s: not one character each", p[0], p[1])
		}
		if _, ok := m[f[0]]; !ok && f[0] != t[0] {
			m[f[0]] = t[0]
		}
	}
	return m, nil
}

// stripBraces removes EDICT's field tags in braces ({comp}, {chem}).
func stripBraces(s string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func containsAny(s string, subs []string) bool {
	for _, m := range subs {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
