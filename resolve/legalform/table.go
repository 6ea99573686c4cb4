package legalform

import (
	_ "embed"
	"fmt"
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
	// Glued CJK spellings (株式会社, 有限公司, (주)) for SplitCJK, indexed by
	// their last (suffix) or first (prefix) rune, longest first.
	cjkSuffix, cjkPrefix map[rune][]cjkPattern
}

type cjkPattern struct {
	text string
	form int32
}

type node struct {
	next map[string]*node
	form int32 // -1 when no form ends here
}

func newNode() *node { return &node{next: map[string]*node{}, form: -1} }

func (n *node) insert(toks []string, form int32) {
	for _, tok := range toks {
		c := n.next[tok]
		if c == nil {
			c = newNode()
			n.next[tok] = c
		}
		n = c
	}
	if n.form < 0 {
		n.form = form
	}
}

func parseTable(data string) (*table, error) {
	t := &table{byCanon: map[string]int32{}, suffix: newNode(), prefix: newNode(),
		cjkSuffix: map[rune][]cjkPattern{}, cjkPrefix: map[rune][]cjkPattern{}}
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
			if suffix {
				rev := make([]string, len(toks))
				for i, tok := range toks {
					rev[len(toks)-1-i] = tok
				}
				t.suffix.insert(rev, fi)
			}
			if prefix {
				t.prefix.insert(toks, fi)
			}
		default:
			return nil, bad("unknown record " + c[0])
		}
	}
	for _, m := range []map[rune][]cjkPattern{t.cjkSuffix, t.cjkPrefix} {
		for _, ps := range m {
			slices.SortStableFunc(ps, func(a, b cjkPattern) int { return len(b.text) - len(a.text) })
		}
	}
	return t, nil
}
