package synth

import (
	"slices"
	"testing"
)

func rows(opt Options) []Row {
	var out []Row
	_ = Generate(opt, func(r Row) error { out = append(out, r); return nil })
	return out
}

// The same seed gives the same file, with every kind of customs noise.
func TestCustomsNoiseSeeded(t *testing.T) {
	opt := Options{Rows: 3000, Seed: 5, Customs: true}
	a, b := rows(opt), rows(opt)
	if !slices.Equal(a, b) {
		t.Fatal("two files of one seed differ")
	}
	seen := map[string]int{}
	for _, r := range a {
		seen[r.Kind]++
	}
	for _, k := range Kinds {
		if seen[k] == 0 {
			t.Errorf("no row of kind %s", k)
		}
	}
	noisy := len(a) - seen[""]
	if share := float64(noisy) / float64(len(a)); share < 0.05 || share > 0.30 {
		t.Errorf("%.2f of the rows are noisy", share)
	}
	// Without the option no row has a kind.
	for _, r := range rows(Options{Rows: 500, Seed: 5}) {
		if r.Kind != "" {
			t.Fatalf("kind %q without Options.Customs", r.Kind)
		}
	}
}

// A truncated row is exactly as long as a customs field.
func TestTruncatedRowsAreAtAWidth(t *testing.T) {
	for _, r := range rows(Options{Rows: 5000, Seed: 3, Customs: true}) {
		if r.Kind != KindTruncated {
			continue
		}
		if n := len([]rune(r.Name)); !slices.Contains(customsWidths, n) {
			t.Errorf("%q: %d characters", r.Name, n)
		}
	}
}
