package ja_test

import (
	"fmt"

	"github.com/resolve-tool/resolve/resolve/ja"
)

func ExampleReadings() {
	fmt.Println(ja.Readings("三菱商事株式会社"))
	fmt.Println(ja.Readings("株式会社まるなか"))
	fmt.Println(ja.Readings("ＡＢＣマート"))
	// Output:
	// [mitsubishi shoji]
	// [marunaka]
	// [abc mato]
}

func ExampleWordReadings() {
	fmt.Println(ja.WordReadings("日本郵船"))
	// Output: [[nippon nihon] [yusen]]
}

func ExampleAnalyse() {
	for _, m := range ja.Analyse("株式会社日本精工") {
		fmt.Printf("%s %s %s %s %s %q\n", m.Surface, m.Reading, m.Romaji, m.Class, m.Source, m.Compound)
	}
	// Output:
	// 株式会社 カブシキガイシャ kabushikigaisha legal-form dictionary ""
	// 日本 ニッポン nippon proper-noun dictionary "日本精工"
	// 精工 セイコウ seiko proper-noun dictionary "日本精工"
}

func ExampleKey() {
	fmt.Println(ja.Key("kougyou"), ja.Key("KOGYO"), ja.Key("kōgyō"), ja.Key("kohgyoh"))
	fmt.Println(ja.Key(ja.Romaji("ショウジ")), ja.Key("SHOUJI"), ja.Key("syozi"))
	fmt.Println(ja.Key("nisshin") == ja.Key("Nishin"), ja.Key("nihon") == ja.Key("nippon"))
	// Output:
	// kogyo kogyo kogyo kogyo
	// syozi syozi syozi
	// true false
}

func ExampleRomaji() {
	fmt.Println(ja.Romaji("ホールディングス"), ja.Romaji("ニッシン"), ja.Romaji("シンブン"), ja.Romaji("マッチャ"))
	// Output: horudingusu nisshin shinbun matcha
}
