package legalform

import (
	"cmp"
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// formsTSV is the generated table (see internal/gen and NOTICE.md).
//
//go:embed forms.tsv
var formsTSV string

// tbl is the table parsed once, on first use; read-only afterwards.
var tbl = sync.OnceValue(func() *table {
	t, err := parseTable(formsTSV)
	if err != nil {
		panic(err) // the embedded file is generated and tested: this cannot happen in a release
	}
	return t
})

type table struct {
	forms   []Form
	byCanon map[string]int32
	suffix  *node // tokens in reverse order
	prefix  *node // tokens in order; only forms allowed at the start
	// edges are the tokens out of every node of both tries, in one map:
	// a map per node cost several times as much (most nodes have one
	// child, and a small map holds eight).
	edges map[edge]*node
	// fuzzy holds the legal-form words of five letters or more, sorted,
	// and variants indexes them by each word and each spelling of it with
	// one letter deleted: the index behind misspelt forms (see child). It
	// is sorted by hash, then word, and costs 8 bytes a spelling where a
	// map of strings cost about a hundred.
	fuzzy    []string
	variants []variant
	// Glued CJK spellings (株式会社, 有限公司, (주)) for SplitCJK, indexed by
	// their last (suffix) or first (prefix) rune, longest first.
	cjkSuffix, cjkPrefix map[rune][]cjkPattern
}

// variant is one spelling of a fuzzy word: the FNV-1a hash of the
// spelling and the index of the word in table.fuzzy.
type variant struct {
	hash uint32
	word uint32
}

type cjkPattern struct {
	text string
	form int32
}

// node is a node of a trie of tokens; its children are in table.edges.
type node struct {
	form int32 // -1 when no form ends here
}

// edge is the token from a node to one of its children.
type edge struct {
	from *node
	tok  string
}

func newNode() *node { return &node{form: -1} }

// next returns the child of n by tok, or nil.
func (t *table) next(n *node, tok string) *node { return t.edges[edge{n, tok}] }

func (t *table) insert(n *node, toks []string, form int32) {
	for _, tok := range toks {
		c := t.next(n, tok)
		if c == nil {
			c = newNode()
			t.edges[edge{n, tok}] = c
		}
		n = c
	}
	if n.form < 0 {
		n.form = form
	}
}

func parseTable(data string) (*table, error) {
	t := &table{byCanon: map[string]int32{}, suffix: newNode(), prefix: newNode(), edges: map[edge]*node{},
		cjkSuffix: map[rune][]cjkPattern{}, cjkPrefix: map[rune][]cjkPattern{}}
	fuzzy := map[string]bool{}
	for ln, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		bad := func(msg string) error { return fmt.Errorf("legalform: forms.tsv:%d: %s", ln+1, msg) }
		switch c[0] {
		case "F":
			if len(c) != 6 {
				return nil, bad("want 6 columns")
			}
			class, ok := parseClass(c[2])
			if !ok {
				return nil, bad("unknown class " + c[2])
			}
			f := Form{Canonical: c[1], Class: class, Specific: c[3] == "s", Name: c[5]}
			if c[4] != "-" {
				f.Countries = strings.Split(c[4], ",")
			}
			t.byCanon[f.Canonical] = int32(len(t.forms))
			t.forms = append(t.forms, f)
		case "P", "C":
			if len(c) != 4 {
				return nil, bad("want 4 columns")
			}
			fi, ok := t.byCanon[c[1]]
			if !ok {
				return nil, bad("unknown form " + c[1])
			}
			suffix, prefix := strings.Contains(c[2], "s"), strings.Contains(c[2], "p")
			if c[0] == "C" {
				p := cjkPattern{c[3], fi}
				if suffix {
					last, _ := utf8.DecodeLastRuneInString(p.text)
					t.cjkSuffix[last] = append(t.cjkSuffix[last], p)
				}
				if prefix {
					first, _ := utf8.DecodeRuneInString(p.text)
					t.cjkPrefix[first] = append(t.cjkPrefix[first], p)
				}
				continue
			}
			toks := strings.Fields(c[3])
			for _, tok := range toks {
				if utf8.RuneCountInString(tok) >= minFuzzyLen && isASCII(tok) {
					fuzzy[tok] = true
				}
			}
			if suffix {
				rev := make([]string, len(toks))
				for i, tok := range toks {
					rev[len(toks)-1-i] = tok
				}
				t.insert(t.suffix, rev, fi)
			}
			if prefix {
				t.insert(t.prefix, toks, fi)
			}
		default:
			return nil, bad("unknown record " + c[0])
		}
	}
	t.indexVariants(fuzzy)
	for _, m := range []map[rune][]cjkPattern{t.cjkSuffix, t.cjkPrefix} {
		for _, ps := range m {
			slices.SortStableFunc(ps, func(a, b cjkPattern) int { return len(b.text) - len(a.text) })
		}
	}
	return t, nil
}

