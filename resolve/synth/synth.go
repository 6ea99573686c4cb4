// Package synth generates realistic, seeded company-name files with planted
// variant clusters, for scale tests and synthetic accuracy checks.
//
// Every entity gets a distinctive stem that no other entity uses (so the truth
// is clean), built from syllables of one of four styles: Korean (written in
// Hangul and romanised), Chinese (Han characters and pinyin), Russian
// (Cyrillic and transliterations) and Western. Then 1–N rows are written for
// it, each a variant customs records really show: case and punctuation,
// legal form spelled differently (Co., Ltd. / Co Ltd / Limited / 주식회사 /
// ООО / LLC ...), generic words abbreviated (IND., INTL), a typo in a long
// word, a romanisation variant (Kyung/Gyeong, Chang/Zhang), or the name in its
// own script. About one entity in ten has a "sibling": a different company of
// the same group sharing the stem but with another distinctive word
// (like Hyundai Motor / Hyundai Mobis), labelled as a different entity.
//
// The same seed always gives the same file.
package synth

import (
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/resolve-tool/resolve/resolve/romanize"
	"github.com/resolve-tool/resolve/resolve/translit"
)

// Options control the generator.
type Options struct {
	Rows int
	Seed uint64
	// Customs adds the noise of customs records to a share of the rows
	// (places, abbreviations, truncation, acronyms, word order, joined
	// words; see customs.go) and names it in Row.Kind.
	Customs bool
	// Hard makes names alike, as a large file of many countries' companies
	// has them: stems as short as the syllables allow and only required to
	// differ (one letter apart is another company), and every Western name
	// led by a common surname or business word (Golden, Pacific, Wang,
	// Schmidt). The truth is then as hard as such a file's: it is a mode
	// for measuring blocking and scoring work (resolve scale --hard), not
	// for accuracy floors.
	Hard bool
}

// hardLeads are the surnames and words that lead Western names in Hard mode.
var hardLeads = []string{"Golden", "Pacific", "Global", "United", "Star", "Eastern", "Western", "Northern", "Royal", "Grand",
	"Smith", "Johnson", "Brown", "Wang", "Li", "Zhang", "Chen", "Kim", "Lee", "Park", "Nguyen", "Singh", "Kumar", "Patel",
	"Müller", "Schmidt", "Schneider", "Rossi", "Russo", "Garcia", "Martinez", "Silva", "Yilmaz", "Demir", "Ivanov", "Petrov"}

// Row is one generated row.
type Row struct {
	Name    string
	Country string
	Truth   string
	Kind    string // the kind of customs noise of the row, or ""
}

var (
	koSyl = []string{"대", "한", "경", "기", "삼", "성", "현", "동", "신", "진", "영", "해", "우", "금", "호", "풍", "산", "세", "광", "명", "일", "화", "정", "상", "원", "태", "국", "선", "미", "용", "수", "인", "창", "보", "덕", "남"}
	zhSyl = []string{"华", "新", "龙", "金", "宏", "泰", "安", "盛", "达", "恒", "富", "兴", "光", "明", "嘉", "瑞", "祥", "鑫", "誉", "汇", "通", "源", "海", "天", "德", "中", "东", "昌", "辉", "永"}
	ruSyl = []string{"ро", "ма", "шка", "вос", "ток", "сиб", "тех", "пром", "ал", "маз", "ур", "ал", "кам", "нев", "ско", "вол", "га", "бел", "яр", "кар", "зар", "лес", "мир", "ста", "лин", "дон", "куб", "хим", "юг", "щит"}
	wSyl  = []string{"nor", "th", "wind", "bel", "la", "tek", "ver", "ion", "mar", "co", "sol", "tra", "vex", "al", "pha", "quin", "ter", "ra", "lux", "or", "dyn", "am", "ix", "cor", "gen", "val", "sta", "rex", "zen", "ori", "ken", "dal", "fin", "ber", "ton", "ald"}

	generic = [][]string{
		{"Industrial", "Industry", "IND.", "Industries"},
		{"Electronics", "Electronic", "ELEC."},
		{"Trading", "Trade", "TRDG"},
		{"International", "INTL", "Int'l"},
		{"Technology", "Technologies", "Tech"},
		{"Machinery", "Machinery"},
		{"Logistics", "Logistics"},
		{"Chemical", "Chemicals"},
	}
	koGeneric = map[int]string{0: "산업", 1: "전자", 2: "상사", 4: "기술"}
	zhGeneric = map[int]string{0: "实业", 1: "电子", 2: "贸易", 3: "国际", 4: "科技", 5: "机械", 6: "物流", 7: "化工"}
	ruGeneric = map[int]string{0: "Промышленный", 1: "Электроника", 2: "Торговый Дом", 4: "Технологии"}

	// legal holds, per style, families of spellings of one legal form: a
	// company keeps its form (an OOO is not also an AO), its records spell
	// it several ways.
	legal = map[string][][]string{
		"KR": {{"Co., Ltd.", "Co Ltd", "CO.,LTD", "Corporation"}},
		"CN": {{"Co., Ltd.", "Co Ltd", "Limited", "Company Limited"}},
		"RU": {{"LLC", "OOO"}, {"JSC", "AO"}},
		"W":  {{"Ltd", "Limited"}, {"Inc", "Corp."}, {"GmbH"}, {"S.p.A.", "SpA"}, {"LLC", "L.L.C."}},
	}
	westCountries = []string{"GB", "DE", "IT", "US", "HK", "AE", "TR", "SG"}
)

