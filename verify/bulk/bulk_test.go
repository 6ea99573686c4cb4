package bulk

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/address"
)

// tokenKeys is the stand-in for the matcher's blocking keys: lower-cased
// letter/digit tokens.
func tokenKeys(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func index(t *testing.T, st *store.Store, source string, files ...string) Stats {
	t.Helper()
	var last int64
	stats, err := Index(context.Background(), st, source, files, tokenKeys, func(n int64) { last = n })
	if err != nil {
		t.Fatal(err)
	}
	if last != stats.Entities+stats.Skipped {
		t.Fatalf("final progress %d, want %d rows", last, stats.Entities+stats.Skipped)
	}
	return stats
}

func local(t *testing.T, st *store.Store) *Local {
	t.Helper()
	l, err := NewLocal(context.Background(), st, tokenKeys, LocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func find(t *testing.T, l *Local, name string, countries ...string) verify.Record {
	t.Helper()
	recs, err := l.Search(context.Background(), verify.Query{Names: []string{name}, Countries: countries})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatalf("no candidate for %q", name)
	}
	return recs[0]
}

func TestIndexGLEIF(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "gleif", "testdata/gleif_golden_copy.csv")
	if stats.Entities != 13 || stats.Skipped != 0 {
		t.Fatalf("stats %+v", stats)
	}
	l := local(t, st)
	r := find(t, l, "Northwind Trading Ltd", "HK")
	if r.Name != "NORTHWIND TRADING LIMITED" || r.Jurisdiction != "HK" || r.Status != verify.StatusActive ||
		r.IncorporatedOn != "2019-03-14" || !slices.Contains(r.OtherNames, "北風貿易有限公司") ||
		r.RegisteredAddress != "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, HK" ||
		r.Source != "local/gleif" || r.RetrievedAt.IsZero() || !strings.HasPrefix(r.URL, "https://search.gleif.org/#/record/FICT00HK") {
		t.Fatalf("record %+v", r)
	}
	// The real CC0 record: other (trading) name, ELF code, registration authority id.
	r = find(t, l, "GLEIF Americas", "US")
	if r.ID != "254900OPPU84GM83MG36" || r.LegalForm != "T4M6" || r.Jurisdiction != "US-NJ" ||
		!slices.Contains(r.Identifiers, verify.Identifier{Scheme: "registered_as", Value: "0450486330"}) ||
		r.HeadOfficeAddress != "" {
		t.Fatalf("GLEIF Americas %+v", r)
	}
	r = find(t, l, "Silver Stub Technology Ltd", "HK")
	if r.Status != verify.StatusDissolved || r.DissolvedOn != "2025-03-31" {
		t.Fatalf("dissolved record %+v", r)
	}
	// GLEIF is global: it covers any country, even unknown.
	if !l.Covers("BR") || !l.Covers("") {
		t.Fatal("gleif bulk must cover every country")
	}
	n, names, err := l.AddressCount(context.Background(), "UNIT 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon")
	if err != nil || n != 8 || len(names) != 8 || names[0] != "BRIGHT PLACEHOLDER SUPPLY CHAIN LIMITED" {
		t.Fatalf("address count %d %v %v", n, names, err)
	}
}

func TestIndexOFAC(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "ofac", "testdata/ofac/sdn.csv", "testdata/ofac/add.csv", "testdata/ofac/alt.csv")
	if stats.Entities != 2 || stats.Skipped != 2 {
		t.Fatalf("stats %+v (individual and vessel must be skipped)", stats)
	}
	l := local(t, st)
	r := find(t, l, "OOO Vymysel Logistik", "RU")
	if r.ID != "99000001" || r.Name != "VYMYSEL LOGISTIK LLC" || !slices.Contains(r.Topics, "sanction") ||
		!slices.Contains(r.OtherNames, "OOO VYMYSEL LOGISTIK") || r.RegisteredAddress != "Prospekt Izmyshleniy 9, Kazan, 420000, Russia" ||
		!slices.Equal(r.Programs, []string{"RUSSIA-EO14024"}) || !slices.Contains(r.Datasets, "us_ofac_sdn") {
		t.Fatalf("record %+v", r)
	}
	r = find(t, l, "Primer Avto", "RU")
	if !slices.Equal(r.Programs, []string{"RUSSIA-EO14024", "UKRAINE-EO13662"}) {
		t.Fatalf("programs %v", r.Programs)
	}
	recs, _ := l.Search(context.Background(), verify.Query{Names: []string{"Ivan Petrovich Example"}})
	if len(recs) != 0 {
		t.Fatalf("individuals must not be indexed: %+v", recs)
	}
	// Without the primary file it is an error naming what is missing.
	_, err := Index(context.Background(), st, "ofac", []string{"testdata/ofac/add.csv"}, tokenKeys, nil)
	if err == nil || !strings.Contains(err.Error(), "sdn.csv") {
		t.Fatalf("want missing sdn.csv error, got %v", err)
	}
}

