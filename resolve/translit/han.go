package translit

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// pinyinCache remembers go-pinyin's answer per character: its tone
// stripping runs regular expressions, and company names repeat a few
// thousand characters millions of times.
var pinyinCache sync.Map // rune → []string

func singlePinyin(r rune, args pinyin.Args) []string {
	if v, ok := pinyinCache.Load(r); ok {
		return v.([]string)
	}
	py := pinyin.SinglePinyin(r, args)
	pinyinCache.Store(r, py)
	return py
}

// hanPhrases overrides go-pinyin's single-character default reading inside
// a few words common in company and place names where the default is wrong
// (go-pinyin has no phrase dictionary). Keys are simplified or traditional.
var hanPhrases = map[string][]string{
	"银行": {"yin", "hang"}, "銀行": {"yin", "hang"},
	"重庆": {"chong", "qing"}, "重慶": {"chong", "qing"},
	"厦门": {"xia", "men"}, "廈門": {"xia", "men"},
	"朝鲜": {"chao", "xian"}, "朝鮮": {"chao", "xian"},
	"西藏": {"xi", "zang"},
	"蚌埠": {"beng", "bu"},
	"六安": {"lu", "an"},
	"会计": {"kuai", "ji"}, "會計": {"kuai", "ji"},
	"行业": {"hang", "ye"}, "行業": {"hang", "ye"},
	"乐清": {"yue", "qing"}, "樂清": {"yue", "qing"},
	"音乐": {"yin", "yue"}, "音樂": {"yin", "yue"},
}

// hanSingle overrides go-pinyin's default reading of single characters
// where another reading is far more common in names: 长/長 is "chang" in
// 长城, 长江, 长沙, 长春, 长安 ... (go-pinyin's default is "zhang").
var hanSingle = map[rune]string{'长': "chang", '長': "chang"}

// maxPhrase is the length in runes of the longest key of hanPhrases.
const maxPhrase = 2

// Han returns the toneless pinyin of each Chinese character of s, one
// element per character, from go-pinyin's dictionary (simplified and
// traditional characters alike: 华为 and 華為 both give ["hua", "wei"]).
//
// The reading is go-pinyin's default (most common) one, except in the few
// words of hanPhrases (银行 → ["yin", "hang"], 重庆 → ["chong", "qing"]) and
// for 长/長 → "chang". ü is written "v" as in ASCII pinyin input (绿 → "lv",
// 女 → "nv"); the iteration mark 々 repeats the syllable before it. Runes without a reading (anything not Han, and rare Han
// characters not in the dictionary) are returned unchanged, each maximal run
// of them as one element, so joining the result loses nothing; callers are
// expected to pass runs of Han only.
func Han(s string) []string {
	return AppendHan(make([]string, 0, utf8.RuneCountInString(s)), s)
}

// AppendHan appends what Han returns for s to dst, for a caller that joins
// the syllables at once and can keep them in a buffer of its own.
func AppendHan(dst []string, s string) []string {
	rs := []rune(s)
	out := dst
	args := pinyin.NewArgs() // Normal style, no heteronyms
	other := -1              // start of a pending run without readings
	flush := func(i int) {
		if other >= 0 {
			out = append(out, string(rs[other:i]))
			other = -1
		}
	}
	for i := 0; i < len(rs); i++ {
		if i+maxPhrase <= len(rs) {
			if p, ok := hanPhrases[string(rs[i:i+maxPhrase])]; ok {
				flush(i)
				out = append(out, p...)
				i += maxPhrase - 1
				continue
			}
		}
		if v, ok := hanSingle[rs[i]]; ok {
			flush(i)
			out = append(out, v)
			continue
		}
		if rs[i] == '々' && len(out) > len(dst) && other < 0 { // iteration mark repeats
			out = append(out, out[len(out)-1])
			continue
		}
		var py []string
		if Script(rs[i]) == ScriptHan {
			if rs[i] == '〇' {
				py = []string{"ling"}
			} else {
				py = singlePinyin(rs[i], args)
			}
		}
		if len(py) == 0 || py[0] == "" {
			if other < 0 {
				other = i
			}
			continue
		}
		flush(i)
		out = append(out, strings.ToLower(py[0]))
	}
	flush(len(rs))
	return out
}
