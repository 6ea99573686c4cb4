package phon_test

import (
	"fmt"

	"github.com/resolve-tool/resolve/resolve/phon"
)

func ExampleHangul() {
	fmt.Println(phon.Hangul("network"))
	fmt.Println(phon.Hangul("holdings"))
	fmt.Println(phon.Hangul("bankware")[0])
	// Output:
	// [네트워크 네트웍]
	// [홀딩스 홀딩즈]
	// 뱅크웨어
}

func ExampleKatakana() {
	fmt.Println(phon.Katakana("healthcare"))
	fmt.Println(phon.Katakana("vector")[:2])
	// Output:
	// [ヘルスケア]
	// [ベクター ベクトル]
}

func ExampleSimilar() {
	for _, p := range [][2]string{
		{"메디젠", "Medizen"}, {"휴먼케어", "Humancare"}, {"デサント", "Descente"},
		{"골드", "cold"}, {"엘지", "LG"},
	} {
		sim, ok := phon.Similar(p[0], p[1])
		fmt.Printf("%s %s %.2f %v\n", p[0], p[1], sim, ok)
	}
	// Output:
	// 메디젠 Medizen 1.00 true
	// 휴먼케어 Humancare 1.00 true
	// デサント Descente 0.93 true
	// 골드 cold 0.88 false
	// 엘지 LG 1.00 true
}

func ExampleEnglishFor() {
	fmt.Println(phon.EnglishFor("네트웍스"))
	fmt.Println(phon.EnglishFor("ヘルスケア"))
	// Output:
	// [networks]
	// [healthcare]
}

func ExamplePrefixes() {
	run := "뱅크웨어글로벌"
	// every word of the index at each place, following the longest
	for start := 0; start < len(run); {
		next := 0
		phon.Prefixes(run, start, func(end int, english []string) {
			fmt.Println(run[start:end], english)
			next = end
		})
		if next == 0 {
			break
		}
		start = next
	}
	// Output:
	// 뱅 [bang]
	// 뱅크 [bank]
	// 웨어 [wear ware]
	// 글로 [grow glow claw crow craw]
	// 글로벌 [global grovel]
}

func ExampleLetters() {
	fmt.Println(phon.Letters("디에스엠"))
	fmt.Println(phon.Letters("オーエスジー"))
	fmt.Println(phon.LetterParses("지에스"))
	fmt.Println(phon.LetterPrefix("와이엠텍"))
	// Output:
	// dsm true
	// osg true
	// [gs zs]
	// ym 9
}
