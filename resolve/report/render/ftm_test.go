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
	"time"

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

// entityProps are the entity-typed properties this renderer writes.
var entityProps = []string{"addressEntity", "entity", "candidate", "match", "owner", "asset", "director",
	"organization", "subject", "object"}

// checkRefs fails on duplicate ids and on references to an entity that is
// missing or written later: an importer reading in order never meets an
// unknown id. It returns the entities by id.
func checkRefs(t *testing.T, ents []FtMEntity) map[string]FtMEntity {
	t.Helper()
	byID := map[string]FtMEntity{}
	for i, e := range ents {
		if _, dup := byID[e.ID]; dup {
			t.Errorf("duplicate id %s", e.ID)
		}
		byID[e.ID] = e
		for _, p := range entityProps {
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
	return byID
}

func ofSchema(ents []FtMEntity, schema string) []FtMEntity {
	var out []FtMEntity
	for _, e := range ents {
		if e.Schema == schema {
			out = append(out, e)
		}
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
	byID := checkRefs(t, ents)

	hk := RecordEntityID("local", "HK-FICT-0000001")
	tests := []struct {
		name, id, schema, prop string
		want                   []string
	}{
		{"canonical name", "resolve-C0001", "Company", "name", []string{"Northwind Harbour Trading Co., Ltd."}},
		{"input spellings as aliases, not the registry's names", "resolve-C0001", "Company", "alias",
			[]string{"NORTHWIND HARBOR TRADING COMPANY LIMITED", "Northwind Harbour Trdg"}},
		{"countries lower-cased", "resolve-C0001", "Company", "country", []string{"hk", "cn"}},
		{"cluster: website from the web check", "resolve-C0001", "Company", "website", []string{"https://northwind-harbour.example"}},
		{"cluster: no registry number of its own", "resolve-C0001", "Company", "registrationNumber", nil},
		{"cluster: no status of its own", "resolve-C0001", "Company", "status", nil},
		{"record: its own name", hk, "Company", "name", []string{"NORTHWIND HARBOUR TRADING COMPANY LIMITED"}},
		{"record: its other names", hk, "Company", "alias", []string{"北風港貿易有限公司"}},
		{"record: a BRN is a registration number", hk, "Company", "registrationNumber", []string{"99000001"}},
		{"record: its URL as source", hk, "Company", "sourceUrl", []string{"https://registry.example/hk/HK-FICT-0000001"}},
		{"record: status and date", hk, "Company", "incorporationDate", []string{"2025-10-20"}},
		{"lei", RecordEntityID("gleif", "529900FICTIONAL00002"), "Company", "leiCode", []string{"529900FICTIONAL00002"}},
		{"jurisdiction", RecordEntityID("gleif", "529900FICTIONAL00002"), "Company", "jurisdiction", []string{"de"}},
		{"no registry: no jurisdiction", "resolve-C0004", "Company", "jurisdiction", nil},
		{"inn", RecordEntityID("opensanctions", "NK-FICTIONAL0000000000003"), "Company", "innCode", []string{"0000000003"}},
		{"ogrn", RecordEntityID("opensanctions", "NK-FICTIONAL0000000000003"), "Company", "ogrnCode", []string{"0000000000003"}},
		{"kpp", RecordEntityID("opensanctions", "NK-FICTIONAL0000000000003"), "Company", "kppCode", []string{"000000003"}},
		{"sanctions topic on the listed record, shell label dropped", RecordEntityID("opensanctions", "NK-FICTIONAL0000000000003"),
			"Company", "topics", []string{"sanction"}},
		{"not on the cluster that resembles it", "resolve-C0003", "Company", "topics", nil},
		{"association is an Organization", RecordEntityID("opencorporates", "de/VR000007"), "Organization", "opencorporatesUrl",
			[]string{"https://companies.example/de/VR000007"}},
		{"and so is the cluster", "resolve-C0007", "Organization", "name", []string{"Friends of Example Harbour e.V."}},
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

	// The two spellings of one address share one Address entity, which the
	// registry record names too.
	c1 := byID["resolve-C0001"]
	addrIDs := c1.Properties["addressEntity"]
	if len(addrIDs) != 1 || !slices.Equal(byID[hk].Properties["addressEntity"], addrIDs) {
		t.Errorf("C0001 addressEntity = %v, record's %v: want one entity for both spellings and the record", addrIDs,
			byID[hk].Properties["addressEntity"])
	}
	if a := byID[addrIDs[0]]; a.Schema != "Address" || !slices.Equal(a.Properties["country"], []string{"hk"}) ||
		a.Properties["full"][0] != "Unit 9, 88 Example Quay Road, Kowloon" {
		t.Errorf("address entity = %+v", a)
	}
	// Every match is a Similar from the cluster to the record.
	sims := ofSchema(ents, "Similar")
	if len(sims) != 4 {
		t.Errorf("%d Similar entities, want one per registry match (4)", len(sims))
	}
	s := byID[SimilarEntityID("C0001", "local", "HK-FICT-0000001")]
	if !slices.Equal(s.Properties["candidate"], []string{"resolve-C0001"}) || !slices.Equal(s.Properties["match"], []string{hk}) ||
		!slices.Equal(s.Properties["confidenceScore"], []string{"0.97"}) ||
		!slices.Equal(s.Properties["criteria"], []string{"all distinctive tokens equal"}) {
		t.Errorf("similar = %+v", s)
	}
	// One Sanction, for the record with the sanction topic, pointing at the record.
	sanctions := ofSchema(ents, "Sanction")
	if len(sanctions) != 1 || !slices.Equal(sanctions[0].Properties["entity"], []string{RecordEntityID("opensanctions", "NK-FICTIONAL0000000000003")}) {
		t.Fatalf("sanctions = %+v", sanctions)
	}
	if got := sanctions[0].Properties["retrievedAt"]; !slices.Equal(got, []string{"2026-03-01T12:30:00"}) {
		t.Errorf("retrievedAt = %v", got)
	}
	if got := sanctions[0].Properties["publisher"]; !slices.Equal(got, []string{"OpenSanctions"}) {
		t.Errorf("publisher = %v", got)
	}
	// The corporate director is a Company directing the record.
	dirs := ofSchema(ents, "Directorship")
	if len(dirs) != 1 || !slices.Equal(dirs[0].Properties["organization"], []string{hk}) ||
		byID[dirs[0].Properties["director"][0]].Properties["name"][0] != "Example Nominees Ltd" ||
		byID[dirs[0].Properties["director"][0]].Schema != "Company" {
		t.Errorf("directorships = %+v", dirs)
	}
	// Notes speak of indicators, never of a verdict.
	for _, n := range byID["resolve-C0001"].Properties["notes"] {
		if !strings.HasPrefix(n, "Indicator present: ") || strings.Contains(strings.ToLower(n), "shell") {
			t.Errorf("note %q", n)
		}
	}
}

// recordsReport is a cluster matched by records of several kinds of
// source (a sanctions list in the local store, a leak, a register with
// officers and owners, GLEIF with a parent), and a second cluster that
// matched the same sanctions record.
func recordsReport() *report.Report {
	retrieved := time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)
	ofac := report.RegistryMatch{Source: "local", Score: 0.92,
		Reasons: []report.Reason{{Kind: "token_exact", Detail: "all distinctive tokens equal"}},
		Record: report.Record{ID: "99000001", URL: "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=99000001",
			Name: "VYMYSEL LOGISTIK LLC", OtherNames: []string{"OOO VYMYSEL LOGISTIK"}, Jurisdiction: "RU",
			RegisteredAddress: "Prospekt Izmyshleniy 9, Kazan, 420000, Russia", Status: "unknown",
			Identifiers: []report.Identifier{{Scheme: "ofac_ent_num", Value: "99000001"}, {Scheme: "tax_number", Value: "0000000000"}},
			Officers:    []report.Officer{{Name: "EXAMPLE Ivan Petrovich", Role: "leader or official (OFAC)"}},
			Websites:    []string{"www.vymysel-logistik.example"},
			Topics:      []string{"sanction"}, Datasets: []string{"us_ofac_sdn"}, Programs: []string{"RUSSIA-EO14024"}, RetrievedAt: retrieved}}
	icij := report.RegistryMatch{Source: "local", Score: 0.81,
		Record: report.Record{ID: "99100007", URL: "https://offshoreleaks.icij.org/nodes/99100007", Name: "VYMYSEL LOGISTIK LIMITED",
			Jurisdiction: "VG", LegalForm: "Business Company Limited by Shares", Status: "struck_off", IncorporatedOn: "2012-04-02",
			DissolvedOn: "2016-05-01", RegisteredAddress: "PO Box 0000, Road Town, Tortola",
			Identifiers: []report.Identifier{{Scheme: "icij_node_id", Value: "99100007"}, {Scheme: "company_number", Value: "0000007"}},
			Officers:    []report.Officer{{Name: "Example Corporate Services Ltd", Role: "service provider"}},
			Datasets:    []string{"icij_offshoreleaks", "Panama Papers"}, RetrievedAt: retrieved}}
	ch := report.RegistryMatch{Source: "companies_house", Score: 0.88,
		Record: report.Record{ID: "00000042", URL: "https://find-and-update.company-information.service.gov.uk/company/00000042",
			Name: "VYMYSEL LOGISTIK UK LTD", Jurisdiction: "GB", LegalForm: "ltd", Status: "active",
			Identifiers: []report.Identifier{{Scheme: "company_number", Value: "00000042"}},
			Officers: []report.Officer{{Name: "EXAMPLE, Anna", Role: "director (resigned 2024-05-31)"},
				{Name: "EXAMPLE, Anna", Role: "secretary"},
				{Name: "Vymysel Holding AG", Role: "psc: ownership-of-shares-75-to-100-percent"}},
			RetrievedAt: retrieved}}
	gleif := report.RegistryMatch{Source: "gleif", Score: 0.9,
		Record: report.Record{ID: "529900FICTIONAL00042", Name: "VYMYSEL LOGISTIK UK LTD", Jurisdiction: "GB",
			Identifiers: []report.Identifier{{Scheme: "lei", Value: "529900FICTIONAL00042"}, {Scheme: "gleif_ra", Value: "RA000585"}},
			Officers:    []report.Officer{{Name: "VYMYSEL HOLDING AG (LEI 529900FICTIONAL00043)", Role: "direct parent"}},
			RetrievedAt: retrieved}}
	return &report.Report{Clusters: []report.Cluster{
		{ID: "C1", CanonicalName: "Vymysel Logistik", Countries: []string{"RU"},
			Members:         []report.Member{{Row: 2, Name: "Vymysel Logistik", Country: "RU", Address: "Kazan"}},
			RegistryMatches: []report.RegistryMatch{ofac, icij, ch, gleif}},
		{ID: "C2", CanonicalName: "OOO Vymysel Logistik", Countries: []string{"RU"},
			Members:         []report.Member{{Row: 3, Name: "OOO Vymysel Logistik", Country: "RU"}},
			RegistryMatches: []report.RegistryMatch{ofac}},
	}}
}

// Each source's record is an entity of its own: a dissolution date from a
// leak, a list's entry number and a register's status never merge into the
// cluster's entity, identifiers sit in their own properties, and the list's
// authority, the officers and the owners are entities and links.
func TestFtMRecordsStaySeparate(t *testing.T) {
	ents := FtMEntities(recordsReport())
	byID := checkRefs(t, ents)
	c1 := byID["resolve-C1"]
	for _, p := range []string{"dissolutionDate", "status", "registrationNumber", "idNumber", "icijId", "leiCode", "topics", "jurisdiction"} {
		if v, ok := c1.Properties[p]; ok {
			t.Errorf("cluster entity has %s %v: records' facts must stay on the records", p, v)
		}
	}
	ofac := byID[RecordEntityID("local", "99000001")]
	icij := byID[RecordEntityID("local", "99100007")]
	ch := byID[RecordEntityID("companies_house", "00000042")]
	gleif := byID[RecordEntityID("gleif", "529900FICTIONAL00042")]
	tests := []struct {
		name string
		e    FtMEntity
		prop string
		want []string
	}{
		{"OFAC entity number is an id number", ofac, "idNumber", []string{"99000001"}},
		{"never a registration number", ofac, "registrationNumber", nil},
		{"tax number", ofac, "taxNumber", []string{"0000000000"}},
		{"list programme", ofac, "program", []string{"RUSSIA-EO14024"}},
		{"listed", ofac, "topics", []string{"sanction"}},
		{"website written by the list without scheme", ofac, "website", []string{"https://www.vymysel-logistik.example"}},
		{"publisher names the bulk file", ofac, "publisher", []string{"local: OFAC"}},
		{"ICIJ node id", icij, "icijId", []string{"99100007"}},
		{"ICIJ company number", icij, "registrationNumber", []string{"0000007"}},
		{"ICIJ dissolution on the ICIJ record", icij, "dissolutionDate", []string{"2016-05-01"}},
		{"ICIJ status", icij, "status", []string{"struck_off"}},
		{"ICIJ as publisher", icij, "publisher", []string{"local: ICIJ Offshore Leaks"}},
		{"register status", ch, "status", []string{"active"}},
		{"LEI", gleif, "leiCode", []string{"529900FICTIONAL00042"}},
		{"the registration authority's code is not the company's", gleif, "idNumber", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Properties[tt.prop]; !slices.Equal(got, tt.want) {
				t.Errorf("%s %s = %q, want %q", tt.e.ID, tt.prop, got, tt.want)
			}
		})
	}

	// The OFAC record matched both clusters: one entity, two Similar links.
	if n := len(ofSchema(ents, "Similar")); n != 5 {
		t.Errorf("%d Similar, want 5 (one per match)", n)
	}
	if s := byID[SimilarEntityID("C2", "local", "99000001")]; !slices.Equal(s.Properties["match"], []string{ofac.ID}) ||
		!slices.Equal(s.Properties["candidate"], []string{"resolve-C2"}) {
		t.Errorf("C2's similar %+v", s)
	}
	// The sanction is OFAC's, on the OFAC record, with OFAC's entry number.
	sanctions := ofSchema(ents, "Sanction")
	if len(sanctions) != 1 {
		t.Fatalf("sanctions %+v", sanctions)
	}
	sp := sanctions[0].Properties
	if !slices.Equal(sp["entity"], []string{ofac.ID}) || !strings.Contains(sp["authority"][0], "Office of Foreign Assets Control") ||
		!slices.Equal(sp["authorityId"], []string{"99000001"}) || !slices.Equal(sp["country"], []string{"us"}) ||
		!slices.Equal(sp["program"], []string{"RUSSIA-EO14024"}) || !slices.Equal(sp["publisher"], []string{"OFAC"}) {
		t.Errorf("sanction %+v", sp)
	}
	// The list's address is an Address entity the record names, not the cluster.
	addr := AddressEntityID("Prospekt Izmyshleniy 9, Kazan, 420000, Russia")
	if !slices.Contains(ofac.Properties["addressEntity"], addr) || slices.Contains(c1.Properties["addressEntity"], addr) ||
		byID[addr].Schema != "Address" {
		t.Errorf("OFAC address entity: record %v, cluster %v", ofac.Properties["addressEntity"], c1.Properties["addressEntity"])
	}

	// Links: who is named, how, to which record.
	type link struct{ schema, from, to, role, end string }
	var got []link
	for _, e := range ents {
		var from, to string
		switch e.Schema {
		case "Ownership":
			from, to = e.Properties["owner"][0], e.Properties["asset"][0]
		case "Directorship":
			from, to = e.Properties["director"][0], e.Properties["organization"][0]
		case "UnknownLink":
			from, to = e.Properties["subject"][0], e.Properties["object"][0]
		default:
			continue
		}
		end := ""
		if v := e.Properties["endDate"]; len(v) > 0 {
			end = v[0]
		}
		got = append(got, link{e.Schema, byID[from].Schema + " " + byID[from].Properties["name"][0], to, e.Properties["role"][0], end})
	}
	want := []link{
		{"Directorship", "LegalEntity EXAMPLE Ivan Petrovich", ofac.ID, "leader or official (OFAC)", ""},
		{"UnknownLink", "LegalEntity Example Corporate Services Ltd", icij.ID, "service provider", ""},
		{"Directorship", "LegalEntity EXAMPLE, Anna", ch.ID, "director (resigned 2024-05-31)", "2024-05-31"},
		{"Directorship", "LegalEntity EXAMPLE, Anna", ch.ID, "secretary", ""},
		{"Ownership", "LegalEntity Vymysel Holding AG", ch.ID, "psc: ownership-of-shares-75-to-100-percent", ""},
		{"Ownership", "Company VYMYSEL HOLDING AG", gleif.ID, "direct parent", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("links\n got %v\nwant %v", got, want)
	}
	parent := byID[byID[ofSchema(ents, "Ownership")[1].Properties["owner"][0]].ID]
	if !slices.Equal(parent.Properties["leiCode"], []string{"529900FICTIONAL00043"}) {
		t.Errorf("parent %+v", parent)
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
		if e := clusterEntity(&c); e.Schema != tt.want {
			t.Errorf("legal forms %v: schema %s, want %s", tt.forms, e.Schema, tt.want)
		}
		e := recordEntity(&c.RegistryMatches[0])
		if e.Schema != tt.want {
			t.Errorf("legal forms %v: record schema %s, want %s", tt.forms, e.Schema, tt.want)
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
	for name, r := range map[string]*report.Report{"sample": sampleReport(), "large": largeReport(500), "records": recordsReport()} {
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
