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
	"strconv"
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
// earlier entity named, then the cluster's own entity (what the input says:
// its names, countries, addresses, websites and indicators), then, for each
// registry or list record that matched it, that record as an entity of its
// own with the people and companies the record names, the record's Sanction
// entities, and a Similar entity linking the cluster to the record with the
// match score, the way Aleph's cross-referencing links an entity to the
// candidates it found. A record that matched several clusters is written
// once. See the package documentation for the mapping and the ID scheme.
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
// writes exactly these, one a line. Every reference points at an entity
// written before it.
func FtMEntities(r *report.Report) []FtMEntity {
	addrs := collectAddresses(r)
	written := make(map[string]bool, len(addrs))
	out := make([]FtMEntity, 0, 2*len(r.Clusters)+len(addrs))
	add := func(e FtMEntity) {
		if !written[e.ID] {
			written[e.ID] = true
			out = append(out, e)
		}
	}
	addAddresses := func(as []string) {
		for _, a := range as {
			if id := AddressEntityID(a); !written[id] {
				add(addrs[id].entity(id))
			}
		}
	}
	for i := range r.Clusters {
		c := &r.Clusters[i]
		addAddresses(memberAddresses(c))
		add(clusterEntity(c))
		for j := range c.RegistryMatches {
			m := &c.RegistryMatches[j]
			recID := RecordEntityID(m.Source, m.Record.ID)
			if !written[recID] {
				addAddresses(recordAddresses(&m.Record))
				rec := recordEntity(m)
				officers, links := officerEntities(m, rec)
				for _, o := range officers {
					add(o)
				}
				add(rec)
				for _, l := range links {
					add(l)
				}
				for _, s := range sanctionEntities(m) {
					add(s)
				}
			}
			add(similarEntity(c, m))
		}
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
// gives one entity, shared by every entity that names it.
func AddressEntityID(address string) string {
	return "resolve-addr-" + sha1Hex(normaliseAddress(address))
}

// RecordEntityID is the FtM id of one record of one source (a registry
// entry, a sanctions-list entry, a leak's node): "resolve-rec-" and the
// SHA-1 of source and record ID. Every cluster the record matched links to
// the same entity.
func RecordEntityID(source, recordID string) string {
	return "resolve-rec-" + sha1Hex(source+"\x00"+recordID)
}

// SimilarEntityID is the FtM id of the Similar entity linking a cluster to a
// record that matched it.
func SimilarEntityID(clusterID, source, recordID string) string {
	return "resolve-sim-" + sha1Hex(clusterID+"\x00"+source+"\x00"+recordID)
}

// SanctionEntityID is the FtM id of the Sanction of one record by one
// authority ("" when the list's authority is not known).
func SanctionEntityID(source, recordID, authority string) string {
	return "resolve-sanction-" + sha1Hex(source+"\x00"+recordID+"\x00"+authority)
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
	"ticker": 64, "status": 1024, "legalForm": 1024, "incorporationDate": 32, "dissolutionDate": 32,
	"topics": 64, "recordId": 1024, "retrievedAt": 32, "program": 1024, "publisher": 1024,
	"authority": 1024, "authorityId": 64, "role": 1024, "criteria": 1024, "matcher": 1024,
	"confidenceScore": 250, "startDate": 32, "endDate": 32,
}

// schemaLacks lists properties of Company that its parents Organization and
// LegalEntity do not have (checked against the model by the ftm-check test).
var schemaLacks = map[string]map[string]bool{
	"Organization": {"kppCode": true, "cikCode": true, "ticker": true},
	"LegalEntity":  {"kppCode": true, "cikCode": true, "ticker": true, "permId": true},
}

// identifierProperty maps a record's identifier scheme to the FtM property
// that holds it. Registration numbers of a register go to
// registrationNumber; numbers that a list, a leak or an index gives its own
// entries (OFAC entity numbers, OpenDART corp codes, unknown schemes) go to
// idNumber, never to registrationNumber; "" drops the identifier.
var identifierProperty = map[string]string{
	"lei": "leiCode", "inn": "innCode", "ogrn": "ogrnCode", "kpp": "kppCode", "okpo": "okpoCode",
	"bic": "swiftBic", "swift": "swiftBic", "swift_bic": "swiftBic", "cik": "cikCode", "duns": "dunsCode",
	"vat": "vatCode", "tax": "taxNumber", "tin": "taxNumber", "tax_number": "taxNumber",
	"wikidata": "wikidataId", "qid": "wikidataId", "icij": "icijId", "icij_id": "icijId", "icij_node_id": "icijId",
	"permid": "permId", "sam_uei": "uniqueEntityId", "uei": "uniqueEntityId", "bvd": "bvdId", "bvdid": "bvdId",
	"company_number": "registrationNumber", "registration_number": "registrationNumber", "brn": "registrationNumber",
	"uscc": "registrationNumber", "registered_as": "registrationNumber",
	"kr_corporate_registration_number": "registrationNumber",
	// 사업자등록번호: issued by the National Tax Service, the taxpayer number.
	"kr_business_registration_number": "taxNumber",
	"krx_stock_code":                  "ticker",
	"opencorporates":                  "opencorporatesUrl",
	// The registration authority's own code (RA000598), not the company's.
	"gleif_ra": "",
}

// identifierValue is the property and value an identifier is written as.
func identifierValue(id report.Identifier) (string, string) {
	scheme := strings.ToLower(id.Scheme)
	prop, ok := identifierProperty[scheme]
	if !ok {
		prop = "idNumber"
	}
	v := strings.TrimSpace(id.Value)
	if prop == "opencorporatesUrl" && !strings.HasPrefix(v, "http") {
		v = "https://opencorporates.com/companies/" + strings.TrimPrefix(v, "/")
	}
	return prop, v
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

// formSchema is the schema a legal form calls for: LegalEntity for a person
// trading, Organization for an association, foundation or public body,
// Company otherwise.
func formSchema(form string) string {
	form = strings.ToLower(form)
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

// clusterSchema picks the schema of the legal form of the best-scoring
// registry record that has one (Company when none has).
func clusterSchema(c *report.Cluster) string {
	best := -1.0
	form := ""
	for _, m := range c.RegistryMatches {
		if m.Record.LegalForm != "" && m.Score > best {
			best, form = m.Score, m.Record.LegalForm
		}
	}
	return formSchema(form)
}

type addrUse struct {
	text    string
	country string
}

// memberAddresses lists the input rows' addresses of a cluster.
func memberAddresses(c *report.Cluster) []string {
	var out []string
	for _, m := range c.Members {
		if strings.TrimSpace(m.Address) != "" {
			out = append(out, m.Address)
		}
	}
	return out
}

// recordAddresses lists a record's registered and head-office addresses.
func recordAddresses(rec *report.Record) []string {
	var out []string
	for _, a := range []string{rec.RegisteredAddress, rec.HeadOfficeAddress} {
		if strings.TrimSpace(a) != "" {
			out = append(out, a)
		}
	}
	return out
}

// addressUses lists every address of a cluster with its country: the
// members' first, then the matched records'.
func addressUses(c *report.Cluster) []addrUse {
	var out []addrUse
	for _, m := range c.Members {
		if strings.TrimSpace(m.Address) != "" {
			out = append(out, addrUse{m.Address, ftmCountry(m.Country)})
		}
	}
	for _, m := range c.RegistryMatches {
		for _, a := range recordAddresses(&m.Record) {
			out = append(out, addrUse{a, ftmCountry(m.Record.Jurisdiction)})
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
// the first spelling seen and the countries of all rows and records that
// gave it.
func collectAddresses(r *report.Report) map[string]*addrEntity {
	out := map[string]*addrEntity{}
	for i := range r.Clusters {
		for _, a := range addressUses(&r.Clusters[i]) {
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

// clusterEntity is what the input says of the company: names, countries,
// addresses, websites checked, and the indicators raised. What a registry
// or list says stays on that record's own entity.
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
	for _, a := range memberAddresses(c) {
		p.add("address", a)
		p.add("addressEntity", AddressEntityID(a))
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

// recordEntity is one source's record as that source gives it.
func recordEntity(m *report.RegistryMatch) FtMEntity {
	rec := &m.Record
	schema := formSchema(rec.LegalForm)
	p := newProps(schema)
	p.add("name", rec.Name)
	for _, n := range rec.OtherNames {
		if n != rec.Name {
			p.add("alias", n)
		}
	}
	p.add("jurisdiction", ftmCountry(rec.Jurisdiction))
	p.add("legalForm", rec.LegalForm)
	p.add("status", rec.Status)
	p.add("incorporationDate", ftmDateValue(rec.IncorporatedOn))
	p.add("dissolutionDate", ftmDateValue(rec.DissolvedOn))
	for _, a := range recordAddresses(rec) {
		p.add("address", a)
		p.add("addressEntity", AddressEntityID(a))
	}
	for _, id := range rec.Identifiers {
		if prop, v := identifierValue(id); prop != "" {
			p.add(prop, v)
		}
	}
	for _, w := range rec.Websites {
		if isHTTPURL(w) {
			p.add("website", w)
		} else if w = strings.TrimSpace(w); w != "" && !strings.ContainsAny(w, " /") {
			p.add("website", "https://"+w) // lists write "www.example.com"
		}
	}
	if isHTTPURL(rec.URL) {
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
	p.add("program", rec.Programs...)
	p.add("publisher", sourceLabel(m))
	if !rec.RetrievedAt.IsZero() {
		p.add("retrievedAt", rec.RetrievedAt.UTC().Format("2006-01-02T15:04:05"))
	}
	return FtMEntity{ID: RecordEntityID(m.Source, rec.ID), Schema: schema, Properties: p.m}
}

func isHTTPURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) && !strings.ContainsAny(s, " \t\n")
}

// sourceLabel names the source of a record for "publisher": the source
// name, with the bulk file's kind for the local store ("local: OFAC").
func sourceLabel(m *report.RegistryMatch) string {
	if !strings.HasPrefix(m.Source, "local") {
		return m.Source
	}
	if a, ok := listAuthority(m); ok {
		return m.Source + ": " + a.publisher
	}
	for _, d := range m.Record.Datasets {
		if p, ok := datasetPublishers[d]; ok {
			return m.Source + ": " + p
		}
	}
	return m.Source
}

// datasetPublishers names the publishers of bulk datasets that are not
// sanctions lists.
var datasetPublishers = map[string]string{"icij_offshoreleaks": "ICIJ Offshore Leaks"}

// similarEntity links the cluster to a record that matched it, with the
// score and the named parts of the match as criteria.
func similarEntity(c *report.Cluster, m *report.RegistryMatch) FtMEntity {
	p := newProps("Similar")
	p.add("candidate", ClusterEntityID(c.ID))
	p.add("match", RecordEntityID(m.Source, m.Record.ID))
	p.add("confidenceScore", strconv.FormatFloat(m.Score, 'f', -1, 64))
	for _, r := range m.Reasons {
		p.add("criteria", r.Detail)
	}
	p.add("matcher", "resolve registry match ("+m.Source+")")
	return FtMEntity{ID: SimilarEntityID(c.ID, m.Source, m.Record.ID), Schema: "Similar", Properties: p.m}
}

// How an officer's role reads: an owner, a director or officer, or some
// other link. Matched as substrings of the lower-cased role.
var (
	ownerRoles    = []string{"owner", "shareholder", "psc", "significant control", "parent", "beneficial"}
	directorRoles = []string{"director", "secretary", "ceo", "chief", "manager", "president", "chair",
		"officer", "leader or official", "partner", "board"}
	endedRole = regexp.MustCompile(`\((?:resigned|ceased) (\d{4}-\d{2}-\d{2})\)`)
	leiInName = regexp.MustCompile(`\s*\(LEI ([A-Z0-9]{20})\)$`)
)

// officerEntities writes each person or company a record names (directors,
// secretaries, owners, parents, service providers) as a LegalEntity (a
// Company when the record says it is one), and the link to the record: an
// Ownership for owners and parents, a Directorship for directors and
// officers, an UnknownLink with the role otherwise or when the record's
// schema cannot be the other end (only a Company can be owned, only an
// Organization directed).
func officerEntities(m *report.RegistryMatch, rec FtMEntity) (entities, links []FtMEntity) {
	for _, o := range m.Record.Officers {
		name, role := strings.TrimSpace(o.Name), strings.TrimSpace(o.Role)
		if name == "" {
			continue
		}
		lr := strings.ToLower(role)
		schema := "LegalEntity"
		lei := ""
		if sm := leiInName.FindStringSubmatch(name); sm != nil {
			name, lei, schema = strings.TrimSpace(name[:len(name)-len(sm[0])]), sm[1], "Company"
		} else if strings.Contains(lr, "corporate") {
			schema = "Company"
		}
		p := newProps(schema)
		p.add("name", name)
		p.add("leiCode", lei)
		oid := "resolve-officer-" + sha1Hex(m.Source+"\x00"+m.Record.ID+"\x00"+name)
		entities = append(entities, FtMEntity{ID: oid, Schema: schema, Properties: p.m})

		kind := "UnknownLink"
		switch {
		case containsAny(lr, ownerRoles) && rec.Schema == "Company":
			kind = "Ownership"
		case containsAny(lr, directorRoles) && rec.Schema != "LegalEntity":
			kind = "Directorship"
		}
		l := newProps(kind)
		switch kind {
		case "Ownership":
			l.add("owner", oid)
			l.add("asset", rec.ID)
		case "Directorship":
			l.add("director", oid)
			l.add("organization", rec.ID)
		default:
			l.add("subject", oid)
			l.add("object", rec.ID)
		}
		l.add("role", role)
		if sm := endedRole.FindStringSubmatch(role); sm != nil {
			l.add("endDate", sm[1])
		}
		l.add("publisher", m.Source)
		l.add("sourceUrl", sourceURL(m.Record.URL))
		links = append(links, FtMEntity{ID: "resolve-link-" + sha1Hex(m.Source+"\x00"+m.Record.ID+"\x00"+name+"\x00"+role),
			Schema: kind, Properties: l.m})
	}
	return entities, links
}

func sourceURL(u string) string {
	if isHTTPURL(u) {
		return u
	}
	return ""
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// authority is who issues a sanctions list and who publishes its data.
type authority struct {
	key, name, country, publisher string
}

// listAuthorities maps sanctions datasets, by the names OpenSanctions and
// the bulk loaders give them and by OpenSanctions' dataset titles, to the
// authority that issues the list.
var listAuthorities = func() map[string]authority {
	ofac := authority{"us_ofac", "Office of Foreign Assets Control (OFAC), US Department of the Treasury", "us", "OFAC"}
	uk := authority{"gb_fcdo", "Foreign, Commonwealth & Development Office (FCDO), United Kingdom", "gb", "FCDO"}
	ofsi := authority{"gb_hmt", "Office of Financial Sanctions Implementation (OFSI), HM Treasury", "gb", "OFSI"}
	eu := authority{"eu", "Council of the European Union", "eu", "European Union"}
	un := authority{"un_sc", "United Nations Security Council", "", "United Nations"}
	seco := authority{"ch_seco", "State Secretariat for Economic Affairs (SECO), Switzerland", "ch", "SECO"}
	return map[string]authority{
		"us_ofac_sdn": ofac, "us_ofac_cons": ofac,
		"US OFAC Specially Designated Nationals (SDN) List": ofac,
		"US OFAC Consolidated (non-SDN) List":               ofac,
		"gb_fcdo_sanctions":                                 uk, "gb_hmt_sanctions": ofsi,
		"eu_fsf": eu, "eu_sanctions_map": eu, "un_sc_sanctions": un, "ch_seco_sanctions": seco,
	}
}()

// listAuthority is the authority of the first dataset of the record that
// names one.
func listAuthority(m *report.RegistryMatch) (authority, bool) {
	for _, d := range m.Record.Datasets {
		if a, ok := listAuthorities[d]; ok {
			return a, true
		}
	}
	return authority{}, false
}

// sanctionEntities writes, for a record with the "sanction" topic, one
// Sanction per authority its datasets name (one without an authority when
// none is known), each pointing at the record's entity: the list sanctions
// the listed party, not the cluster that resembles it.
func sanctionEntities(m *report.RegistryMatch) []FtMEntity {
	rec := &m.Record
	if !slices.Contains(rec.Topics, "sanction") {
		return nil
	}
	var auths []authority
	for _, d := range rec.Datasets {
		if a, ok := listAuthorities[d]; ok && !slices.Contains(auths, a) {
			auths = append(auths, a)
		}
	}
	if len(auths) == 0 {
		auths = []authority{{}}
	}
	fromOpenSanctions := strings.EqualFold(m.Source, "opensanctions") || strings.Contains(rec.URL, "opensanctions.org")
	var out []FtMEntity
	for _, a := range auths {
		p := newProps("Sanction")
		p.add("entity", RecordEntityID(m.Source, rec.ID))
		p.add("authority", a.name)
		p.add("country", a.country)
		if a.key == "us_ofac" {
			for _, id := range rec.Identifiers {
				if id.Scheme == "ofac_ent_num" {
					p.add("authorityId", id.Value)
				}
			}
		}
		p.add("program", rec.Programs...)
		switch {
		case fromOpenSanctions:
			p.add("publisher", "OpenSanctions")
		case a.publisher != "":
			p.add("publisher", a.publisher)
		default:
			p.add("publisher", m.Source)
		}
		p.add("recordId", rec.ID)
		p.add("sourceUrl", sourceURL(rec.URL))
		summary := fmt.Sprintf("%s record %s (%s)", m.Source, rec.ID, rec.Name)
		if len(rec.Datasets) > 0 {
			summary += "; datasets: " + strings.Join(rec.Datasets, ", ")
		}
		p.add("summary", summary+".")
		if !rec.RetrievedAt.IsZero() {
			p.add("retrievedAt", rec.RetrievedAt.UTC().Format("2006-01-02T15:04:05"))
		}
		out = append(out, FtMEntity{ID: SanctionEntityID(m.Source, rec.ID, a.key), Schema: "Sanction", Properties: p.m})
	}
	return out
}
