package romanize

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// Korean syllable classes. Spellings that the Korean romanisations use for
// the same jamo, or that typed McCune–Reischauer (no breves, no
// apostrophes) cannot tell apart, share a class.

// Onset classes.
const (
	onNone uint8 = iota // ㅇ (silent)
	onK                 // ㄱ ㅋ: g k
	onKK                // ㄲ: kk gg
	onN                 // ㄴ
	onT                 // ㄷ ㅌ: d t
	onTT                // ㄸ: tt dd
	onL                 // ㄹ: r l rh
	onM                 // ㅁ
	onP                 // ㅂ ㅍ: b p
	onPP                // ㅃ: pp bb
	onS                 // ㅅ: s sh
	onSS                // ㅆ
	onC                 // ㅈ ㅊ: j ch
	onCC                // ㅉ: jj tch
	onH                 // ㅎ
)

var onRender = [...]string{"", "k", "kk", "n", "t", "tt", "l", "m", "p", "pp", "s", "ss", "c", "cc", "h"}

// Nucleus classes.
const (
	nuA  uint8 = iota // ㅏ
	nuE               // ㅐ ㅔ: ae e ai
	nuI               // ㅣ ㅢ: i ee yi ui eui
	nuO               // ㅓ ㅗ ㅜ ㅡ: eo o u eu oo woo
	nuYA              // ㅑ
	nuYE              // ㅒ ㅖ: yae ye
	nuYO              // ㅕ ㅛ ㅠ: yeo yo yu yoo
	nuWA              // ㅘ
	nuWE              // ㅙ ㅚ ㅞ: wae oe we oi
	nuWO              // ㅝ: wo weo
	nuWI              // ㅟ
)

var nuRender = [...]string{"a", "e", "i", "o", "ya", "ye", "yo", "wa", "we", "wo", "wi"}

// Coda classes: the seven sounds a Korean syllable can end in.
const (
	coNone uint8 = iota
	coK
	coN
	coT
	coL
	coM
	coP
	coNG
)

// coRender writes ng as "nk" so that a key does not depend on where an
// unhyphenated RR spelling puts the syllable boundary: seong-yeong and
// seon-gyeong (both spelled "seongyeong") both give "sonkyonk".
var coRender = [...]string{"", "k", "n", "t", "l", "m", "p", "nk"}

// Systems that can produce a spelled syllable (bit set).
const (
	sysRR        uint8 = 1 << iota // Korean Revised Romanization
	sysMR                          // Korean McCune–Reischauer, typed without breves and apostrophes
	sysVariant                     // a common older or company spelling (Hyundai, Daewoo, Lee)
	sysPinyin                      // Hanyu Pinyin
	sysWadeGiles                   // Wade–Giles, typed without apostrophes and umlauts
)

type spelling struct {
	s     string
	class uint8
	sys   uint8
}

var koOnsets = []spelling{
	{"", onNone, sysRR | sysMR},
	{"g", onK, sysRR | sysMR}, {"k", onK, sysRR | sysMR},
	{"kk", onKK, sysRR | sysMR}, {"gg", onKK, sysVariant},
	{"n", onN, sysRR | sysMR},
	{"d", onT, sysRR | sysMR}, {"t", onT, sysRR | sysMR},
	{"tt", onTT, sysRR | sysMR}, {"dd", onTT, sysVariant},
	{"r", onL, sysRR | sysMR}, {"l", onL, sysMR | sysVariant}, {"rh", onL, sysVariant},
	{"m", onM, sysRR | sysMR},
	{"b", onP, sysRR | sysMR}, {"p", onP, sysRR | sysMR},
	{"pp", onPP, sysRR | sysMR}, {"bb", onPP, sysVariant},
	{"s", onS, sysRR | sysMR}, {"sh", onS, sysMR | sysVariant},
	{"ss", onSS, sysRR | sysMR},
	{"j", onC, sysRR | sysMR}, {"ch", onC, sysRR | sysMR},
	{"jj", onCC, sysRR}, {"tch", onCC, sysMR},
	{"h", onH, sysRR | sysMR},
}

