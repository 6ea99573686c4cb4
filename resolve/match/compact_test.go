package match

import (
	"reflect"
	"testing"

	"github.com/resolve-tool/resolve/resolve/synth"
)

// Compact changes nothing a name says: its fields, its blocking keys, and
// every score and explanation against the others are the same after it.
func TestCompactChangesNothing(t *testing.T) {
	var raws [][2]string
	_ = synth.Generate(synth.Options{Rows: 1000, Seed: 7, Customs: true}, func(r synth.Row) error {
		raws = append(raws, [2]string{r.Name, r.Country})
		return nil
	})
	for _, p := range crossScriptBench {
		raws = append(raws, [2]string{p[0], ""}, [2]string{p[1], ""})
	}
	corpus := NewCorpus()
	var names, before []*Name
	for _, r := range raws {
		n := Analyse(r[0], r[1])
		corpus.Add(n)
		names = append(names, n)
	}
	m := New(DefaultParams(), corpus)
	for _, n := range names {
		m.Weigh(n)
		before = append(before, n)
	}
	var keysBefore [][]uint64
	for _, n := range names {
		keysBefore = append(keysBefore, m.BlockKeys(n, nil))
	}
	scores := func(ns []*Name) []Result {
		var out []Result
		for i := range ns {
			for _, j := range []int{i + 1, i + 2, i + 7, len(ns) - 1 - i} {
				if j >= 0 && j < len(ns) && j != i {
					out = append(out, m.Score(ns[i], ns[j]))
				}
			}
		}
		return out
	}
	want := scores(before)
	Compact(names)
	shared := 0
	for i, n := range names {
		if n == before[i] {
			t.Fatalf("name %d was not moved", i)
		}
		if !reflect.DeepEqual(*n, *before[i]) {
			t.Fatalf("%q changed:\n%+v\n%+v", n.Raw, *n, *before[i])
		}
		if !reflect.DeepEqual(m.BlockKeys(n, nil), keysBefore[i]) {
			t.Fatalf("%q: blocking keys changed", n.Raw)
		}
		if i > 0 && len(n.LegalForms) == 1 && len(names[i-1].LegalForms) == 1 && &n.LegalForms[0] == &names[i-1].LegalForms[0] {
			shared++
		}
	}
	if shared == 0 {
		t.Errorf("no two neighbouring names share their legal form")
	}
	if got := scores(names); !reflect.DeepEqual(got, want) {
		t.Fatalf("scores changed after Compact")
	}
}
