package engine

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/synth"
)

func testOptions() Options {
	p := match.DefaultParams()
	return Options{
		Match:   p,
		Cluster: cluster.Params{Threshold: p.Threshold, LinkThreshold: 0.8, Sample: 12},
		Block:   block.Params{MaxCandidates: 20, MaxBlock: 1000},
	}
}

var sample = []Row{
	{Name: "Kyungki Industrial Co., Ltd.", Country: "KR"},
	{Name: "Gyeonggi Industry Co Ltd", Country: "KR"},
	{Name: "경기산업 주식회사", Country: "KR"},
	{Name: "KYUNGKI IND. CO., LTD", Country: "KR"},
	{Name: "Hyundai Motor Company"},
	{Name: "Hyundai Motor Co."},
	{Name: "Hyundai Mobis Co., Ltd."},
	{Name: "Hyundai Mobis"},
	{Name: "Hyundai Motors"},
	{Name: "ООО «Аурус»", Country: "RU"},
	{Name: "Aurus LLC", Country: "RU"},
	{Name: "Rain Electronics Co Ltd"},
	{Name: "Rainbow Electronics Limited"},
	{Name: "Deutsche Bank AG"},
	{Name: "Deutsche Bank (Schweiz) AG"},
	// A foreign word written by sound in Hangul shares no spelling with the
	// original: only the loanword blocking key brings them together.
	{Name: "포스코", Country: "KR"},
	{Name: "POSCO", Country: "KR"},
	// Two legal entities and the bare name that scores well with both.
	{Name: "Stroytransgaz OAO"},
	{Name: "Stroytransgaz"},
	{Name: "OOO Stroytransgaz"},
}

