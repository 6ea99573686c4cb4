package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/resolve-tool/resolve/resolve/input"
)

// Reason is one named part of a name score (see resolve/match); the lead
// adapts the matching engine's explanation to it.
type Reason struct {
	Kind   string
	Detail string
	Left   string
	Right  string
	Effect float64
}

// Scorer compares two company names and explains the score. Scores are in [0,1].
type Scorer interface {
	Score(a, b string) (score float64, reasons []Reason)
}

// Enricher is implemented by registries that can add detail (officers,
// owners, parents) to a record. The verifier calls it only for records that
// passed the score threshold, so costly calls are spent on real matches.
type Enricher interface {
	Enrich(ctx context.Context, r Record) (Record, error)
}

// CoverageExplainer is implemented by registries that can say why they do
// not cover a country (e.g. the local store has nothing indexed).
type CoverageExplainer interface {
	WhyNotCovered(country string) string
}

// Cluster is what the verifier needs of one cluster.
type Cluster struct {
	ID        string
	Names     []string // distinct variants, most frequent first
	Countries []string // ISO 3166-1 alpha-2
}

// Match is a registry record that scored at or above Options.MinScore
// against one of the cluster's names.
type Match struct {
	Source     string // registry name (coverage row it belongs to)
	Score      float64
	Reasons    []Reason
	QueryName  string // the cluster variant that scored best
	RecordName string // the record name (legal or other) it scored against
	Record     Record
	// Country is what the cluster's countries and the record's jurisdiction
	// (or, without one, the countries its addresses name) say together:
	// CountryAgrees, CountryConflicts or CountryUnknown (one side unknown).
	// A match on the name alone has CountryUnknown.
	Country CountryEvidence
}

// CountryEvidence is the country part of a registry match.
type CountryEvidence string

// The country evidences of a match.
const (
	CountryAgrees    CountryEvidence = "agrees"
	CountryConflicts CountryEvidence = "conflicts"
	CountryUnknown   CountryEvidence = "unknown"
)

// CountryConflictPenalty is taken off the name score of a record whose
// country is known and differs from every country of the cluster (reason
// kind "country_conflict"). With the default verify.min_score of 0.85 an
// identical name in another country is no longer accepted as the same
// company; it stays a candidate for the look-alike rule.
const CountryConflictPenalty = 0.2

// CoverageStatus is what one source did for one cluster.
type CoverageStatus string

// Coverage statuses. NotFound is claimed only for a source that was searched
// and covers at least one of the cluster's countries.
const (
	Found    CoverageStatus = "found"
	NotFound CoverageStatus = "not_found"
	Skipped  CoverageStatus = "skipped"
	Failed   CoverageStatus = "failed"
)

// Coverage is one source's outcome for one cluster.
type Coverage struct {
	Source string
	Status CoverageStatus
	Reason string // why skipped, the error of a failure, or a note
	// RegisterOf lists the cluster's countries for which the source is a
	// register of record (RegisterOfRecord). Only a NotFound with a
	// non-empty RegisterOf means "not registered there".
	RegisterOf []string
	// Retry is true when the outcome says nothing lasting and the source
	// must be asked again next time: it failed, was rate limited, refused
	// the key, was over its call or time budget, or a detail call failed.
	// A result with such a row is never stored for reuse.
	Retry bool
}

// Result is the verification of one cluster.
type Result struct {
	Matches  []Match    // best first
	Coverage []Coverage // one per registry, then one per Options.Skipped entry
}

// Reusable reports whether the result may be stored and reused by a later
// run: no source failed or was cut short.
func (r Result) Reusable() bool {
	for _, c := range r.Coverage {
		if c.Retry {
			return false
		}
	}
	return true
}

// Skip names a source that is not searched at all, with the reason
// ("disabled", "no API key configured", ...). It is reported for every cluster.
type Skip struct {
	Source string
	Reason string
}

// Options tune the Verifier.
type Options struct {
	MinScore float64 // verify.min_score: candidates below are dropped
	Workers  int     // registries searched at once per cluster; 0 = all
	MaxNames int     // name variants sent to registries; 0 = 5
	// MaxRecordNames bounds how many of a record's names are scored; 0 = 50.
	MaxRecordNames int
	Skipped        []Skip
}

// Verifier checks clusters against registries. It is safe for concurrent use
// when its registries and scorer are.
type Verifier struct {
	regs   []Registry
	scorer Scorer
	opt    Options
}

