package input

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// legacyCSV writes names as an id,name,country file in enc.
func legacyCSV(t *testing.T, enc encoding.Encoding, country string, names []string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,name,country\n")
	for i, n := range names {
		b.WriteString(strconv.Itoa(i+1) + ",\"" + n + "\"," + country + "\n")
	}
	if enc == nil {
		return b.String()
	}
	data, err := enc.NewEncoder().String(b.String())
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return data
}

// TestCheckEncodingGuesses: a legacy export read as UTF-8 is refused as a
// whole, naming the encoding to give, instead of being rejected row by row.
func TestCheckEncodingGuesses(t *testing.T) {
	tests := []struct {
		want    string
		enc     encoding.Encoding
		country string
		names   []string
	}{
		{"cp949", korean.EUCKR, "KR", []string{"경기산업 주식회사", "한빛가상부품(주)", "대박예시테크", "새빛전선 주식회사", "가나다무역 유한회사", "푸른하늘물산", "상상정밀(주)", "예시화학공업"}},
		{"windows-1251", charmap.Windows1251, "RU", []string{"ООО «Ромашка»", "АО «Пример-Авто»", "Вымысел Логистик", "ПАО «Небылица»", "ООО «Снежный Завод»", "АО «Тестовая Компания»"}},
		{"gb18030", simplifiedchinese.GB18030, "CN", []string{"深圳虚构莲花贸易有限公司", "义乌想象纽扣厂", "浙江不存在汽车配件有限公司", "北京星光精密有限公司", "上海示例电子科技有限公司", "广州虚拟化工有限公司"}},
		{"big5", traditionalchinese.Big5, "TW", []string{"虛構蓮花貿易有限公司", "香港範例公司", "台北想像電子股份有限公司", "新竹示範精密工業股份有限公司", "高雄虛擬化學有限公司"}},
		{"shift-jis", japanese.ShiftJIS, "JP", []string{"架空商事株式会社", "サンプル工業株式会社", "想像電機株式会社", "例示化学工業株式会社", "ダミー精密有限会社", "テスト物産株式会社"}},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(legacyCSV(t, tt.enc, tt.country, tt.names)), "in.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, rejs := readAll(t, r)
			if len(rejs) != len(tt.names) {
				t.Fatalf("%d rows rejected, want %d", len(rejs), len(tt.names))
			}
			err = r.CheckEncoding()
			var we *WrongEncodingError
			if !errors.As(err, &we) || !errors.Is(err, ErrEncoding) {
				t.Fatalf("CheckEncoding = %v, want a *WrongEncodingError wrapping ErrEncoding", err)
			}
			if we.Guess != tt.want || we.Bad != len(tt.names) || we.Rows != len(tt.names) {
				t.Errorf("got %+v, want guess %q for %d of %d rows", *we, tt.want, len(tt.names), len(tt.names))
			}
			if msg := err.Error(); !strings.Contains(msg, "in.csv") || !strings.Contains(msg, "not valid UTF-8") {
				t.Errorf("message %q does not name the file and the problem", msg)
			}
			// Read with the guessed encoding, every row is good.
			_, rejs = read(t, "in.csv", legacyCSV(t, tt.enc, tt.country, tt.names), Options{Encoding: we.Guess})
			if len(rejs) != 0 {
				t.Errorf("read as %s: %+v", we.Guess, rejs)
			}
		})
	}
}

// TestCheckEncodingMinority: a UTF-8 file with a few bad rows, or one read
// with an explicit legacy encoding, is read row by row as before.
func TestCheckEncodingMinority(t *testing.T) {
	good := legacyCSV(t, nil, "KR", []string{"Alpha Example Ltd", "Beta Example Ltd", "경기산업"})
	bad := legacyCSV(t, korean.EUCKR, "KR", []string{"한빛가상부품(주)", "대박예시테크"})
	bad = strings.TrimPrefix(bad, "id,name,country\n")
	for name, tc := range map[string]struct {
		data string
		opt  Options
	}{
		"utf-8 only":           {good, Options{}},
		"two bad of five":      {good + bad, Options{}},
		"declared legacy file": {legacyCSV(t, korean.EUCKR, "KR", []string{"경기산업"}) + "2,\xff\xff,KR\n", Options{Encoding: "cp949"}},
	} {
		t.Run(name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tc.data), "in.csv", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			_, rejs := readAll(t, r)
			if len(rejs) == 0 && name != "utf-8 only" {
				t.Fatalf("no row rejected: the case tests nothing")
			}
			if err := r.CheckEncoding(); err != nil {
				t.Errorf("CheckEncoding = %v, want nil", err)
			}
		})
	}
}
