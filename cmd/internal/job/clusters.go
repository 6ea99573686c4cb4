package job

import (
	"fmt"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
)

// Clusters converts an engine result over recs (res's row indices index
// recs) into the report's clusters, in the engine's order and without IDs:
// the canonical spelling, members with their carried columns and the
// evidence that tied each in, variants, countries, and the verification
// fields empty (no match, no coverage, no indicators) for the verify stage
// to fill.
func Clusters(recs []input.Record, res *engine.Result) []report.Cluster {
	out := make([]report.Cluster, 0, len(res.Clusters))
	nameRows := map[int][]int{} // name id → record indices, filled per cluster
	var extra carried
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
			m.Extra = extra.row(r.Extra)
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

// carried gives members their carried columns, over column names shared by
// every row with the same columns (all rows of one file).
type carried struct{ names *report.ColumnNames }

func (c *carried) row(fields []input.Field) report.Columns {
	if len(fields) == 0 {
		return report.Columns{}
	}
	if c.names == nil || !slices.EqualFunc(c.names.Names(), fields, func(n string, f input.Field) bool { return n == f.Column }) {
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.Column
		}
		c.names = report.NewColumnNames(names)
	}
	values := make([]string, len(fields))
	for i, f := range fields {
		values[i] = f.Value
	}
	return c.names.Row(values)
}

// canonicalSpelling is the input spelling of the cluster's canonical name:
// the engine has the name as matched, which is cut when it is very long
// (input.Record.NameCut); the report shows it whole.
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

// evidence says what tied record ri (distinct name id) into its cluster.
func evidence(res *engine.Result, c engine.Cluster, id, ri int, nameRows map[int][]int, recs []input.Record) *report.Evidence {
	first := nameRows[id][0]
	if first != ri {
		// A repeat of a name already in the cluster.
		detail := "the same name as the linked row, up to case and spacing"
		if recs[ri].NameCut != "" && recs[ri].Name != recs[first].Name {
			detail = fmt.Sprintf("the same name as the linked row, up to case and spacing, in the first %d characters, which are matched", input.DefaultMaxNameRunes)
		}
		return &report.Evidence{LinkedToRow: recs[first].Row, LinkedToName: recs[first].Name, Score: 1,
			Reasons: []report.Reason{{Kind: "same_name", Detail: detail, Effect: 1}}}
	}
	link, ok := c.Links[id]
	if !ok {
		return nil // the canonical name: the cluster grows from it
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
	if link.Reciprocal {
		ev.Reasons = append(ev.Reasons, report.Reason{Kind: "reciprocal_best",
			Detail: "below the match threshold, linked because the names are written in different scripts and each is the other's clear best match in the other script, with nothing in conflict (cluster.reciprocal_floor)"})
	}
	if ev.Reasons == nil {
		ev.Reasons = []report.Reason{}
	}
	return ev
}
