package match

import "testing"

func TestLoanSkeleton(t *testing.T) {
	for _, c := range []struct {
		word   string
		hangul bool
		want   string
	}{
		{"posco", false, "PSK"},
		{"poseuko", true, "PSK"},
		{"hynix", false, "HNKS"},
		{"hainikseu", true, "HNKS"},
		{"aerospace", false, "RSPS"},
		{"eeoroseupeiseu", true, "RSPS"},
		{"enerbility", false, "NPRT"},
		{"eneobilliti", true, "NPRT"},
		{"motor", false, "MT"},
		{"moteo", true, "MT"},
		{"engineering", false, "NJNRNK"},
		{"enjinieoring", true, "NJNRNK"},
	} {
		if got := string(loanSkeleton(nil, c.word, c.hangul)); got != c.want {
			t.Errorf("loanSkeleton(%q, %v) = %q, want %q", c.word, c.hangul, got, c.want)
		}
	}
}

func TestLoanwordMarkers(t *testing.T) {
	for s, want := range map[string]bool{"포스코": true, "하이닉스": true, "셀트리온": true, "수산현": false, "경기산업": false, "은행": false, "으뜸": false} {
		if got := hasOpenEu(s); got != want {
			t.Errorf("hasOpenEu(%q) = %v, want %v", s, got, want)
		}
	}
	for w, want := range map[string]bool{"posco": true, "hynix": true, "enerbility": true, "motor": true, "coupang": true,
		"sinhahnan": false, "kyungki": false, "hyeondae": false, "yeonsu": false, "chungang": false} {
		if got := foreignSpelling(w); got != want {
			t.Errorf("foreignSpelling(%q) = %v, want %v", w, got, want)
		}
	}
}
