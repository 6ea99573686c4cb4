package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/resolve-tool/resolve/resolve/cluster"
)

func reciprocalOptions(floor float64) Options {
	opt := testOptions()
	opt.Cluster.ReciprocalFloor, opt.Cluster.ReciprocalMargin = floor, 0.10
	return opt
}

// runGroups clusters rows and returns the clusters as sorted name lists.
func runGroups(t *testing.T, rows []Row, opt Options) ([][]string, *Result) {
	t.Helper()
	res, err := Run(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	return groups(rows, res), res
}

func TestReciprocalBestLinksACrossScriptPairBelowTheThreshold(t *testing.T) {
	// The English name adds "Insurance", which the Korean one leaves out:
	// 0.78, below the threshold, and neither name has another candidate.
	rows := []Row{{Name: "새빛생명", Country: "KR"}, {Name: "SAEBIT LIFE INSURANCE CO., LTD.", Country: "KR"}}
	opt := reciprocalOptions(0.70)
	got, res := runGroups(t, rows, reciprocalOptions(0))
	if len(got) != 2 {
		t.Errorf("with reciprocal_floor 0: groups %q, want two", got)
	}
	if s := res.Matcher.Score(res.Names[0], res.Names[1]).Score; s < 0.70 || s >= opt.Cluster.Threshold {
		t.Fatalf("the fixture scores %.4f, want within [0.70, %.2f)", s, opt.Cluster.Threshold)
	}
	got, res = runGroups(t, rows, opt)
	if len(got) != 1 {
		t.Fatalf("groups %q, want one", got)
	}
	var linked bool
	for _, l := range res.Clusters[0].Links {
		linked = linked || l.Reciprocal
	}
	if !linked {
		t.Errorf("the link is not marked reciprocal: %+v", res.Clusters[0].Links)
	}
}

func TestReciprocalBestNeedsAClearLead(t *testing.T) {
	// 새빛 is as close to Saebit Engineering as to Saebit Energy (0.75
	// each): it has no clear partner, so it joins neither.
	rows := []Row{
		{Name: "새빛", Country: "KR"},
		{Name: "SAEBIT ENGINEERING CO., LTD.", Country: "KR"},
		{Name: "SAEBIT ENERGY CO., LTD.", Country: "KR"},
	}
	if got, _ := runGroups(t, rows, reciprocalOptions(0.70)); len(got) != 3 {
		t.Errorf("groups %q, want three", got)
	}
	// Without the second candidate the lead is clear.
	got, _ := runGroups(t, rows[:2], reciprocalOptions(0.70))
	if len(got) != 1 {
		t.Errorf("groups %q, want one", got)
	}
}

func TestReciprocalBestNeverWithinOneScript(t *testing.T) {
	// Two Latin names scoring 0.67 with no other candidate stay apart.
	rows := []Row{{Name: "SAEBIT INSURANCE CO"}, {Name: "SAEBIT CO"}}
	if got, _ := runGroups(t, rows, reciprocalOptions(0.50)); len(got) != 2 {
		t.Errorf("groups %q, want two", got)
	}
}

func TestBestOfferOrderIndependent(t *testing.T) {
	offers := []struct {
		partner int32
		score   float64
	}{{1, 0.6}, {2, 0.75}, {3, 0.7}, {4, 0.75}, {5, 0.2}}
	var seen []Best
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}} {
		b := NewBest()
		for _, i := range order {
			b.Offer(offers[i].partner, offers[i].score)
		}
		seen = append(seen, b)
	}
	for _, b := range seen {
		// A tie for the best: no lead, whichever partner came first.
		if b.Score != 0.75 || b.Second != 0.75 {
			t.Errorf("best %+v, want score and second 0.75", b)
		}
	}
	b := NewBest()
	for _, o := range offers[:3] {
		b.Offer(o.partner, o.score)
	}
	if want := (Best{Score: 0.75, Second: 0.7, Partner: 2}); b != want {
		t.Errorf("best %+v, want %+v", b, want)
	}
}