// koNuclei; "woo" and "yi" only stand without an onset (Daewoo, Yi).
var koNuclei = []spelling{
	{"a", nuA, sysRR | sysMR},
	{"ae", nuE, sysRR | sysMR}, {"e", nuE, sysRR | sysMR}, {"ai", nuE, sysVariant},
	{"i", nuI, sysRR | sysMR}, {"ui", nuI, sysRR | sysMR}, {"ee", nuI, sysVariant},
	{"eui", nuI, sysVariant}, {"yi", nuI, sysVariant},
	{"eo", nuO, sysRR}, {"o", nuO, sysRR | sysMR}, {"u", nuO, sysRR | sysMR},
	{"eu", nuO, sysRR}, {"oo", nuO, sysVariant}, {"woo", nuO, sysVariant},
	{"ya", nuYA, sysRR | sysMR},
	{"yae", nuYE, sysRR | sysMR}, {"ye", nuYE, sysRR | sysMR},
	{"yeo", nuYO, sysRR}, {"yo", nuYO, sysRR | sysMR}, {"yu", nuYO, sysRR | sysMR},
	{"yoo", nuYO, sysVariant},
	{"wa", nuWA, sysRR | sysMR},
	{"wae", nuWE, sysRR | sysMR}, {"oe", nuWE, sysRR | sysMR}, {"we", nuWE, sysRR | sysMR},
	{"oi", nuWE, sysVariant},
	{"wo", nuWO, sysRR | sysMR}, {"weo", nuWO, sysVariant},
	{"wi", nuWI, sysRR | sysMR},
}

var koCodas = []spelling{
	{"", coNone, sysRR | sysMR},
	{"k", coK, sysRR | sysMR}, {"rk", coK, sysVariant}, // Park
	{"n", coN, sysRR | sysMR},
	{"t", coT, sysRR | sysMR},
	{"l", coL, sysRR | sysMR},
	{"m", coM, sysRR | sysMR},
	{"p", coP, sysRR | sysMR},
	{"ng", coNG, sysRR | sysMR},
}

// koSyl is one spelled Korean syllable.
type koSyl struct {
	on, nu, co uint8
	sys        uint8
}

// mdSyl is one spelled Mandarin syllable: its key and its pinyin.
type mdSyl struct {
	key, pinyin string
	sys         uint8
}

// trie maps spelled syllables (lowercase ASCII letters) to an entry index.
type trie struct {
	nodes []trieNode
}

type trieNode struct {
	child [26]int32 // 0: none (the root is never a child)
	entry int32     // -1: no syllable ends here
}

func newTrie() *trie { return &trie{nodes: []trieNode{{entry: -1}}} }

// insert adds s with entry e unless s is already there; it reports whether
// it added s.
func (t *trie) insert(s string, e int32) bool {
	n := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i] - 'a'
		next := t.nodes[n].child[c]
		if next == 0 {
			t.nodes = append(t.nodes, trieNode{entry: -1})
			next = int32(len(t.nodes) - 1)
			t.nodes[n].child[c] = next
		}
		n = next
	}
	if t.nodes[n].entry >= 0 {
		return false
	}
	t.nodes[n].entry = e
	return true
}

// lookup returns the entry of s, or -1.
func (t *trie) lookup(s string) int32 {
	n := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return -1
		}
		if n = t.nodes[n].child[c-'a']; n == 0 {
			return -1
		}
	}
	return t.nodes[n].entry
}

type tables struct {
	ko     *trie
	koSyls []koSyl
	md     *trie
	mdSyls []mdSyl
}

//go:embed data/mandarin_syllables_toneless_pinyin_wadegiles.tsv
var mandarinTSV string

var loadTables = sync.OnceValue(buildTables)

func buildTables() *tables {
	t := &tables{ko: newTrie(), md: newTrie()}
	// Korean: every onset × nucleus × coda. RR spellings are inserted
	// first, so where two combinations spell the same string the first
	// wins; the classes make such clashes agree in practice.
	for _, on := range koOnsets {
		for _, nu := range koNuclei {
			if on.s != "" && (nu.s == "woo" || nu.s == "yi") {
				continue
			}
			for _, co := range koCodas {
				s := on.s + nu.s + co.s
				syl := koSyl{on.class, nu.class, co.class, on.sys & nu.sys & co.sys}
				if syl.sys == 0 {
					syl.sys = sysVariant
				}
				if t.ko.insert(s, int32(len(t.koSyls))) {
					t.koSyls = append(t.koSyls, syl)
				} else {
					e := t.ko.lookup(s)
					if old := t.koSyls[e]; old.on == syl.on && old.nu == syl.nu && old.co == syl.co {
						t.koSyls[e].sys |= syl.sys
					}
				}
			}
		}
	}
	// 화 written "wha", the h after the w (Hanwha, Samwha): a company
	// spelling of ㅎ + ㅘ that no onset × nucleus product gives.
	for _, co := range koCodas {
		if t.ko.insert("wha"+co.s, int32(len(t.koSyls))) {
			t.koSyls = append(t.koSyls, koSyl{onH, nuWA, co.class, sysVariant})
		}
	}
	// Mandarin: pinyin spellings first, then Wade–Giles ones not already
	// taken by a pinyin syllable.
	type row struct{ py, wg string }
	var rows []row
	for i, line := range strings.Split(strings.TrimSpace(mandarinTSV), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 2 {
			continue
		}
		switch f[0] {
		case "m", "n", "ng", "hm", "hng", "ê": // interjections
			continue
		}
		wg := strings.NewReplacer("'", "", "ü", "u").Replace(f[1])
		rows = append(rows, row{f[0], wg})
	}
	for _, r := range rows {
		if t.md.insert(r.py, int32(len(t.mdSyls))) {
			t.mdSyls = append(t.mdSyls, mdSyl{mandarinKey(r.py), r.py, sysPinyin})
		}
	}
	for _, r := range rows {
		if e := t.md.lookup(r.wg); e >= 0 {
			if t.mdSyls[e].pinyin == r.py {
				t.mdSyls[e].sys |= sysWadeGiles
			}
			continue
		}
		t.md.insert(r.wg, int32(len(t.mdSyls)))
		t.mdSyls = append(t.mdSyls, mdSyl{mandarinKey(r.py), r.py, sysWadeGiles})
	}
	// Grown by append, the node arrays are up to twice their length (108
	// bytes a node); the tables live as long as the process.
	t.ko.nodes = slices.Clone(t.ko.nodes)
	t.md.nodes = slices.Clone(t.md.nodes)
	return t
}

