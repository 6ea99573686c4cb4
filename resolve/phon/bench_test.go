package phon

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used: on a shared machine it
// measures the work better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad measures building the tables from the embedded data and
// reports the heap they hold (heap-MB).
func BenchmarkLoad(b *testing.B) {
	var keep *tables
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c0 := cpuTime()
		t, err := load()
		b.ReportMetric(float64(cpuTime()-c0)/1e6, "cpu-ms")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
		b.ReportMetric(float64(t.idx.nkeys()), "keys")
		keep = t
	}
	runtime.KeepAlive(keep)
}

func BenchmarkSimilar(b *testing.B) {
	pairs := [][2]string{
		{"네트워크", "network"}, {"홀딩스", "holdings"}, {"ヘルスケア", "healthcare"},
		{"메디젠", "medizen"}, {"휴먼케어", "humancare"}, {"デサント", "descente"},
		{"포인트", "mobile"}, {"엘지", "lg"},
	}
	for _, p := range pairs {
		Similar(p[0], p[1]) // warm the tables and the cache
	}
	c0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		Similar(p[0], p[1])
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

func BenchmarkPrefixes(b *testing.B) {
	get()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		for i := 0; i < len("뱅크웨어글로벌"); i += 3 {
			Prefixes("뱅크웨어글로벌", i, func(int, []string) {})
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

// BenchmarkGuess reads coined words by their spelling (what the key cache
// saves on a word seen again): the cost of a word met for the first time.
func BenchmarkGuess(b *testing.B) {
	words := []string{"medizen", "solumix", "piolink", "khimsib", "mirshchitlin", "borvane"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		w := words[i%len(words)]
		guess(w, false)
		guess(w, true)
	}
}

// BenchmarkWordKeys computes the keys of coined words, as a word missing
// from the key cache costs (CMUdict lookups of its parts, splits, spelling
// readings).
func BenchmarkWordKeys(b *testing.B) {
	t := get()
	words := []string{"medizen", "solumix", "piolink", "khimsibtechnology", "mirshchitlin", "borvanetech"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := getKeyer()
		t.wordKeys(words[i%len(words)], k)
		putKeyer(k)
	}
}

// BenchmarkFind looks words up in CMUdict, found and not.
func BenchmarkFind(b *testing.B) {
	d := &get().dict
	words := []string{"technology", "medizen", "holdings", "zzyzx", "a", "solumix", "network", "borvane"}
	for i := 0; b.Loop(); i++ {
		d.find(words[i%len(words)])
	}
}
