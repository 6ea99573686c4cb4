package hanzi

import "testing"

var (
	benchHan    = []string{"电线", "電線", "化学", "造船", "銀行", "有限公司", "线电线"}
	benchJP     = []string{"薬品", "鉄道", "図書館", "発電", "予約"}
	benchHangul = []string{"전선", "저축", "조선", "은행", "주식회사", "없음"}
)

func BenchmarkGloss(b *testing.B) {
	Gloss("电线")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Gloss(benchHan[i%len(benchHan)])
	}
}

func BenchmarkGlossShinjitai(b *testing.B) {
	Gloss("电线")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Gloss(benchJP[i%len(benchJP)])
	}
}

func BenchmarkSinoKorean(b *testing.B) {
	SinoKorean("전선")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		SinoKorean(benchHangul[i%len(benchHangul)])
	}
}

// BenchmarkPrefixes enumerates the lattice edges of every position of a
// ten-character name.
func BenchmarkPrefixes(b *testing.B) {
	const s = "中国银行股份有限公司"
	Gloss("电线")
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(s); i += 3 {
			Prefixes(s, i, func(int, Entry) {})
		}
	}
}

func BenchmarkSinoKoreanPrefixes(b *testing.B) {
	const s = "현대중공업주식회사"
	SinoKorean("전선")
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(s); i += 3 {
			SinoKoreanPrefixes(s, i, func(int, Glosses, int) {})
		}
	}
}

// BenchmarkLoad loads both tables afresh and reports the heap they hold.
func BenchmarkLoad(b *testing.B) {
	var han, kor uint64
	for b.Loop() {
		han, kor = loadedHeap()
	}
	b.ReportMetric(float64(han)/1e6, "han-MB")
	b.ReportMetric(float64(kor)/1e6, "korean-MB")
}
