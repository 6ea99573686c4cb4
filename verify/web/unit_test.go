package web

import (
	"net/http"
	"net/netip"
	"net/url"
	"testing"
	"time"
)

func mustAddr(t *testing.T, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"5", 5 * time.Second, true},
		{"0", 0, true},
		{"Sun, 22 Nov 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Sun, 22 Nov 2026 11:00:00 GMT", 0, true},
		{"soon", 0, false},
		{"-3", 0, false},
	} {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v %v, want %v %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindNumber(t *testing.T) {
	for _, tt := range []struct {
		line, num string
		found     bool
	}{
		{"Company No. 98765432", "98765432", true},
		{"사업자등록번호 124-81-00998", "1248100998", true},
		{"BRN: 1639 1613", "16391613", true},
		{"Tel 2345 6789, BRN 16391613", "16391613", true},
		{"Order 9916391613", "16391613", false},
		{"LEI 254900OPPU84GM83MG36 registered", "254900OPPU84GM83MG36", true},
		{"USCC 91310000-MA1FL1234X", "91310000MA1FL1234X", true},
		{"LEI 254900OPPU84GM83MG3", "254900OPPU84GM83MG36", false},
	} {
		n := numberTerm{key: alnumKey(tt.num), digits: allDigits(alnumKey(tt.num))}
		if got := findNumber(tt.line, n) >= 0; got != tt.found {
			t.Errorf("findNumber(%q, %q) = %v, want %v", tt.line, tt.num, got, tt.found)
		}
	}
}

func TestNameMatching(t *testing.T) {
	c := &Checker{norm: normaliseText}
	m := c.newMatcher(Target{Names: []string{"Brightwater Test", "AB", "테스트전자", "Тверь Сталь"}})
	if len(m.names) != 3 {
		t.Fatalf("names = %+v; a two-letter Latin name must be dropped", m.names)
	}
	for _, tt := range []struct {
		line string
		n    int
	}{
		{"Welcome to BRIGHTWATER-TEST!", 1},
		{"Brightwatertest", 0},
		{"Abrightwater Test", 0},
		{"(주)테스트전자는", 1},
		{"ООО «ТВЕРЬ СТАЛЬ»", 1},
		{"AB testing", 0},
	} {
		if got := len(m.page("p", []string{tt.line})); got != tt.n {
			t.Errorf("mentions in %q = %d, want %d", tt.line, got, tt.n)
		}
	}
}

func TestSelectLinks(t *testing.T) {
	base, _ := url.Parse("https://www.example.test/")
	links := []link{
		{"Products", "https://www.example.test/products"},
		{"About us", "https://www.example.test/about"},
		{"Contact", "https://example.test/contact"},
		{"联系我们", "https://www.example.test/lianxi"},
		{"Partner contact", "https://partner.test/contact"},
		{"", "https://www.example.test/ru/kontakty"},
		{"Contact", "mailto:info@example.test"},
		{"Contact", "https://www.example.test/contact#form"},
	}
	got := selectLinks(links, base, map[string]bool{}, 3)
	want := []string{"https://example.test/contact", "https://www.example.test/contact", "https://www.example.test/ru/kontakty"}
	if len(got) != len(want) {
		t.Fatalf("selectLinks = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("selectLinks[%d] = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestParkedByDNS(t *testing.T) {
	for _, tt := range []struct {
		ns    []string
		cname string
		hit   bool
	}{
		{[]string{"ns1.sedoparking.com."}, "", true},
		{[]string{"ns2.bodis.com"}, "", true},
		{[]string{"ns1.parkingcrew.net"}, "", true},
		{nil, "x.parkingcrew.net.", true},
		{[]string{"ns1.notsedoparking.com"}, "", false},
		{[]string{"ns1.example.com"}, "www.example.com", false},
	} {
		if got := parkedByDNS(tt.ns, tt.cname) != ""; got != tt.hit {
			t.Errorf("parkedByDNS(%v, %q) = %v, want %v", tt.ns, tt.cname, got, tt.hit)
		}
	}
}

func TestCandidates(t *testing.T) {
	got := Candidates([]string{"www.example.test; https://example.test/en", "", " "}, "opendart")
	if len(got) != 2 || got[0].URL != "www.example.test" || got[1].From != "opendart" {
		t.Errorf("Candidates = %+v", got)
	}
	for _, tt := range []struct {
		email string
		ok    bool
		dom   string
	}{
		{"sales@brightwater.example", true, "brightwater.example"},
		{"Sales Dept <sales@Brightwater.Example>", true, "brightwater.example"},
		{"someone@gmail.com", false, ""},
		{"trade@qq.com", false, ""},
		{"info@mail.ru", false, ""},
		{"not an email", false, ""},
	} {
		c, ok := EmailCandidate(tt.email, "input:email")
		if ok != tt.ok || c.URL != tt.dom {
			t.Errorf("EmailCandidate(%q) = %+v %v", tt.email, c, ok)
		}
	}
}

func TestGuess(t *testing.T) {
	off := &Checker{opts: Options{}}
	if g := off.Guess([]string{"Brightwater Test Trading Ltd"}, []string{"HK"}); g != nil {
		t.Errorf("Guess with guessing off = %v", g)
	}
	on := &Checker{opts: Options{GuessDomains: true}}
	g := on.Guess([]string{"Brightwater Test Trading Ltd", "브라이트워터"}, []string{"HK"})
	want := []string{"brightwatertesttrading.com", "brightwatertesttrading.com.hk", "brightwatertesttrading.hk"}
	if len(g) != len(want) {
		t.Fatalf("Guess = %+v", g)
	}
	for i := range want {
		if g[i].URL != want[i] || g[i].From != "guess" {
			t.Errorf("Guess[%d] = %+v, want %s", i, g[i], want[i])
		}
	}
}

func BenchmarkMentions(b *testing.B) {
	c := &Checker{norm: normaliseText}
	m := c.newMatcher(Target{
		Names:     []string{"Brightwater Test Trading Limited", "브라이트워터테스트", "Брайтвотер Тест"},
		Numbers:   []string{"98765432"},
		Addresses: []string{"Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon"},
	})
	var lines []string
	for i := 0; i < 200; i++ {
		lines = append(lines, "Our products include widgets, gadgets and other items shipped worldwide since 1999. Tel 2345 6789")
	}
	lines = append(lines, "Brightwater Test Trading Limited, Room 1203, 12/F, Example Tower, 9 Sample Rd, Kowloon")
	b.ReportAllocs()
	for b.Loop() {
		if len(m.page("p", lines)) == 0 {
			b.Fatal("no mentions")
		}
	}
}

func FuzzNormaliseText(f *testing.F) {
	for _, s := range []string{"Brightwater-Test!", "ООО «Тест»", "(주)테스트", "  ", "Ⅻ ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normaliseText(s)
		if normaliseText(n) != n {
			t.Errorf("not idempotent: %q -> %q", s, n)
		}
		_ = snippet(s, len(s))
	})
}
