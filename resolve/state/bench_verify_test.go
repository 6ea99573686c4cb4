package state

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// verifyBench makes n results as a nightly run with nothing indexed does:
// every cluster's result is the same body.
func verifyBench(n int) ([]VerifyKey, []byte) {
	keys := make([]VerifyKey, n)
	for i := range keys {
		keys[i] = VerificationKey([]string{MemberKey(fmt.Sprintf("fictional company %08d", i), "GB")}, "verify-v1")
		keys[i].Content = "in:" + keys[i].Content[:32] // the pipeline's input key is as long
	}
	body := []byte(`{"registry_matches":[],"coverage":[{"source":"local","status":"skipped","reason":"nothing indexed"},` +
		`{"source":"gleif","status":"skipped","reason":"disabled"},{"source":"companies_house","status":"skipped","reason":"disabled"},` +
		`{"source":"opensanctions","status":"skipped","reason":"disabled"},{"source":"opencorporates","status":"skipped","reason":"disabled"},` +
		`{"source":"wikidata","status":"skipped","reason":"disabled"},{"source":"opendart","status":"skipped","reason":"disabled"},` +
		`{"source":"hk_cr","status":"skipped","reason":"disabled"}],"web":[],"flags":[],"risk":{"score":0,"outcome":"no indicators"}}`)
	return keys, body
}

// BenchmarkSaveVerificationOneByOne commits 20,000 results one by one, as
// the verify stage did before ResultWriter, then loads them back as a rerun
// does (SQLite always; PostgreSQL when RESOLVE_TEST_POSTGRES_DSN is set).
func BenchmarkSaveVerificationOneByOne(b *testing.B) {
	const n = 20_000
	keys, body := verifyBench(n)
	eachBackendB(b, func(b *testing.B, loc location) {
		ctx := context.Background()
		s, err := loc.openErr(Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.Run(fmt.Sprintf("save/results=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, k := range keys {
					if err := s.SaveVerification(ctx, k, body, time.Hour); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(fmt.Sprintf("load/results=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for lo := 0; lo < n; lo += 2000 { // the verify stage's chunks
					got, err := s.LoadVerifications(ctx, keys[lo:lo+2000])
					if err != nil || len(got) != 2000 {
						b.Fatal(len(got), err)
					}
				}
			}
		})
	})
}