// New builds a Verifier. registries are searched in the given order and
// reported in that order.
func New(registries []Registry, scorer Scorer, opts Options) *Verifier {
	if opts.MaxNames <= 0 {
		opts.MaxNames = 5
	}
	if opts.MaxRecordNames <= 0 {
		opts.MaxRecordNames = 50
	}
	return &Verifier{regs: registries, scorer: scorer, opt: opts}
}

// Verify searches every registry that covers the cluster's countries (in
// parallel, at most Options.Workers at once), scores each candidate against
// every name variant of the cluster, keeps the best pair per candidate when
// it reaches MinScore, and reports coverage per source.
func (v *Verifier) Verify(ctx context.Context, c Cluster) Result {
	q := Query{Names: dedupNames(c.Names, v.opt.MaxNames), Countries: c.Countries}
	type out struct {
		matches []Match
		cov     Coverage
	}
	outs := make([]out, len(v.regs))
	if len(v.regs) > 0 { // none (nothing indexed, no online source): a million clusters skip the group
		var g errgroup.Group
		if v.opt.Workers > 0 {
			g.SetLimit(v.opt.Workers)
		}
		for i, r := range v.regs {
			g.Go(func() error {
				m, cov := v.one(ctx, r, q)
				outs[i] = out{m, cov}
				return nil
			})
		}
		_ = g.Wait() // the workers never return errors: failures are coverage rows
	}
	var res Result
	if n := len(outs) + len(v.opt.Skipped); n > 0 {
		res.Coverage = make([]Coverage, 0, n) // one allocation, not one per doubling
	}
	for _, o := range outs {
		res.Matches = append(res.Matches, o.matches...)
		res.Coverage = append(res.Coverage, o.cov)
	}
	for _, s := range v.opt.Skipped {
		res.Coverage = append(res.Coverage, Coverage{Source: s.Source, Status: Skipped, Reason: s.Reason})
	}
	sort.SliceStable(res.Matches, func(i, j int) bool { return res.Matches[i].Score > res.Matches[j].Score })
	return res
}