func TestIndexOpenSanctionsFtM(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "opensanctions", "testdata/opensanctions_entities.ftm.json")
	if stats.Entities != 3 || stats.Skipped != 3 {
		t.Fatalf("stats %+v (Ownership, Sanction, Person skipped)", stats)
	}
	l := local(t, st)
	r := find(t, l, "TransKomplektHolding", "RU")
	if r.ID != "NK-DSxJ9ZzHxBBMyEMnnTBhai" || !slices.Contains(r.Topics, "sanction") || r.Jurisdiction != "RU" ||
		!slices.Contains(r.Identifiers, verify.Identifier{Scheme: "inn", Value: "7704484400"}) ||
		!slices.Contains(r.OtherNames, "Joint-Stock Company \"TransKomplektHolding\"") || r.IncorporatedOn != "2019-03-26" ||
		!slices.Equal(r.Programs, []string{"UA-SA1644"}) {
		t.Fatalf("record %+v", r)
	}
	r = find(t, l, "Nebylitsa Trade", "RU")
	if !slices.Equal(r.Topics, []string{"export.control"}) || r.Websites[0] != "https://nebylitsa.example.ru" {
		t.Fatalf("record %+v", r)
	}
	r = find(t, l, "ИЖТЕЛЕКОМ", "RU")
	if r.Status != verify.StatusDissolved || r.DissolvedOn != "2012-06-30" {
		t.Fatalf("dissolved EGRUL record %+v", r)
	}
}

func TestIndexICIJ(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "icij", "testdata/icij/nodes-entities.csv", "testdata/icij/nodes-addresses.csv", "testdata/icij/relationships.csv")
	if stats.Entities != 2 || stats.Skipped != 1 {
		t.Fatalf("stats %+v", stats)
	}
	l := local(t, st)
	r := find(t, l, "Pretend Holdings Ltd", "HK")
	if r.ID != "90000001" || r.RegisteredAddress != "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong" ||
		r.IncorporatedOn != "2006-03-23" || r.DissolvedOn != "2012-06-15" || r.Status != verify.StatusInactive ||
		r.Jurisdiction != "British Virgin Islands" || r.URL != "https://offshoreleaks.icij.org/nodes/90000001" {
		t.Fatalf("record %+v", r)
	}
}

