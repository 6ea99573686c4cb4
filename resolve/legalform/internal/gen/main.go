// Command gen builds the legal-form table of package legalform from the
// public data in shared/data/legal_forms and the hand-curated curated.tsv.
//
// Usage (from resolve/legalform, via go generate):
//
//	go run ./internal/gen -data ../../../shared/data -out forms.tsv
//
// Sources, in order of authority:
//
//  1. curated.tsv (this directory): canonical names, classes, scope,
//     countries and prefix use of the forms that matter most;
//  2. the ISO 20275 ELF code list (GLEIF, CC0): local and transliterated
//     names and abbreviations per country;
//  3. gawaboumga's additional legal forms (MIT): more abbreviations per country;
//  4. rigour's org_types.yml (MIT): aliases with a generic class;
//  5. cleanco's terms by country and by type (MIT).
//
// Every spelling is folded the way the tokenizer folds names (NFKC, case
// fold, Latin marks removed, split at punctuation, dotted letters joined),
// Cyrillic spellings are also transliterated by several iuliia schemes, and
// each token sequence is assigned to one canonical form by vote. The output
// is a small line-oriented text file that the package embeds.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/translit"
	"go.yaml.in/yaml/v3"
)

func main() {
	data := flag.String("data", "../../../shared/data", "path to shared/data")
	curated := flag.String("curated", "internal/gen/curated.tsv", "curated forms")
	out := flag.String("out", "forms.tsv", "output file")
	report := flag.String("report", "", "optional file listing excluded spellings, for review")
	flag.Parse()
	if err := run(*data, *curated, *out, *report); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// form is one canonical legal form being assembled.
type form struct {
	canonical string
	class     string
	scope     string // "g" or "s"
	countries map[string]bool
	fixedCC   bool
	curated   bool
	name      string
	votes     map[string]int // class votes
}

// pattern is one token sequence (or, for CJK, one glued string).
type pattern struct {
	key     string
	cjk     bool
	curated string // canonical claimed by curated.tsv
	pos     string // position from curated
	votes   map[string]int
	full    bool // comes from a full name, not an abbreviation
	strong  bool // listed by ELF or gawaboumga for a country
}

type gen struct {
	schemes  []scheme
	forms    map[string]*form
	patterns map[string]*pattern
	excluded []string
}

// group is one row of a source: spellings that name one legal form.
type group struct {
	src       string
	weight    int
	canonical string // hint; may be overridden by curated claims
	class     string
	countries []string
	names     []string
	abbrs     []string
}

func run(data, curated, out, report string) error {
	lf := filepath.Join(data, "legal_forms")
	schemes, err := loadSchemes(filepath.Join(data, "translit", "cyrillic_iuliia"),
		[]string{"wikipedia", "bgn_pcgn", "icao_doc_9303", "gost_7034", "mosmetro", "yandex_money", "scientific", "ala_lc", "telegram", "mvd_310", "ungegn_1987", "bs_2979"})
	if err != nil {
		return err
	}
	g := &gen{schemes: schemes, forms: map[string]*form{}, patterns: map[string]*pattern{}}
	if err := g.loadCurated(curated); err != nil {
		return err
	}
	var groups []group
	for _, load := range []func(string) ([]group, error){loadELF, loadGawaboumga, loadRigour, loadCleanco} {
		gs, err := load(lf)
		if err != nil {
			return err
		}
		groups = append(groups, gs...)
	}
	for _, gr := range groups {
		g.addGroup(gr)
	}
	if err := g.write(out); err != nil {
		return err
	}
	if report != "" {
		slices.Sort(g.excluded)
		g.excluded = slices.Compact(g.excluded)
		return os.WriteFile(report, []byte(strings.Join(g.excluded, "\n")+"\n"), 0o644)
	}
	return nil
}

func (g *gen) loadCurated(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.HasPrefix(t, "#") || strings.TrimSpace(t) == "" {
			continue
		}
		c := strings.Split(t, "\t")
		if len(c) != 6 {
			return fmt.Errorf("%s:%d: want 6 tab-separated columns, got %d", path, line, len(c))
		}
		canon, class, scope, ccs, pos := c[0], c[1], c[2], c[3], c[4]
		if !validClass[class] {
			return fmt.Errorf("%s:%d: unknown class %q", path, line, class)
		}
		fm := g.form(canon)
		fm.class, fm.scope, fm.curated = class, scope, true
		if ccs != "-" {
			fm.fixedCC = true
			for _, cc := range strings.Split(ccs, ",") {
				fm.countries[cc] = true
			}
		}
		aliases := strings.Split(c[5], " | ")
		for _, alias := range aliases {
			if fm.name == "" && strings.Contains(alias, " ") && !hasScript(alias, unicode.Cyrillic) && !strings.HasPrefix(alias, "&") {
				fm.name = alias
			}
		}
		if fm.name == "" {
			for _, alias := range aliases {
				if len(alias) > len(fm.name) && !hasNonLatinLetter(alias) {
					fm.name = alias
				}
			}
		}
		for _, alias := range aliases {
			for _, key := range g.keys(alias) {
				p := g.pattern(key)
				if p.curated != "" && p.curated != canon {
					return fmt.Errorf("%s:%d: %q already belongs to %q", path, line, key, p.curated)
				}
				p.curated, p.pos = canon, pos
			}
		}
	}
	return sc.Err()
}