func (v *Verifier) one(ctx context.Context, r Registry, q Query) ([]Match, Coverage) {
	name := r.Name()
	if !covers(r, q.Countries) {
		return nil, Coverage{Source: name, Status: Skipped, Reason: notCoveredReason(r, q.Countries)}
	}
	if len(q.Names) == 0 {
		return nil, Coverage{Source: name, Status: Skipped, Reason: "cluster has no name to search"}
	}
	var register []string
	if ro, ok := r.(RegisterOfRecord); ok {
		for _, c := range q.Countries {
			if ro.RegisterOfRecord(c) && !slices.Contains(register, c) {
				register = append(register, c)
			}
		}
	}
	recs, err := r.Search(ctx, q)
	if err != nil {
		cov := errorCoverage(name, err)
		if cov.Status == Failed && ctx.Err() != nil {
			cov.Retry = true
		}
		return nil, cov
	}
	var ms []Match
	enrichFailed := false
	for _, rec := range recs {
		m, ok := v.score(name, q, rec)
		if !ok {
			continue
		}
		if e, isE := r.(Enricher); isE {
			if er, err := e.Enrich(ctx, m.Record); err == nil {
				m.Record = er
			} else {
				enrichFailed = true
				if ctx.Err() == nil {
					m.Reasons = append(m.Reasons, Reason{Kind: "enrich_failed", Detail: "details could not be fetched: " + err.Error()})
				}
			}
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return nil, Coverage{Source: name, Status: NotFound, RegisterOf: register,
			Reason: fmt.Sprintf("searched; %d candidate(s), none scored %.2f or more", len(recs), v.opt.MinScore)}
	}
	cov := Coverage{Source: name, Status: Found, RegisterOf: register}
	if enrichFailed {
		cov.Retry, cov.Reason = true, "details of a matched record could not be fetched"
	}
	return ms, cov
}

func (v *Verifier) score(source string, q Query, rec Record) (Match, bool) {
	names := q.Names
	recNames := append([]string{rec.Name}, rec.OtherNames...)
	if len(recNames) > v.opt.MaxRecordNames {
		recNames = recNames[:v.opt.MaxRecordNames]
	}
	best := Match{Score: -1}
	for _, qn := range names {
		for _, rn := range recNames {
			if strings.TrimSpace(rn) == "" {
				continue
			}
			s, reasons := v.scorer.Score(qn, rn)
			if s > best.Score {
				best = Match{Source: source, Score: s, Reasons: reasons, QueryName: qn, RecordName: rn, Record: rec}
			}
		}
	}
	if best.Score < 0 {
		return Match{}, false
	}
	best.Country, best.Reasons = countryEvidence(q.Countries, rec, best.Reasons)
	if best.Country == CountryConflicts {
		best.Score = max(0, best.Score-CountryConflictPenalty)
	}
	if best.Score < v.opt.MinScore {
		return Match{}, false
	}
	if best.Record.Source == "" {
		best.Record.Source = source
	}
	return best, true
}

func covers(r Registry, countries []string) bool {
	if len(countries) == 0 {
		return r.Covers("")
	}
	for _, c := range countries {
		if r.Covers(c) {
			return true
		}
	}
	return false
}

func notCoveredReason(r Registry, countries []string) string {
	first := ""
	if len(countries) > 0 {
		first = countries[0]
	}
	if e, ok := r.(CoverageExplainer); ok {
		if s := e.WhyNotCovered(first); s != "" {
			return s
		}
	}
	if len(countries) == 0 {
		return "country unknown; source covers specific countries only"
	}
	return "does not cover " + strings.Join(countries, ", ")
}

// countryEvidence compares the cluster's countries with the record's
// (its jurisdiction, or else the countries its addresses end with) and
// appends the reason that explains it.
func countryEvidence(cluster []string, rec Record, reasons []Reason) (CountryEvidence, []Reason) {
	reasons = slices.Clone(reasons)
	rc := RecordCountries(rec)
	switch {
	case len(cluster) == 0 || len(rc) == 0:
		side := "the cluster's country"
		if len(cluster) > 0 {
			side = "the record's country"
		}
		return CountryUnknown, append(reasons, Reason{Kind: "country_unknown",
			Detail: side + " is unknown: the match rests on the name alone", Left: strings.Join(cluster, ","), Right: strings.Join(rc, ",")})
	}
	for _, c := range cluster {
		if slices.Contains(rc, c) {
			return CountryAgrees, append(reasons, Reason{Kind: "country_match",
				Detail: "the record's country " + c + " is one of the cluster's", Left: strings.Join(cluster, ","), Right: strings.Join(rc, ",")})
		}
	}
	return CountryConflicts, append(reasons, Reason{Kind: "country_conflict",
		Detail: fmt.Sprintf("the record is in %s, the cluster's rows say %s", strings.Join(rc, ", "), strings.Join(cluster, ", ")),
		Left:   strings.Join(cluster, ","), Right: strings.Join(rc, ","), Effect: -CountryConflictPenalty})
}

// RecordCountries returns the ISO 3166-1 alpha-2 countries a record is in:
// its jurisdiction ("US-DE" counts as US; a country name is read too), or,
// when it has none, the countries its registered and head-office addresses
// end with.
func RecordCountries(r Record) []string {
	if c := countryOf(r.Jurisdiction); c != "" {
		return []string{c}
	}
	var out []string
	for _, a := range []string{r.RegisteredAddress, r.HeadOfficeAddress} {
		parts := strings.Split(a, ",")
		if c := countryOf(parts[len(parts)-1]); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func countryOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.IndexByte(s, '-'); i == 2 {
		s = s[:2]
	}
	return input.Country(s)
}

// errorCoverage maps a Search error onto a coverage row.
func errorCoverage(source string, err error) Coverage {
	switch {
	case errors.Is(err, ErrBudgetSpent):
		return Coverage{Source: source, Status: Skipped, Reason: "call budget for this run spent", Retry: true}
	case errors.Is(err, ErrTimeBudgetSpent):
		return Coverage{Source: source, Status: Skipped, Reason: "retry-wait time budget for this run spent (the source kept answering 429 or failing); not checked", Retry: true}
	case errors.Is(err, ErrCircuitOpen):
		return Coverage{Source: source, Status: Skipped, Reason: "source paused for the rest of the run after repeated failures; not checked", Retry: true}
	case errors.Is(err, ErrNoCredential):
		return Coverage{Source: source, Status: Skipped, Reason: "no API key configured"}
	case errors.Is(err, ErrNotSearchable):
		return Coverage{Source: source, Status: Skipped, Reason: err.Error()}
	}
	return Coverage{Source: source, Status: Failed, Reason: err.Error(), Retry: true}
}

// SkipReason turns a constructor error into the reason of a Skip (for
// sources the lead could not build, e.g. ErrNoCredential).
func SkipReason(err error) string {
	if errors.Is(err, ErrNoCredential) {
		return "no API key configured"
	}
	return err.Error()
}

func dedupNames(names []string, max int) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
		if len(out) == max {
			break
		}
	}
	return out
}
