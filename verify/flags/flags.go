// Package flags derives indicators from what the verifier learned about a
// cluster: registry matches, coverage, web checks, address density and
// sanctions or leak hits. Each indicator is a Flag with a stable code, a
// severity, the evidence behind it (values compared, thresholds, source
// record URLs, retrieval times) and a caveat sentence. Indicators are not
// findings: the outcome is worded "indicators present" or "no indicators",
// never "shell company".
//
// Entry points: Evaluate(ctx, Input, Params, Lookups) runs every rule in
// Rules() and combines the flags with Score. One rule per file; each rule
// is a value with a Code and an Evaluate method.
//
// # Score
//
// The cluster score is 1 − Π(1 − w(severity)) over the flags raised, with
// w from Params.Weights (defaults high 0.5, medium 0.25, low 0.1). It is 0
// with no flag, grows with each flag, never exceeds 1 and does not depend
// on the order of flags. Worked example: one high and one medium flag give
// 1 − (0.5 × 0.75) = 0.625; adding a low flag gives 1 − 0.5 × 0.75 × 0.9 =
// 0.6625.
//
// # Codes
//
//	mass_registration_address        medium/high  many companies at the normalised address
//	service_provider_address         medium       care-of / secretary / registered-agent address
//	not_found_in_registry            medium       the register of record of the cluster's country was searched and has no match
//	dissolved_or_struck_off          high/medium  registry status dissolved, struck off or in liquidation
//	strike_off_proposed              medium       still registered, but the registrar proposes to strike it off
//	recently_incorporated            medium       incorporated shortly before first appearing in the input
//	incorporated_after_2022_02_24    low          incorporated after the sanctions cut-off date
//	no_web_presence                  medium/low   no working website found
//	parked_domain                    medium       a candidate domain is parked or for sale
//	site_does_not_mention_company    medium       live sites do not name the company, its number or address
//	residential_po_box_or_virtual_address medium  PO box, virtual office or residential address
//	sanctions_hit                    high/medium  matched record on a sanctions / export-control list, country agreeing
//	sanctions_possible_match         medium/low   a listed record matched on the name alone (country unknown or different)
//	colocated_with_listed_party      high         same address (unit level) as a listed party
//	listed_party_lookalike           medium       name close to, but not matched with, a listed party
//	appears_in_offshore_leaks        low          name appears in the ICIJ Offshore Leaks data
package flags

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/address"
	"github.com/resolve-tool/resolve/verify/web"
)

// Severity of a flag.
type Severity string

// The severities, strongest first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Flag is one indicator with the evidence behind it. It maps 1:1 onto
// report.Flag.
type Flag struct {
	Code     string
	Severity Severity
	Title    string
	Evidence map[string]any
	Sources  []string // record URLs the evidence came from
	Caveat   string
}

// Risk combines a cluster's flags. It maps 1:1 onto report.Risk.
type Risk struct {
	Score   float64 // 0..1
	Outcome string  // OutcomeNone or OutcomePresent
}

// The outcome wordings.
const (
	OutcomeNone    = "no indicators"
	OutcomePresent = "indicators present"
)

// Match is a registry or list record matched to the cluster.
type Match struct {
	Source string // configuration name of the source ("gleif", "opensanctions", "icij", ...)
	Score  float64
	Record verify.Record
	// Country is what the cluster's and the record's countries say
	// (verify.Match.Country); "" counts as verify.CountryUnknown.
	Country verify.CountryEvidence
}

// corroborated reports whether more than the name ties the record to the
// cluster: the countries agree.
func (m Match) corroborated() bool { return m.Country == verify.CountryAgrees }

// Coverage says what one source did for the cluster.
type Coverage struct {
	Source string
	Status string // CoverageFound, CoverageNotFound, CoverageSkipped, CoverageFailed
	Reason string
	// RegisterOf are the cluster's countries for which the source is a
	// register of record (verify.Coverage.RegisterOf). A not_found counts
	// for not_found_in_registry only with a non-empty RegisterOf.
	RegisterOf []string
}

// Coverage statuses.
const (
	CoverageFound    = "found"
	CoverageNotFound = "not_found"
	CoverageSkipped  = "skipped"
	CoverageFailed   = "failed"
)

// Input is what the pipeline knows about one cluster.
type Input struct {
	ClusterID string
	Names     []string // name variants, most frequent first
	Countries []string // ISO 3166-1 alpha-2 seen on the cluster's rows
	Addresses []string // addresses from the input rows
	Emails    []string // e-mail addresses from the input rows
	FirstSeen string   // earliest input date, YYYY-MM-DD ("" = unknown)
	LastSeen  string   // latest input date, YYYY-MM-DD

	// Matches are accepted matches (score at or above Params.MatchMin) from
	// every source, sanctions and leak sources included.
	Matches []Match
	// Listed are candidates from sanctions / export-control sources with
	// their name scores, including those below Params.MatchMin down to
	// Params.LookalikeMin (for listed_party_lookalike).
	Listed []Match
	// Coverage is one entry per source: found, not_found, skipped, failed.
	Coverage []Coverage
	// WebChecked is true when the web check ran (web.enabled).
	WebChecked bool
	Web        []web.Site
}

