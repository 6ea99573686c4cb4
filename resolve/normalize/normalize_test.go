package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(ts []Token) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		in         string
		tokens     []string
		qualifiers []string
	}{
		{"Kyungki Industrial Co., Ltd.", []string{"kyungki", "industrial", "co", "ltd"}, nil},
		{"INDUSTRIE ILPEA S.P.A.", []string{"industrie", "ilpea", "spa"}, nil},
		{"B.Y.T. Co., Ltd", []string{"byt", "co", "ltd"}, nil},
		{"Acme S.A. de C.V.", []string{"acme", "sa", "de", "cv"}, nil},
		{"Deutsche Bank (Schweiz) AG", []string{"deutsche", "bank", "ag"}, []string{"schweiz"}},
		{"ABC Textiles (Pvt) Ltd", []string{"abc", "textiles", "pvt", "ltd"}, nil},
		{"Банк ВТБ (ПАО)", []string{"bank", "vtb", "pao"}, nil},
		{"ООО «Аурус»", []string{"ooo", "aurus"}, nil},
		// A short word of Latin look-alikes alone among Cyrillic words is
		// Cyrillic typed on the wrong keyboard (AHO is АНО); beside a
		// Latin name it stays Latin.
		{"AHO Диалог", []string{"ano", "dialog"}, nil},
		{"Акционерное Общество ACT", []string{"aktsionernoe", "obshchestvo", "ast"}, nil},
		{"ООО Ромашка Acme ACT", []string{"ooo", "romashka", "acme", "act"}, nil},
		{"Ｓａｍｓｕｎｇ", []string{"samsung"}, nil},
		{"SiemensAG", []string{"siemens", "ag"}, nil},
		{"ACMETRONCo.,Ltd", []string{"acmetron", "co", "ltd"}, nil},
		{"XYZBio Inc", []string{"xyz", "bio", "inc"}, nil},
		{"ABCs Inc", []string{"abcs", "inc"}, nil},
		{"Deutsche Bank's AG", []string{"deutsche", "bank", "ag"}, nil},
		{"Örnek Dış Ticaret A.Ş.", []string{"ornek", "dis", "ticaret", "as"}, nil},
		{"ENERTECH INT'L, INC", []string{"enertech", "intl", "inc"}, nil},
		{"A & B", []string{"a", "&", "b"}, nil},
		{"3%ers", []string{"3", "percent", "ers"}, nil},
		{"unbalanced (bracket", []string{"unbalanced", "bracket"}, nil},
	}
	for _, c := range cases {
		n := Tokenize(c.in)
		if got := texts(n.Tokens); !slices.Equal(got, c.tokens) {
			t.Errorf("%q: tokens %q, want %q", c.in, got, c.tokens)
		}
		if got := texts(n.Qualifiers); !slices.Equal(got, c.qualifiers) {
			t.Errorf("%q: qualifiers %q, want %q", c.in, got, c.qualifiers)
		}
	}
}

func TestCompoundWords(t *testing.T) {
	for in, want := range map[string]bool{"Sollers-Finance": true, "Instrument-Making": false, "Al-Aqsa": false, "Bio-Medicine": false} {
		toks := Tokenize(in).Tokens
		if len(toks) != 2 {
			t.Fatalf("%q: tokens %q", in, texts(toks))
		}
		// The content word is the one that is not a stopword.
		content := toks[0]
		if in == "Al-Aqsa" {
			content = toks[1]
		}
		if content.Compound != want {
			t.Errorf("%q: %q compound = %v, want %v", in, content.Text, content.Compound, want)
		}
	}
}

func TestCJKSegmentation(t *testing.T) {
	n := Tokenize("삼성전자 주식회사")
	if got := texts(n.Tokens); len(got) < 2 || got[0] != "samseong" {
		t.Fatalf("삼성전자 주식회사 → %q", got)
	}
	var generic, legal bool
	for _, tk := range n.Tokens {
		generic = generic || tk.Class == "electronics"
		legal = legal || tk.Class == "legal_form"
	}
	if !generic || !legal {
		t.Fatalf("전자 not generic or 주식회사 not a legal form: %+v", n.Tokens)
	}
	if got := texts(Tokenize("(주)경기산업").Tokens); got[0] != "gyeonggi" {
		t.Fatalf("(주)경기산업 → %q", got)
	}
	if got := texts(Tokenize("深圳市华为技术有限公司").Tokens); !slices.Contains(got, "huawei") || !slices.Contains(got, "shenzhen") {
		t.Fatalf("深圳市华为技术有限公司 → %q", got)
	}
	// The long-vowel mark belongs to the katakana word it lengthens.
	if got := Tokenize("ＷＤＢホールディングス株式会社").Tokens; len(got) != 3 || got[1].Orig != "ホールディングス" {
		t.Fatalf("ＷＤＢホールディングス株式会社 → %+v", got)
	}
}

// Tokenizing the joined token texts again gives the same texts.
func FuzzTokenizeIdempotent(f *testing.F) {
	for _, s := range []string{"Kyungki Industrial Co., Ltd.", "ООО «Аурус»", "㈜경기산업", "Deutsche Bank (Schweiz) AG", "S.p.A.", "a.b", "x-y z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s).Tokens
		once := texts(toks)
		for _, tk := range once {
			if !utf8.ValidString(tk) {
				t.Fatalf("invalid UTF-8 token %q", tk)
			}
		}
		// The one expected change: a word of another script whose
		// romanisation is a connector (엫 → et) reads as "&" once it is
		// written in Latin letters.
		want := slices.Clone(once)
		for i, tk := range toks {
			if tk.Script != Latin && isConnector(tk.Text) {
				want[i] = "&"
			}
		}
		twice := texts(Tokenize(strings.Join(once, " ")).Tokens)
		if !slices.Equal(want, twice) {
			t.Fatalf("not idempotent: %q → %q → %q", s, once, twice)
		}
	})
}
