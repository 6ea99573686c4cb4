package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resolve-tool/resolve/resolve/ru/internal/lex"
)

// Limits of the table.
const (
	maxPerStem = 6   // English words kept per Russian stem
	keepRatio  = 0.3 // a word is kept only if it scores at least this share of the stem's best
	maxRuWords = 3   // longer Russian translations are descriptions, not equivalents
)

// entry is one headword of the dictd file and its body joined on one line.
type entry struct{ head, body string }

// readEntries splits the dictd text into entries: a headword starts at the
// first column, its body lines are indented. A body line broken after the
// hyphen of a Russian compound (научно-|исследовательский) is joined back.
func readEntries(text string) []entry {
	var out []entry
	var head string
	var body strings.Builder
	flush := func() {
		if head != "" {
			out = append(out, entry{head, body.String()})
		}
		body.Reset()
	}
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			flush()
			head = strings.TrimSpace(line)
			continue
		}
		t := strings.TrimSpace(line)
		prev := body.String()
		switch {
		case prev == "":
		case strings.HasSuffix(prev, "-") && cyrillicBefore(prev) && startsCyrillicLower(t):
		default:
			body.WriteByte(' ')
		}
		body.WriteString(t)
	}
	flush()
	return out
}

func cyrillicBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return unicode.Is(unicode.Cyrillic, r)
}

func startsCyrillicLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Cyrillic, r) && unicode.IsLower(r)
}

// headRE is the English headwords kept: lowercase words, one or two, or
// one capitalised word (Russian, Crimean, Baltic), written lowercase.
var headRE = regexp.MustCompile(`^([a-z][a-z'-]*[a-z]( [a-z][a-z'-]*[a-z])?|[A-Z][a-z'-]*[a-z])$`)

var (
	pronRE   = regexp.MustCompile(`\[[^\]]*\]`)
	parenRE  = regexp.MustCompile(`\([^()]*\)`)
	gluedRE  = regexp.MustCompile(`(^|\s)(\d+\))(\S)`)
	homRE    = regexp.MustCompile(`^_[IVX]+$`)
	blockRE  = regexp.MustCompile(`^\d+\.$`)
	senseRE  = regexp.MustCompile(`^\d+\)$`)
	subRE    = regexp.MustCompile(`^[а-я]\)$`)
	latinRE  = regexp.MustCompile(`[A-Za-z]`)
	aliasRE  = regexp.MustCompile(`^=\s*([a-z][a-z'-]*[a-z])$`)
	trimPunc = ".,!?:;\"«»…"
)

// partsOfSpeech maps the POS labels to what is kept: nouns, adjectives and
// plural nouns. Any other POS (verbs, adverbs, participles, pronouns...)
// is dropped: company names are made of nouns and adjectives.
var partsOfSpeech = map[string]bool{
	"_n.": true, "_a.": true, "_pl.": true,
	"_v.": false, "_adv.": false, "_p-p.": false, "_pres-p.": false, "_p.": false, "_prep.": false,
	"_cj.": false, "_pron.": false, "_interj.": false, "_n-card.": false, "_n-ord.": false,
	"_pref.": false, "_predic.": false, "_refl.": false, "_pass.": false, "_inf.": false,
	"_conj.": false, "_demonstr.": false, "_emph.": false, "_imp.": false, "_impers.": false,
	"_indef.": false, "_inter.": false, "_pers.": false, "_poss.": false, "_recipr.": false,
	"_rel.": false, "_sup.": false, "_comp.": false, "_part.": false,
}

// rejectLabels mark senses that never name a company: slang, obsolete,
// poetic, jocular, figurative, historical, church, Bible, myth, proverbs,
// dialects, abbreviations, and the natural-history senses (a rocket is
// also a plant). Colloquial (_разг.) senses are kept, weighed down.
var rejectLabels = map[string]bool{
	"_жарг.": true, "_уст.": true, "_поэт.": true, "_шутл.": true, "_перен.": true, "_ист.": true,
	"_церк.": true, "_библ.": true, "_миф.": true, "_посл.": true, "_диал.": true, "_шотл.": true,
	"_австрал.": true, "_инд.": true, "_груб.": true, "_пренебр.": true, "_презр.": true,
	"_ирон.": true, "_редк.": true, "_стих.": true, "_школ.": true, "_бот.": true, "_зоол.": true,
	"_анат.": true, "_мед.": true, "_физиол.": true, "_карт.": true, "_охот.": true, "_вульг.": true,
	"_бран.": true, "_арх.": true, "_сокр.": true, "_рел.": true,
}

