package render

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/resolve-tool/resolve/resolve/report"
)

// FtMEntity is one FollowTheMoney entity as written by FtM: a line of
// `{"id", "schema", "properties"}` where every property holds a list of
// strings. It is the shape Aleph's and OpenSanctions' tools read
// (`ftm validate`, `alephclient write-entities`).
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// FtM writes the report as FollowTheMoney entities, one JSON object a line.
//
// For every cluster, in report order, it writes the Address entities that no
// earlier cluster wrote, then the cluster's legal entity, then one Sanction
// entity per sanctions record that matched it. See the package documentation
// for the mapping and the ID scheme.
func FtM(w io.Writer, r *report.Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, e := range FtMEntities(r) {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("render ftm: entity %s: %w", e.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render ftm: %w", err)
	}
	return nil
}

// FtMEntities converts a report into FtM entities in output order. FtM
// writes exactly these, one a line.
func FtMEntities(r *report.Report) []FtMEntity {
	addrs := collectAddresses(r)
	written := make(map[string]bool, len(addrs))
	out := make([]FtMEntity, 0, len(r.Clusters)+len(addrs))
	for i := range r.Clusters {
		c := &r.Clusters[i]
		for _, a := range clusterAddresses(c) {
			id := AddressEntityID(a.text)
			if written[id] {
				continue
			}
			written[id] = true
			out = append(out, addrs[id].entity(id))
		}
		out = append(out, clusterEntity(c))
		out = append(out, sanctionEntities(c)...)
	}
	return out
}

// ClusterEntityID is the FtM id of a cluster's legal entity:
// "resolve-" followed by the cluster ID when that is a short plain token, or
// by the SHA-1 of the cluster ID otherwise. The same cluster ID gives the same
// entity ID in every run.
func ClusterEntityID(clusterID string) string {
	if plainID.MatchString(clusterID) {
		return "resolve-" + clusterID
	}
	return "resolve-" + sha1Hex(clusterID)
}

// AddressEntityID is the FtM id of an Address entity: "resolve-addr-" and the
// SHA-1 of the normalised address (NFKC, lower case, runs of spaces and
// punctuation other than # and / folded to one space, trimmed). The same
// address written slightly differently ("12 Harbour Rd." and "12 HARBOUR RD")
// gives one entity, shared by every cluster that names it.
func AddressEntityID(address string) string {
	return "resolve-addr-" + sha1Hex(normaliseAddress(address))
}

// SanctionEntityID is the FtM id of the Sanction linking a cluster to one
// sanctions record of one source.
func SanctionEntityID(clusterID, source, recordID string) string {
	return "resolve-sanction-" + sha1Hex(clusterID+"\x00"+source+"\x00"+recordID)
}

var (
	plainID    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,120}$`)
	ftmDate    = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?`)
	addrFolder = regexp.MustCompile(`[^\p{L}\p{N}#/]+`)
)

func sha1Hex(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}

func normaliseAddress(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.TrimSpace(addrFolder.ReplaceAllString(s, " "))
}

// props is an FtM property bag that keeps the first-seen order of values
// and drops empty and repeated ones.
type props struct {
	schema string
	m      map[string][]string
}

func newProps(schema string) *props {
	return &props{schema: schema, m: map[string][]string{}}
}

// add appends values to a property, cut to the property's maximum length.
// Properties the schema does not have are dropped (see schemaLacks).
func (p *props) add(name string, values ...string) {
	if schemaLacks[p.schema][name] {
		return
	}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if n, ok := maxLength[name]; ok {
			v = truncateRunes(v, n)
		}
		if slices.Contains(p.m[name], v) {
			continue
		}
		p.m[name] = append(p.m[name], v)
	}
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n]))
}

// maxLength holds the FtM model's maximum lengths for the properties this
// renderer writes (defaultModel.json in @alephdata/followthemoney 3.8.4).
var maxLength = map[string]int{
	"name": 384, "alias": 384, "address": 250, "full": 250, "country": 16, "jurisdiction": 16,
	"registrationNumber": 64, "leiCode": 32, "innCode": 32, "ogrnCode": 32, "kppCode": 64,
	"okpoCode": 64, "swiftBic": 16, "cikCode": 64, "dunsCode": 16, "vatCode": 32, "taxNumber": 64,
	"wikidataId": 32, "permId": 16, "icijId": 1024, "idNumber": 64, "uniqueEntityId": 32, "bvdId": 64,
	"status": 1024, "legalForm": 1024, "incorporationDate": 32, "dissolutionDate": 32,
	"topics": 64, "recordId": 1024, "retrievedAt": 32,
}