// Generate writes rows to emit until opt.Rows rows were produced.
func Generate(opt Options, emit func(Row) error) error {
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	var nr *rand.Rand // the customs noise's own stream
	acronyms := map[string]bool{}
	if opt.Customs {
		nr = rand.New(rand.NewPCG(opt.Seed^0x5eedc057, opt.Seed+0x243f6a8885a308d3))
	}
	used := map[string]bool{}
	n, entity := 0, 0
	for n < opt.Rows {
		entity++
		e := newEntity(r, used, entity, opt.Hard)
		if nr != nil {
			e.customs(acronyms)
		}
		size := clusterSize(r)
		for i := 0; i < size && n < opt.Rows; i++ {
			name, kind := e.variant(r, nr, i)
			if err := emit(Row{Name: name, Country: e.country, Truth: e.id, Kind: kind}); err != nil {
				return err
			}
			n++
		}
		if r.IntN(10) == 0 && n < opt.Rows { // a sibling company of the same group
			entity++
			s := e.sibling(r, entity)
			for i := 0; i < 1+r.IntN(2) && n < opt.Rows; i++ {
				name, kind := s.variant(r, nr, i)
				if err := emit(Row{Name: name, Country: s.country, Truth: s.id, Kind: kind}); err != nil {
					return err
				}
				n++
			}
		}
	}
	return nil
}

// WriteCSV writes a CSV with columns id,name,country,cluster_id, and with
// Options.Customs a fifth, kind (the row's customs noise, or empty).
func WriteCSV(w io.Writer, opt Options) error {
	header := "id,name,country,cluster_id\n"
	if opt.Customs {
		header = "id,name,country,cluster_id,kind\n"
	}
	if _, err := io.WriteString(w, header); err != nil {
		return err
	}
	i := 0
	return Generate(opt, func(r Row) error {
		i++
		if opt.Customs {
			_, err := fmt.Fprintf(w, "R%d,%s,%s,%s,%s\n", i, csvQuote(r.Name), r.Country, r.Truth, r.Kind)
			return err
		}
		_, err := fmt.Fprintf(w, "R%d,%s,%s,%s\n", i, csvQuote(r.Name), r.Country, r.Truth)
		return err
	})
}