func TestIndexCompaniesHouse(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "companies_house", "testdata/companies_house_BasicCompanyData.csv")
	if stats.Entities != 3 {
		t.Fatalf("stats %+v", stats)
	}
	l := local(t, st)
	if l.Covers("HK") || !l.Covers("GB") || l.Covers("") {
		t.Fatal("companies house bulk covers GB only")
	}
	if !strings.Contains(l.WhyNotCovered("HK"), "companies_house") {
		t.Fatalf("reason %q", l.WhyNotCovered("HK"))
	}
	r := find(t, l, "Fabrikam Parts Ltd", "GB")
	if r.ID != "00000001" || r.IncorporatedOn != "2012-10-05" || !slices.Contains(r.OtherNames, "FABRIKAM PARTS LIMITED") ||
		r.RegisteredAddress != "1 EXAMPLE LANE, EXAMPLETON, EX1 1AA, ENGLAND" {
		t.Fatalf("record %+v", r)
	}
	if r := find(t, l, "Fictional Liquidated Trading", "GB"); r.Status != verify.StatusLiquidation {
		t.Fatalf("status %v", r.Status)
	}
	if r := find(t, l, "Example Dormant", "GB"); r.Status != verify.StatusStrikeOffProposed {
		t.Fatalf("proposal to strike off is not active: %v", r.Status)
	}
	// Searching a country the source does not cover returns nothing.
	recs, _ := l.Search(context.Background(), verify.Query{Names: []string{"Fabrikam Components"}, Countries: []string{"HK"}})
	if len(recs) != 0 {
		t.Fatalf("%+v", recs)
	}
}

func TestIndexCorpCode(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "opendart", "testdata/CORPCODE.xml")
	if stats.Entities != 3 {
		t.Fatalf("stats %+v", stats)
	}
	l := local(t, st)
	recs, ok, err := l.SearchSource(context.Background(), "opendart", []string{"Samsung Electronics Co Ltd"})
	if err != nil || !ok || len(recs) == 0 || recs[0].ID != "00126380" || recs[0].Name != "삼성전자" {
		t.Fatalf("%+v %v %v", recs, ok, err)
	}
}

func TestReindexAndCompressedInput(t *testing.T) {
	st := openStore(t)
	index(t, st, "gleif", "testdata/gleif_golden_copy.csv")
	dir := t.TempDir()
	// zip holding the CSV, and a gzipped copy
	zp := filepath.Join(dir, "golden.zip")
	zf, _ := os.Create(zp)
	zw := zip.NewWriter(zf)
	w, _ := zw.Create("20260101-gleif-concatenated-file-lei2.csv")
	src, _ := os.ReadFile("testdata/gleif_golden_copy.csv")
	// keep the header and the first two data rows
	lines := strings.SplitAfterN(string(src), "\n", 4)
	_, _ = io.WriteString(w, lines[0]+lines[1]+lines[2])
	_ = zw.Close()
	_ = zf.Close()
	stats := index(t, st, "gleif", zp)
	if stats.Entities != 2 {
		t.Fatalf("zip: %+v", stats)
	}
	loads, _ := st.ActiveLoads(context.Background())
	if len(loads) != 1 || loads[0].Rows != 2 {
		t.Fatalf("re-index must replace: %+v", loads)
	}
	gp := filepath.Join(dir, "golden.csv.gz")
	gf, _ := os.Create(gp)
	gw := gzip.NewWriter(gf)
	_, _ = gw.Write(src)
	_ = gw.Close()
	_ = gf.Close()
	if stats := index(t, st, "gleif", gp); stats.Entities != 13 {
		t.Fatalf("gz: %+v", stats)
	}
}

func TestIndexErrors(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := Index(ctx, st, "nope", []string{"x"}, tokenKeys, nil); !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("unknown format: %v", err)
	}
	_, err := Index(ctx, st, "gleif", []string{"testdata/companies_house_BasicCompanyData.csv"}, tokenKeys, nil)
	if err == nil || !strings.Contains(err.Error(), "missing column(s) LEI, Entity.LegalName") {
		t.Fatalf("wrong file: %v", err)
	}
	if _, err := Index(ctx, st, "gleif", []string{"testdata/does-not-exist.csv"}, tokenKeys, nil); err == nil {
		t.Fatal("missing file must fail")
	}
	bad := filepath.Join(t.TempDir(), "bad.ftm.json")
	_ = os.WriteFile(bad, []byte("{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{\"name\":[\"A\"]}}\n{not json\n"), 0o600)
	_, err = Index(ctx, st, "opensanctions", []string{bad}, tokenKeys, nil)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("bad json: %v", err)
	}
	// A failed load leaves nothing behind.
	loads, _ := st.ActiveLoads(ctx)
	if len(loads) != 0 {
		t.Fatalf("loads after failures: %+v", loads)
	}
	l := local(t, st)
	if l.Covers("GB") || !strings.Contains(l.WhyNotCovered("GB"), "nothing indexed") {
		t.Fatal("empty store covers nothing")
	}
	// Cancellation stops indexing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Index(cctx, st, "gleif", []string{"testdata/gleif_golden_copy.csv"}, tokenKeys, nil); err == nil {
		t.Fatal("cancelled index must fail")
	}
}