var validClass = map[string]bool{"company": true, "llc": true, "jsc": true, "partnership": true, "sole": true,
	"state": true, "coop": true, "freezone": true, "nonprofit": true, "unitary": true}

func (g *gen) form(canon string) *form {
	f := g.forms[canon]
	if f == nil {
		f = &form{canonical: canon, countries: map[string]bool{}, votes: map[string]int{}}
		g.forms[canon] = f
	}
	return f
}

func (g *gen) pattern(key string) *pattern {
	p := g.patterns[key]
	if p == nil {
		p = &pattern{key: key, votes: map[string]int{}, cjk: isGluedCJK(key)}
		g.patterns[key] = p
	}
	return p
}

// isGluedCJK reports whether key is a single run of Han/Hangul/Kana (with
// optional parentheses), matched by SplitCJK rather than by tokens.
func isGluedCJK(key string) bool {
	return strings.HasPrefix(key, "\x00")
}

// keys returns the pattern keys of one spelling: token sequences joined by a
// space, and for CJK spellings also the glued string prefixed by \x00.
func (g *gen) keys(raw string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	f := fold(raw)
	if isCJKString(f) {
		if len([]rune(f)) > 1 {
			add("\x00" + strings.ReplaceAll(f, " ", ""))
		}
		// A bracketed single character is only a form inside its brackets.
		if strings.ContainsAny(f, "()") || len([]rune(f)) == 1 {
			return out
		}
		// The romanisation the tokenizer gives the unspaced run, as one token.
		add(romanise(strings.ReplaceAll(f, " ", "")))
	}
	for _, s := range g.spellings(raw) {
		for _, t := range tokenVariants(s) {
			add(strings.Join(t, " "))
		}
	}
	return out
}

// romanise writes a CJK run as the tokenizer does: Hangul by Revised
// Romanization, Han by toneless pinyin joined into one word, Kana by Hepburn.
func romanise(s string) string {
	switch {
	case hasScript(s, unicode.Hangul):
		return translit.Hangul(s)
	case hasScript(s, unicode.Hiragana) || hasScript(s, unicode.Katakana):
		return translit.Kana(s)
	}
	return strings.Join(translit.Han(s), "")
}

func isCJKString(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case isCJKRune(r):
			n++
		case r == '(' || r == ')' || r == ' ' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return n > 0
}

