package match

import (
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// BenchmarkDictionaryMemory reports what the matcher's dictionaries hold
// once loaded (the target: ≤ 40 MB without Japanese, ≤ 150 MB with
// it), measured in a child process so that nothing else is loaded:
// rss-MB and heap-MB after cross-script pairs of Korean, Chinese and
// Russian names are prepared and scored (CMUdict, CC-CEDICT, the hanja
// readings, the Russian dictionary, the vocabulary), ja-rss-MB and
// ja-heap-MB after a Japanese pair as well (kagome with IPADIC), each the
// growth over the process before the first name (live heap after a GC;
// resident set from /proc/self/status once freed pages are returned, 0
// where there is none; it holds the pages of the embedded data read).
func BenchmarkDictionaryMemory(b *testing.B) {
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDictionaryMemoryChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "MATCH_TEST_CHILD=memory")
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		n := 0
		for _, f := range strings.Fields(string(out)) {
			if k, v, ok := strings.Cut(f, "="); ok {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					b.ReportMetric(x, k)
					n++
				}
			}
		}
		if n != 4 {
			b.Fatalf("child printed %d figures, want 4: %s", n, out)
		}
	}
}

// TestDictionaryMemoryChild is the child of BenchmarkDictionaryMemory; it
// does nothing in an ordinary run.
func TestDictionaryMemoryChild(t *testing.T) {
	if os.Getenv("MATCH_TEST_CHILD") != "memory" {
		t.Skip("run by BenchmarkDictionaryMemory")
	}
	m := newTestMatcher()
	score := func(pairs [][2]string) {
		var s Scratch
		for _, p := range pairs {
			m.ScoreFast(m.Prepare(p[0], ""), m.Prepare(p[1], ""), &s)
		}
	}
	heap0, rss0 := memoryNow()
	var others, japanese [][2]string
	for _, p := range crossScriptBench {
		if strings.ContainsFunc(p[0], func(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana) }) {
			japanese = append(japanese, p)
		} else {
			others = append(others, p)
		}
	}
	if len(japanese) == 0 || len(others) == 0 {
		t.Fatal("crossScriptBench has no Japanese pair or no other pair")
	}
	score(others)
	heap1, rss1 := memoryNow()
	score(japanese)
	heap2, rss2 := memoryNow()
	const mb = 1 << 20
	f := func(k string, v uint64, v0 uint64) string {
		return k + "=" + strconv.FormatFloat(float64(v-min(v0, v))/mb, 'f', 1, 64) + " "
	}
	os.Stdout.WriteString(f("heap-MB", heap1, heap0) + f("rss-MB", rss1, rss0) + f("ja-heap-MB", heap2, heap0) + f("ja-rss-MB", rss2, rss0) + "\n")
	os.Exit(0)
}

// memoryNow returns the live heap after a GC and the resident set once
// the freed pages (the buffers of loading) are returned to the system.
func memoryNow() (heap, rss uint64) {
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			rss = n << 10
		}
	}
	return ms.HeapAlloc, rss
}