// groups returns the clusters as sorted lists of names, sorted.
func groups(rows []Row, res *Result) [][]string {
	var out [][]string
	for _, c := range res.Clusters {
		var g []string
		for _, r := range c.Rows {
			g = append(g, rows[r].Name)
		}
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func together(gs [][]string, a, b string) bool {
	for _, g := range gs {
		if slices.Contains(g, a) && slices.Contains(g, b) {
			return true
		}
	}
	return false
}

func TestSampleClusters(t *testing.T) {
	res, err := Run(context.Background(), sample, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	gs := groups(sample, res)
	for _, p := range [][2]string{
		{"Kyungki Industrial Co., Ltd.", "경기산업 주식회사"}, {"Gyeonggi Industry Co Ltd", "KYUNGKI IND. CO., LTD"},
		{"ООО «Аурус»", "Aurus LLC"}, {"Hyundai Motor Company", "Hyundai Motors"}, {"Hyundai Mobis", "Hyundai Mobis Co., Ltd."},
		{"포스코", "POSCO"},
	} {
		if !together(gs, p[0], p[1]) {
			t.Errorf("%q and %q apart: %q", p[0], p[1], gs)
		}
	}
	for _, p := range [][2]string{
		{"Hyundai Motor Company", "Hyundai Mobis"}, {"Rain Electronics Co Ltd", "Rainbow Electronics Limited"},
		{"Deutsche Bank AG", "Deutsche Bank (Schweiz) AG"}, {"Stroytransgaz OAO", "OOO Stroytransgaz"},
	} {
		if together(gs, p[0], p[1]) {
			t.Errorf("%q and %q merged: %q", p[0], p[1], gs)
		}
	}
	// Every member but the canonical name is explained.
	for _, c := range res.Clusters {
		if len(c.Links) != len(c.Names)-1 {
			t.Errorf("cluster %v: %d links for %d names", c.Names, len(c.Links), len(c.Names))
		}
	}
}

func TestIndependentOfInputOrder(t *testing.T) {
	var rows []Row
	_ = synth.Generate(synth.Options{Rows: 3000, Seed: 7}, func(r synth.Row) error {
		rows = append(rows, Row{Name: r.Name, Country: r.Country})
		return nil
	})
	rows = append(rows, sample...)
	base, err := Run(context.Background(), rows, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := groups(rows, base)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3; i++ {
		shuffled := slices.Clone(rows)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		res, err := Run(context.Background(), shuffled, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if got := groups(shuffled, res); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("shuffle %d changed the clusters", i)
		}
	}
}

func TestJudgementsOverrideTheMatcher(t *testing.T) {
	opt := testOptions()
	opt.Different = [][2]string{{"Hyundai Motor Company", "Hyundai Motors"}}
	opt.Same = [][2]string{{"Rain Electronics Co Ltd", "Rainbow Electronics Limited"}}
	res, err := Run(context.Background(), sample, opt)
	if err != nil {
		t.Fatal(err)
	}
	gs := groups(sample, res)
	if together(gs, "Hyundai Motor Company", "Hyundai Motors") {
		t.Errorf("a different judgement was not honoured: %q", gs)
	}
	if !together(gs, "Rain Electronics Co Ltd", "Rainbow Electronics Limited") {
		t.Errorf("a same judgement was not honoured: %q", gs)
	}
	// Conflicting decisions are reported, not resolved silently.
	opt.Same = append(opt.Same, [2]string{"Hyundai Motor Company", "Hyundai Motors"})
	res, err = Run(context.Background(), sample, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) == 0 {
		t.Error("contradicting same/different judgements were not reported")
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, sample, testOptions()); err == nil {
		t.Fatal("a cancelled run returned no error")
	}
}

func FuzzClustersIndependentOfOrder(f *testing.F) {
	f.Add("Kyungki Industrial Co|Gyeonggi Industry|Hyundai Motor|Hyundai Mobis|KYUNGKI IND CO", uint64(1))
	f.Fuzz(func(t *testing.T, joined string, seed uint64) {
		var rows []Row
		for _, n := range strings.Split(joined, "|") {
			rows = append(rows, Row{Name: n})
		}
		if len(rows) > 50 {
			rows = rows[:50]
		}
		a, err := Run(context.Background(), rows, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(rows)
		rand.New(rand.NewPCG(seed, seed)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		b, err := Run(context.Background(), shuffled, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(groups(rows, a), groups(shuffled, b), slices.Equal) {
			t.Fatalf("order changed the clusters")
		}
	})
}

func BenchmarkRun(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		var rows []Row
		_ = synth.Generate(synth.Options{Rows: n, Seed: 1}, func(r synth.Row) error {
			rows = append(rows, Row{Name: r.Name, Country: r.Country})
			return nil
		})
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), rows, testOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestProgressOfEveryStage: prepare, block and score report as they go
// (not only when done), each count rising to its total exactly once at the
// stage's end, and cluster reports its end.
func TestProgressOfEveryStage(t *testing.T) {
	var rows []Row
	_ = synth.Generate(synth.Options{Rows: 20000, Seed: 3}, func(r synth.Row) error {
		rows = append(rows, Row{Name: r.Name, Country: r.Country})
		return nil
	})
	type report struct{ done, total int }
	seen := map[string][]report{}
	var mu sync.Mutex
	opt := testOptions()
	opt.Progress = func(stage string, done, total int) {
		mu.Lock()
		seen[stage] = append(seen[stage], report{done, total})
		mu.Unlock()
	}
	res, err := Run(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.CandidatePairs < 2*8192 {
		t.Fatalf("only %d candidate pairs: too few to see the score stage's progress", res.CandidatePairs)
	}
	for _, stage := range []string{"prepare", "block", "score", "cluster"} {
		rs := seen[stage]
		if len(rs) == 0 {
			t.Fatalf("stage %s reported nothing", stage)
		}
		last := rs[len(rs)-1]
		if last.done != last.total {
			t.Errorf("%s: last report %d of %d, want the total", stage, last.done, last.total)
		}
		for i, r := range rs[:len(rs)-1] {
			if r.done >= r.total || (i > 0 && r.done < rs[i-1].done) {
				t.Errorf("%s: report %d is %d of %d after %d", stage, i, r.done, r.total, rs[max(0, i-1)].done)
			}
		}
		if stage != "cluster" && len(rs) < 2 {
			t.Errorf("%s reported only its end: %v", stage, rs)
		}
	}
}