// addGroup assigns a source row's spellings to a canonical form.
func (g *gen) addGroup(gr group) {
	type sp struct {
		key  string
		full bool
	}
	var sps []sp
	for _, n := range gr.names {
		if strings.ContainsAny(n, ",;()") || len(strings.Fields(n)) > 6 || strings.TrimSpace(n) == "" {
			continue
		}
		for _, k := range g.keys(n) {
			sps = append(sps, sp{k, true})
		}
	}
	for _, a := range gr.abbrs {
		if strings.TrimSpace(a) == "" || len(strings.Fields(a)) > 6 {
			continue
		}
		a = strings.NewReplacer("(", " ", ")", " ").Replace(a)
		if strings.ContainsAny(a, "()") {
			continue
		}
		for _, k := range g.keys(a) {
			sps = append(sps, sp{k, false})
		}
	}
	if len(sps) == 0 {
		return
	}
	// The canonical: the curated form most of these spellings belong to, else the hint.
	claims := map[string]int{}
	for _, s := range sps {
		if c := g.patterns[s.key]; c != nil && c.curated != "" {
			claims[c.curated]++
		}
	}
	canon := gr.canonical
	best := 0
	for c, n := range claims {
		if n > best || n == best && c < canon {
			canon, best = c, n
		}
	}
	if canon == "" {
		return
	}
	class := gr.class
	fm := g.form(canon)
	if best == 0 && class == "" {
		// Not a company form we know how to class: keep it out.
		for _, s := range sps {
			g.excluded = append(g.excluded, gr.src+"\tunclassed\t"+printable(s.key))
		}
		delete(g.forms, canon)
		if len(fm.votes) > 0 || fm.curated {
			g.forms[canon] = fm
		}
		return
	}
	if class != "" {
		fm.votes[class] += gr.weight
	}
	if !fm.fixedCC {
		for _, cc := range gr.countries {
			if cc != "" {
				fm.countries[cc] = true
			}
		}
	}
	if fm.name == "" && len(gr.names) > 0 && !strings.ContainsAny(gr.names[0], ",;()") {
		fm.name = gr.names[0]
	}
	for _, s := range sps {
		p := g.pattern(s.key)
		p.votes[canon] += gr.weight
		if strings.HasPrefix(gr.src, "elf") || strings.HasPrefix(gr.src, "gawaboumga") {
			p.strong = true
		}
		if s.full {
			p.full = true
		}
	}
}

func printable(k string) string { return strings.TrimPrefix(k, "\x00") }

// descriptive words say what a company does, not its legal form: a data
// spelling containing one ("investment company", "development corporation",
// "import export co ltd") is not stripped.
var descriptive = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`bank банк insurance fund trust investment investments international development import export
		trading trade industrial industry holding holdings group finance financial charitable charity mutual credit savings loan
		housing agricultural farm ranch railroad railway transport shipping service services management educational school
		religious church cemetery water electric business medical professional`) {
		descriptive[w] = true
	}
}

func isLatinWord(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= 0x80 {
			return false
		}
	}
	return true
}

// twoLetterForms are the two-letter abbreviations common enough to strip;
// any other two-letter token (II, LG, HK, NA...) is more likely part of a name.
var twoLetterForms = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`ab ad ag as bv nv oy kg og se sa sl hb kb ks ky dd ou eg gp lp pt cv kk yk gk ao sc bt sp ek`) {
		twoLetterForms[w] = true
	}
}