// Weights of the score of a (Russian word, English headword) pair.
const (
	attrWeight      = 0.8  // an _attr. sense: the relational adjective (ремонтный of repair)
	noPOSWeight     = 0.8  // an entry without a POS label
	colloqWeight    = 0.6  // _разг.
	twoWordHead     = 0.7  // power station
	positionPenalty = 0.25 // per translation before this one in its sense
	minCommon       = 0.6  // weight of a headword never used in an example
	commonAt        = 20   // uses in examples from which a headword weighs 1
)

// multiWeight is the weight of each content word of a Russian translation
// of n words: a word of "судостроительный завод" (shipyard) says less than
// верфь alone.
var multiWeight = [...]float64{0, 1, 0.4, 0.3}

// ruStop are the Russian function words of translations.
var ruStop = map[string]bool{
	"и": true, "или": true, "в": true, "во": true, "на": true, "с": true, "со": true, "к": true,
	"ко": true, "о": true, "об": true, "от": true, "по": true, "для": true, "из": true, "за": true,
	"у": true, "не": true, "а": true, "то": true, "как": true, "что": true, "это": true, "при": true,
	"под": true, "над": true, "до": true, "без": true, "через": true, "между": true, "же": true,
	"ли": true, "ни": true, "который": true, "которая": true, "которое": true, "которые": true,
	"т": true, "п": true, "д": true, "др": true, "особ": true, "обыкн": true, "тж": true,
}

// pair is one (Russian stem, English headword) occurrence.
type pair struct {
	ru, en string
	score  float64
}

// table is the inverted dictionary.
type table struct {
	rows    map[string][]string // Russian stem → English words, best first
	forms   map[string][]string // combining form (авиа) → English words
	english map[string]string   // English word → its stem
}

func (t *table) pairs() int {
	n := 0
	for _, r := range t.rows {
		n += len(r)
	}
	return n
}

// build inverts the entries and puts the hand-written additions (Russian
// word → English words, in order) first.
func build(entries []entry, additions []addition) *table {
	best := map[[2]string]float64{}
	count := map[[2]string]int{}
	aliases := map[string][]string{} // target → headwords that are "= target"
	freq := englishFrequency(entries)
	glued := gluedHeads(entries)
	for _, e := range entries {
		if !headRE.MatchString(e.head) || glued[e.head] {
			continue
		}
		head := strings.ToLower(e.head)
		hw := commonness(freq, head)
		if strings.Contains(e.head, " ") {
			hw *= twoWordHead
		}
		parseBody(head, e.body, func(p pair) {
			k := [2]string{p.ru, p.en}
			best[k] = max(best[k], p.score*hw)
			count[k]++
		}, func(target string) {
			aliases[target] = append(aliases[target], head)
		})
	}
	// An alias (center = centre) gets its target's translations.
	for k, s := range maps.Clone(best) {
		for _, a := range aliases[k[1]] {
			ak := [2]string{k[0], a}
			best[ak] = max(best[ak], s)
			count[ak]++
		}
	}
	byRu := map[string][]pair{}
	for k, s := range best {
		s += 0.05 * float64(min(count[k]-1, 3)) // said in more places
		byRu[k[0]] = append(byRu[k[0]], pair{k[0], k[1], s})
	}
	t := &table{rows: map[string][]string{}, english: map[string]string{}}
	added := map[string][]string{}
	t.forms = map[string][]string{}
	for _, a := range additions {
		if form, ok := strings.CutSuffix(a.ru, "-"); ok {
			t.forms[lex.Fold(form)] = a.en
			for _, en := range a.en {
				t.english[en] = lex.English(en)
			}
			continue
		}
		st := lex.Russian(a.ru)
		for _, en := range a.en {
			if !slices.Contains(added[st], en) {
				added[st] = append(added[st], en)
			}
		}
	}
	for st := range added {
		if byRu[st] == nil {
			byRu[st] = []pair{}
		}
	}
	for ru, ps := range byRu {
		slices.SortFunc(ps, func(a, b pair) int {
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
			return strings.Compare(a.en, b.en)
		})
		row := slices.Clone(added[ru])
		for _, p := range ps {
			if len(row) >= maxPerStem || p.score < keepRatio*ps[0].score {
				break
			}
			if !slices.Contains(row, p.en) {
				row = append(row, p.en)
			}
		}
		t.rows[ru] = row
	}
	t.addBases()
	for _, row := range t.rows {
		for _, en := range row {
			t.english[en] = lex.English(en)
		}
	}
	return t
}

