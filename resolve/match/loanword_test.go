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