// blockWords are ordinary words that must never be stripped on their own.
var blockWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a b c d e f g h i j k l m n o p q r s t u v w x y z
		de la le el los las del des du da do dos das di der die das den van von the of and und et y e i o u en in on at to
		is it as_ no me my so we us up go he an or by be
		bank banca banco banque banka bankasi банк trust fund fonds fond фонд foundation stiftung stiftelse stichting fundacion fundacao fondazione fondation
		association asociacion associacao associazione verein vereniging society societe sociedad sociedade societa
		union church school university institute institut hospital club federation committee council party partei
		office branch agency authority ministry government state public private national central general international
		group holding holdings enterprise enterprises firm firma business trading industries industry partners
		corporation_ company_ mutual insurance municipality municipio ejido comunidad sindicato cooperative_
		unternehmen gesellschaft selskab selskap bolag yhtio spolka spolecnost tarsasag obshchestvo kompaniya
		qiye gongsi_ enterprise_ jituan ii iii iv vi vii viii ix xi hk lg ru az bg zh ju li lt sk mk municipal railroad series
		multi assn cup chartered dba cooperation partnership partnerships consorzio ste es son sons mills works`) {
		blockWords[strings.TrimSuffix(w, "_")] = true
	}
	delete(blockWords, "as")
}

// write resolves every pattern to one form and writes the table.
func (g *gen) write(out string) error {
	type row struct{ canon, pos, key string }
	var rows []row
	used := map[string]bool{}
	for _, p := range g.patterns {
		canon, pos := p.curated, p.pos
		if canon == "" {
			best := 0
			for c, n := range p.votes {
				// A spelling that is itself a canonical prefers that form.
				if c == p.key {
					n += 1000
				}
				if n > best || n == best && c < canon {
					canon, best = c, n
				}
			}
			if canon == "" {
				continue
			}
			if reason := g.reject(p, canon); reason != "" {
				g.excluded = append(g.excluded, reason+"\t"+printable(p.key)+"\t→ "+canon)
				continue
			}
			pos = "s"
			toks := strings.Fields(p.key)
			if p.full && len(toks) >= 2 && !slices.ContainsFunc(toks, func(t string) bool { return len([]rune(t)) == 1 }) {
				pos = "sp"
			}
			if p.cjk {
				fm := g.forms[canon]
				if fm.countries["JP"] || fm.countries["KR"] {
					pos = "sp"
				}
			}
		}
		if g.forms[canon] == nil {
			continue
		}
		used[canon] = true
		rows = append(rows, row{g.display(canon), pos, p.key})
	}
	var b strings.Builder
	b.WriteString("# Code generated by internal/gen from shared/data/legal_forms and internal/gen/curated.tsv. DO NOT EDIT.\n")
	b.WriteString("# Sources and licences: NOTICE.md. Format: F canonical class scope countries name | P canonical position tokens | C canonical position glued-CJK\n")
	canons := make([]string, 0, len(used))
	for c := range used {
		canons = append(canons, c)
	}
	sort.Strings(canons)
	for _, c := range canons {
		fm := g.forms[c]
		class := fm.class
		if class == "" {
			best := 0
			for k, n := range fm.votes {
				if n > best || n == best && k < class {
					class, best = k, n
				}
			}
		}
		scope := fm.scope
		if scope == "" {
			scope = "s"
			if len(fm.countries) == 0 {
				scope = "g"
			}
		}
		var ccs []string
		for cc := range fm.countries {
			ccs = append(ccs, cc)
		}
		sort.Strings(ccs)
		if scope == "g" && !fm.fixedCC {
			ccs = nil
		}
		cc := strings.Join(ccs, ",")
		if cc == "" {
			cc = "-"
		}
		name := strings.Join(strings.Fields(fm.name), " ")
		fmt.Fprintf(&b, "F\t%s\t%s\t%s\t%s\t%s\n", g.display(c), class, scope, cc, name)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].canon != rows[j].canon {
			return rows[i].canon < rows[j].canon
		}
		return rows[i].key < rows[j].key
	})
	for _, r := range rows {
		if strings.HasPrefix(r.key, "\x00") {
			fmt.Fprintf(&b, "C\t%s\t%s\t%s\n", r.canon, r.pos, r.key[1:])
		} else {
			fmt.Fprintf(&b, "P\t%s\t%s\t%s\n", r.canon, r.pos, r.key)
		}
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// display names a canonical in Latin letters (Cyrillic ones transliterated).
func (g *gen) display(c string) string {
	if hasScript(c, unicode.Cyrillic) || hasScript(c, unicode.Greek) {
		t := stripLatinMarks(fold(g.schemes[0].translit(c)))
		if _, clash := g.forms[t]; clash || hasScript(t, unicode.Greek) {
			return c
		}
		return t
	}
	return c
}

// reject says why a data-derived spelling is kept out of the table.
func (g *gen) reject(p *pattern, canon string) string {
	fm := g.forms[canon]
	if fm == nil {
		return "no form"
	}
	toks := strings.Fields(p.key)
	if len(toks) > 7 {
		return "too long"
	}
	if p.cjk {
		k := printable(p.key)
		if len([]rune(k)) < 2 {
			return "single character"
		}
		if k == "有限" || strings.Contains(k, "集团") || strings.Contains(k, "集團") {
			return "not a form"
		}
		return ""
	}
	for _, t := range toks {
		if descriptive[t] {
			return "descriptive word"
		}
	}
	if len(toks) == 1 {
		t := toks[0]
		if blockWords[t] {
			return "common word"
		}
		if len([]rune(t)) == 1 {
			return "single letter"
		}
		if isLatinWord(t) && len(t) <= 3 && !p.strong {
			return "short and only in rigour/cleanco"
		}
		if isLatinWord(t) && len(t) == 2 && !twoLetterForms[t] {
			return "rare two-letter form"
		}
		if strings.Trim(t, "0123456789") == "" {
			return "number"
		}
		if hasScript(t, unicode.Han) || hasScript(t, unicode.Hangul) {
			return ""
		}
		class := fm.class
		if class == "" {
			best := 0
			for k, n := range fm.votes {
				if n > best {
					class, best = k, n
				}
			}
		}
		if p.full && class == "nonprofit" {
			return "nonprofit word"
		}
	}
	return ""
}

// ---- sources ----

func readCSV(r io.Reader) ([][]string, error) {
	c := csv.NewReader(r)
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	return c.ReadAll()
}

func splitAbbr(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// hintCanonical names a form by its first Latin abbreviation, else its first
// abbreviation, else its (transliterated) name.
func hintCanonical(abbrs, names []string) string {
	key := func(s string) string {
		s = stripLatinMarks(fold(s))
		s = strings.NewReplacer("(", " ", ")", " ").Replace(s)
		var parts []string
		for _, t := range tokenVariants(s) {
			parts = t
			break
		}
		// Prefer the dotted-joined variant (s.p.a. → spa).
		vs := tokenVariants(s)
		if len(vs) > 1 {
			parts = vs[1]
		}
		return strings.Join(parts, " ")
	}
	for _, a := range abbrs {
		if !hasNonLatinLetter(a) {
			if k := key(a); k != "" {
				return k
			}
		}
	}
	for _, n := range names {
		if !hasNonLatinLetter(n) && !strings.ContainsAny(n, ",;()") {
			if k := key(n); k != "" {
				return k
			}
		}
	}
	for _, a := range abbrs {
		if k := key(a); k != "" {
			return k
		}
	}
	return ""
}

func hasNonLatinLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func loadELF(dir string) ([]group, error) {
	f, err := os.Open(filepath.Join(dir, "elf_code_list_2026-02-19.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := readCSV(f)
	if err != nil {
		return nil, fmt.Errorf("elf: %w", err)
	}
	var out []group
	for _, r := range recs[1:] {
		if len(r) < 13 || r[2] == "" {
			continue
		}
		countryCode[r[1]] = r[2]
		w := 3
		if r[12] != "ACTV" {
			w = 1
		}
		names := []string{r[5], r[8]}
		abbrs := append(splitAbbr(r[9]), splitAbbr(r[10])...)
		out = append(out, group{src: "elf " + r[0], weight: w, countries: []string{r[2]}, names: names, abbrs: abbrs,
			canonical: hintCanonical(abbrs, []string{r[8], r[5]}), class: classify(append(slices.Clone(names), abbrs...))})
	}
	return out, nil
}

func loadGawaboumga(dir string) ([]group, error) {
	b, err := os.ReadFile(filepath.Join(dir, "gawaboumga_additional_legal_forms.txt"))
	if err != nil {
		return nil, err
	}
	var out []group
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, `"`) {
			continue
		}
		recs, err := readCSV(strings.NewReader(line))
		if err != nil || len(recs) != 1 || len(recs[0]) < 10 {
			continue
		}
		r := gawaboumgaRow(recs[0])
		if r == nil {
			continue
		}
		// The names as written and transliterated; either may list
		// several, separated as the abbreviations are.
		local, translit := splitAbbr(r[4]), splitAbbr(r[7])
		names := append(slices.Clone(local), translit...)
		abbrs := append(splitAbbr(r[8]), splitAbbr(r[9])...)
		out = append(out, group{src: "gawaboumga", weight: 2, countries: []string{r[1]}, names: names, abbrs: abbrs,
			canonical: hintCanonical(abbrs, append(slices.Clone(translit), local...)), class: classify(append(slices.Clone(names), abbrs...))})
	}
	return out, nil
}

