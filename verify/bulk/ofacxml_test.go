package bulk

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/verify"
)

// The same fictional entities in each OFAC format: every format must give
// the facts the legacy CSVs give, and the XML formats more.
func TestIndexOFACFormats(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		id      string // of VYMYSEL LOGISTIK LLC
		richer  bool   // identifiers, website, founding date, jurisdiction from the file
		dataset string
	}{
		{"sdn.xml", []string{"testdata/ofac/sdn.xml"}, "99000001", true, "us_ofac_sdn"},
		{"SDN_ADVANCED.XML", []string{"testdata/ofac/SDN_ADVANCED.XML"}, "99000001", true, "us_ofac_sdn"},
		{"targets.simple.csv", []string{"testdata/ofac/targets.simple.csv"}, "ofac-99000001", false,
			"US OFAC Specially Designated Nationals (SDN) List"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			stats := index(t, st, "ofac", tt.files...)
			if stats.Entities != 2 || stats.Skipped != 2 {
				t.Fatalf("stats %+v (the individual and the vessel must be skipped)", stats)
			}
			l := local(t, st)
			r := find(t, l, "OOO Vymysel Logistik", "RU")
			if r.ID != tt.id || r.Name != "VYMYSEL LOGISTIK LLC" || !slices.Contains(r.Topics, "sanction") ||
				!slices.Contains(r.OtherNames, "OOO VYMYSEL LOGISTIK") ||
				!slices.Contains(r.OtherNames, "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU VYMYSEL LOGISTIK") ||
				r.RegisteredAddress != "Prospekt Izmyshleniy 9, Kazan, 420000, Russia" ||
				!slices.Equal(r.Programs, []string{"RUSSIA-EO14024"}) || !slices.Equal(r.Datasets, []string{tt.dataset}) {
				t.Fatalf("record %+v", r)
			}
			if tt.richer {
				want := []verify.Identifier{{Scheme: "ofac_ent_num", Value: "99000001"},
					{Scheme: "tax_number", Value: "0000000000"}, {Scheme: "registration_number", Value: "1000000000000"}}
				if !slices.Equal(r.Identifiers, want) || r.Jurisdiction != "RU" || r.IncorporatedOn != "2019-03-14" ||
					!slices.Equal(r.Websites, []string{"www.vymysel-logistik.example"}) ||
					r.URL != "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=99000001" {
					t.Fatalf("identifiers %v, jurisdiction %q, incorporated %q, websites %v, url %s",
						r.Identifiers, r.Jurisdiction, r.IncorporatedOn, r.Websites, r.URL)
				}
			} else if r.Jurisdiction != "RU" || len(r.Identifiers) != 2 {
				t.Fatalf("simple CSV: jurisdiction %q identifiers %v", r.Jurisdiction, r.Identifiers)
			}
			r = find(t, l, "Primer Avto", "RU")
			if !slices.Equal(r.Programs, []string{"RUSSIA-EO14024", "UKRAINE-EO13662"}) || !slices.Contains(r.OtherNames, "AO PRIMER AVTO") {
				t.Fatalf("PRIMER-AVTO %+v", r)
			}
			if recs, _ := l.Search(context.Background(), verify.Query{Names: []string{"Ivan Petrovich Example"}}); len(recs) != 0 {
				t.Fatalf("individuals must not be indexed: %+v", recs)
			}
			if recs, _ := l.Search(context.Background(), verify.Query{Names: []string{"Fictional Star"}}); len(recs) != 0 {
				t.Fatalf("vessels must not be indexed: %+v", recs)
			}
		})
	}
}

// The advanced file's relationships become officers: an owner of the
// owned entity, and a leader of the organisation, for the FtM output.
func TestOFACAdvancedRelationships(t *testing.T) {
	st := openStore(t)
	index(t, st, "ofac", "testdata/ofac/SDN_ADVANCED.XML")
	l := local(t, st)
	r := find(t, l, "Primer Avto", "RU")
	if !slices.Equal(r.Officers, []verify.Officer{{Name: "VYMYSEL LOGISTIK LLC", Role: "owner (OFAC: owned or controlled by)"}}) {
		t.Fatalf("PRIMER-AVTO officers %+v", r.Officers)
	}
	r = find(t, l, "Vymysel Logistik", "RU")
	if !slices.Equal(r.Officers, []verify.Officer{{Name: "EXAMPLE Ivan Petrovich", Role: "leader or official (OFAC)"}}) {
		t.Fatalf("VYMYSEL officers %+v", r.Officers)
	}
}

// OpenSanctions publishes targets.simple.csv for every dataset: the
// opensanctions source reads it too, ";" inside a quoted value included.
func TestIndexOpenSanctionsSimpleCSV(t *testing.T) {
	st := openStore(t)
	stats := index(t, st, "opensanctions", "testdata/ofac/targets.simple.csv")
	if stats.Entities != 2 || stats.Skipped != 2 {
		t.Fatalf("stats %+v", stats)
	}
	r := find(t, local(t, st), "Primer Avto", "RU")
	if !slices.Equal(r.OtherNames, []string{"AO PRIMER AVTO", "AO PRIMER; AVTO"}) ||
		r.URL != "https://www.opensanctions.org/entities/ofac-99000002/" {
		t.Fatalf("record %+v", r)
	}
}

func TestIndexOFACXMLErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, file, body, want string
	}{
		{"other XML", "sdn.xml", `<?xml version="1.0"?><CORPCODE><list/></CORPCODE>`, "root element <CORPCODE>"},
		{"truncated", "sdn.xml", "<sdnList>\n<sdnEntry><uid>1</uid>\n<lastName>X", "sdn.xml:3:"},
		{"empty list", "sdn.xml", `<sdnList><publshInformation/></sdnList>`, "no <sdnEntry>"},
		{"advanced without parties", "sdn_advanced.xml", `<Sanctions><ReferenceValueSets/></Sanctions>`, "no <DistinctParty>"},
		{"simple CSV of another kind", "targets.simple.csv", "a,b\n1,2\n", "missing column(s) id, schema, name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			_, err := Index(context.Background(), st, "ofac", []string{write(tt.file, tt.body)}, tokenKeys, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// sdnXMLStream generates an sdn.xml of n entities on the fly, so the test
// never holds the document: 1 in 4 entries is an individual.
type sdnXMLStream struct {
	n, i          int
	buf           []byte
	started, done bool
}

func (s *sdnXMLStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.done:
			return 0, io.EOF
		case !s.started:
			s.buf = append(s.buf, `<?xml version="1.0" standalone="yes"?>`+"\n"+`<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">`+"\n"...)
			s.started = true
		case s.i < s.n:
			s.buf = s.entry(s.buf)
		default:
			s.buf = append(s.buf, "</sdnList>\n"...)
			s.done = true
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

func (s *sdnXMLStream) entry(b []byte) []byte {
	typ := "Entity"
	if s.i%4 == 3 {
		typ = "Individual"
	}
	b = fmt.Appendf(b, `<sdnEntry><uid>%d</uid><lastName>FICTIONAL BULK %d TRADING LLC</lastName><sdnType>%s</sdnType>`+
		`<programList><program>RUSSIA-EO14024</program></programList>`+
		`<idList><id><uid>%d</uid><idType>Registration Number</idType><idNumber>%013d</idNumber></id></idList>`+
		`<akaList><aka><uid>%d</uid><type>a.k.a.</type><category>strong</category><lastName>OOO FICTIONAL BULK %d</lastName></aka></akaList>`+
		`<addressList><address><uid>%d</uid><address1>%d Example Prospekt</address1><city>Kazan</city><country>Russia</country></address></addressList>`+
		"</sdnEntry>\n", 90000000+s.i, s.i, typ, s.i, s.i, s.i, s.i, s.i, s.i%500)
	s.i++
	return b
}

// Reading sdn.xml holds one entry at a time: the heap stays a small fraction
// of the document however long it is (here ~20 MB, never in memory whole).
func TestSDNXMLStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20 MB of XML")
	}
	const n = 40_000
	var size int64
	m := member{Name: "sdn.xml", Path: "generated sdn.xml", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(&countingReader{r: &sdnXMLStream{n: n}, n: &size}), nil
	}}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak uint64
	entities, skipped := 0, 0
	err := parseOFAC(context.Background(), []member{m}, func(r *verify.Record) error {
		if r == nil {
			skipped++
			return nil
		}
		entities++
		if entities%5000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if entities != n*3/4 || skipped != n/4 {
		t.Fatalf("entities %d skipped %d", entities, skipped)
	}
	grew := int64(peak) - int64(base)
	t.Logf("document %.1f MiB, heap grew by at most %.1f MiB", float64(size)/(1<<20), float64(grew)/(1<<20))
	if size < 16<<20 {
		t.Fatalf("generated only %d bytes", size)
	}
	if grew > 8<<20 {
		t.Fatalf("heap grew by %d bytes reading a %d-byte document: not streamed", grew, size)
	}
}

type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// BenchmarkParseSDNXML: go test ./verify/bulk -run '^$' -bench ParseSDNXML -benchmem
func BenchmarkParseSDNXML(b *testing.B) {
	const n = 10_000
	for b.Loop() {
		m := member{Name: "sdn.xml", Path: "generated", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(&sdnXMLStream{n: n}), nil
		}}
		if err := parseOFAC(context.Background(), []member{m}, func(*verify.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// No input makes the OFAC XML readers panic; whatever they emit has a name
// and an ID (testdata/fuzz holds an entry with neither, found this way).
func FuzzOFACXML(f *testing.F) {
	for _, p := range []string{"testdata/ofac/sdn.xml", "testdata/ofac/SDN_ADVANCED.XML"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<Sanctions><DistinctParties><DistinctParty><Profile ID="1"/></DistinctParty></DistinctParties></Sanctions>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := member{Name: "sdn.xml", Path: "fuzz", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(string(b))), nil
		}}
		_ = parseOFACXML(m, func(r *verify.Record) error {
			if r != nil && (r.ID == "" || r.Name == "") {
				t.Fatalf("record without ID or name: %+v", r)
			}
			return nil
		})
	})
}
