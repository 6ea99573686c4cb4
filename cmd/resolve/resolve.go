package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
)

func schemaVersion() int { return report.SchemaVersion }

// loaded is the input held in memory for one run.
type loaded struct {
	path     string
	sha256   string
	format   string
	encoding string
	header   []string
	records  []input.Record
	rejected []input.Rejected
	ignored  []report.IgnoredRow // rows an "ignore" judgement set aside
}

func inputOptions(c config.Input) input.Options {
	o := input.DefaultOptions()
	o.NameCol, o.IDCol, o.CountryCol, o.AddressCol = c.NameCol, c.IDCol, c.CountryCol, c.AddressCol
	o.DateCol, o.WebsiteCol, o.EmailCol = c.DateCol, c.WebsiteCol, c.EmailCol
	o.Encoding, o.Delimiter = c.Encoding, c.Delimiter
	return o
}

// readInput streams the input file into memory, keeping every bad row.
func (a *app) readInput(ctx context.Context, path string) (*loaded, error) {
	rd, err := input.Open(path, inputOptions(a.cfg.Input))
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	l := &loaded{path: path, format: rd.Format(), encoding: rd.Encoding(), header: rd.Header()}
	for _, c := range rd.Renamed() {
		a.log.Warn().Int("column", c.Column).Str("header", c.Header).Str("carried_as", c.Name).
			Msgf("%s: column %d is named %q like an earlier column: it is carried as %q", path, c.Column, c.Header, c.Name)
	}
	bar := a.progress("read", -1)
	for i := 0; ; i++ {
		if i%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			bar(i)
		}
		rec, rej, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if rej != nil {
			a.log.Warn().Int("row", rej.Row).Str("column", rej.Column).Str("kind", string(rej.Kind)).Msg("rejected: " + rej.Error())
			l.rejected = append(l.rejected, *rej)
			continue
		}
		if rec.NameCut != "" {
			a.log.Warn().Int("row", rec.Row).Int("bytes", len(rec.Name)).
				Msgf("%s: row %d, column %q: name of %d bytes cut to its first %d characters for matching; the report keeps it whole",
					path, rec.Row, a.cfg.Input.NameCol, len(rec.Name), input.DefaultMaxNameRunes)
		}
		l.records = append(l.records, rec)
	}
	bar(-1)
	if err := rd.CheckEncoding(); err != nil {
		return nil, wrongEncoding(err)
	}
	l.sha256 = rd.SHA256()
	return l, nil
}

// wrongEncoding turns the reader's *input.WrongEncodingError into a usage
// error (exit 2) whose hint names the encoding to give.
func wrongEncoding(err error) error {
	var we *input.WrongEncodingError
	if errors.As(err, &we) && we.Guess != "" {
		return &usageError{err: err, hint: fmt.Sprintf("read it with --encoding %s (or save the file as UTF-8)", we.Guess)}
	}
	return &usageError{err: err, hint: "give the file's encoding with --encoding (cp949, windows-1251, gb18030, big5, shift-jis, ...) or save it as UTF-8"}
}

func matchParams(c config.Match) match.Params {
	p := match.DefaultParams()
	p.Threshold = c.Threshold
	p.TokenMinSimilarity = c.TokenMinSimilarity
	p.RomanisationSimilarity = c.RomanisationSimilarity
	p.TransliterationSimilarity = c.TransliterationSimilarity
	p.LoanwordSimilarity = c.LoanwordSimilarity
	p.GenericWeight = c.GenericWeight
	p.GenericMissingWeight = c.GenericMissingWeight
	p.QualifierWeight = c.QualifierWeight
	p.QualifierPenalty = c.QualifierPenalty
	p.GenericConflict = c.GenericConflict
	p.NumberConflictCap = c.NumberConflictCap
	p.LegalFormConflict = c.LegalFormConflict
	p.CountryConflict = c.CountryConflict
	p.ShortTokenLen = c.ShortTokenLen
	p.ShortTypoSimilarity = c.ShortTypoSimilarity
	p.SubsidiaryMissingWeight = c.SubsidiaryMissingWeight
	p.IDFFloor = c.IDFFloor
	return p
}