// gawaboumgaRow returns the ten columns of a row of gawaboumga's file from
// the country on (country, ISO code, two unused, name, language, language
// code, transliterated name, abbreviations, transliterated abbreviations),
// or nil for a row of another shape. Rows of forms that have an ELF code
// give it first, and six more columns after (its date and status): 16 in
// all.
func gawaboumgaRow(r []string) []string {
	switch {
	case len(r) == 10 && len(r[1]) == 2:
		return r
	case len(r) == 16 && len(r[0]) == 4 && len(r[2]) == 2:
		return r[1:11]
	}
	return nil
}

func loadRigour(dir string) ([]group, error) {
	b, err := os.ReadFile(filepath.Join(dir, "rigour_org_types.yml"))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Types []struct {
			Display string   `yaml:"display"`
			Compare string   `yaml:"compare"`
			Generic string   `yaml:"generic"`
			Aliases []string `yaml:"aliases"`
		} `yaml:"types"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("rigour: %w", err)
	}
	var out []group
	for _, t := range doc.Types {
		class := rigourClass[t.Generic]
		if class == "" && t.Generic == "" {
			class = classify(append([]string{t.Display}, t.Aliases...))
		}
		if t.Generic != "" && class == "" {
			continue // religious, military, financial bodies: not legal forms of companies
		}
		var abbrs, names []string
		for _, a := range append([]string{t.Display, t.Compare}, t.Aliases...) {
			if a == "" {
				continue
			}
			if len(strings.Fields(a)) == 1 && len([]rune(a)) <= 6 || strings.Contains(a, ".") {
				abbrs = append(abbrs, a)
			} else {
				names = append(names, a)
			}
		}
		hint := t.Compare
		if hint == "" {
			hint = t.Display
		}
		canon := hintCanonical([]string{hint}, nil)
		if hint == "" || hasNonLatinLetter(hint) {
			canon = hintCanonical(abbrs, names)
		}
		out = append(out, group{src: "rigour " + t.Display, weight: 2, names: names, abbrs: abbrs, canonical: canon, class: class})
	}
	return out, nil
}

var rigourClass = map[string]string{"LLC": "llc", "JSC": "jsc", "GP": "partnership", "LP": "partnership", "LLP": "partnership",
	"SP": "sole", "SOE": "state", "COOP": "coop", "JV": "company", "NGO": "nonprofit"}

var cleancoClass = map[string]string{
	"Additional Liability Company": "llc", "Cooperative Company with Limited Liability": "coop", "Corporation": "company",
	"General Partnership": "partnership", "Joint Stock / Unlimited": "jsc", "Joint Venture": "company", "Limited": "llc",
	"Limited Liability Company": "llc", "Limited Liability Company in Liquidation": "llc", "Limited Liability Limited Partnership": "partnership",
	"Limited Liability Partnership": "partnership", "Limited Partnership": "partnership", "No Liability": "company",
	"Private Company": "llc", "Professional Corporation": "company", "Professional Limited Liability Company": "llc",
	"Sole Proprietorship": "sole", "Non-Profit": "nonprofit",
}

func loadCleanco(dir string) ([]group, error) {
	var out []group
	byType, err := os.ReadFile(filepath.Join(dir, "cleanco_terms_by_type.tsv"))
	if err != nil {
		return nil, err
	}
	typeOf := map[string]string{}
	for _, line := range strings.Split(string(byType), "\n")[1:] {
		c := strings.SplitN(line, "\t", 2)
		if len(c) != 2 {
			continue
		}
		term := strings.TrimSpace(c[1])
		class := cleancoClass[c[0]]
		if class == "" || term == "" {
			continue
		}
		typeOf[term] = class
		out = append(out, group{src: "cleanco type", weight: 1, abbrs: []string{term}, canonical: hintCanonical([]string{term}, nil), class: class})
	}
	byCountry, err := os.ReadFile(filepath.Join(dir, "cleanco_terms_by_country.tsv"))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(byCountry), "\n")[1:] {
		c := strings.SplitN(line, "\t", 2)
		if len(c) != 2 {
			continue
		}
		term := strings.TrimSpace(c[1])
		cc := countryCode[c[0]]
		if term == "" || cc == "" {
			continue
		}
		class := typeOf[term]
		if class == "" {
			class = classify([]string{term})
		}
		out = append(out, group{src: "cleanco " + cc, weight: 1, abbrs: []string{term}, countries: []string{cc},
			canonical: hintCanonical([]string{term}, nil), class: class})
	}
	return out, nil
}
