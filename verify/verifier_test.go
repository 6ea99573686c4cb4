package verify_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/verify"
)

// jaccard is a small token-set scorer standing in for resolve/match.
type jaccard struct{}

func (jaccard) Score(a, b string) (float64, []verify.Reason) {
	ta, tb := map[string]bool{}, map[string]bool{}
	for _, t := range strings.Fields(strings.ToLower(a)) {
		ta[t] = true
	}
	for _, t := range strings.Fields(strings.ToLower(b)) {
		tb[t] = true
	}
	inter := 0
	for t := range ta {
		if tb[t] {
			inter++
		}
	}
	union := len(ta) + len(tb) - inter
	if union == 0 {
		return 0, nil
	}
	s := float64(inter) / float64(union)
	return s, []verify.Reason{{Kind: "token_overlap", Detail: fmt.Sprintf("%d of %d tokens shared", inter, union), Left: a, Right: b, Effect: s}}
}

type fakeReg struct {
	name     string
	covers   map[string]bool // nil: all
	recs     []verify.Record
	err      error
	searched int
	enrich   func(verify.Record) (verify.Record, error)
}

func (f *fakeReg) Name() string { return f.name }
func (f *fakeReg) Covers(c string) bool {
	return f.covers == nil || f.covers[c]
}
func (f *fakeReg) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	f.searched++
	return f.recs, f.err
}

type enrichReg struct{ *fakeReg }

func (e enrichReg) Enrich(ctx context.Context, r verify.Record) (verify.Record, error) {
	return e.enrich(r)
}

func TestVerifyCoverageAndScoring(t *testing.T) {
	gleif := &fakeReg{name: "gleif", recs: []verify.Record{
		{ID: "L1", Name: "Northwind Trading Limited"},
		{ID: "L2", Name: "Completely Different Holdings", OtherNames: []string{"NORTHWIND TRADING LTD"}},
		{ID: "L3", Name: "Southwind Mining Corp"},
	}}
	ch := &fakeReg{name: "companies_house", covers: map[string]bool{"GB": true}}
	hk := &fakeReg{name: "hk_cr", covers: map[string]bool{"HK": true}, recs: []verify.Record{{ID: "B9", Name: "Unrelated Co"}}}
	os := &fakeReg{name: "opensanctions", err: fmt.Errorf("opensanctions: %w", verify.ErrBudgetSpent)}
	oc := &fakeReg{name: "opencorporates", err: errors.New("opencorporates: HTTP 500 from https://api.example/")}
	wd := enrichReg{&fakeReg{name: "wikidata", recs: []verify.Record{{ID: "Q1", Name: "Northwind Trading Ltd"}},
		enrich: func(r verify.Record) (verify.Record, error) {
			r.Websites = []string{"https://northwind.example"}
			return r, nil
		}}}
	v := verify.New([]verify.Registry{gleif, ch, hk, os, oc, wd}, jaccard{}, verify.Options{
		MinScore: 0.6, Workers: 2, Skipped: []verify.Skip{{Source: "opendart", Reason: "disabled"}}})
	res := v.Verify(context.Background(), verify.Cluster{
		Names:     []string{"Northwind Trading Ltd", "NORTHWIND TRADING LIMITED", "northwind trading ltd"},
		Countries: []string{"HK"},
	})
	var cov []string
	for _, c := range res.Coverage {
		cov = append(cov, c.Source+"="+string(c.Status))
	}
	want := "gleif=found companies_house=skipped hk_cr=not_found opensanctions=skipped opencorporates=failed wikidata=found opendart=skipped"
	if strings.Join(cov, " ") != want {
		t.Fatalf("coverage\n got %s\nwant %s", strings.Join(cov, " "), want)
	}
	if ch.searched != 0 {
		t.Fatal("a source that does not cover the country must not be searched")
	}
	if res.Coverage[1].Reason != "does not cover HK" || res.Coverage[3].Reason != "call budget for this run spent" ||
		!strings.Contains(res.Coverage[4].Reason, "HTTP 500") || res.Coverage[6].Reason != "disabled" {
		t.Fatalf("reasons: %+v", res.Coverage)
	}
	var ids []string
	for _, m := range res.Matches {
		ids = append(ids, fmt.Sprintf("%s/%s=%.2f", m.Source, m.Record.ID, m.Score))
		if len(m.Reasons) == 0 || m.QueryName == "" || m.RecordName == "" {
			t.Fatalf("match without explanation: %+v", m)
		}
	}
	// L1 and L2 (via its other name) and Q1 score 1.0 against some variant; L3 is dropped.
	if strings.Join(ids, " ") != "gleif/L1=1.00 gleif/L2=1.00 wikidata/Q1=1.00" {
		t.Fatalf("matches %v", ids)
	}
	if res.Matches[1].RecordName != "NORTHWIND TRADING LTD" {
		t.Fatalf("best pair should be against the other name: %+v", res.Matches[1])
	}
	if got := res.Matches[2].Record.Websites; len(got) != 1 {
		t.Fatalf("enrichment not applied: %+v", res.Matches[2].Record)
	}
	if res.Matches[0].Record.Source != "gleif" {
		t.Fatalf("record source defaults to the registry name: %q", res.Matches[0].Record.Source)
	}
}

