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

// Hard mode makes different companies' names alike: Western names led by a
// few common words, and plain names one letter apart, which the default
// mode keeps apart.
func TestHardModeAlikeNames(t *testing.T) {
	oneApart := func(opt Options) (pairs, entities int, led float64) {
		seen := map[string]string{} // a plain name with one letter deleted → its entity
		var west, withLead int
		last := ""
		for _, r := range rows(opt) {
			if r.Truth == last {
				continue // only each entity's first, plain row
			}
			last = r.Truth
			entities++
			if slices.Contains(westCountries, r.Country) {
				west++
				for _, l := range hardLeads {
					if len(r.Name) > len(l) && r.Name[:len(l)+1] == l+" " {
						withLead++
						break
					}
				}
			}
			name := []rune(r.Name)
			near := map[string]bool{}
			for i := range name {
				k := string(name[:i]) + string(name[i+1:])
				if e, ok := seen[k]; ok && e != r.Truth && !near[e] {
					near[e] = true
					pairs++
				}
				seen[k] = r.Truth
			}
		}
		return pairs, entities, float64(withLead) / float64(max(west, 1))
	}
	hp, he, hl := oneApart(Options{Rows: 20000, Seed: 2, Hard: true})
	np, ne, nl := oneApart(Options{Rows: 20000, Seed: 2})
	t.Logf("hard: %d entities, %d pairs one letter apart, %.2f of Western names led by a common word; default: %d, %d, %.2f", he, hp, hl, ne, np, nl)
	if hl < 0.99 || nl > 0.2 {
		t.Errorf("Western names led by a common word: hard %.2f, default %.2f", hl, nl)
	}
	if hp < 10*max(np, 1) {
		t.Errorf("plain names one letter apart: hard %d, default %d; want many more in hard mode", hp, np)
	}
	a, b := rows(Options{Rows: 2000, Seed: 9, Hard: true}), rows(Options{Rows: 2000, Seed: 9, Hard: true})
	if !slices.Equal(a, b) {
		t.Error("two hard files of one seed differ")
	}
}