func TestSampleBulkFilesIndex(t *testing.T) {
	st := openStore(t)
	index(t, st, "gleif", "../../testdata/bulk/gleif_sample.csv")
	index(t, st, "ofac", "../../testdata/bulk/ofac/sdn.csv", "../../testdata/bulk/ofac/add.csv", "../../testdata/bulk/ofac/alt.csv")
	index(t, st, "opensanctions", "../../testdata/bulk/opensanctions_sample.ftm.json")
	l := local(t, st)
	if r := find(t, l, "Northwind Trading Ltd", "HK"); r.Name != "NORTHWIND TRADING LIMITED" {
		t.Fatalf("%+v", r)
	}
	if r := find(t, l, "OOO VYMYSEL LOGISTIK", "RU"); !slices.Contains(r.Topics, "sanction") {
		t.Fatalf("%+v", r)
	}
	if n, _, _ := l.AddressCount(context.Background(), "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, HK"); n < 5 {
		t.Fatalf("sample needs several companies at the Fictional Tower address, got %d", n)
	}
}

func TestDefaultAddressKeyIdempotent(t *testing.T) {
	for _, s := range []string{"Unit 1203, 12/F, Fictional Tower", "  ул. Примерная  1 ", "", "#10-01"} {
		k := DefaultAddressKey(s)
		if DefaultAddressKey(k) != k {
			t.Errorf("not idempotent on %q", s)
		}
	}
	if DefaultAddressKey("Unit 1203, 12/F") != "unit 1203 12 f" {
		t.Errorf("got %q", DefaultAddressKey("Unit 1203, 12/F"))
	}
}

// TestSampleAddressMatchesInput: with the address package's normaliser (what
// the pipeline injects), the input file's address finds the sample companies.
func TestSampleAddressMatchesInput(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := IndexWith(ctx, st, "gleif", []string{"../../testdata/bulk/gleif_sample.csv"},
		Options{Keys: tokenKeys, AddressKey: address.Normalise}); err != nil {
		t.Fatal(err)
	}
	l, err := NewLocal(ctx, st, tokenKeys, LocalOptions{AddressKey: address.Normalise})
	if err != nil {
		t.Fatal(err)
	}
	n, names, err := l.AddressCount(ctx, "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong")
	if err != nil || n != 8 {
		t.Fatalf("count %d %v %v", n, names, err)
	}
}

func TestListedAtAddress(t *testing.T) {
	st := openStore(t)
	index(t, st, "ofac", "../../testdata/bulk/ofac/sdn.csv", "../../testdata/bulk/ofac/add.csv", "../../testdata/bulk/ofac/alt.csv")
	index(t, st, "gleif", "../../testdata/bulk/gleif_sample.csv")
	l := local(t, st)
	got, err := l.ListedAtAddress(context.Background(), "Prospekt Izmyshleniy 9, Kazan, 420000, Russia")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("listed parties at the fictional Kazan address: %d, want 2: %+v", len(got), got)
	}
	// Companies at an address with no listed party: none returned.
	got, err = l.ListedAtAddress(context.Background(), "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong")
	if err != nil || len(got) != 0 {
		t.Fatalf("unlisted companies returned as listed: %v %+v", err, got)
	}
}