// mandarinKey renders a toneless pinyin syllable in the key alphabet of the
// Korean classes, so that a Mandarin spelling and a Korean-looking spelling
// of the same sounds meet: initials merge like Korean onsets (b/p, d/t,
// g/k; z, c, zh, ch, j, q are c; s, sh, x are s; r is l), u, o and uo
// are o, ai is e, ui is i (as Korean ㅢ), ng is "nk"; ü after a consonant is
// o, alone "yo". These last merges cost some Mandarin distinctions (shui and
// shi meet) but the pinyin spellings concerned read as Korean anyway and
// meet there; they make Wade–Giles kuo, to, cho, kuei meet pinyin guo, duo,
// zhuo, gui.
func mandarinKey(py string) string {
	ini, fin := "", py
	for _, p := range []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s"} {
		if strings.HasPrefix(py, p) {
			ini, fin = p, py[len(p):]
			break
		}
	}
	umlaut := false // fin starts with ü
	switch {
	case ini == "" && strings.HasPrefix(fin, "y"):
		switch fin {
		case "yi", "yin", "ying":
			fin = fin[1:]
		case "yu", "yue", "yuan", "yun":
			fin, umlaut = fin[2:], true
		default:
			fin = "i" + fin[1:]
		}
	case ini == "" && strings.HasPrefix(fin, "w"):
		if fin == "wu" {
			fin = "u"
		} else {
			fin = "u" + fin[1:]
		}
	case (ini == "j" || ini == "q" || ini == "x") && strings.HasPrefix(fin, "u"):
		fin, umlaut = fin[1:], true
	case (ini == "l" || ini == "n") && strings.HasPrefix(fin, "v"):
		fin, umlaut = fin[1:], true
	case (ini == "l" || ini == "n") && fin == "ue":
		fin, umlaut = "e", true
	}
	var i string
	switch ini {
	case "b", "p":
		i = "p"
	case "d", "t":
		i = "t"
	case "g", "k":
		i = "k"
	case "z", "c", "zh", "ch", "j", "q":
		i = "c"
	case "s", "sh", "x":
		i = "s"
	case "r", "l":
		i = "l"
	default:
		i = ini
	}
	if umlaut {
		v := "o"
		if ini == "" {
			v = "yo"
		}
		switch fin {
		case "":
			return i + v
		case "e":
			return i + v + "e"
		case "an":
			if ini == "" {
				return "yoan"
			}
			return i + "wan" // WG chuan is pinyin chuan and quan
		case "n":
			return i + v + "n"
		}
	}
	if ini == "" && fin == "uei" { // wei: keep it apart from yi
		return "wei"
	}
	f, ok := mandarinFinals[fin]
	if !ok {
		f = fin
	}
	return i + f
}

var mandarinFinals = map[string]string{
	"a": "a", "o": "o", "e": "e", "ai": "e", "ei": "ei", "ao": "ao", "ou": "ou",
	"an": "an", "en": "en", "ang": "ank", "eng": "enk", "ong": "onk", "er": "el",
	"i": "i", "ia": "ya", "ie": "ye", "iao": "yao", "iu": "yu", "iou": "yu",
	"ian": "yan", "in": "in", "iang": "yank", "ing": "ink", "iong": "yonk", "io": "yo", "iai": "ye",
	"u": "o", "ua": "wa", "uo": "o", "uai": "we", "ui": "i", "uei": "i",
	"uan": "wan", "un": "on", "uen": "on", "uang": "wank", "ueng": "wenk",
}
