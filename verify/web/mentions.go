package web

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/verify/address"
)

// maxMentions caps the mentions kept per site.
const maxMentions = 30

// addressWindow is how many consecutive lines an address may span.
const addressWindow = 4

// addressShare is the share of an address's building tokens that must occur.
const addressShare = 0.75

type nameTerm struct {
	orig, norm string
	noSpace    bool // Han, Hangul, Kana, Thai: match without word boundaries
}

type numberTerm struct {
	orig, key string
	digits    bool
}

type addressTerm struct {
	orig string
	toks []string
}

// matcher finds a Target's names, numbers and addresses in page text.
type matcher struct {
	names   []nameTerm
	numbers []numberTerm
	addrs   []addressTerm
	custom  func(string) []string
	norm    func(string) string
}

var (
	digitRun = regexp.MustCompile(`[0-9][0-9\-./ ]*[0-9]`)
	alnumRun = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9\-./]*[A-Za-z0-9]`)
)

func (c *Checker) newMatcher(t Target) *matcher {
	m := &matcher{custom: t.Match, norm: c.norm}
	seen := map[string]bool{}
	for _, n := range t.Names {
		nn := c.norm(n)
		if nn == "" || seen["n"+nn] {
			continue
		}
		ns := noSpaceScript(nn)
		// Too short to be evidence: two letters match everywhere.
		if rc := utf8.RuneCountInString(nn); (ns && rc < 2) || (!ns && rc < 3) {
			continue
		}
		seen["n"+nn] = true
		m.names = append(m.names, nameTerm{orig: n, norm: nn, noSpace: ns})
	}
	for _, n := range t.Numbers {
		key := alnumKey(n)
		if len(key) < 5 || seen["#"+key] {
			continue
		}
		seen["#"+key] = true
		m.numbers = append(m.numbers, numberTerm{orig: n, key: key, digits: allDigits(key)})
	}
	for _, a := range t.Addresses {
		b := address.Building(a)
		if b == "" || seen["a"+b] {
			continue
		}
		seen["a"+b] = true
		toks := strings.Fields(b)
		if len(toks) < 3 {
			continue
		}
		m.addrs = append(m.addrs, addressTerm{orig: a, toks: toks})
	}
	return m
}

// empty reports whether there is nothing to look for.
func (m *matcher) empty() bool {
	return len(m.names) == 0 && len(m.numbers) == 0 && len(m.addrs) == 0 && m.custom == nil
}

// page returns the mentions on one page.
func (m *matcher) page(pageURL string, lines []string) []Mention {
	var out []Mention
	seen := map[string]bool{}
	add := func(what, term, text string) {
		if seen[what+"\x00"+term] {
			return
		}
		seen[what+"\x00"+term] = true
		out = append(out, Mention{Page: pageURL, What: what, Text: text, Term: term})
	}
	for _, line := range lines {
		if m.custom != nil {
			for _, n := range m.custom(line) {
				add("name", n, snippet(line, 0))
			}
		} else if len(m.names) > 0 {
			nl := m.norm(line)
			padded := " " + nl + " "
			for _, n := range m.names {
				var at int
				if n.noSpace {
					at = strings.Index(nl, n.norm)
				} else if at = strings.Index(padded, " "+n.norm+" "); at >= 0 {
					at = max(at-1, 0)
				}
				if at >= 0 {
					add("name", n.orig, snippet(line, utf8.RuneCountInString(nl[:min(at, len(nl))])))
				}
			}
		}
		for _, n := range m.numbers {
			if at := findNumber(line, n); at >= 0 {
				add("registry_number", n.orig, snippet(line, utf8.RuneCountInString(line[:at])))
			}
		}
	}
	if len(m.addrs) > 0 {
		// Each line is normalised once; a window is the union of its lines' tokens.
		lineToks := make([][]string, len(lines))
		for i, l := range lines {
			lineToks[i] = strings.Fields(address.Normalise(l))
		}
		for i := range lines {
			end := min(i+addressWindow, len(lines))
			set := map[string]bool{}
			for _, toks := range lineToks[i:end] {
				for _, t := range toks {
					set[t] = true
				}
			}
			for _, a := range m.addrs {
				hit := 0
				for _, t := range a.toks {
					if set[t] {
						hit++
					}
				}
				if float64(hit) >= math.Ceil(addressShare*float64(len(a.toks))) {
					add("address", a.orig, snippet(strings.Join(lines[i:end], ", "), 0))
				}
			}
		}
	}
	return out
}

// findNumber returns the byte offset of n in line, or -1. Separators
// (space, hyphen, dot, slash) inside the number are ignored, but the number
// must make up a whole run, so 12345 is not found inside 9123456.
func findNumber(line string, n numberTerm) int {
	if n.digits {
		for _, loc := range digitRun.FindAllStringIndex(line, -1) {
			run := line[loc[0]:loc[1]]
			if alnumKey(run) == n.key {
				return loc[0]
			}
			off := loc[0]
			for _, piece := range strings.Split(run, " ") {
				if alnumKey(piece) == n.key {
					return off
				}
				off += len(piece) + 1
			}
		}
		return -1
	}
	for _, loc := range alnumRun.FindAllStringIndex(line, -1) {
		if alnumKey(line[loc[0]:loc[1]]) == n.key {
			return loc[0]
		}
	}
	return -1
}

// alnumKey keeps ASCII letters and digits, upper-cased.
func alnumKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func noSpaceScript(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana, unicode.Thai) {
			return true
		}
	}
	return false
}