// addBases gives a relational adjective the best translation of the noun it
// is made from, as English uses the noun attributively: газовый gets gas
// (of газ), ремонтный repair. It goes last, in place of the sixth if the
// row is full, so the adjective's own best translations stay.
func (t *table) addBases() {
	base := map[string]string{}
	for st := range t.rows {
		for _, r := range lex.Relational {
			b, ok := strings.CutSuffix(st, r.Suffix)
			if !ok || utf8.RuneCountInString(b) < r.MinBase || len(t.rows[b]) == 0 {
				continue
			}
			base[st] = t.rows[b][0]
			break
		}
	}
	for st, en := range base {
		row := t.rows[st]
		if slices.Contains(row, en) {
			continue
		}
		row = append(row[:min(len(row), maxPerStem-1)], en)
		t.rows[st] = row
	}
}

// gluedHeads returns the headwords that are another headword with its
// space or hyphen lost (oilengine beside oil-engine, shootingrange beside
// shooting range): the source has a few hundred such duplicates.
func gluedHeads(entries []entry) map[string]bool {
	joined := map[string]bool{}
	for _, e := range entries {
		if strings.ContainsAny(e.head, " -") && headRE.MatchString(e.head) { // glued ones are lowercase
			joined[strings.NewReplacer(" ", "", "-", "").Replace(e.head)] = true
		}
	}
	glued := map[string]bool{}
	for _, e := range entries {
		if !strings.ContainsAny(e.head, " -") && joined[e.head] {
			glued[e.head] = true
		}
	}
	return glued
}

// addition is one line of additions.tsv.
type addition struct {
	ru string
	en []string
}

// readAdditions reads the hand-written translations: "russian<TAB>en,en".
func readAdditions(path string) ([]addition, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []addition
	for i, line := range strings.Split(string(raw), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		ru, en, ok := strings.Cut(line, "\t")
		if !ok || ru == "" || en == "" {
			return nil, fmt.Errorf("%s:%d: want russian<TAB>english,english", path, i+1)
		}
		out = append(out, addition{ru, strings.Split(en, ",")})
	}
	return out, nil
}

var englishWordRE = regexp.MustCompile(`[A-Za-z][a-z'-]*[a-z]`)

// englishFrequency counts the English words of the dictionary's examples:
// the dictionary's own measure of how common a word is. An entry like
// plant or works is used in many examples; backwater, which also
// translates a word whose stem is завод (заводь), in one.
func englishFrequency(entries []entry) map[string]int {
	freq := map[string]int{}
	for _, e := range entries {
		for _, w := range englishWordRE.FindAllString(pronRE.ReplaceAllString(e.body, " "), -1) {
			freq[strings.ToLower(w)]++
		}
	}
	return freq
}

// commonness weighs a headword by its frequency in examples: from
// minCommon for a word never used in one up to 1 from commonAt uses on,
// logarithmically. For two words, the rarer one counts.
func commonness(freq map[string]int, head string) float64 {
	n := math.MaxInt
	for w := range strings.FieldsSeq(head) {
		n = min(n, freq[w])
	}
	f := math.Log1p(float64(n)) / math.Log1p(commonAt)
	return minCommon + (1-minCommon)*min(f, 1)
}