// schemaLacks lists properties of Company that its parents Organization and
// LegalEntity do not have (checked against the model by the ftm-check test).
var schemaLacks = map[string]map[string]bool{
	"Organization": {"kppCode": true, "cikCode": true},
	"LegalEntity":  {"kppCode": true, "cikCode": true, "permId": true},
}

// identifierProperty maps a registry identifier scheme to the FtM property
// that holds it. Schemes not listed go to registrationNumber.
var identifierProperty = map[string]string{
	"lei": "leiCode", "inn": "innCode", "ogrn": "ogrnCode", "kpp": "kppCode", "okpo": "okpoCode",
	"bic": "swiftBic", "swift": "swiftBic", "swift_bic": "swiftBic", "cik": "cikCode", "duns": "dunsCode",
	"vat": "vatCode", "tax": "taxNumber", "tin": "taxNumber", "tax_number": "taxNumber",
	"wikidata": "wikidataId", "qid": "wikidataId", "icij": "icijId", "icij_id": "icijId",
	"permid": "permId", "sam_uei": "uniqueEntityId", "uei": "uniqueEntityId", "bvd": "bvdId", "bvdid": "bvdId",
}

// ftmCountry turns a country or jurisdiction code ("DE", "us_de", "GB-SCT")
// into an FtM country value, or "" when the model does not know it.
func ftmCountry(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if ftmCountries[s] {
		return s
	}
	if i := strings.IndexAny(s, "_-"); i > 0 && ftmCountries[s[:i]] {
		return s[:i]
	}
	return ""
}

// ftmDateValue returns the ISO date prefix of s ("2019-03-26",
// "2019-03", "2019"), or "" when s does not start with one.
func ftmDateValue(s string) string {
	return ftmDate.FindString(strings.TrimSpace(s))
}

// Words in a registry record's legal form that make the cluster an FtM
// Organization or LegalEntity rather than a Company. Matched as substrings
// of the lower-cased legal form.
var (
	organisationForms = []string{"association", "foundation", "non-profit", "nonprofit", "not-for-profit",
		"charity", "charitable", "government", "ministry", "public body", "public institution",
		"state agency", "stiftung", "verein", "fondation", "fundación", "некоммерческ", "учреждени"}
	legalEntityForms = []string{"sole proprietor", "sole trader", "individual entrepreneur",
		"einzelunternehmen", "natural person", "индивидуальный предприниматель"}
)

// clusterSchema picks Company unless the legal form of the best-scoring
// registry record that has one says the cluster is an organisation
// (Organization) or a person trading (LegalEntity).
func clusterSchema(c *report.Cluster) string {
	best := -1.0
	form := ""
	for _, m := range c.RegistryMatches {
		if m.Record.LegalForm != "" && m.Score > best {
			best, form = m.Score, strings.ToLower(m.Record.LegalForm)
		}
	}
	for _, w := range legalEntityForms {
		if strings.Contains(form, w) {
			return "LegalEntity"
		}
	}
	for _, w := range organisationForms {
		if strings.Contains(form, w) {
			return "Organization"
		}
	}
	return "Company"
}

type addrUse struct {
	text    string
	country string
}

// clusterAddresses lists a cluster's addresses: members' first, then the
// registry records' registered and head-office addresses.
func clusterAddresses(c *report.Cluster) []addrUse {
	var out []addrUse
	for _, m := range c.Members {
		if strings.TrimSpace(m.Address) != "" {
			out = append(out, addrUse{m.Address, ftmCountry(m.Country)})
		}
	}
	for _, m := range c.RegistryMatches {
		j := ftmCountry(m.Record.Jurisdiction)
		for _, a := range []string{m.Record.RegisteredAddress, m.Record.HeadOfficeAddress} {
			if strings.TrimSpace(a) != "" {
				out = append(out, addrUse{a, j})
			}
		}
	}
	return out
}

type addrEntity struct {
	full      string
	countries []string
}

func (a *addrEntity) entity(id string) FtMEntity {
	p := newProps("Address")
	p.add("full", a.full)
	p.add("country", a.countries...)
	return FtMEntity{ID: id, Schema: "Address", Properties: p.m}
}

