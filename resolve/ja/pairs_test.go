package ja

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/internal/shared"
)

// How far readings reach the English names of real Japanese companies
// (EDINET pairs, ../shared/data/eval/crossscript/pairs_ja.csv, development
// half; read where it is, never copied). A pair counts when every word of
// the English name, legal forms left out, equals by Key a reading word of
// the native name or the concatenation of adjacent ones, with any of their
// alternatives ("every word"); "both ways" also lets adjacent English
// words written together equal a reading (DAI ICHI and daiichi). Many
// English names are translations (Seeds, Mining) or loanwords (Holdings,
// ホールディングス horudingusu) that no reading reaches, so the figures
// are well below 1. The floors hold what the package reaches today.
func TestPairsJa(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the evaluation pairs")
	}
	rows := readPairs(t)
	Load()
	var pairs, all, both, any, latinWords, matchedWords int
	var elapsed, cpu time.Duration
	for _, row := range rows {
		native, english := row[0], row[1]
		start, startCPU := time.Now(), cpuTime()
		words := WordReadings(native)
		elapsed, cpu = elapsed+time.Since(start), cpu+cpuTime()-startCPU
		keys := spanKeys(words, 4)
		latin := latinWordsOf(english)
		if len(latin) == 0 {
			continue
		}
		covered := make([]bool, len(latin))
		hit := 0
		for i, w := range latin {
			if keys[Key(w)] {
				covered[i] = true
				hit++
			}
		}
		pairs++
		latinWords += len(latin)
		matchedWords += hit
		if hit == len(latin) {
			all++
		}
		if hit > 0 {
			any++
		}
		for i := range latin {
			for j := i + 2; j <= len(latin) && j <= i+4; j++ {
				if keys[Key(strings.Join(latin[i:j], ""))] {
					for k := i; k < j; k++ {
						covered[k] = true
					}
				}
			}
		}
		if !slices.Contains(covered, false) {
			both++
		}
	}
	frac := func(n, of int) float64 { return float64(n) / float64(of) }
	t.Logf("%d pairs: every English word read %.3f (both ways %.3f), some word %.3f; English words read %.3f; WordReadings %.1f µs per name (CPU %.1f µs)",
		pairs, frac(all, pairs), frac(both, pairs), frac(any, pairs), frac(matchedWords, latinWords),
		float64(elapsed.Microseconds())/float64(pairs), float64(cpu.Microseconds())/float64(pairs))
	if frac(all, pairs) < 0.24 || frac(both, pairs) < 0.25 || frac(any, pairs) < 0.56 || frac(matchedWords, latinWords) < 0.36 {
		t.Errorf("below floors (every word 0.24, both ways 0.25, some word 0.56, words 0.36)")
	}
}

// BenchmarkAnalyseRegister is BenchmarkAnalyse over the native names of
// the evaluation pairs: real registered names, legal forms and all.
func BenchmarkAnalyseRegister(b *testing.B) {
	var names []string
	for _, row := range readPairs(b) {
		names = append(names, row[0])
	}
	benchNames(b, names, func(s string) { Analyse(s) })
}

// BenchmarkTokenizeRegister is kagome's share of BenchmarkAnalyseRegister.
func BenchmarkTokenizeRegister(b *testing.B) {
	var names []string
	for _, row := range readPairs(b) {
		names = append(names, row[0])
	}
	a := get()
	benchNames(b, names, func(s string) { a.tok.Tokenize(normalise(s)) })
}

// readPairs returns the rows of pairs_ja.csv after its header, or skips.
func readPairs(tb testing.TB) [][]string {
	tb.Helper()
	f, err := os.Open(shared.Path(tb, "eval/crossscript/pairs_ja.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		tb.Fatalf("pairs_ja.csv: %v (%d rows)", err, len(rows))
	}
	return rows[1:]
}

// spanKeys returns the keys of every reading word and of every run of up
// to maxSpan adjacent words written together, over all alternatives.
func spanKeys(words [][]string, maxSpan int) map[string]bool {
	keys := map[string]bool{}
	for i := range words {
		prefixes := []string{""}
		for j := i; j < len(words) && j < i+maxSpan; j++ {
			var next []string
			for _, p := range prefixes {
				for _, alt := range words[j] {
					next = append(next, p+alt)
				}
			}
			if len(next) > 16 {
				next = next[:16]
			}
			prefixes = next
			for _, p := range prefixes {
				keys[Key(p)] = true
			}
		}
	}
	return keys
}

// englishLegal are the words of English legal forms (k is K.K.), and the
// function words, that a Japanese name has no reading for.
var englishLegal = map[string]bool{
	"co": true, "ltd": true, "inc": true, "corp": true, "corporation": true, "company": true,
	"limited": true, "incorporated": true, "kk": true, "k": true, "kabushiki": true, "kaisha": true,
	"llc": true, "plc": true, "the": true, "of": true, "and": true,
}

// latinWordsOf splits an English name into lowercase words of letters and
// digits, legal forms and function words left out.
func latinWordsOf(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !englishLegal[w] {
			out = append(out, w)
		}
	}
	return out
}
