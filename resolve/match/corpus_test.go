package match

import (
	"errors"
	"reflect"
	"testing"

	"github.com/resolve-tool/resolve/resolve/synth"
)

// corpusNames are generated names in Latin, Hangul, Chinese and Cyrillic
// script with customs noise (acronyms, so initials are counted).
func corpusNames(t testing.TB) []*Name {
	t.Helper()
	var names []*Name
	err := synth.Generate(synth.Options{Rows: 3000, Seed: 5, Customs: true}, func(r synth.Row) error {
		names = append(names, Analyse(r.Name, r.Country))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestCorpusFromMergedCounts: counts made in parts, merged in another
// order, encoded and decoded, give the Corpus that Add over every name
// gives, and so the same weights and scores.
func TestCorpusFromMergedCounts(t *testing.T) {
	names := corpusNames(t)
	want := NewCorpus()
	for _, n := range names {
		want.Add(n)
	}
	if want.loans == 0 || want.cyrillic == 0 || want.han == 0 || len(want.initials) == 0 {
		t.Fatalf("the names do not exercise every count: %d loans, %d cyrillic, %d han, %d initials",
			want.loans, want.cyrillic, want.han, len(want.initials))
	}

	// Three uneven parts, merged last part first, the middle one through
	// an encoding.
	parts := make([]CorpusCounts, 3)
	for i, n := range names {
		parts[min(2, i/700)].Add(n)
	}
	var all CorpusCounts
	all.Merge(&parts[2])
	b, err := parts[1].MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var decoded CorpusCounts
	if err := decoded.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	all.Merge(&decoded)
	all.Merge(&parts[0])
	if all.Names() != len(names) {
		t.Fatalf("merged counts hold %d names, want %d", all.Names(), len(names))
	}

	got := NewCorpusFromCounts(&all)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("corpus from merged counts differs: %d names, %d words, %d initials; want %d, %d, %d",
			got.n, len(got.df), len(got.initials), want.n, len(want.df), len(want.initials))
	}
	// NewCorpusFromCounts copies: counting on leaves the corpus as it was.
	all.Add(names[0])
	if !reflect.DeepEqual(got, want) {
		t.Fatal("adding to the counts changed the corpus made from them")
	}

	// Equal corpora make equal matchers; check on scores that read the
	// corpus (rarity weights, initials of acronyms).
	mw, mg := New(DefaultParams(), want), New(DefaultParams(), got)
	var sw, sg Scratch
	for i := 0; i+1 < len(names); i += 7 {
		a, b := names[i].Raw, names[i+1].Raw
		xw, yw := mw.Prepare(a, names[i].Country), mw.Prepare(b, names[i+1].Country)
		xg, yg := mg.Prepare(a, names[i].Country), mg.Prepare(b, names[i+1].Country)
		if s, g := mw.ScoreFast(xw, yw, &sw), mg.ScoreFast(xg, yg, &sg); s != g {
			t.Fatalf("%q / %q: %v with the merged corpus, %v with the added one", a, b, g, s)
		}
	}
}

// TestCorpusCountsEncoding: the encoding is the same for equal counts
// whatever the order of counting, round-trips an empty value, and a
// damaged encoding is an error, never other counts.
func TestCorpusCountsEncoding(t *testing.T) {
	names := corpusNames(t)[:400]
	var fwd, back CorpusCounts
	for i := range names {
		fwd.Add(names[i])
		back.Add(names[len(names)-1-i])
	}
	bf, _ := fwd.MarshalBinary()
	bb, _ := back.MarshalBinary()
	if string(bf) != string(bb) {
		t.Fatal("counts of the same names in another order encode differently")
	}

	var empty, dec CorpusCounts
	be, _ := empty.MarshalBinary()
	if err := dec.UnmarshalBinary(be); err != nil || dec.Names() != 0 {
		t.Fatalf("empty counts: %v, %d names", err, dec.Names())
	}
	if c := NewCorpusFromCounts(&dec); c.Names() != 0 || c.df == nil {
		t.Fatalf("corpus of empty counts: %+v", c)
	}

	for name, bad := range map[string][]byte{
		"empty":        nil,
		"other format": append([]byte{countsFormat + 1}, bf[1:]...),
		"truncated":    bf[:len(bf)/2],
		"trailing":     append(append([]byte{}, bf...), 0),
	} {
		var c CorpusCounts
		if err := c.UnmarshalBinary(bad); !errors.Is(err, ErrCorpusCounts) {
			t.Errorf("%s: error %v, want ErrCorpusCounts", name, err)
		}
		if c.Names() != 0 {
			t.Errorf("%s: a failed decode left %d names", name, c.Names())
		}
	}
}