// Lookups are the store queries some rules need. A nil function turns the
// part of the rule that needs it off.
type Lookups struct {
	// CountAtAddress returns the number of distinct companies registered at
	// a normalised address (address.Normalise) in the bulk store, and some
	// of their names.
	CountAtAddress func(ctx context.Context, normalisedAddress string) (count int, sample []string, err error)
	// ListedAtAddress returns listed parties (records with sanctions or
	// export-control topics) at a normalised address.
	ListedAtAddress func(ctx context.Context, normalisedAddress string) ([]verify.Record, error)
	// ServiceProviderAt returns the names of known company-service providers
	// (licensed TCSPs, Offshore Leaks intermediaries) at a normalised address.
	ServiceProviderAt func(ctx context.Context, normalisedAddress string) ([]string, error)
}

// Weights are the score weights per severity.
type Weights struct {
	High, Medium, Low float64
}

// Params are the thresholds and weights (config keys under flags:).
type Params struct {
	MassAddressMin  int     // flags.mass_address_min
	MassAddressHigh int     // flags.mass_address_high
	NewCompanyDays  int     // flags.new_company_days
	SanctionsCutoff string  // flags.sanctions_cutoff, YYYY-MM-DD
	LookalikeMin    float64 // flags.lookalike_min
	MatchMin        float64 // verify.min_score: a score at or above it is the same company
	Weights         Weights // flags.weights.high/medium/low
	// NonRegistrySources are sources whose "not found" says nothing about
	// registration (lists and leaks).
	NonRegistrySources []string
	// AbsenceSaysNothing are registries whose records count (status,
	// incorporation date) but whose "not found" says nothing about
	// registration: GLEIF holds only entities that obtained an LEI.
	AbsenceSaysNothing []string
}

// DefaultParams returns the defaults of config/default.yaml.
func DefaultParams() Params {
	return Params{
		MassAddressMin:     50,
		MassAddressHigh:    200,
		NewCompanyDays:     180,
		SanctionsCutoff:    "2022-02-24",
		LookalikeMin:       0.80,
		MatchMin:           0.85,
		Weights:            Weights{High: 0.5, Medium: 0.25, Low: 0.1},
		NonRegistrySources: []string{"opensanctions", "icij"},
		AbsenceSaysNothing: []string{"gleif", "wikidata"},
	}
}

// Validate names the first parameter that is out of range.
func (p Params) Validate() error {
	switch {
	case p.MassAddressMin < 2:
		return errors.New("flags.mass_address_min must be at least 2")
	case p.MassAddressHigh < p.MassAddressMin:
		return errors.New("flags.mass_address_high must be at least flags.mass_address_min")
	case p.NewCompanyDays < 0:
		return errors.New("flags.new_company_days must not be negative")
	case p.LookalikeMin <= 0 || p.LookalikeMin > 1:
		return errors.New("flags.lookalike_min must be in (0, 1]")
	case p.MatchMin <= 0 || p.MatchMin > 1:
		return errors.New("verify.min_score must be in (0, 1]")
	}
	if _, err := time.Parse(time.DateOnly, p.SanctionsCutoff); err != nil {
		return fmt.Errorf("flags.sanctions_cutoff %q is not a YYYY-MM-DD date", p.SanctionsCutoff)
	}
	for name, w := range map[string]float64{"high": p.Weights.High, "medium": p.Weights.Medium, "low": p.Weights.Low} {
		if w < 0 || w >= 1 {
			return fmt.Errorf("flags.weights.%s must be in [0, 1)", name)
		}
	}
	return nil
}

// Rule is one indicator.
type Rule interface {
	Code() string
	// Evaluate returns the flag, or nil when the indicator is absent or
	// cannot be judged from the input.
	Evaluate(ctx context.Context, e *Env) (*Flag, error)
}

// Rules returns every rule, in report order.
func Rules() []Rule {
	return []Rule{
		SanctionsHit{}, SanctionsPossibleMatch{}, ColocatedWithListedParty{}, ListedPartyLookalike{},
		DissolvedOrStruckOff{}, StrikeOffProposed{}, NotFoundInRegistry{}, RecentlyIncorporated{}, IncorporatedAfterCutoff{},
		MassRegistrationAddress{}, ServiceProviderAddress{}, AddressKind{},
		NoWebPresence{}, ParkedDomain{}, SiteDoesNotMention{}, AppearsInOffshoreLeaks{},
	}
}