// minFuzzyLen bounds the words that may be misspelt. Only a word inside a
// form whose other words matched exactly may be ("joynt stock company"): a
// name's own last word would too easily pass for a form of some language
// ("Salifiya" for SACIFIA).
const minFuzzyLen = 5

// indexVariants fills t.fuzzy and t.variants with the words and their
// spellings with one letter deleted.
func (t *table) indexVariants(words map[string]bool) {
	t.fuzzy = slices.Sorted(maps.Keys(words))
	for i, w := range t.fuzzy {
		t.variants = append(t.variants, variant{hashJoin(w, ""), uint32(i)})
		for j := range len(w) {
			t.variants = append(t.variants, variant{hashJoin(w[:j], w[j+1:]), uint32(i)})
		}
	}
	slices.SortFunc(t.variants, func(a, b variant) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.word, b.word))
	})
	t.variants = slices.Clip(slices.Compact(t.variants)) // "limmited" drops either m
}

// hashJoin is the 32-bit FNV-1a hash of a+b.
func hashJoin(a, b string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint32(a[i])) * 16777619
	}
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return h
}

// spellsAs reports whether w, or w with one letter deleted, is a+b.
func spellsAs(w, a, b string) bool {
	switch len(w) - len(a) - len(b) {
	case 0:
		return w[:len(a)] == a && w[len(a):] == b
	case 1:
		for j := range len(w) {
			// w[:j]+w[j+1:] == a+b
			if j <= len(a) {
				if w[:j] == a[:j] && w[j+1:len(a)+1] == a[j:] && w[len(a)+1:] == b {
					return true
				}
			} else if w[:len(a)] == a && w[len(a):j] == b[:j-len(a)] && w[j+1:] == b[j-len(a):] {
				return true
			}
		}
	}
	return false
}

// variantsOf calls fn, in sorted order, with each fuzzy word that is a+b
// or becomes a+b with one letter deleted, until fn returns true.
func (t *table) variantsOf(a, b string, fn func(w string) bool) {
	h := hashJoin(a, b)
	i, _ := slices.BinarySearchFunc(t.variants, h, func(v variant, h uint32) int { return cmp.Compare(v.hash, h) })
	for ; i < len(t.variants) && t.variants[i].hash == h; i++ {
		if w := t.fuzzy[t.variants[i].word]; spellsAs(w, a, b) && fn(w) {
			return
		}
	}
}

// child follows tok from n: the exact word, or else a legal-form word one
// letter away (deleted, inserted, replaced, or two neighbours swapped), so
// that "Joynt Stock Company", "Limited Liabilty Company" and "Obshchestvo s
// Ogranichennoi Otvetstvennostyu" are found. first is true at the trie's
// root, where no misspelling is accepted. The first letter must agree
// ("Estate Company" is not a "state company", "ilimitada" not "limitada"),
// and only ASCII words are corrected.
func (t *table) child(n *node, tok string, first bool) *node {
	if c := t.next(n, tok); c != nil {
		return c
	}
	if first || len(tok) < minFuzzyLen || !isASCII(tok) {
		return nil
	}
	var found *node
	try := func(a, b string) *node {
		t.variantsOf(a, b, func(w string) bool {
			if c := t.next(n, w); c != nil && w[0] == tok[0] && oneEdit(tok, w) {
				found = c
			}
			return found != nil
		})
		return found
	}
	if c := try(tok, ""); c != nil {
		return c
	}
	for i := range len(tok) {
		if c := try(tok[:i], tok[i+1:]); c != nil {
			return c
		}
	}
	return nil
}

// oneEdit reports whether a and b differ by exactly one deleted, inserted or
// replaced letter, or two neighbouring letters swapped.
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch len(a) - len(b) {
	case 0:
		if i == len(a) {
			return false
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		return a[i+1:] == b[i:]
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
