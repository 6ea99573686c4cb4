package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

func TestFtMGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := FtM(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.ftm.jsonl", buf.Bytes())
}

func parseFtM(t *testing.T, b []byte) []FtMEntity {
	t.Helper()
	var out []FtMEntity
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e FtMEntity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, e)
	}
	return out
}

func TestFtMEntities(t *testing.T) {
	r := sampleReport()
	var buf bytes.Buffer
	if err := FtM(&buf, r); err != nil {
		t.Fatal(err)
	}
	ents := parseFtM(t, buf.Bytes())
	byID := map[string]FtMEntity{}
	for i, e := range ents {
		if _, dup := byID[e.ID]; dup {
			t.Errorf("duplicate id %s", e.ID)
		}
		byID[e.ID] = e
		// References point backwards: an importer reading in order never
		// meets an unknown id.
		for _, p := range []string{"addressEntity", "entity"} {
			for _, ref := range e.Properties[p] {
				j := slices.IndexFunc(ents, func(x FtMEntity) bool { return x.ID == ref })
				if j < 0 {
					t.Errorf("%s.%s points at missing %s", e.ID, p, ref)
				}
				if j > i {
					t.Errorf("%s.%s points forward at %s", e.ID, p, ref)
				}
			}
		}
		if slices.Contains(e.Properties["topics"], "corp.shell") {
			t.Errorf("%s carries the corp.shell topic", e.ID)
		}
	}

	tests := []struct {
		name, id, schema, prop string
		want                   []string
	}{
		{"canonical name", "resolve-C0001", "Company", "name", []string{"Northwind Harbour Trading Co., Ltd."}},
		{"spellings and registry names as aliases", "resolve-C0001", "Company", "alias",
			[]string{"NORTHWIND HARBOR TRADING COMPANY LIMITED", "Northwind Harbour Trdg", "NORTHWIND HARBOUR TRADING COMPANY LIMITED", "北風港貿易有限公司"}},
		{"countries lower-cased", "resolve-C0001", "Company", "country", []string{"hk", "cn"}},
		{"unknown schemes are registration numbers", "resolve-C0001", "Company", "registrationNumber", []string{"99000001"}},
		{"registry record as source", "resolve-C0001", "Company", "sourceUrl", []string{"https://registry.example/hk/HK-FICT-0000001"}},
		{"website from record and web check, once", "resolve-C0001", "Company", "website", []string{"https://northwind-harbour.example"}},
		{"lei", "resolve-C0002", "Company", "leiCode", []string{"529900FICTIONAL00002"}},
		{"jurisdiction", "resolve-C0002", "Company", "jurisdiction", []string{"de"}},
		{"inn", "resolve-C0003", "Company", "innCode", []string{"0000000003"}},
		{"ogrn", "resolve-C0003", "Company", "ogrnCode", []string{"0000000000003"}},
		{"kpp", "resolve-C0003", "Company", "kppCode", []string{"000000003"}},
		{"sanctions topic kept, shell label dropped", "resolve-C0003", "Company", "topics", []string{"sanction"}},
		{"association is an Organization", "resolve-C0007", "Organization", "opencorporatesUrl", []string{"https://companies.example/de/VR000007"}},
		{"no registry: no jurisdiction", "resolve-C0004", "Company", "jurisdiction", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no entity %s", tt.id)
			}
			if e.Schema != tt.schema {
				t.Errorf("schema = %s, want %s", e.Schema, tt.schema)
			}
			if got := e.Properties[tt.prop]; !slices.Equal(got, tt.want) {
				t.Errorf("%s = %q, want %q", tt.prop, got, tt.want)
			}
		})
	}

	// The two spellings of one address share one Address entity.
	c1 := byID["resolve-C0001"]
	addrIDs := c1.Properties["addressEntity"]
	if len(addrIDs) != 1 {
		t.Errorf("C0001 addressEntity = %v, want one entity for both spellings", addrIDs)
	}
	if a := byID[addrIDs[0]]; a.Schema != "Address" || !slices.Equal(a.Properties["country"], []string{"hk"}) ||
		a.Properties["full"][0] != "Unit 9, 88 Example Quay Road, Kowloon" {
		t.Errorf("address entity = %+v", a)
	}
	// One Sanction, for the record with the sanction topic, pointing at C0003.
	var sanctions []FtMEntity
	for _, e := range ents {
		if e.Schema == "Sanction" {
			sanctions = append(sanctions, e)
		}
	}
	if len(sanctions) != 1 || !slices.Equal(sanctions[0].Properties["entity"], []string{"resolve-C0003"}) {
		t.Fatalf("sanctions = %+v", sanctions)
	}
	if got := sanctions[0].Properties["retrievedAt"]; !slices.Equal(got, []string{"2026-03-01T12:30:00"}) {
		t.Errorf("retrievedAt = %v", got)
	}
	// Notes speak of indicators, never of a verdict.
	for _, n := range byID["resolve-C0001"].Properties["notes"] {
		if !strings.HasPrefix(n, "Indicator present: ") || strings.Contains(strings.ToLower(n), "shell") {
			t.Errorf("note %q", n)
		}
	}
}

func TestFtMIDsStable(t *testing.T) {
	a, b := sampleReport(), sampleReport()
	// Another run: other timestamps, clusters in another order, one more row.
	b.Run.ID = "another-run"
	slices.Reverse(b.Clusters)
	b.Clusters[0].Members = append(b.Clusters[0].Members, report.Member{Row: 99, Name: "x"})
	ids := func(r *report.Report) map[string]string {
		out := map[string]string{}
		for _, e := range FtMEntities(r) {
			out[e.ID] = e.Schema
		}
		return out
	}
	ia, ib := ids(a), ids(b)
	for id := range ia {
		if _, ok := ib[id]; !ok {
			t.Errorf("id %s of the first run missing from the second", id)
		}
	}
}