// RuleError is a rule that could not be completed.
type RuleError struct {
	Code string
	Err  string
}

// Result is the outcome for one cluster.
type Result struct {
	Flags []Flag
	Risk  Risk
	// Incomplete lists rules whose lookups failed; their flags may be missing.
	Incomplete []RuleError
}

// Env is what a rule sees.
type Env struct {
	In     Input
	P      Params
	L      Lookups
	cutoff time.Time
}

// Evaluate runs every rule. A failing lookup makes that rule incomplete,
// not the whole evaluation; the error is non-nil only when ctx ends.
func Evaluate(ctx context.Context, in Input, p Params, l Lookups) (Result, error) {
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	e := &Env{In: in, P: p, L: l}
	e.cutoff, _ = time.Parse(time.DateOnly, p.SanctionsCutoff)
	var res Result
	for _, r := range Rules() {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		f, err := r.Evaluate(ctx, e)
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			res.Incomplete = append(res.Incomplete, RuleError{Code: r.Code(), Err: err.Error()})
		}
		if f != nil {
			f.Code = r.Code()
			res.Flags = append(res.Flags, *f)
		}
	}
	res.Risk = Score(res.Flags, p.Weights)
	return res, nil
}

// Score combines flags: 1 − Π(1 − w(severity)), rounded to 4 decimals.
// Flags are counted per severity first, so the result does not depend on
// their order, not even in the last floating-point bit.
func Score(flags []Flag, w Weights) Risk {
	var nh, nm, nl float64
	for _, f := range flags {
		switch f.Severity {
		case High:
			nh++
		case Medium:
			nm++
		case Low:
			nl++
		}
	}
	keep := math.Pow(1-w.High, nh) * math.Pow(1-w.Medium, nm) * math.Pow(1-w.Low, nl)
	r := Risk{Score: math.Round((1-keep)*1e4) / 1e4, Outcome: OutcomeNone}
	if len(flags) > 0 {
		r.Outcome = OutcomePresent
	}
	return r
}

// addrRef is one address of the cluster with where it came from.
type addrRef struct {
	Raw, Norm   string
	From        string // "input" or the record's source
	URL         string
	RetrievedAt time.Time
}

// addresses returns the cluster's distinct addresses: input rows first,
// then the registered and head-office addresses of accepted registry
// matches (listed and leak records excluded).
func (e *Env) addresses() []addrRef {
	var out []addrRef
	seen := map[string]bool{}
	add := func(a addrRef) {
		a.Norm = address.Normalise(a.Raw)
		if a.Norm == "" || seen[a.Norm] {
			return
		}
		seen[a.Norm] = true
		out = append(out, a)
	}
	for _, a := range e.In.Addresses {
		add(addrRef{Raw: a, From: "input"})
	}
	for _, m := range e.registryMatches() {
		for _, a := range []string{m.Record.RegisteredAddress, m.Record.HeadOfficeAddress} {
			add(addrRef{Raw: a, From: m.Source, URL: m.Record.URL, RetrievedAt: m.Record.RetrievedAt})
		}
	}
	return out
}

// registryMatches are accepted matches from registries (not lists or leaks).
func (e *Env) registryMatches() []Match {
	var out []Match
	for _, m := range e.In.Matches {
		if m.Score >= e.P.MatchMin && !e.nonRegistry(m.Source) && !m.Record.Listed() && !isLeak(m) {
			out = append(out, m)
		}
	}
	return out
}

func (e *Env) nonRegistry(source string) bool {
	return slices.Contains(e.P.NonRegistrySources, source)
}

func isLeak(m Match) bool {
	if m.Source == "icij" {
		return true
	}
	for _, d := range m.Record.Datasets {
		if strings.HasPrefix(d, "icij") {
			return true
		}
	}
	return false
}

// recordEvidence is the evidence entry for a record.
func recordEvidence(m Match) map[string]any {
	ev := map[string]any{
		"source": m.Source,
		"id":     m.Record.ID,
		"name":   m.Record.Name,
		"score":  m.Score,
	}
	if m.Record.URL != "" {
		ev["url"] = m.Record.URL
	}
	if !m.Record.RetrievedAt.IsZero() {
		ev["retrieved_at"] = m.Record.RetrievedAt.UTC().Format(time.RFC3339)
	}
	return ev
}

// sources collects distinct non-empty URLs.
func sources(urls ...string) []string {
	var out []string
	for _, u := range urls {
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// date parses the first 10 characters of s as YYYY-MM-DD.
func date(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	return t, err == nil
}
