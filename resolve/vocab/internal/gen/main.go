// Command gen builds vocab.tsv, the generic-word table of package vocab,
// from additions.tsv (hand-written, applied first) and the org_symbols and
// selected org_domains groups of rigour's symbols.yml (MIT).
//
//	go run ./internal/gen -data ../../../shared/data -out vocab.tsv
//
// Words are folded like the tokenizer folds names (NFKC, case fold, Latin
// marks removed, apostrophes dropped). Cyrillic words also get the project's
// transliteration (resolve/translit.Cyrillic) and Han, Hangul and Kana words
// the tokenizer's romanisation (pinyin joined, Revised Romanization, Hepburn),
// so a word is found in whichever form the tokenizer hands over.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/translit"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

func main() {
	data := flag.String("data", "../../../shared/data", "path to shared/data")
	additions := flag.String("additions", "internal/gen/additions.tsv", "hand-written vocabulary")
	out := flag.String("out", "vocab.tsv", "output file")
	flag.Parse()
	if err := run(*data, *additions, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// rename gives rigour's group keys the project's class names.
var rename = map[string]string{"electronic": "electronics", "trade": "trading", "intl": "international", "tech": "technology",
	"grp": "group", "eng": "engineering", "machine": "machinery", "dev": "development", "co": "company",
	"service": "services", "solution": "solutions", "system": "systems", "product": "products", "commerce": "trading",
	"commercial": "trading"}

// domains are the rigour org_domains groups generic enough to weigh low.
// Words that identify a business (bank, motor, steel, oil, airline,
// insurance, mining...) are left out on purpose: "Hyundai Motor" and
// "Hyundai Mobis" must not look alike.
var domains = map[string]bool{"tech": true, "electronic": true, "electric": true, "equipment": true, "hardware": true,
	"machine": true, "eng": true, "manufacturing": true, "production": true, "construction": true, "building": true,
	"logistics": true, "shipping": true, "transport": true, "chemical": true, "investment": true, "consulting": true,
	"marketing": true, "distrib": true, "supply": true, "resources": true, "energy": true, "information": true,
	"comms": true, "research": true, "innovation": true, "design": true, "mechanical": true, "financial": true,
	"property": true, "realty": true, "operations": true, "professional": true}

// skipSymbols are rigour org_symbols groups that are not name words.
var skipSymbols = map[string]bool{"named": true, "socalled": true, "repoff": true, "liquidation": true, "nominee": true}

// skipWords are legal forms (package legalform owns them) and rigour noise.
var skipWords = map[string]bool{"co": true, "corp": true, "coy": true, "comp": true, "inc": true, "ltd": true, "llc": true,
	"проведение": true, "保持": true, "集体": true, "кооператив": true, "кооперація": true}

type entry struct{ kind, class string }

type gen struct {
	words  map[string]entry
	order  []string
	stop   map[string]bool
	places map[string]string
	means  map[string]string // word → the English word it translates
}

func run(data, additions, out string) error {
	g := &gen{words: map[string]entry{}, stop: map[string]bool{}, places: map[string]string{}, means: map[string]string{}}
	if err := g.loadAdditions(additions); err != nil {
		return err
	}
	if err := g.loadRigour(filepath.Join(data, "legal_forms", "rigour_symbols.yml")); err != nil {
		return err
	}
	return g.write(out)
}

var folder = cases.Fold()

func fold(s string) string {
	s = folder.String(norm.NFKC.String(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', 'ʼ', '`', '´':
			return -1
		}
		return r
	}, s)
	d := norm.NFD.String(s)
	var b strings.Builder
	var prev rune
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) && unicode.Is(unicode.Latin, prev) {
			continue
		}
		b.WriteRune(r)
		if !unicode.Is(unicode.Mn, r) {
			prev = r
		}
	}
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

func has(s string, t ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.In(r, t...) {
			return true
		}
	}
	return false
}

// forms returns the folded word and the forms the tokenizer may give it.
func forms(raw string) []string {
	f := fold(raw)
	out := []string{f}
	switch {
	case has(f, unicode.Cyrillic):
		out = append(out, translit.Cyrillic(f))
	case has(f, unicode.Hangul):
		out = append(out, translit.Hangul(f))
	case has(f, unicode.Hiragana, unicode.Katakana):
		out = append(out, translit.Kana(f))
	case has(f, unicode.Han):
		if len([]rune(f)) > 1 {
			out = append(out, strings.Join(translit.Han(f), ""))
		}
	}
	return out
}

func (g *gen) addWord(kind, class, raw string) {
	for _, w := range forms(raw) {
		if w == "" || strings.Contains(w, " ") || skipWords[w] || !isWordy(w) {
			continue
		}
		if _, dup := g.words[w]; dup {
			continue
		}
		if _, isPlace := g.places[w]; isPlace {
			continue
		}
		g.words[w] = entry{kind, class}
		g.order = append(g.order, w)
	}
}

func isWordy(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r) {
			return false
		}
	}
	return true
}

func (g *gen) loadAdditions(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	// Places first, so a place never becomes a generic word.
	type row struct {
		kind, class string
		words       []string
	}
	var rows []row
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.HasPrefix(t, "#") || strings.TrimSpace(t) == "" {
			continue
		}
		c := strings.Split(t, "\t")
		if len(c) != 3 {
			return fmt.Errorf("%s:%d: want 3 columns", path, line)
		}
		rows = append(rows, row{c[0], c[1], strings.Split(c[2], " | ")})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, r := range rows {
		if r.kind != "P" {
			continue
		}
		for _, w := range r.words {
			for _, f := range forms(w) {
				if _, dup := g.places[f]; !dup && f != "" {
					g.places[f] = r.class
				}
			}
		}
	}
	for _, r := range rows {
		switch r.kind {
		case "P":
		case "S":
			for _, w := range r.words {
				g.stop[fold(w)] = true
			}
		case "G", "I", "X":
			for _, w := range r.words {
				g.addWord(r.kind, r.class, w)
			}
		case "T":
			for _, w := range r.words {
				for _, f := range forms(w) {
					if _, dup := g.means[f]; !dup && f != "" && !strings.Contains(f, " ") {
						g.means[f] = r.class
					}
				}
			}
		default:
			return fmt.Errorf("%s: unknown kind %q", path, r.kind)
		}
	}
	return nil
}

func (g *gen) loadRigour(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		Symbols yaml.Node `yaml:"org_symbols"`
		Domains yaml.Node `yaml:"org_domains"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("rigour: %w", err)
	}
	walk := func(n *yaml.Node, kind string, keep func(string) bool) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if !keep(key) {
				continue
			}
			class := key
			if r, ok := rename[key]; ok {
				class = r
			}
			for _, w := range n.Content[i+1].Content {
				g.addWord(kind, class, w.Value)
			}
		}
	}
	walk(&doc.Symbols, "G", func(k string) bool { return !skipSymbols[k] })
	walk(&doc.Domains, "I", func(k string) bool { return domains[k] })
	return nil
}

func (g *gen) write(out string) error {
	var b strings.Builder
	b.WriteString("# Code generated by internal/gen from internal/gen/additions.tsv and rigour_symbols.yml (MIT, see NOTICE.md). DO NOT EDIT.\n")
	b.WriteString("# W kind class word | S stopword | T english word (a translation) | P iso place (words separated by spaces)\n")
	for _, w := range slices.Sorted(maps.Keys(g.words)) {
		e := g.words[w]
		fmt.Fprintf(&b, "W\t%s\t%s\t%s\n", e.kind, e.class, w)
	}
	for _, w := range slices.Sorted(maps.Keys(g.stop)) {
		fmt.Fprintf(&b, "S\t%s\n", w)
	}
	for _, w := range slices.Sorted(maps.Keys(g.means)) {
		fmt.Fprintf(&b, "T\t%s\t%s\n", g.means[w], w)
	}
	for _, p := range slices.Sorted(maps.Keys(g.places)) {
		fmt.Fprintf(&b, "P\t%s\t%s\n", g.places[p], p)
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
