package gazetteer

import "testing"

// Figures on the 2-core machine go in notes, not in assertions.

var benchNames = [][]string{
	toks("acme metal co ltd ulsan korea"),
	toks("new york city plant"),
	toks("ooo acme kaluga"),
	toks("shenzhen acme technology co ltd"),
	toks("hong kong branch"),
}

// BenchmarkPlaceEveryToken is what a caller does per name: Place at every
// token.
func BenchmarkPlaceEveryToken(b *testing.B) {
	Load()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ts := benchNames[i%len(benchNames)]
		for j := range ts {
			Place(ts[j:])
		}
	}
}

func BenchmarkPlaceMiss(b *testing.B) {
	Load()
	ts := toks("acme metal")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Place(ts)
	}
}

func BenchmarkPlaceHit3(b *testing.B) {
	Load()
	ts := toks("rio de janeiro")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Place(ts)
	}
}

func BenchmarkSite(b *testing.B) {
	ts := toks("head office korea")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Site(ts)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parsePlaces(placesGz); err != nil {
			b.Fatal(err)
		}
	}
}
