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

// A long coined word with one syllable transcribed another way (슈프리모 /
// Supremo, 0.875) is a loanword; a short one that sounds as close is not
// (자닉스 / Zenex, 0.83, may well be another company's name).
func TestLoanwordFloorByLength(t *testing.T) {
	m := newTestMatcher()
	for _, c := range []struct {
		native, latin string
		want          bool
	}{
		{"슈프리모", "Supremo Inc.", true},
		{"자닉스", "Zenex Inc.", false},
		{"소닉스", "Senex Inc.", false},
	} {
		if r := m.Score(m.Prepare(c.native, "KR"), m.Prepare(c.latin, "KR")); r.Match != c.want {
			t.Errorf("%s / %s: %.4f, match %v, want %v\n%s", c.native, c.latin, r.Score, r.Match, c.want, explain(r))
		}
	}
}