// parseBody walks the senses of one entry and reports each Russian
// translation word with its score, and a cross-reference "= word".
func parseBody(head, body string, emit func(pair), alias func(string)) {
	body = pronRE.ReplaceAllString(body, " ")
	body = gluedRE.ReplaceAllString(body, "$1$2 $3")
	var (
		homPOS, blockPOS, sensePOS string
		sense                      int
		level                      int // 1 homonym, 2 POS block, 3 sense, 4 sub-sense
		seg                        []string
		// example is set when a segment ended in an example: the
		// sub-senses (а), б)) that follow translate the example, not the
		// headword (in a state а) в беспорядке; б) в волнении).
		example bool
	)
	flush := func() {
		defer func() { seg = seg[:0] }()
		if len(seg) == 0 || level == 4 && example {
			return
		}
		text := strings.Join(seg, " ")
		for parenRE.MatchString(text) {
			text = parenRE.ReplaceAllString(text, " ")
		}
		items := strings.Split(text, ";")
		// Leading labels: POS of this level, attr, usage.
		lead := strings.Fields(items[0])
		i := 0
		attr, weight := false, 1.0
		for ; i < len(lead) && strings.HasPrefix(lead[i], "_"); i++ {
			l := lead[i]
			if keep, ok := partsOfSpeech[l]; ok {
				if l == "_pl." {
					keep, l = true, "_n."
				}
				if !keep {
					l = "x"
				}
				switch level {
				case 0, 1:
					homPOS = l
				case 2:
					blockPOS = l
				default:
					sensePOS = l
				}
				continue
			}
			switch {
			case l == "_attr.":
				attr = true
			case l == "_разг.":
				weight *= colloqWeight
			case rejectLabels[l]:
				return
			}
		}
		items[0] = strings.Join(lead[i:], " ")
		pos := cmp.Or(sensePOS, blockPOS, homPOS)
		switch {
		case attr:
			weight *= max(attrWeight, 1/float64(max(sense, 1)))
		case pos == "x":
			return
		case pos == "":
			weight *= noPOSWeight / float64(max(sense, 1))
		default:
			weight /= float64(max(sense, 1))
		}
		position := 0
		for _, item := range items {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			if latinRE.MatchString(item) {
				if m := aliasRE.FindStringSubmatch(item); m != nil && position == 0 {
					alias(m[1])
					return
				}
				example = true
				return // an example: what follows translates it
			}
			for tr := range strings.SplitSeq(item, ",") {
				words, ok := content(tr)
				if !ok || len(words) == 0 {
					continue
				}
				if len(words) <= maxRuWords {
					s := weight * multiWeight[len(words)] / (1 + positionPenalty*float64(position))
					for _, w := range words {
						if st := lex.Russian(w); utf8.RuneCountInString(st) >= 2 {
							emit(pair{st, head, s})
						}
					}
				}
				position++
			}
		}
	}
	for _, f := range strings.Fields(body) {
		switch {
		case homRE.MatchString(f):
			flush()
			homPOS, blockPOS, sensePOS, sense, level, example = "", "", "", 0, 1, false
		case blockRE.MatchString(f):
			flush()
			blockPOS, sensePOS, sense, level, example = "", "", 0, 2, false
		case senseRE.MatchString(f):
			flush()
			sense, _ = strconv.Atoi(strings.TrimSuffix(f, ")"))
			sensePOS, level, example = "", 3, false
		case subRE.MatchString(f):
			flush()
			level = 4
		default:
			seg = append(seg, f)
		}
	}
	flush()
}

// content returns the Russian content words of one translation; ok is
// false when the translation has a label that rejects it or a word that is
// not Cyrillic.
func content(tr string) (words []string, ok bool) {
	for _, f := range strings.Fields(tr) {
		if strings.HasPrefix(f, "_") {
			if rejectLabels[f] {
				return nil, false
			}
			continue
		}
		if strings.Contains(f, "-л.") || strings.HasSuffix(f, "-л") {
			continue // что-л., кого-л.
		}
		f = strings.Trim(f, trimPunc)
		if f == "" || strings.HasSuffix(f, "-") || strings.HasPrefix(f, "-") {
			continue // авиа-: a prefix, not a word
		}
		for _, r := range f {
			if r != '-' && !unicode.Is(unicode.Cyrillic, r) {
				return nil, false
			}
		}
		f = strings.ToLower(f)
		if ruStop[f] {
			continue
		}
		words = append(words, f)
	}
	return words, true
}

// write writes the table: a header, the English words with their stems
// (E lines), then the Russian stems with their English words (R lines),
// each section sorted.
func (t *table) write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Russian → English, generated by internal/gen from Debian's %s %s (GPL-2+, see NOTICE.md). Do not edit.\n", mueller.Name, mueller.Version)
	b.WriteString("# E <English word> <its Snowball stem> [<stems of its hyphenated parts>];\n")
	b.WriteString("# R <Russian Snowball stem> <English words, best first>;\n")
	b.WriteString("# P <combining form, not stemmed> <English words>\n")
	for _, en := range slices.Sorted(maps.Keys(t.english)) {
		fmt.Fprintf(&b, "E\t%s\t%s", en, t.english[en])
		if strings.Contains(en, "-") { // the stems of the parts, for a part's match
			var parts []string
			for p := range strings.SplitSeq(en, "-") {
				if p != "" {
					parts = append(parts, lex.English(p))
				}
			}
			fmt.Fprintf(&b, "\t%s", strings.Join(parts, " "))
		}
		b.WriteByte('\n')
	}
	for _, ru := range slices.Sorted(maps.Keys(t.rows)) {
		fmt.Fprintf(&b, "R\t%s\t%s\n", ru, strings.Join(t.rows[ru], ","))
	}
	for _, f := range slices.Sorted(maps.Keys(t.forms)) {
		fmt.Fprintf(&b, "P\t%s\t%s\n", f, strings.Join(t.forms[f], ","))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
