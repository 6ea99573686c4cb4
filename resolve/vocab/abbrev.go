package vocab

import (
	_ "embed"
	"strings"
	"sync"
)

// abbrevTSV lists the abbreviations of business words customs records use,
// with their full words and a source for each (see the file's header and
// NOTICE.md).
//
//go:embed abbrev.tsv
var abbrevTSV string

var abbrevs = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(abbrevTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			panic("vocab: abbrev.tsv: bad line " + line) // tested
		}
		for _, w := range strings.Split(c[1], "|") {
			out[c[0]] = append(out[c[0]], strings.TrimSpace(w))
		}
	}
	return out
})

// Expansions returns the full words an abbreviation of a business word
// stands for (elec → electric, electrical, electronic, electronics;
// petrochem → petrochemical, petrochemicals), or nil. The token is
// lowercase and folded like the tokenizer folds words.
func Expansions(token string) []string {
	return abbrevs()[token]
}

// Expands reports whether full is one of the full words of abbreviation
// abbr.
func Expands(abbr, full string) bool {
	for _, w := range Expansions(abbr) {
		if w == full {
			return true
		}
	}
	return false
}
