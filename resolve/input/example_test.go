package input_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/resolve-tool/resolve/resolve/input"
)

func Example() {
	data := "id,name,country,hs_code\n" +
		"1,Northwind Trading Ltd,Hong Kong,8708.29\n" +
		"2,\"Broken Example Ltd,HK,8708.29\n" +
		"3,ООО «Ромашка»,Россия,8708.99\n" +
		"4,,KR,8544.42\n"
	r, err := input.NewReader(strings.NewReader(data), "suppliers.csv", input.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, rej, err := r.Next()
		if err == io.EOF {
			break
		}
		if rej != nil {
			fmt.Println("rejected:", rej)
			continue
		}
		fmt.Printf("row %d: %s (%s) %s=%s\n", rec.Row, rec.Name, rec.Country, rec.Extra[0].Column, rec.Extra[0].Value)
	}
	st := r.Stats()
	fmt.Printf("%d rows: %d records, %d rejected\n", st.Rows(), st.Records, st.Rejected)
	// Output:
	// row 2: Northwind Trading Ltd (HK) hs_code=8708.29
	// rejected: suppliers.csv: row 3, column "name": unterminated quote: the quoted field opened on this line does not close
	// row 4: ООО «Ромашка» (RU) hs_code=8708.99
	// rejected: suppliers.csv: row 5, column "name": empty name
	// 4 rows: 2 records, 2 rejected
}

func ExampleCountry() {
	for _, s := range []string{"KOR", "Republic of Korea", "대한민국", "Russian Federation", "Hongkong", "Türkiye", "Atlantis"} {
		fmt.Printf("%q -> %q\n", s, input.Country(s))
	}
	// Output:
	// "KOR" -> "KR"
	// "Republic of Korea" -> "KR"
	// "대한민국" -> "KR"
	// "Russian Federation" -> "RU"
	// "Hongkong" -> "HK"
	// "Türkiye" -> "TR"
	// "Atlantis" -> ""
}

func ExampleNewReader_noNameColumn() {
	_, err := input.NewReader(strings.NewReader("id,company,country\n1,Example Ltd,GB\n"), "suppliers.csv", input.DefaultOptions())
	fmt.Println(errors.Is(err, input.ErrNoNameColumn))
	fmt.Println(err)
	// Output:
	// true
	// suppliers.csv: no name column: the header has no column "name"; columns found: "id", "company", "country"
}
