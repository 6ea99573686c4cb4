package bulk

import (
	"encoding/csv"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// OpenSanctions "targets.simple.csv" (https://www.opensanctions.org/docs/bulk/csv/),
// one row per target entity, with a header row:
//
//	id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change
//
// Every field is quoted; a field of several values joins them with ";", each
// value quoted again when it holds a ";" or a quote (a CSV inside the CSV).
// sanctions are "program - reason - status - start - end" texts of the
// entity's Sanction entities; dataset holds dataset titles, not names;
// identifiers carry no scheme. Company, Organization, LegalEntity and
// PublicBody rows are indexed; people, vessels and aircraft are skipped.
// Read by both the opensanctions and the ofac sources (OpenSanctions
// publishes the file for its us_ofac_sdn and us_ofac_cons datasets too).

// isSimpleCSV is true for targets.simple.csv and names like it
// (us_ofac_sdn-targets.simple.csv).
func isSimpleCSV(name string) bool { return strings.HasSuffix(name, ".simple.csv") }

// splitMulti splits a ";"-joined multi-value field.
func splitMulti(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	r := csv.NewReader(strings.NewReader(s))
	r.Comma = ';'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	vals, err := r.Read()
	if err != nil {
		vals = strings.Split(s, ";")
	}
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func parseSimpleCSV(m member, emit emitFunc) error {
	return eachCSV(m, []string{"id", "schema", "name"}, func(h header, rec []string) error {
		return emit(simpleCSVRecord(h, rec))
	})
}

func simpleCSVRecord(h header, rec []string) *verify.Record {
	f := func(name string) string { return get(rec, h.col(name)) }
	id, name := f("id"), f("name")
	if id == "" || name == "" || !ftmOrgSchemata[f("schema")] {
		return nil
	}
	r := &verify.Record{ID: id, URL: "https://www.opensanctions.org/entities/" + id + "/", Name: name,
		OtherNames: uniq(splitMulti(f("aliases"))), Datasets: splitMulti(f("dataset")), Status: verify.StatusUnknown}
	if cs := splitMulti(f("countries")); len(cs) > 0 {
		r.Jurisdiction = strings.ToUpper(cs[0])
	}
	if as := splitMulti(f("addresses")); len(as) > 0 {
		r.RegisteredAddress = as[0]
	}
	for _, v := range splitMulti(f("identifiers")) {
		r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: "identifier", Value: v})
	}
	for _, s := range splitMulti(f("sanctions")) {
		// "program - reason - ...": the programme is the first part.
		if p, _, _ := strings.Cut(s, " - "); strings.TrimSpace(p) != "" && !contains(r.Programs, strings.TrimSpace(p)) {
			r.Programs = append(r.Programs, strings.TrimSpace(p))
		}
	}
	if f("sanctions") != "" {
		r.Topics = []string{"sanction"}
	} else {
		r.Topics = []string{"target"} // a target of the dataset, without a sanction of its own
	}
	return r
}
