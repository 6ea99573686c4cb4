package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

// Issue 13 item 10: Lookups.ServiceProviderAt is wired. A Companies House
// bulk file (fictional rows in the real column layout) registers a
// company-secretarial firm at the input company's address; the input
// writes the address without ENGLAND. service_provider_address names the
// provider; a company at another address gets nothing.
func TestVerifyServiceProviderAtAddress(t *testing.T) {
	fixture, err := os.ReadFile("../../verify/bulk/testdata/companies_house_BasicCompanyData.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(fixture), "\n")
	header, row := lines[0], lines[1] // row: FABRIKAM COMPONENTS LIMITED, 00000001, 1 EXAMPLE LANE ...
	mk := func(name, number, street, town, postcode string) string {
		r := strings.Replace(row, `"FABRIKAM COMPONENTS LIMITED","00000001"`, `"`+name+`","`+number+`"`, 1)
		r = strings.Replace(r, `"1 EXAMPLE LANE","","EXAMPLETON","","ENGLAND","EX1 1AA"`, `"`+street+`","","`+town+`","","ENGLAND","`+postcode+`"`, 1)
		r = strings.ReplaceAll(r, "FABRIKAM PARTS LIMITED", "")
		return r
	}
	dir := t.TempDir()
	body := header +
		mk("HARBOURLIGHT FICTIONAL SUPPLIES LIMITED", "00000011", "27 FICTIONAL MEWS", "LONDON", "N0 0ZZ") +
		mk("QUILLPEN FICTIONAL SECRETARIES LIMITED", "00000012", "27 FICTIONAL MEWS", "LONDON", "N0 0ZZ") +
		mk("BRIGHTWATER FICTIONAL WIDGETS LIMITED", "00000013", "5 SAMPLE ROAD", "EXAMPLETON", "EX1 1AB")
	if strings.Count(body, `"27 FICTIONAL MEWS","","LONDON","","ENGLAND","N0 0ZZ"`) != 2 || strings.Contains(body, "FABRIKAM") {
		t.Fatal("fixture shape changed")
	}
	csv := writeFile(t, dir, "BasicCompanyData.csv", body)
	store := filepath.Join(dir, "s.db")
	var out bytes.Buffer
	if code := run(context.Background(), []string{"index", "companies_house", csv, "--store", store}, strings.NewReader(""), &out, &out); code != exitOK {
		t.Fatalf("index: exit %d\n%s", code, out.String())
	}
	in := writeFile(t, dir, "in.csv", "name,country,address\n"+
		`Harbourlight Fictional Supplies Ltd,GB,"27 Fictional Mews, London N0 0ZZ"`+"\n"+
		`Brightwater Fictional Widgets Ltd,GB,"5 Sample Road, Exampleton EX1 1AB"`+"\n")
	r := runIn(t, store, "--in", in)
	_, c := coverageOf(r, "Harbourlight Fictional Supplies Ltd", "local")
	f := flagOf(c, "service_provider_address")
	if f == nil {
		t.Fatalf("no service_provider_address: %+v", c)
	}
	hits, _ := f.Evidence["addresses"].([]any)
	if len(hits) == 0 || !strings.Contains(jsonString(hits[0]), "QUILLPEN FICTIONAL SECRETARIES LIMITED (companies_house") {
		t.Fatalf("evidence %v", f.Evidence)
	}
	if _, c := coverageOf(r, "Brightwater Fictional Widgets Ltd", "local"); flagOf(c, "service_provider_address") != nil {
		t.Fatalf("a company at another address was flagged: %+v", c.Flags)
	}
}

func flagOf(c *report.Cluster, code string) *report.Flag {
	if c == nil {
		return nil
	}
	for i := range c.Flags {
		if c.Flags[i].Code == code {
			return &c.Flags[i]
		}
	}
	return nil
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Issue 13 item 10: a company-secretary officer returned by a registry
// triggers service_provider_address. A Companies House stand-in serves the
// adapter's recorded shapes (fictional FABRIKAM COMPONENTS LIMITED, whose
// corporate secretary QUILLPEN FICTIONAL SECRETARIES LIMITED gives the
// registered office as its service address).
func TestVerifyCorporateSecretaryFromRegistry(t *testing.T) {
	serve := func(name string) http.HandlerFunc {
		b, err := os.ReadFile("../../verify/source/testdata/companies_house/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(b)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/search/companies", serve("search_fabrikam.json"))
	mux.Handle("/company/00000001", serve("profile_00000001.json"))
	mux.Handle("/company/00000001/officers", serve("officers_00000001.json"))
	mux.Handle("/company/00000001/persons-with-significant-control", serve("psc_00000001.json"))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "name,country,address\n"+`Fabrikam Components Ltd,GB,"1 Example Lane, Exampleton EX1 1AA"`+"\n")
	t.Setenv("RESOLVE_SOURCES_LOCAL_ENABLED", "false")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_ENABLED", "true")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_BASE_URL", srv.URL)
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_RATE", "0")
	t.Setenv("RESOLVE_SOURCES_COMPANIES_HOUSE_API_KEY", "fictional-key-123")
	r := runIn(t, filepath.Join(dir, "s.db"), "--in", in)
	cv, c := coverageOf(r, "Fabrikam Components Ltd", "companies_house")
	if cv.Status != "found" {
		t.Fatalf("coverage %+v", cv)
	}
	f := flagOf(c, "service_provider_address")
	if f == nil || !strings.Contains(jsonString(f.Evidence), `"corporate_secretaries"`) ||
		!strings.Contains(jsonString(f.Evidence), "QUILLPEN FICTIONAL SECRETARIES LIMITED") {
		t.Fatalf("flags %+v", c.Flags)
	}
}
