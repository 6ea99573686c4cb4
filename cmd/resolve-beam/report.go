package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
)

// reportClusters converts an engine result over recs (res's row indices
// index recs) into the report's clusters, as cmd/resolve's buildReport
// does before verification: members with their evidence, variants,
// countries, and the empty verification fields. Keep it in step with
// buildReport (package main there cannot export it).
func reportClusters(recs []input.Record, res *engine.Result) []report.Cluster {
	out := make([]report.Cluster, 0, len(res.Clusters))
	nameRows := map[int][]int{}
	for _, c := range res.Clusters {
		clear(nameRows)
		for _, ri := range c.Rows {
			id := res.RowName[ri]
			nameRows[id] = append(nameRows[id], ri)
		}
		rc := report.Cluster{
			CanonicalName:   canonicalSpelling(recs, res, c),
			Size:            len(c.Rows),
			RegistryMatches: []report.RegistryMatch{},
			Coverage:        []report.Coverage{},
			Web:             []report.WebSite{},
			Flags:           []report.Flag{},
			Risk:            report.Risk{Outcome: "no indicators"},
		}
		variants := map[string]*report.Variant{}
		countries := map[string]bool{}
		for _, ri := range c.Rows {
			r := recs[ri]
			id := res.RowName[ri]
			m := report.Member{Row: r.Row, ID: r.ID, Name: r.Name, Country: r.Country, Address: r.Address, Date: r.Date,
				Website: r.Website, Email: r.Email}
			if m.Country == "" {
				m.Country = r.CountryRaw
			}
			if len(r.Extra) > 0 {
				extra := make(map[string]string, len(r.Extra))
				for _, f := range r.Extra {
					extra[f.Column] = f.Value
				}
				m.Extra = report.ColumnsOf(extra)
			}
			m.Evidence = evidence(res, c, id, ri, nameRows, recs)
			rc.Members = append(rc.Members, m)
			if r.Country != "" {
				countries[r.Country] = true
			}
			v, ok := variants[r.Name]
			if !ok {
				n := res.Names[id]
				v = &report.Variant{Name: r.Name, Normalised: normalisedForm(n), LegalForm: legalForms(n)}
				variants[r.Name] = v
			}
			v.Count++
		}
		for _, v := range variants {
			rc.Variants = append(rc.Variants, *v)
		}
		slices.SortFunc(rc.Variants, func(x, y report.Variant) int {
			if x.Count != y.Count {
				return y.Count - x.Count
			}
			return strings.Compare(x.Name, y.Name)
		})
		for k := range countries {
			rc.Countries = append(rc.Countries, k)
		}
		slices.Sort(rc.Countries)
		if rc.Countries == nil {
			rc.Countries = []string{}
		}
		out = append(out, rc)
	}
	return out
}

func canonicalSpelling(recs []input.Record, res *engine.Result, c engine.Cluster) string {
	matched := res.Names[c.Canonical].Raw
	best := ""
	for _, ri := range c.Rows {
		if r := recs[ri]; res.RowName[ri] == c.Canonical && r.MatchName() == matched && (best == "" || r.Name < best) {
			best = r.Name
		}
	}
	if best == "" {
		return matched
	}
	return best
}

func normalisedForm(n *match.Name) string {
	parts := make([]string, 0, len(n.Words))
	for _, w := range n.Words {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}

func legalForms(n *match.Name) string {
	parts := make([]string, 0, len(n.LegalForms))
	for _, f := range n.LegalForms {
		parts = append(parts, f.Form.Canonical)
	}
	return strings.Join(parts, " ")
}

func evidence(res *engine.Result, c engine.Cluster, id, ri int, nameRows map[int][]int, recs []input.Record) *report.Evidence {
	first := nameRows[id][0]
	if first != ri {
		detail := "the same name as the linked row, up to case and spacing"
		if recs[ri].NameCut != "" && recs[ri].Name != recs[first].Name {
			detail = fmt.Sprintf("the same name as the linked row, up to case and spacing, in the first %d characters, which are matched", input.DefaultMaxNameRunes)
		}
		return &report.Evidence{LinkedToRow: recs[first].Row, LinkedToName: recs[first].Name, Score: 1,
			Reasons: []report.Reason{{Kind: "same_name", Detail: detail, Effect: 1}}}
	}
	link, ok := c.Links[id]
	if !ok {
		return nil
	}
	to := nameRows[link.To][0]
	ev := &report.Evidence{LinkedToRow: recs[to].Row, LinkedToName: recs[to].Name, Score: link.Score, Judgement: link.Judgement}
	r := res.Matcher.Score(res.Names[id], res.Names[link.To])
	for _, x := range r.Reasons {
		ev.Reasons = append(ev.Reasons, report.Reason{Kind: x.Kind, Detail: x.Detail, Left: x.Left, Right: x.Right, Effect: x.Effect})
	}
	if link.Judgement != "" {
		ev.Reasons = append(ev.Reasons, report.Reason{Kind: "judgement", Detail: "an investigator decided these are the same company", Effect: 1})
	}
	if ev.Reasons == nil {
		ev.Reasons = []report.Reason{}
	}
	return ev
}

func summarise(clusters []report.Cluster, pairs int) report.Summary {
	s := report.Summary{Clusters: len(clusters), CandidatePairs: pairs,
		FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}}
	for _, c := range clusters {
		if c.Size == 1 {
			s.Singletons++
		}
		s.LargestCluster = max(s.LargestCluster, c.Size)
	}
	return s
}
