package bulk

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// OpenSanctions FtM entity JSON lines (https://www.opensanctions.org/docs/bulk/json/):
// {"id","caption","schema","properties":{prop:[values]},"datasets":[],"target":bool,...}
// one per line. Company, Organization and LegalEntity entities are indexed;
// relationship entities (Ownership, Sanction, ...) and people are skipped.
// A .csv file is read as targets.simple.csv instead (simplecsv.go).

// FtMEntity is one FollowTheMoney entity as OpenSanctions publishes it, in
// bulk files and in /match results.
type FtMEntity struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Target     bool                `json:"target"`
}

var ftmOrgSchemata = map[string]bool{"Company": true, "Organization": true, "LegalEntity": true, "PublicBody": true}

// ftmIdentifiers maps FtM properties to identifier schemes.
var ftmIdentifiers = []struct{ prop, scheme string }{
	{"leiCode", "lei"}, {"registrationNumber", "registration_number"}, {"innCode", "inn"}, {"ogrnCode", "ogrn"},
	{"kppCode", "kpp"}, {"okpoCode", "okpo"}, {"taxNumber", "tax_number"}, {"vatCode", "vat"},
	{"swiftBic", "bic"}, {"uniqueEntityId", "uei"}, {"icijId", "icij_node_id"}, {"opencorporatesUrl", "opencorporates_url"},
}

func parseFtM(ctx context.Context, files []member, emit emitFunc) error {
	for _, m := range files {
		if strings.HasSuffix(m.Name, ".csv") {
			if err := parseSimpleCSV(m, emit); err != nil {
				return err
			}
			continue
		}
		if err := parseFtMFile(m, emit); err != nil {
			return err
		}
	}
	return nil
}

func parseFtMFile(m member, emit emitFunc) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	line := 0
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
			var e FtMEntity
			if s := strings.TrimSpace(string(b)); s != "" {
				if jerr := json.Unmarshal([]byte(s), &e); jerr != nil {
					return fmt.Errorf("%s: line %d: not an FtM entity: %w", m.Path, line, jerr)
				}
				if eerr := emit(ftmRecord(&e)); eerr != nil {
					return eerr
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", m.Path, line+1, err)
		}
	}
}

func ftmRecord(e *FtMEntity) *verify.Record { return e.Record() }

// Record maps a Company, Organization, LegalEntity or PublicBody entity to a
// record; it returns nil for any other schema (people, relationships).
func (e *FtMEntity) Record() *verify.Record {
	if !ftmOrgSchemata[e.Schema] || e.ID == "" {
		return nil
	}
	p := e.Properties
	first := func(k string) string {
		if v := p[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	names := append([]string{}, p["name"]...)
	if len(names) == 0 && e.Caption != "" {
		names = []string{e.Caption}
	}
	if len(names) == 0 {
		return nil
	}
	r := &verify.Record{ID: e.ID, URL: "https://www.opensanctions.org/entities/" + e.ID + "/", Name: names[0],
		LegalForm: first("legalForm"), IncorporatedOn: parseDate(first("incorporationDate")),
		DissolvedOn: parseDate(first("dissolutionDate")), RegisteredAddress: first("address"),
		Websites: p["website"], Topics: p["topics"], Datasets: e.Datasets, Programs: p["programId"]}
	if e.Caption != "" && e.Caption != names[0] {
		// the caption is the display name OpenSanctions chose; prefer it
		r.Name = e.Caption
	}
	for _, n := range append(append(append(names, p["alias"]...), p["previousName"]...), p["weakAlias"]...) {
		if n != r.Name {
			r.OtherNames = append(r.OtherNames, n)
		}
	}
	r.OtherNames = uniq(r.OtherNames)
	for _, k := range []string{"jurisdiction", "country", "mainCountry"} {
		if v := first(k); v != "" {
			r.Jurisdiction = strings.ToUpper(v)
			break
		}
	}
	r.Status = ftmStatus(first("status"), r.DissolvedOn)
	for _, id := range ftmIdentifiers {
		for _, v := range p[id.prop] {
			r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: id.scheme, Value: v})
		}
	}
	if e.Target && !contains(r.Topics, "sanction") && len(r.Topics) == 0 {
		r.Topics = []string{"target"}
	}
	return r
}

func ftmStatus(s, dissolved string) verify.Status {
	ls := strings.ToLower(s)
	switch {
	case strings.Contains(ls, "liquidat"):
		return verify.StatusLiquidation
	case strings.Contains(ls, "struck"):
		return verify.StatusStruckOff
	case strings.Contains(ls, "dissolv"), strings.Contains(ls, "closed"), strings.Contains(ls, "inactive"):
		return verify.StatusDissolved
	case strings.Contains(ls, "active"):
		return verify.StatusActive
	case dissolved != "":
		return verify.StatusDissolved
	}
	return verify.StatusUnknown
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