// collectAddresses gathers every address of the report by entity ID, with
// the first spelling seen and the countries of all rows that gave it.
func collectAddresses(r *report.Report) map[string]*addrEntity {
	out := map[string]*addrEntity{}
	for i := range r.Clusters {
		for _, a := range clusterAddresses(&r.Clusters[i]) {
			id := AddressEntityID(a.text)
			e := out[id]
			if e == nil {
				e = &addrEntity{full: strings.TrimSpace(a.text)}
				out[id] = e
			}
			if a.country != "" && !slices.Contains(e.countries, a.country) {
				e.countries = append(e.countries, a.country)
			}
		}
	}
	return out
}

func clusterEntity(c *report.Cluster) FtMEntity {
	schema := clusterSchema(c)
	p := newProps(schema)
	p.add("name", c.CanonicalName)
	for _, v := range c.Variants {
		if v.Name != c.CanonicalName {
			p.add("alias", v.Name)
		}
	}
	for _, m := range c.Members {
		if m.Name != c.CanonicalName {
			p.add("alias", m.Name)
		}
	}
	for _, cc := range c.Countries {
		p.add("country", ftmCountry(cc))
	}
	for _, a := range clusterAddresses(c) {
		p.add("address", a.text)
		p.add("addressEntity", AddressEntityID(a.text))
	}
	for _, m := range c.RegistryMatches {
		rec := &m.Record
		if rec.Name != c.CanonicalName {
			p.add("alias", rec.Name)
		}
		for _, n := range rec.OtherNames {
			if n != c.CanonicalName {
				p.add("alias", n)
			}
		}
		p.add("jurisdiction", ftmCountry(rec.Jurisdiction))
		p.add("legalForm", rec.LegalForm)
		p.add("status", rec.Status)
		p.add("incorporationDate", ftmDateValue(rec.IncorporatedOn))
		p.add("dissolutionDate", ftmDateValue(rec.DissolvedOn))
		for _, id := range rec.Identifiers {
			prop, ok := identifierProperty[strings.ToLower(id.Scheme)]
			if !ok {
				prop = "registrationNumber"
			}
			p.add(prop, id.Value)
		}
		p.add("website", rec.Websites...)
		if rec.URL != "" {
			p.add("sourceUrl", rec.URL)
			if strings.EqualFold(m.Source, "opencorporates") {
				p.add("opencorporatesUrl", rec.URL)
			}
		}
		for _, t := range rec.Topics {
			// corp.shell is the model's "Shell company" label: this tool
			// reports indicators, never that verdict.
			if ftmTopics[t] && t != "corp.shell" {
				p.add("topics", t)
			}
		}
	}
	for _, web := range c.Web {
		p.add("website", web.URL)
	}
	for _, f := range c.Flags {
		note := fmt.Sprintf("Indicator present: %s (%s, %s severity).", f.Title, f.Code, f.Severity)
		if f.Caveat != "" {
			note += " Caveat: " + f.Caveat
		}
		p.add("notes", note)
	}
	return FtMEntity{ID: ClusterEntityID(c.ID), Schema: schema, Properties: p.m}
}

// sanctionEntities writes a Sanction for each matched record that carries
// the "sanction" topic, its entity property pointing at the cluster.
func sanctionEntities(c *report.Cluster) []FtMEntity {
	var out []FtMEntity
	seen := map[string]bool{}
	for _, m := range c.RegistryMatches {
		rec := &m.Record
		if !slices.Contains(rec.Topics, "sanction") {
			continue
		}
		id := SanctionEntityID(c.ID, m.Source, rec.ID)
		if seen[id] {
			continue
		}
		seen[id] = true
		p := newProps("Sanction")
		p.add("entity", ClusterEntityID(c.ID))
		p.add("recordId", rec.ID)
		p.add("sourceUrl", rec.URL)
		summary := fmt.Sprintf("%s record %s (%s) matched this cluster with score %.2f", m.Source, rec.ID, rec.Name, m.Score)
		if len(rec.Datasets) > 0 {
			summary += "; datasets: " + strings.Join(rec.Datasets, ", ")
		}
		p.add("summary", summary+".")
		p.add("publisher", m.Source)
		if !rec.RetrievedAt.IsZero() {
			p.add("retrievedAt", rec.RetrievedAt.UTC().Format("2006-01-02T15:04:05"))
		}
		out = append(out, FtMEntity{ID: id, Schema: "Sanction", Properties: p.m})
	}
	return out
}
