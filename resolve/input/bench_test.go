package input

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeBenchFile writes a CSV of n data rows: mostly plain ASCII, some
// Hangul and Cyrillic names, quoted addresses with commas, every 1000th row
// quoted across two lines and every 10,000th row short a field.
func writeBenchFile(tb testing.TB, path string, n int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "id,name,country,address,date,hs_code,website")
	names := []string{"Northwind Trading Ltd", "OOO Romashka", "ООО «Ромашка»", "한빛가상부품 주식회사", "Contoso Auto Parts GmbH", "深圳虚构莲花贸易有限公司"}
	countries := []string{"HK", "Russia", "RU", "대한민국", "DE", "中国"}
	for i := 0; i < n; i++ {
		k := i % len(names)
		switch {
		case i%10_000 == 9_999:
			fmt.Fprintf(w, "R%07d,%s %d,%s\n", i, names[k], i, countries[k])
		case i%1000 == 999:
			fmt.Fprintf(w, "R%07d,\"%s %d\",%s,\"Unit %d,\n%d Example Road\",2024-01-%02d,8708.29,https://x%d.example.com\n", i, names[k], i, countries[k], i%100, i%50, 1+i%28, i)
		default:
			fmt.Fprintf(w, "R%07d,%s %d,%s,\"Unit %d, %d Example Road, Sample City\",2024-01-%02d,8708.29,https://x%d.example.com\n", i, names[k], i, countries[k], i%100, i%50, 1+i%28, i)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}

// BenchmarkRead1M reads a generated 1,000,000-row CSV (about 100 MB). It
// reports rows/s, the bytes allocated per run, and the peak HeapInuse seen
// while reading (sampled every 20,000 rows), which stays flat in the number
// of rows because the reader keeps one record at a time.
//
//	go test ./resolve/input -run '^$' -bench Read1M -benchmem -benchtime 3x
func BenchmarkRead1M(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "bench.csv")
	size := writeBenchFile(b, path, rows)
	b.SetBytes(size)
	b.ReportAllocs()
	var peak uint64
	var ms runtime.MemStats
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(path, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, _, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
			if n%20_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		st := r.Stats()
		if st.Rows() != rows || st.Rejected != rows/10_000 || !st.Balanced() {
			b.Fatalf("stats %+v", st)
		}
		r.Close()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
