package hanzi_test

import (
	"fmt"

	"github.com/resolve-tool/resolve/resolve/hanzi"
)

func ExampleGloss() {
	for _, w := range []string{"电线", "電線", "銀行", "薬品", "北京", "电"} {
		e, ok := hanzi.Gloss(w)
		fmt.Println(w, ok, e.Glosses, e.Proper, e.Weak())
	}
	// Output:
	// 电线 true [wire power cord] false false
	// 電線 true [wire power cord electric line electric cable power cable telephone line] false false
	// 銀行 true [bank banking institution] false false
	// 薬品 true [medicaments medicine drug chemicals] false false
	// 北京 true [] true false
	// 电 true [lightning electricity electric] false true
}

func ExampleSinoKorean() {
	for _, h := range []string{"저축", "은행", "조선"} {
		g, n, ok := hanzi.SinoKorean(h)
		fmt.Println(h, ok, n, g)
	}
	// Output:
	// 저축 true 2 [save money savings]
	// 은행 true 2 [bank ginkgo banking institution gingko maidenhair tree ginkgo nut gingko nut]
	// 조선 true 9 [shipbuilding ancestors previously charter a ship striation beginning handling a ship toes fishing boat forebears before streak line ancestral species ancestor]
}

func ExampleSinoKoreanWords() {
	hanzi.SinoKoreanWords("은행", func(han string, e hanzi.Entry) {
		fmt.Println(han, e.Glosses)
	})
	// Output:
	// 銀行 [bank banking institution]
	// 銀杏 [ginkgo gingko maidenhair tree ginkgo nut gingko nut]
}

func ExamplePrefixes() {
	s := "中国银行股份有限公司"
	hanzi.Prefixes(s, 0, func(end int, e hanzi.Entry) {
		fmt.Println(s[:end], e.Glosses, e.Proper)
	})
	// Output:
	// 中 [within among in middle center while] false
	// 中国 [china] true
	// 中国银行 [bank of china] true
}

func ExampleSinoKoreanPrefixes() {
	s := "현대중공업"
	hanzi.SinoKoreanPrefixes(s, 6, func(end int, glosses hanzi.Glosses, homographs int) {
		fmt.Println(s[6:end], homographs, glosses)
	})
	// Output:
	// 중공 2 [hollow heavy industry empty interior mid-air air sky]
	// 중공업 1 [heavy industry manufacturing]
}

func ExampleKanaPrefixes() {
	s := "チタン工業"
	hanzi.KanaPrefixes(s, 0, func(end int, e hanzi.Entry) {
		fmt.Println(s[:end], e.Glosses)
	})
	// Output:
	// チタン [titanium]
}
