package match

import "testing"

// Customs clerks write the place and the site into the name field, after
// the legal form: set aside (issue: customs-record noise). A place before
// the legal form stays part of the name.
func TestPlacesAndSitesAfterTheLegalForm(t *testing.T) {
	m := newTestMatcher()
	same := [][2]string{
		{"ACME METAL CO LTD ULSAN KOREA", "Acme Metal Co., Ltd."},
		{"ACME METAL CO ULSAN PLANT", "Acme Metal Co., Ltd."},
		{"ACME METAL CO LTD HEAD OFFICE", "Acme Metal Co., Ltd."},
	}
	for _, c := range same {
		if r := m.Compare(c[0], c[1]); !r.Match {
			t.Errorf("%s / %s: %.4f, want a match\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
	apart := [][2]string{
		{"Ulsan Aluminium Co Ltd", "Aluminium Co Ltd"},
		{"Kaluga Turbine Plant", "Turbine Plant"},
	}
	for _, c := range apart {
		if r := m.Compare(c[0], c[1]); r.Match {
			t.Errorf("%s / %s: %.4f, want apart\n%s", c[0], c[1], r.Score, explain(r))
		}
	}
}

// A name cut at a customs field width ends in a prefix of its last word.
func TestTruncatedFields(t *testing.T) {
	m := newTestMatcher()
	cut := "ACME PRECISION SHIPBUILDING ENGINEE" // 35 characters, as an EDIFACT NAD segment cuts it
	if n := len([]rune(cut)); n != 35 {
		t.Fatalf("fixture is %d characters", n)
	}
	r := m.Compare(cut, "Acme Precision Shipbuilding Engineering Co., Ltd.")
	if !r.Match || !hasReason(r, "truncated") {
		t.Errorf("%q: %.4f, want a match through its cut last word\n%s", cut, r.Score, explain(r))
	}
	// Not at a field width: a prefix is another word.
	short := "ACME PRECISION ENGINEE"
	if r := m.Compare(short, "Acme Precision Engineering"); hasReason(r, "truncated") {
		t.Errorf("%q (%d characters) read as cut", short, len(short))
	}
}