func TestVerifyUnknownCountry(t *testing.T) {
	national := &fakeReg{name: "hk_cr", covers: map[string]bool{"HK": true}}
	global := &fakeReg{name: "gleif"}
	v := verify.New([]verify.Registry{national, global}, jaccard{}, verify.Options{MinScore: 0.5})
	res := v.Verify(context.Background(), verify.Cluster{Names: []string{"Acme Widgets"}})
	if res.Coverage[0].Status != verify.Skipped || res.Coverage[1].Status != verify.NotFound {
		t.Fatalf("coverage %+v", res.Coverage)
	}
}

func TestVerifyNoCredentialIsSkipped(t *testing.T) {
	r := &fakeReg{name: "opencorporates", err: fmt.Errorf("x: %w", verify.ErrNoCredential)}
	res := verify.New([]verify.Registry{r}, jaccard{}, verify.Options{}).Verify(context.Background(), verify.Cluster{Names: []string{"A"}})
	if res.Coverage[0].Status != verify.Skipped || res.Coverage[0].Reason != "no API key configured" {
		t.Fatalf("%+v", res.Coverage)
	}
	if verify.SkipReason(fmt.Errorf("w: %w", verify.ErrNoCredential)) != "no API key configured" {
		t.Fatal("SkipReason")
	}
}

// registerReg is a fake register of record for the given countries.
type registerReg struct {
	*fakeReg
	of map[string]bool
}

func (r registerReg) RegisterOfRecord(c string) bool { return r.of[c] }

// Issue 13.7: the cluster's countries and the record's jurisdiction (or
// address) are evidence in the registry match: a conflict lowers the score
// below the threshold, agreement and a missing side are explained.
func TestCountryEvidenceInRegistryMatch(t *testing.T) {
	recs := []verify.Record{
		{ID: "HK1", Name: "Example Fictional Trading Limited", Jurisdiction: "HK"},
		{ID: "CY1", Name: "Example Fictional Trading Limited", RegisteredAddress: "1 Example Street, Limassol, Cyprus"},
		{ID: "XX1", Name: "Example Fictional Trading Limited"},
		{ID: "US1", Name: "Example Fictional Trading Limited", Jurisdiction: "US-DE"},
	}
	reg := &fakeReg{name: "gleif", recs: recs}
	v := verify.New([]verify.Registry{reg}, jaccard{}, verify.Options{MinScore: 0.85})
	res := v.Verify(context.Background(), verify.Cluster{Names: []string{"Example Fictional Trading Limited"}, Countries: []string{"CY"}})
	got := map[string]verify.Match{}
	for _, m := range res.Matches {
		got[m.Record.ID] = m
	}
	if _, ok := got["HK1"]; ok {
		t.Fatalf("a Hong Kong record matched a Cypriot cluster: %+v", got["HK1"])
	}
	if _, ok := got["US1"]; ok {
		t.Fatal("a US-DE record matched a Cypriot cluster")
	}
	cy, ok := got["CY1"]
	if !ok || cy.Country != verify.CountryAgrees || cy.Score != 1 || !hasReason(cy.Reasons, "country_match") {
		t.Fatalf("address country: %+v", cy)
	}
	xx := got["XX1"]
	if xx.Country != verify.CountryUnknown || !hasReason(xx.Reasons, "country_unknown") {
		t.Fatalf("no record country: %+v", xx)
	}
	// Below the threshold, the conflict is explained (a look-alike candidate).
	v = verify.New([]verify.Registry{reg}, jaccard{}, verify.Options{MinScore: 0.5})
	res = v.Verify(context.Background(), verify.Cluster{Names: []string{"Example Fictional Trading Limited"}, Countries: []string{"CY"}})
	for _, m := range res.Matches {
		if m.Record.ID == "HK1" && (m.Country != verify.CountryConflicts || m.Score != 0.8 || !hasReason(m.Reasons, "country_conflict")) {
			t.Fatalf("conflict: %+v", m)
		}
	}
}

