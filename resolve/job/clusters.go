package job

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
// to fill. The clusters are converted on every CPU, each written at its
// index (explaining the links scores every linked pair again, with its
// reasons: at a million names 10 s of CPU).
func Clusters(recs []input.Record, res *engine.Result) []report.Cluster {
	out := make([]report.Cluster, len(res.Clusters))
	const chunk = 1024
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(out)/chunk)) {
		wg.Go(func() {
			var c converter
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(out) {
					return
				}
				for i := lo; i < min(lo+chunk, len(out)); i++ {
					out[i] = c.cluster(recs, res, res.Clusters[i])
				}
			}
		})
	}
	wg.Wait()
	return out
}

// converter converts clusters one at a time, with scratch space of its own.
type converter struct {
	nameRows  map[int][]int // name id → record indices, filled per cluster
	extra     carried
	variants  []report.Variant
	byName    map[string]int // variant name → index in variants, for large clusters
	countries []string
	scratch   match.Scratch  // for explaining the links
	reasons   []match.Reason // a link's reasons, copied into the report's
}

// smallCluster: a cluster of at most this many rows finds its variants by
// a scan of those found so far, not through a map (most clusters have a
// few rows, and a map each cost more than the rest of the cluster).
const smallCluster = 16

func (cv *converter) cluster(recs []input.Record, res *engine.Result, c engine.Cluster) report.Cluster {
	if cv.nameRows == nil {
		cv.nameRows, cv.byName = map[int][]int{}, map[string]int{}
	}
	nameRows := cv.nameRows
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
		Members:         make([]report.Member, 0, len(c.Rows)),
	}
	variants, countries := cv.variants[:0], cv.countries[:0]
	clear(cv.byName)
	for _, ri := range c.Rows {
		r := recs[ri]
		id := res.RowName[ri]
		m := report.Member{Row: r.Row, ID: r.ID, Name: r.Name, Country: r.Country, Address: r.Address, Date: r.Date,
			Website: r.Website, Email: r.Email}
		if m.Country == "" {
			m.Country = r.CountryRaw
		}
		m.Extra = cv.extra.row(r.Extra)
		m.Evidence = cv.evidence(res, c, id, ri, nameRows, recs)
		rc.Members = append(rc.Members, m)
		if r.Country != "" && !slices.Contains(countries, r.Country) {
			countries = append(countries, r.Country)
		}
		v := -1
		if len(c.Rows) <= smallCluster {
			v = slices.IndexFunc(variants, func(x report.Variant) bool { return x.Name == r.Name })
		} else if i, ok := cv.byName[r.Name]; ok {
			v = i
		}
		if v < 0 {
			n := res.Names[id]
			v = len(variants)
			variants = append(variants, report.Variant{Name: r.Name, Normalised: normalisedForm(n), LegalForm: legalForms(n)})
			if len(c.Rows) > smallCluster {
				cv.byName[r.Name] = v
			}
		}
		variants[v].Count++
	}
	slices.SortFunc(variants, func(x, y report.Variant) int {
		if x.Count != y.Count {
			return y.Count - x.Count
		}
		return strings.Compare(x.Name, y.Name)
	})
	rc.Variants = slices.Clone(variants)
	slices.Sort(countries)
	rc.Countries = slices.Clone(countries)
	if rc.Countries == nil {
		rc.Countries = []string{}
	}
	cv.variants, cv.countries = variants, countries
	return rc
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
func (cv *converter) evidence(res *engine.Result, c engine.Cluster, id, ri int, nameRows map[int][]int, recs []input.Record) *report.Evidence {
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
	r := res.Matcher.ScoreInto(res.Names[id], res.Names[link.To], &cv.scratch, cv.reasons)
	if cap(r.Reasons) > cap(cv.reasons) {
		cv.reasons = r.Reasons[:0] // grown: reused from now on
	}
	n := len(r.Reasons)
	if link.Judgement != "" {
		n++
	}
	if link.Reciprocal {
		n++
	}
	ev.Reasons = make([]report.Reason, 0, n) // exactly: the report holds a million of them to the end
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
