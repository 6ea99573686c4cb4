package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// shinData maps Japanese shinjitai characters to the traditional characters
// CC-CEDICT spells them with (薬 → 藥, 弁 → 辨 瓣 辯), and Japanese words
// written with substitute characters to the older spelling (予約 → 預約).
type shinData struct {
	chars   map[rune][]rune
	phrases map[string]string
	dropped int // mappings whose target is not in the gloss table
}

// parseOpenCC reads an opencc-js dictionary module:
// `export default "from to|from to|..."`.
func parseOpenCC(js []byte) ([][2]string, error) {
	js = bytes.TrimSpace(bytes.TrimPrefix(js, []byte("export default ")))
	js = bytes.TrimSuffix(js, []byte(";"))
	var s string
	if err := json.Unmarshal(js, &s); err != nil {
		return nil, err
	}
	var out [][2]string
	for item := range strings.SplitSeq(s, "|") {
		from, to, ok := strings.Cut(item, " ")
		if !ok || from == "" || to == "" || strings.Contains(to, " ") {
			return nil, fmt.Errorf("bad item %q", item)
		}
		out = append(out, [2]string{from, to})
	}
	return out, nil
}

// buildShinjitai merges OpenCC's JPShinjitaiCharacters (shinjitai →
// traditional), the inverse of JPShinjitaiCharactersRev (traditional →
// shinjitai, which adds targets such as 弁 → 瓣 辯 and 内 → 內) and
// JPShinjitaiPhrases, keeping targets that the gloss table can use.
func buildShinjitai(han *hanData, chars, rev, phrases []byte) (*shinData, error) {
	fwd, err := parseOpenCC(chars)
	if err != nil {
		return nil, fmt.Errorf("JPShinjitaiCharacters: %w", err)
	}
	back, err := parseOpenCC(rev)
	if err != nil {
		return nil, fmt.Errorf("JPShinjitaiCharactersRev: %w", err)
	}
	phr, err := parseOpenCC(phrases)
	if err != nil {
		return nil, fmt.Errorf("JPShinjitaiPhrases: %w", err)
	}
	known := map[rune]bool{}
	for k := range han.keys {
		for _, r := range k {
			known[r] = true
		}
	}
	d := &shinData{chars: map[rune][]rune{}, phrases: map[string]string{}}
	add := func(from, to string) error {
		f, fn := utf8.DecodeRuneInString(from)
		t, tn := utf8.DecodeRuneInString(to)
		if fn != len(from) || tn != len(to) {
			return fmt.Errorf("%s → %s: not one character each", from, to)
		}
		if f == t || slices.Contains(d.chars[f], t) {
			return nil
		}
		if !known[t] {
			d.dropped++
			return nil
		}
		d.chars[f] = append(d.chars[f], t)
		return nil
	}
	for _, p := range fwd {
		if err := add(p[0], p[1]); err != nil {
			return nil, fmt.Errorf("JPShinjitaiCharacters: %w", err)
		}
	}
	for _, p := range back {
		if err := add(p[1], p[0]); err != nil {
			return nil, fmt.Errorf("JPShinjitaiCharactersRev: %w", err)
		}
	}
	for _, p := range phr {
		if han.keys[p[1]] == nil || han.keys[p[0]] != nil {
			d.dropped++
			continue
		}
		d.phrases[p[0]] = p[1]
	}
	return d, nil
}

// encode writes the table:
//
//	#hanzi-shinjitai v1	chars=N	phrases=M
//	N lines: shinjitai character TAB traditional characters, best first
//	M lines: Japanese word TAB traditional word
func (d *shinData) encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "#hanzi-shinjitai v1\tchars=%d\tphrases=%d\n", len(d.chars), len(d.phrases))
	for _, f := range slices.Sorted(maps.Keys(d.chars)) {
		fmt.Fprintf(&b, "%c\t%s\n", f, string(d.chars[f]))
	}
	for _, f := range slices.Sorted(maps.Keys(d.phrases)) {
		fmt.Fprintf(&b, "%s\t%s\n", f, d.phrases[f])
	}
	return b.Bytes()
}

func (d *shinData) stats(w io.Writer) {
	fmt.Fprintf(w, "shinjitai: %d characters, %d phrases, %d mappings dropped (target not in the table)\n",
		len(d.chars), len(d.phrases), d.dropped)
}