func hasReason(rs []verify.Reason, kind string) bool {
	for _, r := range rs {
		if r.Kind == kind {
			return true
		}
	}
	return false
}

// Issue 13.1: failures, rate limits, spent budgets, refused keys and failed
// detail calls make a result unfit for reuse; a clean result is reusable.
func TestResultReusable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, true},
		{fmt.Errorf("x: %w", verify.ErrBudgetSpent), false},
		{fmt.Errorf("x: %w", verify.ErrRateLimited), false},
		{fmt.Errorf("x: %w", verify.ErrKeyRefused), false},
		{fmt.Errorf("x: %w", verify.ErrCircuitOpen), false},
		{fmt.Errorf("x: %w", verify.ErrTimeBudgetSpent), false},
		{errors.New("HTTP 500"), false},
		{fmt.Errorf("%w: Chinese-only names", verify.ErrNotSearchable), true},
	} {
		reg := &fakeReg{name: "src", err: tc.err}
		res := verify.New([]verify.Registry{reg}, jaccard{}, verify.Options{MinScore: 0.5,
			Skipped: []verify.Skip{{Source: "off", Reason: "disabled"}}}).
			Verify(context.Background(), verify.Cluster{Names: []string{"Example Fictional Co"}})
		if res.Reusable() != tc.want {
			t.Errorf("%v: Reusable() = %v, coverage %+v", tc.err, res.Reusable(), res.Coverage)
		}
	}
	enr := enrichReg{&fakeReg{name: "src", recs: []verify.Record{{ID: "1", Name: "Example Fictional Co"}},
		enrich: func(r verify.Record) (verify.Record, error) { return r, errors.New("HTTP 502") }}}
	res := verify.New([]verify.Registry{enr}, jaccard{}, verify.Options{MinScore: 0.5}).
		Verify(context.Background(), verify.Cluster{Names: []string{"Example Fictional Co"}})
	if res.Reusable() || res.Coverage[0].Status != verify.Found {
		t.Fatalf("a failed detail call: %+v", res.Coverage)
	}
}

// Issue 13.3: coverage names the cluster's countries for which the source is
// a register of record; other sources' not_found carries none.
func TestRegisterOfRecordCoverage(t *testing.T) {
	ch := registerReg{&fakeReg{name: "companies_house", covers: map[string]bool{"GB": true}}, map[string]bool{"GB": true}}
	gl := &fakeReg{name: "gleif"}
	v := verify.New([]verify.Registry{ch, gl}, jaccard{}, verify.Options{MinScore: 0.5})
	res := v.Verify(context.Background(), verify.Cluster{Names: []string{"Example Fictional Co"}, Countries: []string{"GB", "HK"}})
	if c := res.Coverage[0]; c.Status != verify.NotFound || len(c.RegisterOf) != 1 || c.RegisterOf[0] != "GB" {
		t.Fatalf("companies house: %+v", c)
	}
	if c := res.Coverage[1]; c.Status != verify.NotFound || len(c.RegisterOf) != 0 {
		t.Fatalf("gleif: %+v", c)
	}
}
