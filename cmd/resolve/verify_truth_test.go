package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

// Tests for issue 13 (verification tells the truth). Every company here is
// fictional; registries are loopback stand-ins serving the real response
// shapes (the adapters' fixtures under verify/source/testdata).

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runCode runs the command in-process and returns the exit code and the
// report (nil when none was written).
func runCode(t *testing.T, args ...string) (int, *report.Report, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r.json")
	var sink bytes.Buffer
	code := run(context.Background(), append(args, "--out", out, "--log-format", "json"), strings.NewReader(""), &sink, &sink)
	if _, err := os.Stat(out); err != nil {
		return code, nil, sink.String()
	}
	return code, readReport(t, out), sink.String()
}

func coverageOf(r *report.Report, name, source string) (report.Coverage, *report.Cluster) {
	for i, c := range r.Clusters {
		for _, m := range c.Members {
			if m.Name == name {
				for _, cv := range r.ClusterCoverage(&c) {
					if cv.Source == source {
						return cv, &r.Clusters[i]
					}
				}
				return report.Coverage{}, &r.Clusters[i]
			}
		}
	}
	return report.Coverage{}, nil
}

func hasFlag(c *report.Cluster, code string) bool {
	return c != nil && slices.ContainsFunc(c.Flags, func(f report.Flag) bool { return f.Code == code })
}

