package eval

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/match"
)

func TestZZDebug(t *testing.T) {
	ids := os.Getenv("DBG_IDS")
	if ids == "" {
		t.Skip()
	}
	f, _ := os.Open("../../../shared/data/eval/dev/ofac_sdn_2021_org_clusters.tsv")
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	recs, _ := r.ReadAll()
	var rows []engine.Row
	var truth []string
	for _, rec := range recs[1:] {
		rows = append(rows, engine.Row{Name: rec[1], Country: countryCode(rec[6])})
		truth = append(truth, rec[0])
	}
	opt := engine.Options{Match: match.DefaultParams(), Cluster: cluster.Params{Threshold: 0.8, LinkThreshold: 0.8, Sample: 12}, Block: block.Params{MaxCandidates: 40, MaxBlock: 1000}}
	res, err := engine.Run(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, id := range strings.Split(ids, ",") {
		want[id] = true
	}
	for ci, c := range res.Clusters {
		hit := false
		for _, r := range c.Rows {
			if want[truth[r]] {
				hit = true
			}
		}
		if !hit {
			continue
		}
		fmt.Printf("cluster %d canonical %q\n", ci, res.Names[c.Canonical].Raw)
		for _, r := range c.Rows {
			n := res.RowName[r]
			l := c.Links[n]
			fmt.Printf("   %-10s %-50q -> %q %.3f\n", truth[r], rows[r].Name, res.Names[l.To].Raw, l.Score)
		}
	}
	if a, b := os.Getenv("DBG_A"), os.Getenv("DBG_B"); a != "" {
		for _, n := range res.Names {
			if n.Raw == a {
				for _, o := range res.Names {
					if o.Raw == b {
						r := res.Matcher.Score(n, o)
						fmt.Printf("%q/%q %.4f conflict=%v\n", a, b, r.Score, r.Conflict)
						for _, x := range r.Reasons {
							fmt.Printf("   %+v\n", x)
						}
					}
				}
			}
		}
	}
}

func countryCode(s string) string { return strings.ToLower(s) }

func TestZZDist(t *testing.T) {
	if os.Getenv("DBG_DIST") == "" {
		t.Skip()
	}
	f, _ := os.Open("../../../shared/data/eval/dev/ofac_sdn_2021_org_clusters.tsv")
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	recs, _ := r.ReadAll()
	var rows []engine.Row
	var truth []string
	for _, rec := range recs[1:] {
		rows = append(rows, engine.Row{Name: rec[1], Country: countryCode(rec[6])})
		truth = append(truth, rec[0])
	}
	opt := engine.Options{Match: match.DefaultParams(), Cluster: cluster.Params{Threshold: 0.8, LinkThreshold: 0.8, Sample: 12}, Block: block.Params{MaxCandidates: 40, MaxBlock: 1000}}
	res, _ := engine.Run(context.Background(), rows, opt)
	pred := map[int]int{}
	for ci, c := range res.Clusters {
		for _, r := range c.Rows {
			pred[r] = ci
		}
	}
	byT := map[string][]int{}
	for i, tr := range truth {
		byT[tr] = append(byT[tr], i)
	}
	hist := map[int][2]int{}
	var out []string
	for _, ix := range byT {
		for x := 0; x < len(ix); x++ {
			for y := x + 1; y < len(ix); y++ {
				a, b := ix[x], ix[y]
				na, nb := res.Names[res.RowName[a]], res.Names[res.RowName[b]]
				if !shareWord(na, nb) {
					continue
				}
				s := res.Matcher.Score(na, nb)
				k := int(s.Score * 10)
				h := hist[k]
				if pred[a] == pred[b] {
					h[0]++
				} else {
					h[1]++
					out = append(out, fmt.Sprintf("%.3f\t%v\t%s\t%s\t%s", s.Score, s.Conflict, truth[a], rows[a].Name, rows[b].Name))
				}
				hist[k] = h
			}
		}
	}
	for k := 0; k <= 10; k++ {
		fmt.Printf("score %.1f: merged %d missed %d\n", float64(k)/10, hist[k][0], hist[k][1])
	}
	os.WriteFile("/tmp/misses.tsv", []byte(strings.Join(out, "\n")), 0o644)
}