func TestClusterEntityID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C0001", "resolve-C0001"},
		{"c-7f3a9e", "resolve-c-7f3a9e"},
		{"has space", "resolve-" + sha1Hex("has space")},
		{"", "resolve-" + sha1Hex("")},
		{strings.Repeat("x", 200), "resolve-" + sha1Hex(strings.Repeat("x", 200))},
	}
	for _, tt := range tests {
		if got := ClusterEntityID(tt.in); got != tt.want {
			t.Errorf("ClusterEntityID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if AddressEntityID("12 Harbour Rd.") != AddressEntityID("  12  HARBOUR RD ") {
		t.Error("address spellings differing in case, spaces and punctuation get different ids")
	}
	if AddressEntityID("Flat 1/2 Example St") == AddressEntityID("Flat 12 Example St") {
		t.Error("slash folded away: 1/2 and 12 share an id")
	}
}

func TestFtMCountryAndDate(t *testing.T) {
	for in, want := range map[string]string{"DE": "de", "us_de": "us", "GB-SCT": "gb-sct", "US-DE": "us", "XX": "", "Germany": "", "": "", "az-nk": "az-nk"} {
		if got := ftmCountry(in); got != want {
			t.Errorf("ftmCountry(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"2019-03-26": "2019-03-26", "2019-03-26T10:00:00Z": "2019-03-26", "2019": "2019", "26/03/2019": "", "": ""} {
		if got := ftmDateValue(in); got != want {
			t.Errorf("ftmDateValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClusterSchema(t *testing.T) {
	tests := []struct {
		forms []string
		want  string
	}{
		{[]string{""}, "Company"},
		{[]string{"GmbH"}, "Company"},
		{[]string{"Eingetragener Verein"}, "Organization"},
		{[]string{"Charitable Incorporated Organisation"}, "Organization"},
		{[]string{"Sole trader"}, "LegalEntity"},
		{[]string{"Индивидуальный предприниматель"}, "LegalEntity"},
	}
	for _, tt := range tests {
		c := report.Cluster{ID: "X", CanonicalName: "X"}
		for _, f := range tt.forms {
			c.RegistryMatches = append(c.RegistryMatches, report.RegistryMatch{Score: 0.9, Record: report.Record{LegalForm: f, Identifiers: []report.Identifier{{Scheme: "kpp", Value: "1"}}}})
		}
		e := clusterEntity(&c)
		if e.Schema != tt.want {
			t.Errorf("legal forms %v: schema %s, want %s", tt.forms, e.Schema, tt.want)
		}
		if _, ok := e.Properties["kppCode"]; ok != (tt.want == "Company") {
			t.Errorf("legal forms %v: kppCode present = %v on %s", tt.forms, ok, e.Schema)
		}
	}
}

// ftmCheck runs testdata/ftm-check/check.js on file, or skips the test
// when node or the npm package is not installed.
func ftmCheck(t *testing.T, file string) ([]byte, error) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found on PATH: skipping the FtM model check (install nodejs, then `npm ci` in testdata/ftm-check; .ci/ui.sh does both)")
	}
	dir := filepath.Join(repoRoot(t), "testdata", "ftm-check")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@alephdata", "followthemoney", "package.json")); err != nil {
		t.Skipf("@alephdata/followthemoney not installed: skipping the FtM model check (run `npm ci` in %s; .ci/ui.sh does it)", dir)
	}
	// Reading the script makes `go test` caching notice when it changes.
	if _, err := os.ReadFile(filepath.Join(dir, "check.js")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir, "check.js"), file)
	return cmd.CombinedOutput()
}

func TestFtMValidAgainstPublishedModel(t *testing.T) {
	for name, r := range map[string]*report.Report{"sample": sampleReport(), "large": largeReport(500)} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := FtM(&buf, r); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), name+".ftm.jsonl")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := ftmCheck(t, file)
			if err != nil {
				t.Fatalf("check.js rejected the output: %v\n%s", err, out)
			}
			t.Logf("%s", bytes.TrimSpace(out))
		})
	}
}

// The checker is the test's only judge, so show it can fail.
func TestFtMCheckerRejectsBadEntities(t *testing.T) {
	bad := []string{
		`{"id":"a","schema":"Company","properties":{"name":["A"],"shellScore":["1"]}}`,
		`{"id":"b","schema":"Company","properties":{"name":["B"],"addressEntity":["missing"]}}`,
		`{"id":"c","schema":"NoSuchSchema","properties":{"name":["C"]}}`,
		`{"id":"d","schema":"Company","properties":{"name":["D"],"incorporationDate":["26/03/2019"]}}`,
		`{"id":"e","schema":"Sanction","properties":{"entity":["a"],"country":["qq"]}}`,
		`{"id":"f","schema":"Company","properties":{"name":["F"],"addressEntity":["a"]}}`,
	}
	wants := []string{"has no property shellScore", "points at missing", "unknown schema", "is not a date",
		"not a country code", "must point at a Address"}
	file := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(file, []byte(strings.Join(bad, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := ftmCheck(t, file)
	if err == nil {
		t.Fatalf("check.js accepted invalid entities:\n%s", out)
	}
	for _, w := range wants {
		if !strings.Contains(string(out), w) {
			t.Errorf("check.js output lacks %q:\n%s", w, out)
		}
	}
}

func BenchmarkFtM50k(b *testing.B) {
	r := largeReport(50000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := FtM(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