func TestReserved(t *testing.T) {
	for _, c := range []struct {
		item, other string
		want        bool
	}{
		{"深圳星光科技股份有限公司", "Shenzhen Xingguang Technology Co., Ltd.", true},
		{"株式会社サクラ精工", "Sakura Seiko Co., Ltd.", true}, // kanji
		{"새빛전선", "Saebit Cable Co., Ltd.", true},      // Hangul
		{"サクラ", "Sakura Co., Ltd.", true},             // kana
		{"深圳星光科技股份有限公司", "星光 Technology", false},      // not only Latin
		{"Shenzhen Xingguang", "深圳星光科技股份有限公司", false}, // the other way round
		{"深圳星光科技股份有限公司", "12345", false},              // no letters
	} {
		if got := Reserved(c.item, c.other); got != c.want {
			t.Errorf("Reserved(%q, %q) = %v, want %v", c.item, c.other, got, c.want)
		}
	}
}

// KeyBest, offered and merged in any order, is what Best gives in Run,
// whose offers come in ascending partner id: the same scores, the same
// partner (named by a key that sorts as the id), the same decision.
func TestKeyBestAsBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	key := func(id int32) string { return fmt.Sprintf("n%03d", id) }
	levels := []float64{0.1, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9} // few levels: many ties
	linked := 0
	for trial := range 2000 {
		n := 1 + rng.IntN(6)
		partners := rng.Perm(50)[:n]
		slices.Sort(partners)
		scores := make([]float64, n)
		want := NewBest()
		for i, id := range partners {
			scores[i] = levels[rng.IntN(len(levels))]
			want.Offer(int32(id), scores[i])
		}
		// Offers in a shuffled order, into two partial results merged.
		var parts [2]KeyBest
		for _, i := range rng.Perm(n) {
			parts[rng.IntN(2)].Offer(key(int32(partners[i])), scores[i])
		}
		got := parts[0]
		got.Merge(parts[1])
		if got.Score != want.Score || got.Second != want.Second || got.Partner != key(want.Partner) {
			t.Fatalf("trial %d: offers %v %v: KeyBest %+v, Best %+v", trial, partners, scores, got, want)
		}
		// The pair of this name (id 60) and its first candidate, which
		// has one other candidate.
		a, b := int32(60), int32(partners[0])
		other := NewBest()
		other.Offer(a, scores[0])
		other.Offer(61, levels[rng.IntN(len(levels))])
		otherKey := KeyBest{Score: other.Score, Second: other.Second, Partner: key(other.Partner)}
		for _, margin := range []float64{0, 0.05, 0.10} {
			p := cluster.Params{Threshold: 0.8, ReciprocalFloor: 0.7, ReciprocalMargin: margin}
			if w, g := Reciprocal(a, b, want, other, scores[0], p), ReciprocalKeys(key(a), key(b), got, otherKey, scores[0], p); w != g {
				t.Fatalf("trial %d, margin %.2f: Reciprocal %v, ReciprocalKeys %v", trial, margin, w, g)
			} else if w {
				linked++
			}
		}
	}
	if linked == 0 {
		t.Error("no trial made a reciprocal pair: the decisions compared are all false")
	}
}

// ClusterComponent links a pair below the threshold when, and only when,
// its edge is marked Reciprocal, and the link says so.
func TestClusterComponentTakesReciprocalEdges(t *testing.T) {
	rows := []Row{{Name: "새빛생명", Country: "KR"}, {Name: "SAEBIT LIFE INSURANCE CO., LTD.", Country: "KR"}}
	opt := reciprocalOptions(0.70)
	_, res := runGroups(t, rows, opt)
	s := res.Matcher.Score(res.Names[0], res.Names[1]).Score
	e := KeyEdge{A: DedupKey(rows[0]), B: DedupKey(rows[1]), Score: s}
	for _, recip := range []bool{false, true} {
		e.Reciprocal = recip
		cres, err := ClusterComponent(context.Background(), res.Matcher, rows, []KeyEdge{e}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 2, true: 1}[recip]; len(cres.Clusters) != want {
			t.Fatalf("edge %+v: %d clusters, want %d", e, len(cres.Clusters), want)
		}
		if recip {
			for _, l := range cres.Clusters[0].Links {
				if !l.Reciprocal || l.Score != s {
					t.Errorf("link %+v: want marked reciprocal with score %.4f", l, s)
				}
			}
		}
	}
}