func engineOptions(c *config.Config) engine.Options {
	return engine.Options{
		Match: matchParams(c.Match),
		Cluster: cluster.Params{
			Threshold:     c.Match.Threshold,
			LinkThreshold: c.Cluster.LinkThreshold,
			Sample:        c.Cluster.Sample,
		},
		Block: block.Params{MaxCandidates: c.Cluster.MaxCandidates, MaxBlock: c.Cluster.MaxBlock, Workers: c.Cluster.Workers},
	}
}

// sourceUse reports the sources as configured when verification is off.
func sourceUse(c *config.Config) []report.SourceUse {
	var out []report.SourceUse
	for _, s := range c.Sources.ByName() {
		u := report.SourceUse{Name: s.Name, Enabled: s.Enabled && c.Verify.Enabled}
		if !c.Verify.Enabled {
			u.Note = "verification disabled (verify.enabled)"
		}
		out = append(out, u)
	}
	return out
}

func countFlagged(r *report.Report) int {
	n := 0
	for _, c := range r.Clusters {
		if len(c.Flags) > 0 {
			n++
		}
	}
	return n
}

var severityRank = map[string]int{"low": 1, "medium": 2, "high": 3}

func flaggedAtLeast(r *report.Report, sev string) bool {
	for _, c := range r.Clusters {
		for _, f := range c.Flags {
			if severityRank[f.Severity] >= severityRank[sev] {
				return true
			}
		}
	}
	return false
}

// buildReport converts the engine's result into the report schema.
func buildReport(in *loaded, res *engine.Result) *report.Report {
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Run: report.Run{
			Tool: "resolve",
			Input: report.Input{Path: in.path, SHA256: in.sha256, Format: in.format, Encoding: in.encoding,
				Columns: in.header},
		},
		Clusters:     make([]report.Cluster, 0, len(res.Clusters)),
		RejectedRows: make([]report.RejectedRow, 0, len(in.rejected)),
	}
	nameRows := map[int][]int{} // name id → record indices, filled per cluster
	var extra carried
	for _, c := range res.Clusters {
		clear(nameRows)
		for _, ri := range c.Rows {
			id := res.RowName[ri]
			nameRows[id] = append(nameRows[id], ri)
		}
		rc := report.Cluster{
			CanonicalName:   canonicalSpelling(in, res, c),
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
			r := in.records[ri]
			id := res.RowName[ri]
			m := report.Member{Row: r.Row, ID: r.ID, Name: r.Name, Country: r.Country, Address: r.Address, Date: r.Date,
				Website: r.Website, Email: r.Email}
			if m.Country == "" {
				m.Country = r.CountryRaw
			}
			m.Extra = extra.row(r.Extra)
			m.Evidence = evidence(res, c, id, ri, nameRows, in.records)
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
		rep.Clusters = append(rep.Clusters, rc)
	}
	for _, r := range in.rejected {
		rep.RejectedRows = append(rep.RejectedRows, report.RejectedRow{Row: r.Row, Column: r.Column, Reason: r.Reason, Raw: r.Raw})
	}
	rep.Run.Rows = report.RowCounts{Read: len(in.records) + len(in.rejected) + len(in.ignored), Clustered: len(in.records),
		Rejected: len(in.rejected), Ignored: len(in.ignored)}
	rep.IgnoredRows = in.ignored
	rep.Summary = summarise(rep, res.CandidatePairs)
	return rep
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
func canonicalSpelling(in *loaded, res *engine.Result, c engine.Cluster) string {
	matched := res.Names[c.Canonical].Raw
	best := ""
	for _, ri := range c.Rows {
		if r := in.records[ri]; res.RowName[ri] == c.Canonical && r.MatchName() == matched && (best == "" || r.Name < best) {
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
	if ev.Reasons == nil {
		ev.Reasons = []report.Reason{}
	}
	return ev
}

func summarise(rep *report.Report, pairs int) report.Summary {
	s := report.Summary{Clusters: len(rep.Clusters), CandidatePairs: pairs,
		FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}, Verification: rep.Summary.Verification}
	for _, c := range rep.Clusters {
		if c.Size == 1 {
			s.Singletons++
		}
		s.LargestCluster = max(s.LargestCluster, c.Size)
		if len(c.Flags) > 0 {
			s.ClustersFlagged++
		}
		for _, f := range c.Flags {
			s.FlagsByCode[f.Code]++
			s.FlagsBySev[f.Severity]++
		}
	}
	return s
}
