package gazetteer

import (
	"strings"
	"sync"
)

// sitePhrases are the site words and phrases of customs records, written as
// resolve/normalize tokenises them (lowercase ASCII; Cyrillic, Hangul, Han and
// kana transliterated). The list is curated by hand, not generated. Left out
// on purpose, because they are usually part of a company's own name: завод
// (zavod, "plant" in Kaluga Turbine Plant), 厂 (chang, the 厂 of 机械厂),
// werke, agence, bureau, division, unit, center; and c/o, which is no site.
var sitePhrases = []string{
	// English
	"plant", "works", "factory", "fty", "mill", "yard", "shipyard",
	"warehouse", "whse", "godown", "depot", "branch", "branch office",
	"office", "head office", "main office", "registered office", "regd office",
	"corporate office", "regional office", "representative office",
	"rep office", "liaison office", "sales office", "headquarters", "hq",
	// German
	"werk", "niederlassung", "zweigniederlassung", "zweigstelle", "filiale",
	"lager", "hauptsitz", "zentrale", "betriebsstatte", "betriebsstaette",
	// French
	"usine", "succursale", "entrepot", "siege", "siege social",
	// Spanish, Portuguese, Italian
	"fabrica", "planta", "sucursal", "almacen", "armazem",
	"deposito", "oficina", "oficina central", "casa matriz", // filial: below
	"stabilimento", "magazzino", "sede", "sede legale", "sede centrale",
	"sede operativa",
	// Turkish (ş and ü folded: şube → sube, müdürlük → mudurluk)
	"fabrika", "fabrikasi", "sube", "subesi", "depo", "deposu",
	"genel mudurluk", "irtibat burosu", "temsilcilik", "temsilciligi",
	// Russian and Ukrainian, transliterated (филиал, представительство, склад)
	"filial", "filiya", "predstavitelstvo", "predstavnytstvo", "sklad",
	"obosoblennoe podrazdelenie",
	// Korean, Revised Romanization (공장, 지점, 본사, 지사, 영업소, 사무소, 창고, 사업장, 출장소)
	"gongjang", "jijeom", "bonsa", "jisa", "yeongeopso", "samuso", "changgo",
	"saeopjang", "chuljangso",
	// Japanese, Hepburn (本社, 工場, 支店, 営業所, 支社, 事業所, 本店, 倉庫)
	"honsha", "kojo", "shiten", "eigyosho", "shisha", "jigyosho", "honten",
	"soko",
	// Chinese, pinyin (工厂, 分公司 as the tokenizer cuts it, 办事处, 总部, 仓库, 分厂, 分店)
	"gongchang", "fengongsi", "fen gongsi", "banshichu", "zongbu", "cangku",
	"fenchang", "fendian",
}

// siteWords are native-script site words with an English gloss.
var siteWords = map[string]string{
	// Korean
	"공장": "plant", "지점": "branch", "본사": "head office", "지사": "branch",
	"영업소": "sales office", "사무소": "office", "창고": "warehouse",
	"사업장": "site", "출장소": "branch office",
	// Japanese
	"本社": "head office", "工場": "plant", "支店": "branch", "営業所": "sales office",
	"支社": "branch", "事業所": "site", "本店": "head office", "倉庫": "warehouse",
	// Chinese
	"工厂": "plant", "工廠": "plant", "分公司": "branch", "办事处": "office",
	"辦事處": "office", "总部": "head office", "總部": "head office",
	"仓库": "warehouse", "分厂": "plant", "分廠": "plant", "分店": "branch",
	// Russian, Ukrainian
	"филиал": "branch", "представительство": "representative office",
	"склад": "warehouse", "філія": "branch", "представництво": "representative office",
}

var (
	sitesOnce sync.Once
	sitesTbl  *table
)

func sites() *table {
	sitesOnce.Do(func() {
		b := newBuilder(len(sitePhrases), false)
		for _, p := range sitePhrases {
			if err := b.add([]byte(p), City, nil, 0, 0, false, false); err != nil {
				panic("gazetteer: site " + err.Error())
			}
		}
		t, err := b.build()
		if err != nil {
			panic("gazetteer: sites: " + err.Error())
		}
		sitesTbl = t
	})
	return sitesTbl
}

// Site returns the length in tokens of the longest site phrase at the start
// of tokens (plant, works, branch office, head office, werk, gongjang).
func Site(tokens []string) (n int, ok bool) {
	t := sites()
	e := t.longest(tokens, "")
	if e < 0 {
		return 0, false
	}
	return int(t.entries[e].ntok), true
}

// SiteWord reports whether orig, a word as written (NFKC, case-folded, as in
// a token's Orig), is a site word in its own script (공장, 本社, 工場, филиал),
// with an English gloss.
func SiteWord(orig string) (gloss string, ok bool) {
	gloss, ok = siteWords[orig]
	return gloss, ok
}

// SiteSuffix returns the length in bytes of the longest native-script site
// word that ends orig and is shorter than it (울산공장 → 6, the bytes of
// 공장), with its gloss.
func SiteSuffix(orig string) (n int, gloss string, ok bool) {
	for w, g := range siteWords {
		if len(w) > n && len(w) < len(orig) && strings.HasSuffix(orig, w) {
			n, gloss, ok = len(w), g, true
		}
	}
	return n, gloss, ok
}
