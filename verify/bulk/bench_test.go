package bulk

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/verify"
)

// gleifBenchHeader is a realistic subset of the golden-copy columns, in order.
var gleifBenchHeader = []string{"LEI", "Entity.LegalName", "Entity.LegalName.xmllang",
	"Entity.OtherEntityNames.OtherEntityName.1", "Entity.OtherEntityNames.OtherEntityName.1.xmllang", "Entity.OtherEntityNames.OtherEntityName.1.type",
	"Entity.LegalAddress.xmllang", "Entity.LegalAddress.FirstAddressLine", "Entity.LegalAddress.AdditionalAddressLine.1",
	"Entity.LegalAddress.City", "Entity.LegalAddress.Region", "Entity.LegalAddress.Country", "Entity.LegalAddress.PostalCode",
	"Entity.HeadquartersAddress.xmllang", "Entity.HeadquartersAddress.FirstAddressLine", "Entity.HeadquartersAddress.City",
	"Entity.HeadquartersAddress.Country", "Entity.HeadquartersAddress.PostalCode",
	"Entity.RegistrationAuthority.RegistrationAuthorityID", "Entity.RegistrationAuthority.RegistrationAuthorityEntityID",
	"Entity.LegalJurisdiction", "Entity.EntityCategory", "Entity.LegalForm.EntityLegalFormCode", "Entity.LegalForm.OtherLegalForm",
	"Entity.EntityStatus", "Entity.EntityCreationDate", "Entity.EntityExpirationDate", "Entity.EntityExpirationReason",
	"Registration.InitialRegistrationDate", "Registration.LastUpdateDate", "Registration.RegistrationStatus",
	"Registration.NextRenewalDate", "Registration.ManagingLOU"}

// writeGLEIFBench writes n fictional rows: names from a 5,000-word
// vocabulary (so blocking keys have a realistic spread), 1 in 5 with an other name.
func writeGLEIFBench(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	_ = w.Write(gleifBenchHeader)
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 5000)
	for i := range words {
		words[i] = "W" + strconv.FormatInt(int64(i)*7919%100000, 36) + string(rune('A'+i%26))
	}
	forms := []string{"LIMITED", "LTD", "GMBH", "S.A.", "LLC", "CO., LTD.", "INC.", "B.V."}
	countries := []string{"GB", "DE", "US", "HK", "CN", "KR", "FR", "NL", "IT", "JP"}
	rec := make([]string, len(gleifBenchHeader))
	for i := 0; i < n; i++ {
		for j := range rec {
			rec[j] = ""
		}
		name := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))] + " " + forms[rng.IntN(len(forms))]
		c := countries[rng.IntN(len(countries))]
		rec[0] = fmt.Sprintf("BENCH%013d%02d", i, i%97)
		rec[1], rec[2] = name, "en"
		if i%5 == 0 {
			rec[3], rec[4], rec[5] = words[rng.IntN(len(words))]+" TRADING", "en", "TRADING_OR_OPERATING_NAME"
		}
		rec[6], rec[7], rec[8] = "en", strconv.Itoa(rng.IntN(999))+" EXAMPLE STREET", "FLOOR "+strconv.Itoa(rng.IntN(40))
		rec[9], rec[11], rec[12] = "CITY"+strconv.Itoa(rng.IntN(300)), c, strconv.Itoa(10000+rng.IntN(89999))
		rec[13], rec[14], rec[15], rec[16], rec[17] = "en", rec[7], rec[9], c, rec[12]
		rec[18], rec[19], rec[20], rec[21] = "RA999999", strconv.Itoa(i), c, "GENERAL"
		rec[22], rec[24], rec[25] = "8888", "ACTIVE", "2001-02-03T00:00:00Z"
		rec[23] = "OTHER"
		rec[28], rec[29], rec[30], rec[31], rec[32] = "2015-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "ISSUED", "2026-01-01T00:00:00Z", "FICT00LOU00000000000"
		if err := w.Write(rec); err != nil {
			tb.Fatal(err)
		}
	}
	w.Flush()
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// peakHeap samples the Go heap in use while fn runs.
func peakHeap(fn func()) uint64 {
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				mu.Lock()
				peak = max(peak, ms.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	fn()
	close(done)
	mu.Lock()
	defer mu.Unlock()
	return peak
}

// vmHWM is the process's peak resident set size in bytes (Linux), or 0.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// BenchmarkIndexGLEIF1M indexes a generated 1,000,000-row GLEIF golden-copy
// CSV. Run: go test ./verify/bulk -run '^$' -bench IndexGLEIF1M -benchtime 1x
func BenchmarkIndexGLEIF1M(b *testing.B) { benchIndexGLEIF(b, 1_000_000) }

// BenchmarkIndexGLEIF is the size sweep (10k, 100k rows).
func BenchmarkIndexGLEIF(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchIndexGLEIF(b, n) })
	}
}

func benchIndexGLEIF(b *testing.B, rows int) {
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "gleif-1m.csv")
	writeGLEIFBench(b, csvPath, rows)
	fi, _ := os.Stat(csvPath)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := openStore(b)
		b.StartTimer()
		var stats Stats
		var err error
		peak := peakHeap(func() {
			stats, err = Index(context.Background(), st, "gleif", []string{csvPath}, tokenKeys, nil)
		})
		if err != nil {
			b.Fatal(err)
		}
		if stats.Entities != int64(rows) {
			b.Fatalf("indexed %d", stats.Entities)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(vmHWM())/(1<<20), "peak-RSS-MiB")
		b.ReportMetric(float64(rows)/stats.Duration.Seconds(), "rows/s")
		b.ReportMetric(float64(fi.Size())/(1<<20), "csv-MiB")
		b.StopTimer()
		if dbi, err := os.Stat(st.Path()); err == nil {
			b.ReportMetric(float64(dbi.Size())/(1<<20), "db-MiB")
		}
		// a query after the load, for the note
		l, _ := NewLocal(context.Background(), st, tokenKeys, LocalOptions{})
		t0 := time.Now()
		w := func(i int) string { return "W" + strconv.FormatInt(int64(i)*7919%100000, 36) + string(rune('A'+i%26)) }
		_, qerr := l.Search(context.Background(), verify.Query{Names: []string{w(10) + " " + w(20) + " LIMITED"}})
		if qerr != nil {
			b.Fatal(qerr)
		}
		b.ReportMetric(float64(time.Since(t0).Microseconds()), "search-µs")
		b.StartTimer()
	}
}