func csvQuote(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// clusterSize draws a Zipf-like number of rows per entity: many singletons,
// some large clusters.
func clusterSize(r *rand.Rand) int {
	x := r.Float64()
	switch {
	case x < 0.45:
		return 1
	case x < 0.70:
		return 2
	case x < 0.85:
		return 3
	case x < 0.95:
		return 4 + r.IntN(4)
	}
	return 8 + r.IntN(25)
}

type entity struct {
	id      string
	style   string // KR, CN, RU, W
	country string
	native  string // stem in its own script ("" for Western)
	stem    string // romanised stem
	gen     int    // generic word class, -1 none
	extra   string // sibling's distinctive word
	lead    string // Options.Hard: the common word before a Western stem
	// With Options.Customs (see customs.go): the business phrase of a
	// longer name, the Turkish legal form, and whether another entity of
	// the country has the same initials.
	long, turkish string
	acronymTaken  bool
	customsOn     bool
}

// family picks the entity's legal-form family from its stem, so that adding
// families does not change the random stream that makes the names.
func (e *entity) family(n int) int {
	h := fnv.New32a()
	h.Write([]byte(e.stem))
	return int(h.Sum32() % uint32(n))
}

func newEntity(r *rand.Rand, used map[string]bool, n int, hard bool) *entity {
	e := &entity{id: fmt.Sprintf("E%d", n), gen: -1}
	if r.IntN(4) != 0 {
		e.gen = r.IntN(len(generic))
	}
	for attempt := 0; ; attempt++ {
		// Longer stems when short ones are taken, so a large file does not
		// spend its time looking for free short stems.
		extra := attempt / 4
		if hard {
			extra = attempt / 16
		}
		switch x := r.IntN(10); {
		case x < 3:
			e.style, e.country = "KR", "KR"
			e.native = pick(r, koSyl, 2+r.IntN(2)+extra)
			e.stem = translit.Hangul(e.native)
		case x < 5:
			e.style, e.country = "CN", "CN"
			e.native = pick(r, zhSyl, 2+r.IntN(2)+extra)
			e.stem = strings.Join(translit.Han(e.native), "")
		case x < 7:
			e.style, e.country = "RU", "RU"
			e.native = pick(r, ruSyl, 2+r.IntN(2)+extra)
			e.stem = translit.Cyrillic(e.native)
		default:
			e.style, e.country = "W", westCountries[r.IntN(len(westCountries))]
			e.stem = pick(r, wSyl, 2+r.IntN(3)+extra)
		}
		if hard {
			if e.style == "W" {
				e.lead = hardLeads[r.IntN(len(hardLeads))]
			}
			if k := e.style + ":" + e.lead + ":" + strings.ToLower(e.stem); len(e.stem) >= 4 && !used[k] {
				used[k] = true
				return e
			}
			continue
		}
		// Stems are kept apart (more than one edit, and under romanisation),
		// so that no two entities have names a careful reader would take
		// for spellings of one: the truth stays clean.
		if len(e.stem) >= 4 && !nearUsed(used, e.stem) {
			markUsed(used, e.stem)
			return e
		}
	}
}

// neighbours returns a stem's romanisation key and its text, each also with
// one letter deleted: two stems one edit apart share one of them.
func neighbours(stem string) []string {
	var out []string
	for _, v := range []string{strings.ToLower(stem), romanize.Key(strings.ToLower(stem))} {
		out = append(out, v)
		for i := range len(v) {
			out = append(out, v[:i]+v[i+1:])
		}
	}
	return out
}

func nearUsed(used map[string]bool, stem string) bool {
	for _, k := range neighbours(stem) {
		if used[k] {
			return true
		}
	}
	return false
}

func markUsed(used map[string]bool, stem string) {
	for _, k := range neighbours(stem) {
		used[k] = true
	}
}

func (e *entity) sibling(r *rand.Rand, n int) *entity {
	s := *e
	s.id = fmt.Sprintf("E%d", n)
	s.extra = []string{"Motor", "Mobis", "Steel", "Marine", "Capital", "Shipping", "Energy", "Pharma", "Bank", "Construction"}[r.IntN(10)]
	s.native = ""
	s.long = "" // the sibling is named Stem Extra Generic, as without customs noise
	return &s
}

func pick(r *rand.Rand, syl []string, k int) string {
	var b strings.Builder
	for i := 0; i < k; i++ {
		b.WriteString(syl[r.IntN(len(syl))])
	}
	return b.String()
}

// variant renders the i-th row of an entity: the first is the plain form,
// the others apply one or two of the variations customs records show.
func (e *entity) variant(r, nr *rand.Rand, i int) (string, string) {
	if e.native != "" && i > 0 && r.IntN(5) == 0 {
		return e.nativeForm(r), ""
	}
	kind := ""
	if e.customsOn && i > 0 {
		kind = customsKind(nr)
	}
	stem := title(e.stem)
	if i > 0 {
		switch r.IntN(4) {
		case 0:
			stem = romanVariant(e.style, stem)
		case 1:
			stem = typo(r, stem)
		}
	}
	if kind != "" {
		stem = title(e.stem) // each kind of customs noise on its own
	}
	parts := []string{stem}
	if e.lead != "" {
		parts = []string{e.lead, stem}
	}
	if e.extra != "" {
		parts = append(parts, e.extra)
	}
	if e.long != "" {
		parts = append(parts, e.long)
	}
	if e.gen >= 0 && e.long == "" {
		forms := generic[e.gen]
		w := forms[0]
		if i > 0 {
			w = forms[r.IntN(len(forms))]
		}
		parts = append(parts, w)
	} else if e.gen >= 0 && i > 0 {
		_ = r.IntN(len(generic[e.gen])) // the same draws as without the phrase
	}
	families := legal[e.style]
	lf := families[e.family(len(families))]
	if e.turkish != "" {
		lf = []string{e.turkish}
	}
	form := lf[0]
	if i > 0 && r.IntN(2) == 0 {
		form = lf[r.IntN(len(lf))]
	}
	formFirst := e.style == "RU" && (form == "OOO" || form == "AO")
	if formFirst {
		parts = append([]string{form}, parts...)
	} else {
		parts = append(parts, form)
	}
	name := strings.Join(parts, " ")
	if kind != "" {
		if v := e.noisy(nr, kind, parts, formFirst); v != "" {
			name = v
		} else {
			kind = ""
		}
	}
	if i > 0 {
		switch r.IntN(5) {
		case 0:
			name = strings.ToUpper(name)
		case 1:
			if kind != KindTruncated { // the cut is at the width as written
				name = strings.ReplaceAll(name, " ", "  ")
			}
		}
	}
	return name, kind
}

func (e *entity) nativeForm(r *rand.Rand) string {
	switch e.style {
	case "KR":
		g := koGeneric[e.gen]
		if r.IntN(2) == 0 {
			return "(주)" + e.native + g
		}
		return e.native + g + " 주식회사"
	case "CN":
		return e.native + zhGeneric[e.gen] + "有限公司"
	case "RU":
		g := ruGeneric[e.gen]
		if g != "" {
			g = " " + g
		}
		form := "ООО"
		if legal["RU"][e.family(len(legal["RU"]))][0] == "JSC" {
			form = "АО"
		}
		return form + " «" + title(e.native) + g + "»"
	}
	return e.stem
}

// romanVariant rewrites a romanised stem under another romanisation system.
func romanVariant(style, s string) string {
	l := strings.ToLower(s)
	var rules []string
	switch style {
	case "KR": // Revised Romanization → McCune–Reischauer-style company spellings
		rules = []string{"gyeong", "kyung", "eo", "u", "eu", "u", "g", "k", "b", "p", "d", "t", "j", "ch", "si", "shi"}
	case "CN": // pinyin → Wade–Giles
		rules = []string{"zh", "ch", "x", "hs", "q", "ch", "c", "ts", "z", "ts", "g", "k", "d", "t", "b", "p"}
	case "RU":
		rules = []string{"kh", "h", "ts", "c", "yu", "iu", "ya", "ia", "shch", "sch", "zh", "j"}
	default:
		return s
	}
	for i := 0; i+1 < len(rules); i += 2 {
		if strings.Contains(l, rules[i]) {
			l = strings.Replace(l, rules[i], rules[i+1], 1)
			break
		}
	}
	return title(l)
}

func typo(r *rand.Rand, s string) string {
	if len(s) < 7 {
		return s
	}
	b := []byte(s)
	i := 2 + r.IntN(len(b)-3)
	switch r.IntN(3) {
	case 0: // swap
		b[i], b[i+1] = b[i+1], b[i]
	case 1: // drop
		b = append(b[:i], b[i+1:]...)
	default: // double
		b = append(b[:i+1], b[i:]...)
	}
	return string(b)
}

func title(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	return strings.ToUpper(string(rs[0])) + string(rs[1:])
}
