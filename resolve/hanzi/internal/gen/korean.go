package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

const (
	minKoreanRunes = 2
	maxKoreanRunes = 4
)

// parseReadings reads hanja's hanjaeum.json: {"電": "전", ...}, one
// reading (a Hangul syllable) per character.
func parseReadings(b []byte) (map[rune]rune, error) {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("hanjaeum.json: %w", err)
	}
	out := make(map[rune]rune, len(m))
	for k, v := range m {
		c, n := utf8.DecodeRuneInString(k)
		r, rn := utf8.DecodeRuneInString(v)
		if n != len(k) || rn != len(v) || !isSyllable(r) {
			return nil, fmt.Errorf("hanjaeum.json: %q: reading %q is not one Hangul syllable", k, v)
		}
		out[c] = r
	}
	return out, nil
}

// Hangul syllable arithmetic: syllable = 0xAC00 + (L*21 + V)*28 + T.
const (
	sBase   = 0xAC00
	sCount  = 11172
	lNieun  = 2  // ㄴ
	lTikeut = 3  // ㄷ
	lRieul  = 5  // ㄹ
	lIeung  = 11 // ㅇ
	lCieuc  = 12 // ㅈ
	tNone   = 0
	tNieun  = 4 // final ㄴ
)

func isSyllable(r rune) bool { return r >= sBase && r < sBase+sCount }

func split(r rune) (l, v, t int) {
	s := int(r - sBase)
	return s / 588, s % 588 / 28, s % 28
}

func join(l, v, t int) rune { return rune(sBase + (l*21+v)*28 + t) }

// yVowels are ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ, before which a word-initial ㄴ or ㄹ is
// dropped (녀 → 여, 리 → 이); plainVowels are ㅏ ㅐ ㅗ ㅚ ㅜ ㅡ, before which
// a word-initial ㄹ becomes ㄴ (로 → 노). The same sets as hanja's
// translate.js.
var (
	yVowels     = map[int]bool{2: true, 6: true, 7: true, 12: true, 17: true, 20: true}
	plainVowels = map[int]bool{0: true, 1: true, 8: true, 11: true, 13: true, 18: true}
)

// initialRule applies the initial-sound rule (두음법칙) to the first
// syllable of a word.
func initialRule(r rune) rune {
	l, v, t := split(r)
	switch {
	case (l == lNieun || l == lRieul) && yVowels[v]:
		return join(lIeung, v, t)
	case l == lRieul && plainVowels[v]:
		return join(lNieun, v, t)
	}
	return r
}

// koreanReading gives the standard South Korean reading of a Han word and
// the reading without the initial-sound rule (the same when the rule does
// not apply), or false when a character has no reading:
//
//	電線 → 전선, 전선     勞動 → 노동, 로동     旋律 → 선율, 선율
//	不動產 → 부동산 (不 is 부 before ㄷ and ㅈ)
//
// Only one reading per character is known (hanja's table), so characters
// with several (樂 락/악/요, 金 금/김, 率 솔/률) always get the listed one.
func koreanReading(word string, readings map[rune]rune) (std, raw string, ok bool) {
	var chars, syl [maxKoreanRunes]rune
	n := 0
	for _, c := range word {
		r, ok := readings[c]
		if !ok || n == len(syl) {
			return "", "", false
		}
		chars[n], syl[n] = c, r
		n++
	}
	for i := range n {
		if chars[i] == '不' && i+1 < n {
			if l, _, _ := split(syl[i+1]); l == lTikeut || l == lCieuc {
				syl[i] = '부'
			}
		}
		if i > 0 && (syl[i] == '렬' || syl[i] == '률') {
			if _, _, t := split(syl[i-1]); t == tNone || t == tNieun {
				_, v, t := split(syl[i])
				syl[i] = join(lIeung, v, t)
			}
		}
	}
	raw = string(syl[:n])
	syl[0] = initialRule(syl[0])
	return string(syl[:n]), raw, true
}

// korData maps Hangul readings to the Han words (traditional spelling) that
// have them, best first.
type korData struct {
	words map[string][]string
}

// buildKorean reads every traditional headword of 2–4 characters that has
// glosses in the table and a Korean reading for each character.
func buildKorean(dict []cedictEntry, han *hanData, readings map[rune]rune) *korData {
	k := &korData{words: map[string][]string{}}
	done := map[string]bool{}
	// Which dictionaries have each word: one in both is a word of Chinese
	// and of Japanese, so most likely of Korean too.
	inCedict, inEdict := map[string]bool{}, map[string]bool{}
	for _, e := range dict {
		if e.edict {
			inEdict[e.trad] = true
		} else {
			inCedict[e.trad] = true
		}
	}
	source := func(w string) int {
		switch {
		case inCedict[w] && inEdict[w]:
			return 0
		case inCedict[w]:
			return 1
		}
		return 2
	}
	for _, e := range dict {
		w := e.trad
		if done[w] || e.proper {
			continue
		}
		done[w] = true
		if n := utf8.RuneCountInString(w); n < minKoreanRunes || n > maxKoreanRunes {
			continue
		}
		if h := han.keys[w]; h == nil || len(h.glosses) == 0 {
			continue
		}
		std, raw, ok := koreanReading(w, readings)
		if !ok {
			continue
		}
		k.words[std] = append(k.words[std], w)
		if raw != std {
			k.words[raw] = append(k.words[raw], w)
		}
	}
	// Best first: words of both dictionaries, then of CC-CEDICT only, then
	// of EDICT only; then words whose rarest character occurs in more words
	// (a rough sign of a common word, since neither has frequencies), then
	// more senses, then code point order.
	rarest := func(w string) int {
		m := -1
		for _, r := range w {
			if p := han.prod[r]; m < 0 || p < m {
				m = p
			}
		}
		return bits.Len(uint(m)) // log2 buckets: 40 and 50 are alike
	}
	for _, ws := range k.words {
		slices.SortFunc(ws, func(a, b string) int {
			return cmp.Or(
				cmp.Compare(source(a), source(b)),
				cmp.Compare(rarest(b), rarest(a)),
				cmp.Compare(han.keys[b].senses, han.keys[a].senses),
				strings.Compare(a, b))
		})
	}
	return k
}

// encode writes the table:
//
//	#hanzi-korean v1	keys=N	refs=M
//	N lines: hangul TAB han han ...   (sorted by hangul, bytewise)
func (k *korData) encode() []byte {
	keys := slices.Sorted(maps.Keys(k.words))
	refs := 0
	for _, ws := range k.words {
		refs += len(ws)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "#hanzi-korean v1\tkeys=%d\trefs=%d\n", len(keys), refs)
	for _, h := range keys {
		b.WriteString(h)
		b.WriteByte('\t')
		b.WriteString(strings.Join(k.words[h], " "))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func (k *korData) stats(w io.Writer) {
	refs, most, one := 0, "", 0
	for h, ws := range k.words {
		refs += len(ws)
		if len(ws) == 1 {
			one++
		}
		if most == "" || len(ws) > len(k.words[most]) {
			most = h
		}
	}
	fmt.Fprintf(w, "korean: %d readings, %d words, %d unambiguous, most homographs %s (%d)\n",
		len(k.words), refs, one, most, len(k.words[most]))
}