// yente stands in for a self-hosted OpenSanctions match API: it fails with
// 500 while failing is set, then answers with the recorded match response.
func yente(t *testing.T, failing *atomic.Bool, calls *atomic.Int64) *httptest.Server {
	body, err := os.ReadFile("../../verify/source/testdata/opensanctions/match_northwind.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if failing.Load() {
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"detail":"Internal Server Error"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Issue 13.1: a check that failed is never reused. The first run, with the
// only enabled source failing, says so in the summary and, with --fail-on,
// exits 4; the next run asks the source again and finds the listed party.
func TestFailedCheckIsNotReused(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nX1,Northwind Trading Limited,HK\n")
	var failing atomic.Bool
	var calls atomic.Int64
	failing.Store(true)
	srv := yente(t, &failing, &calls)
	t.Setenv("RESOLVE_SOURCES_LOCAL_ENABLED", "false")
	t.Setenv("RESOLVE_SOURCES_OPENSANCTIONS_ENABLED", "true")
	t.Setenv("RESOLVE_SOURCES_OPENSANCTIONS_BASE_URL", srv.URL)
	t.Setenv("RESOLVE_SOURCES_OPENSANCTIONS_RATE", "0")
	t.Setenv("RESOLVE_HTTP_RETRIES", "0")
	store := filepath.Join(dir, "s.db")
	args := []string{"--in", in, "--store", store}

	code, r, log := runCode(t, append(args, "--fail-on", "high")...)
	if code != exitUnchecked {
		t.Fatalf("every source failed: exit %d, want %d\n%s", code, exitUnchecked, log)
	}
	if r == nil || r.Summary.Verification == nil || r.Summary.Verification.Outcome != "failed" ||
		!slices.Equal(r.Summary.Verification.SourcesFailed, []string{"opensanctions"}) {
		t.Fatalf("summary: %+v", r.Summary.Verification)
	}
	if !strings.Contains(log, "every enabled source failed") {
		t.Fatalf("the log does not say every source failed:\n%s", log)
	}
	if cv, _ := coverageOf(r, "Northwind Trading Limited", "opensanctions"); cv.Status != "failed" {
		t.Fatalf("coverage %+v", cv)
	}
	// Without --fail-on the same run exits 0 (and still says so).
	if code, _, _ := runCode(t, args...); code != exitOK {
		t.Fatalf("without --fail-on: exit %d", code)
	}

	failing.Store(false)
	before := calls.Load()
	code, r, log = runCode(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, log)
	}
	if calls.Load() == before {
		t.Fatal("the run after a failure asked the source nothing: the failed check was reused")
	}
	cv, c := coverageOf(r, "Northwind Trading Limited", "opensanctions")
	if cv.Status != "found" || r.Run.Reuse.ClustersReused != 0 || r.Summary.Verification.Outcome != "complete" {
		t.Fatalf("coverage %+v, reuse %+v, summary %+v", cv, r.Run.Reuse, r.Summary.Verification)
	}
	if !hasFlag(c, "sanctions_hit") {
		t.Fatalf("flags %+v", c.Flags)
	}
	// Now the clean result is reused: no call at all.
	before = calls.Load()
	if _, r, _ = runCode(t, args...); calls.Load() != before || r.Run.Reuse.ClustersReused != 1 {
		t.Fatalf("a clean result was not reused: %d calls, %+v", calls.Load()-before, r.Run.Reuse)
	}
}

// Issue 13.1: a key that the source refused is asked again once it is fixed
// (the key is not in the settings digest, so the failure must not be stored).
func TestRefusedKeyIsAskedAgainWhenFixed(t *testing.T) {
	search, err := os.ReadFile("../../verify/source/testdata/companies_house/search_fabrikam.json")
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if u, _, _ := r.BasicAuth(); u != "right-key-123" {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":"Invalid Authorization","type":"ch:service"}`))
			return
		}
		if r.URL.Path == "/search/companies" {
			_, _ = w.Write(search)
			return
		}
		w.WriteHeader(404)
		_, _ = w.Write([]byte(`{"errors":[{"type":"ch:service","error":"company-profile-not-found"}]}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nX1,Fabrikam Components Ltd,GB\n")
	t.Setenv("RESOLVE_SOURCES_LOCAL_ENABLED", "false")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_ENABLED", "true")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_BASE_URL", srv.URL)
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_RATE", "0")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_API_KEY", "wrong-key-123")
	t.Setenv("RESOLVE_HTTP_RETRIES", "0")
	args := []string{"--in", in, "--store", filepath.Join(dir, "s.db")}
	_, r, _ := runCode(t, args...)
	if cv, _ := coverageOf(r, "Fabrikam Components Ltd", "companies_house"); cv.Status != "failed" {
		t.Fatalf("wrong key: %+v", cv)
	}
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_API_KEY", "right-key-123")
	_, r, log := runCode(t, args...)
	cv, c := coverageOf(r, "Fabrikam Components Ltd", "companies_house")
	if cv.Status != "found" || len(c.RegistryMatches) == 0 {
		t.Fatalf("after fixing the key: %+v, reuse %+v\n%s", cv, r.Run.Reuse, log)
	}
	for _, s := range []string{"wrong-key-123", "right-key-123"} {
		if b, _ := os.ReadFile(filepath.Join(dir, "s.db")); bytes.Contains(b, []byte(s)) {
			t.Fatalf("the key %q is in the store", s)
		}
	}
}

// Issue 13.2: reuse is keyed on everything verification reads. A new
// address and date row for a name already verified is verified again: the
// mass-registration indicator appears as in a run from scratch.
func TestReuseSeesChangedAddressesAndDates(t *testing.T) {
	dir := t.TempDir()
	args := func(in string) []string {
		return []string{"--in", in, "--config", "../../testdata/sample.yaml"}
	}
	const name = "Quillfeather Example Widgets Limited"
	first := writeFile(t, dir, "a.csv", "id,name,country,address,date\nQ1,"+name+",HK,,2024-01-01\n")
	second := writeFile(t, dir, "b.csv", "id,name,country,address,date\nQ1,"+name+",HK,,2024-01-01\n"+
		`Q2,`+name+`,HK,"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong",2025-06-30`+"\n")
	store := filepath.Join(dir, "s.db")
	r1 := runIn(t, store, args(first)...)
	if _, c := coverageOf(r1, name, "local"); hasFlag(c, "mass_registration_address") {
		t.Fatal("the first input has no address")
	}
	incr := runIn(t, store, args(second)...)
	full := runIn(t, filepath.Join(dir, "fresh.db"), args(second)...)
	if _, c := coverageOf(incr, name, "local"); !hasFlag(c, "mass_registration_address") {
		t.Fatalf("a new address row was not verified: flags %+v, reuse %+v", c.Flags, incr.Run.Reuse)
	}
	if a, b := clusterDigest(incr), clusterDigest(full); !slices.Equal(a, b) {
		t.Fatalf("incremental and full runs differ:\n%v\n%v", a, b)
	}
	// Unchanged input: everything reused.
	again := runIn(t, store, args(second)...)
	if again.Run.Reuse.ClustersVerified != 0 {
		t.Fatalf("an unchanged input was verified again: %+v", again.Run.Reuse)
	}
}

// Issue 13.3: with Companies House (and GLEIF) indexed, a Hong Kong company
// absent from both is not "not found in registry": neither is Hong Kong's
// register of record. A UK company absent from the Companies House file is.
func TestNotFoundNeedsTheRegisterOfRecord(t *testing.T) {
	dir := t.TempDir()
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cfg := writeFile(t, dir, "c.yaml", "bulk:\n  companies_house: ["+abs("../../verify/bulk/testdata/companies_house_BasicCompanyData.csv")+
		"]\n  gleif: ["+abs("../../testdata/bulk/gleif_sample.csv")+"]\n  opendart: ["+abs("../../verify/bulk/testdata/CORPCODE.xml")+"]\n")
	in := writeFile(t, dir, "in.csv", "id,name,country\nH1,Zephyrine Imaginary Holdings Limited,HK\nU1,Zephyrine Imaginary Holdings Limited,GB\n")
	r := runIn(t, filepath.Join(dir, "s.db"), "--in", in, "--config", cfg)
	var hk, gb *report.Cluster
	for i, c := range r.Clusters {
		for _, m := range c.Members {
			switch m.Country {
			case "HK":
				hk = &r.Clusters[i]
			case "GB":
				gb = &r.Clusters[i]
			}
		}
	}
	if hk == nil || gb == nil || hk == gb {
		t.Fatalf("clusters: %+v", r.Clusters)
	}
	if hasFlag(hk, "not_found_in_registry") {
		t.Fatalf("HK cluster flagged not found though no Hong Kong register was searched: %+v", hk.Flags)
	}
	if !hasFlag(gb, "not_found_in_registry") {
		t.Fatalf("GB cluster absent from the indexed Companies House file not flagged: %+v %+v", gb.Flags, r.ClusterCoverage(gb))
	}
	if len(r.ClusterCoverage(gb)) == 0 {
		t.Fatalf("GB cluster has no coverage: %+v", r.Run.Coverage)
	}
	for _, cv := range r.ClusterCoverage(gb) {
		if cv.Source == "local" && !slices.Equal(cv.RegisterOf, []string{"GB"}) {
			t.Fatalf("GB coverage %+v", cv)
		}
	}
}

// Issue 13.7: a Cypriot cluster is not the Hong Kong GLEIF record of the
// same name (a country conflict, explained), and inherits none of its
// address indicators; a listed party matched on the name alone is a
// possible match, not a sanctions hit. A Russian cluster matching the
// (fictional) OFAC entry listed at a Russian address is a full hit.
func TestRegistryMatchUsesCountries(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nC1,Northwind Trading Limited,CY\nH1,Northwind Trading Limited,HK\n"+
		"R1,Vymysel Logistik LLC,RU\n")
	r := runIn(t, filepath.Join(dir, "s.db"), "--in", in, "--config", "../../testdata/sample.yaml")
	byCountry := map[string]*report.Cluster{}
	for i, c := range r.Clusters {
		byCountry[c.Members[0].Name+"/"+c.Members[0].Country] = &r.Clusters[i]
	}
	cy, hk := byCountry["Northwind Trading Limited/CY"], byCountry["Northwind Trading Limited/HK"]
	if cy == nil || hk == nil {
		t.Fatalf("clusters %v", byCountry)
	}
	if len(cy.RegistryMatches) != 0 || hasFlag(cy, "mass_registration_address") {
		t.Fatalf("a Cypriot cluster took the Hong Kong record: %+v %+v", cy.RegistryMatches, cy.Flags)
	}
	if len(hk.RegistryMatches) == 0 || !slices.ContainsFunc(hk.RegistryMatches[0].Reasons, func(x report.Reason) bool { return x.Kind == "country_match" }) {
		t.Fatalf("the Hong Kong cluster's match is not explained by its country: %+v", hk.RegistryMatches)
	}
	ru := byCountry["Vymysel Logistik LLC/RU"]
	noCountry := writeFile(t, dir, "n.csv", "id,name,country\nN1,Vymysel Logistik LLC,\n")
	rn := runIn(t, filepath.Join(dir, "n.db"), "--in", noCountry, "--config", "../../testdata/sample.yaml")
	if ru == nil || len(rn.Clusters) != 1 {
		t.Fatalf("clusters %v", byCountry)
	}
	none := &rn.Clusters[0]
	if !hasFlag(ru, "sanctions_hit") || hasFlag(ru, "sanctions_possible_match") {
		t.Fatalf("RU cluster flags %+v", ru.Flags)
	}
	if hasFlag(none, "sanctions_hit") || !hasFlag(none, "sanctions_possible_match") {
		t.Fatalf("a name-only match is a full hit: %+v", none.Flags)
	}
}
