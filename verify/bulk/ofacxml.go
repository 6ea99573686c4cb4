package bulk

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/verify"
)

// OFAC XML files, the formats OFAC publishes today
// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas). Both are
// read with encoding/xml's Decoder token by token, one entry decoded at a
// time, never the whole document:
//
//   - sdn.xml / consolidated.xml: <sdnList> of <sdnEntry> elements (uid,
//     lastName, sdnType, programList/program, akaList/aka, addressList/address,
//     idList/id with idType and idNumber). One pass; memory per entry.
//   - SDN_ADVANCED.XML / CONS_ADVANCED.XML: <Sanctions> with
//     ReferenceValueSets (ID → text lookups), Locations, IDRegDocuments,
//     DistinctParties, ProfileRelationships and SanctionsEntries, which refer to
//     one another by ID, and which the file lists parties before the entries
//     that carry their programmes. Two passes over the file: the first keeps
//     the small side tables (reference values, locations, registration
//     documents, programmes and lists per profile, relationships, one primary
//     name per profile: all of them a few MB for the whole SDN list) and skips
//     nothing but the parties' details; the second decodes one DistinctParty at
//     a time and emits it.
//
// Only entities are indexed (sdnType "Entity"; party type Entity in the
// advanced file); individuals, vessels and aircraft are counted as skipped.
// An entity's identifiers, website, establishment date, organisation type and
// nationality of registration are read from its idList (sdn.xml) or its
// features and registration documents (advanced). In the advanced file an
// "Owned or Controlled By" relationship makes the other party an officer of
// the record with role "owner", and "Leader or official of" makes the leader
// an officer of the organisation, so that FtM output can show the link.

// ofacXMLKind tells the two XML formats apart by the root element.
type ofacXMLKind int

const (
	ofacXMLSimple   ofacXMLKind = iota // <sdnList>
	ofacXMLAdvanced                    // <Sanctions>
)

func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		case "iso-8859-1", "latin1", "latin-1":
			return charmap.ISO8859_1.NewDecoder().Reader(in), nil
		case "windows-1252", "cp1252":
			return charmap.Windows1252.NewDecoder().Reader(in), nil
		}
		return nil, fmt.Errorf("unsupported XML encoding %q (expected utf-8)", label)
	}
	return d
}

// xmlErr names the file, line and column where decoding stopped.
func xmlErr(path string, d *xml.Decoder, err error) error {
	line, col := d.InputPos()
	return fmt.Errorf("%s:%d:%d: %w", path, line, col, err)
}

// rootElement reads up to the first start element.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, errors.New("no XML element in the file")
			}
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// eachChild calls fn for every element directly inside the current element
// (whose start tag was just read), and returns after its end tag. fn must
// consume the element it is given (DecodeElement or Skip).
func eachChild(d *xml.Decoder, fn func(se *xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(&t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func ofacXMLDataset(name string) string {
	if strings.HasPrefix(name, "cons") {
		return "us_ofac_cons"
	}
	return "us_ofac_sdn"
}

// parseOFACXML reads one OFAC XML file of either format.
func parseOFACXML(m member, emit emitFunc) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	d := newXMLDecoder(rc)
	root, err := rootElement(d)
	if err != nil {
		rc.Close()
		return xmlErr(m.Path, d, err)
	}
	switch root.Name.Local {
	case "sdnList":
		defer rc.Close()
		return parseSDNXML(m.Path, ofacXMLDataset(m.Name), d, emit)
	case "Sanctions":
		rc.Close()
		return parseOFACAdvanced(m, emit)
	}
	rc.Close()
	return fmt.Errorf("%s: root element <%s>: not an OFAC sdn.xml (<sdnList>) or SDN_ADVANCED.XML (<Sanctions>)", m.Path, root.Name.Local)
}

// sdnEntry is one <sdnEntry> of sdn.xml (element names of OFAC's sdn.xsd;
// the namespace, which OFAC has changed over the years, is ignored).
type sdnEntry struct {
	UID       string   `xml:"uid"`
	FirstName string   `xml:"firstName"`
	LastName  string   `xml:"lastName"`
	Type      string   `xml:"sdnType"`
	Programs  []string `xml:"programList>program"`
	IDs       []struct {
		Type    string `xml:"idType"`
		Number  string `xml:"idNumber"`
		Country string `xml:"idCountry"`
	} `xml:"idList>id"`
	AKAs []struct {
		Type      string `xml:"type"`
		LastName  string `xml:"lastName"`
		FirstName string `xml:"firstName"`
	} `xml:"akaList>aka"`
	Addresses []struct {
		Address1 string `xml:"address1"`
		Address2 string `xml:"address2"`
		Address3 string `xml:"address3"`
		City     string `xml:"city"`
		State    string `xml:"stateOrProvince"`
		Postal   string `xml:"postalCode"`
		Country  string `xml:"country"`
	} `xml:"addressList>address"`
}

func parseSDNXML(path, dataset string, d *xml.Decoder, emit emitFunc) error {
	entries := 0
	err := eachChild(d, func(se *xml.StartElement) error {
		if se.Name.Local != "sdnEntry" {
			return d.Skip() // publshInformation
		}
		var e sdnEntry
		if err := d.DecodeElement(&e, se); err != nil {
			return err
		}
		entries++
		return emit(e.record(dataset))
	})
	if err != nil {
		return xmlErr(path, d, err)
	}
	if entries == 0 {
		return fmt.Errorf("%s: no <sdnEntry> in the <sdnList>", path)
	}
	return nil
}

func (e *sdnEntry) record(dataset string) *verify.Record {
	if !strings.EqualFold(strings.TrimSpace(e.Type), "entity") {
		return nil // Individual, Vessel, Aircraft
	}
	id, name := strings.TrimSpace(e.UID), joinNonEmpty(" ", e.FirstName, e.LastName)
	if id == "" || name == "" {
		return nil
	}
	r := ofacBaseRecord(id, name, dataset)
	for _, p := range e.Programs {
		if p = strings.TrimSpace(p); p != "" {
			r.Programs = append(r.Programs, p)
		}
	}
	for _, a := range e.AKAs {
		r.OtherNames = append(r.OtherNames, joinNonEmpty(" ", a.FirstName, a.LastName))
	}
	r.OtherNames = uniq(r.OtherNames)
	for _, a := range e.Addresses {
		if s := joinNonEmpty(", ", a.Address1, a.Address2, a.Address3, a.City, a.State, a.Postal, a.Country); s != "" && r.RegisteredAddress == "" {
			r.RegisteredAddress = s
		}
	}
	for _, id := range e.IDs {
		country := id.Country
		if country == "" {
			country = id.Number
		}
		ofacFeature(r, id.Type, id.Number, country)
	}
	return r
}

func ofacBaseRecord(id, name, dataset string) *verify.Record {
	return &verify.Record{ID: id, Name: name,
		URL:         "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + id,
		Status:      verify.StatusUnknown,
		Topics:      []string{"sanction"},
		Datasets:    []string{dataset},
		Identifiers: []verify.Identifier{{Scheme: "ofac_ent_num", Value: id}}}
}

// ofacIDSchemes maps OFAC identification types (idType in sdn.xml,
// IDRegDocType in the advanced file) of companies to identifier schemes.
// Personal documents (passports, national IDs) and types that are not
// identifiers of the company are left out.
var ofacIDSchemes = map[string]string{
	"registration number":                 "registration_number",
	"registration id":                     "registration_number",
	"company number":                      "company_number",
	"business registration number":        "registration_number",
	"business registration document #":    "registration_number",
	"commercial registry number":          "registration_number",
	"chamber of commerce number":          "registration_number",
	"business number":                     "registration_number",
	"public registration number":          "registration_number",
	"unified social credit code (uscc)":   "uscc",
	"legal entity number":                 "lei",
	"swift/bic":                           "bic",
	"d-u-n-s number":                      "duns",
	"tax id no.":                          "tax_number",
	"v.a.t. number":                       "vat",
	"ruc #":                               "tax_number",
	"nit #":                               "tax_number",
	"c.u.i.t.":                            "tax_number",
	"r.f.c.":                              "tax_number",
	"government gazette number":           "registration_number",
	"trade license no.":                   "registration_number",
	"certificate of incorporation number": "registration_number",
}

// ofacFeature applies one typed value of an entity (an sdn.xml id, or an
// advanced-file feature or registration document) to the record. country is
// the country the value names, when the type is a country (nationality of
// registration).
func ofacFeature(r *verify.Record, typ, value, country string) {
	t := strings.ToLower(strings.TrimSpace(typ))
	value = strings.TrimSpace(value)
	switch {
	case t == "":
		return
	case t == "website":
		if value != "" && !contains(r.Websites, value) {
			r.Websites = append(r.Websites, value)
		}
	case t == "organization established date":
		if r.IncorporatedOn == "" {
			r.IncorporatedOn = parseDate(value)
		}
	case t == "organization type":
		if r.LegalForm == "" {
			r.LegalForm = value
		}
	case t == "nationality of registration":
		if r.Jurisdiction == "" {
			r.Jurisdiction = input.Country(country)
		}
	default:
		if s, ok := ofacIDSchemes[t]; ok && value != "" {
			r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: s, Value: value})
		}
	}
}

// --- SDN_ADVANCED.XML ---

// advRef is one reference value: <Country ID="11029" ISO2="AF">Afghanistan</Country>.
type advRef struct {
	ID          string `xml:"ID,attr"`
	ISO2        string `xml:"ISO2,attr"`
	PartyTypeID string `xml:"PartyTypeID,attr"`
	Text        string `xml:",chardata"`
}

type advLocation struct {
	ID        string `xml:"ID,attr"`
	Countries []struct {
		ID string `xml:"CountryID,attr"`
	} `xml:"LocationCountry"`
	Parts []struct {
		TypeID string `xml:"LocPartTypeID,attr"`
		Values []struct {
			Primary string `xml:"Primary,attr"`
			Value   string `xml:"Value"`
		} `xml:"LocationPartValue"`
	} `xml:"LocationPart"`
}

type advIDDoc struct {
	TypeID     string `xml:"IDRegDocTypeID,attr"`
	IdentityID string `xml:"IdentityID,attr"`
	CountryID  string `xml:"IssuedBy-CountryID,attr"`
	Number     string `xml:"IDRegistrationNo"`
}

type advEntry struct {
	ProfileID string `xml:"ProfileID,attr"`
	ListID    string `xml:"ListID,attr"`
	Measures  []struct {
		TypeID  string `xml:"SanctionsTypeID,attr"`
		Comment string `xml:"Comment"`
	} `xml:"SanctionsMeasure"`
}

type advRelation struct {
	From   string `xml:"From-ProfileID,attr"`
	To     string `xml:"To-ProfileID,attr"`
	TypeID string `xml:"RelationTypeID,attr"`
}

type advDate struct {
	Year  string `xml:"Year"`
	Month string `xml:"Month"`
	Day   string `xml:"Day"`
}

func (a advDate) String() string {
	y, _ := strconv.Atoi(strings.TrimSpace(a.Year))
	if y <= 0 {
		return ""
	}
	m, _ := strconv.Atoi(strings.TrimSpace(a.Month))
	dd, _ := strconv.Atoi(strings.TrimSpace(a.Day))
	if m < 1 || m > 12 {
		return fmt.Sprintf("%04d", y)
	}
	if dd < 1 || dd > 31 {
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

type advPeriod struct {
	StartFrom advDate `xml:"Start>From"`
	StartTo   advDate `xml:"Start>To"`
	EndTo     advDate `xml:"End>To"`
}

// date is the period's start when it is exact, else the year it falls in
// (OFAC writes "some time in 2005" as 2005-01-01 to 2005-12-31).
func (p advPeriod) date() string {
	from, to := p.StartFrom.String(), p.StartTo.String()
	if from == to || to == "" {
		return from
	}
	if len(from) >= 4 && len(to) >= 4 && from[:4] == to[:4] {
		return from[:4]
	}
	return ""
}

type advParty struct {
	Profiles []struct {
		ID        string `xml:"ID,attr"`
		SubTypeID string `xml:"PartySubTypeID,attr"`
		Identity  []struct {
			ID      string `xml:"ID,attr"`
			Aliases []struct {
				TypeID  string `xml:"AliasTypeID,attr"`
				Primary string `xml:"Primary,attr"`
				Names   []struct {
					Parts []string `xml:"DocumentedNamePart>NamePartValue"`
				} `xml:"DocumentedName"`
			} `xml:"Alias"`
		} `xml:"Identity"`
		Features []struct {
			TypeID   string `xml:"FeatureTypeID,attr"`
			Versions []struct {
				Locations []struct {
					ID string `xml:"LocationID,attr"`
				} `xml:"VersionLocation"`
				Details []struct {
					RefID string `xml:"DetailReferenceID,attr"`
					Text  string `xml:",chardata"`
				} `xml:"VersionDetail"`
				Periods []advPeriod `xml:"DatePeriod"`
			} `xml:"FeatureVersion"`
		} `xml:"Feature"`
	} `xml:"Profile"`
}

// advTables are the side tables of the first pass.
type advTables struct {
	refs      map[string]map[string]advRef // "Country" → ID → value
	locations map[string]advLocation
	docs      map[string][]advIDDoc // by IdentityID
	entries   map[string][]advEntry // by ProfileID
	relations []advRelation
	names     map[string]string // ProfileID → primary name
}

func (t *advTables) ref(kind, id string) advRef { return t.refs[kind][id] }

func (t *advTables) text(kind, id string) string { return strings.TrimSpace(t.refs[kind][id].Text) }

// partyType is "Entity", "Individual", "Vessel" or "Aircraft".
func (t *advTables) partyType(subTypeID string) string {
	st := t.ref("PartySubType", subTypeID)
	if s := strings.TrimSpace(st.Text); s != "" && s != "Unknown" {
		return s
	}
	return t.text("PartyType", st.PartyTypeID)
}

func (t *advTables) country(id string) string {
	c := t.ref("Country", id)
	if c.ISO2 != "" {
		return strings.ToUpper(c.ISO2)
	}
	return input.Country(c.Text)
}

// address formats a location as "ADDRESS1, ADDRESS2, ADDRESS3, CITY,
// STATE/PROVINCE, POSTAL CODE, REGION, country name", and returns its country code.
func (t *advTables) address(id string) (string, string) {
	loc, ok := t.locations[id]
	if !ok {
		return "", ""
	}
	parts := map[string]string{}
	for _, p := range loc.Parts {
		for _, v := range p.Values {
			if v.Primary != "false" || parts[t.text("LocPartType", p.TypeID)] == "" {
				parts[t.text("LocPartType", p.TypeID)] = strings.TrimSpace(v.Value)
			}
		}
	}
	code, name := "", ""
	for _, c := range loc.Countries {
		code, name = t.country(c.ID), t.text("Country", c.ID)
		break
	}
	return joinNonEmpty(", ", parts["ADDRESS1"], parts["ADDRESS2"], parts["ADDRESS3"], parts["CITY"],
		parts["STATE/PROVINCE"], parts["POSTAL CODE"], parts["REGION"], parts["Unknown"], name), code
}

func parseOFACAdvanced(m member, emit emitFunc) error {
	t := &advTables{refs: map[string]map[string]advRef{}, locations: map[string]advLocation{},
		docs: map[string][]advIDDoc{}, entries: map[string][]advEntry{}, names: map[string]string{}}
	if err := advPass(m, func(d *xml.Decoder, section string) error { return t.read(d, section) }); err != nil {
		return err
	}
	officers := t.officers()
	parties := 0
	err := advPass(m, func(d *xml.Decoder, section string) error {
		if section != "DistinctParties" {
			return d.Skip()
		}
		return eachChild(d, func(se *xml.StartElement) error {
			if se.Name.Local != "DistinctParty" {
				return d.Skip()
			}
			var p advParty
			if err := d.DecodeElement(&p, se); err != nil {
				return err
			}
			parties++
			return emit(t.record(&p, ofacXMLDataset(m.Name), officers))
		})
	})
	if err != nil {
		return err
	}
	if parties == 0 {
		return fmt.Errorf("%s: no <DistinctParty> in the file", m.Path)
	}
	return nil
}

// advPass opens the file and calls fn at the start of each top-level
// section (the element must be consumed by fn).
func advPass(m member, fn func(d *xml.Decoder, section string) error) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newXMLDecoder(rc)
	root, err := rootElement(d)
	if err != nil {
		return xmlErr(m.Path, d, err)
	}
	if root.Name.Local != "Sanctions" {
		return fmt.Errorf("%s: root element <%s>, want <Sanctions>", m.Path, root.Name.Local)
	}
	if err := eachChild(d, func(se *xml.StartElement) error { return fn(d, se.Name.Local) }); err != nil {
		return xmlErr(m.Path, d, err)
	}
	return nil
}

// read fills the side tables from one top-level section.
func (t *advTables) read(d *xml.Decoder, section string) error {
	switch section {
	case "ReferenceValueSets":
		return eachChild(d, func(set *xml.StartElement) error { // <CountryValues>
			return eachChild(d, func(se *xml.StartElement) error { // <Country ID=...>
				var v advRef
				if err := d.DecodeElement(&v, se); err != nil {
					return err
				}
				kind := se.Name.Local
				if t.refs[kind] == nil {
					t.refs[kind] = map[string]advRef{}
				}
				t.refs[kind][v.ID] = v
				return nil
			})
		})
	case "Locations":
		return eachChild(d, func(se *xml.StartElement) error {
			var l advLocation
			if err := d.DecodeElement(&l, se); err != nil {
				return err
			}
			t.locations[l.ID] = l
			return nil
		})
	case "IDRegDocuments":
		return eachChild(d, func(se *xml.StartElement) error {
			var doc advIDDoc
			if err := d.DecodeElement(&doc, se); err != nil {
				return err
			}
			t.docs[doc.IdentityID] = append(t.docs[doc.IdentityID], doc)
			return nil
		})
	case "SanctionsEntries":
		return eachChild(d, func(se *xml.StartElement) error {
			var e advEntry
			if err := d.DecodeElement(&e, se); err != nil {
				return err
			}
			t.entries[e.ProfileID] = append(t.entries[e.ProfileID], e)
			return nil
		})
	case "ProfileRelationships":
		return eachChild(d, func(se *xml.StartElement) error {
			var r advRelation
			if err := d.DecodeElement(&r, se); err != nil {
				return err
			}
			t.relations = append(t.relations, r)
			return nil
		})
	case "DistinctParties":
		// Only the primary name of each profile, for the relationships; the
		// reference values may not be known yet, so take the name of the
		// alias marked Primary.
		return eachChild(d, func(se *xml.StartElement) error {
			var p advParty
			if err := d.DecodeElement(&p, se); err != nil {
				return err
			}
			for _, pr := range p.Profiles {
				for _, id := range pr.Identity {
					for _, a := range id.Aliases {
						if a.Primary == "true" && len(a.Names) > 0 && t.names[pr.ID] == "" {
							t.names[pr.ID] = joinNonEmpty(" ", a.Names[0].Parts...)
						}
					}
				}
			}
			return nil
		})
	}
	return d.Skip()
}

// officers turns the relationships the FtM output can show into officers
// per profile.
func (t *advTables) officers() map[string][]verify.Officer {
	out := map[string][]verify.Officer{}
	for _, r := range t.relations {
		switch strings.ToLower(t.text("RelationType", r.TypeID)) {
		case "owned or controlled by": // From is owned or controlled by To
			if n := t.names[r.To]; n != "" {
				out[r.From] = append(out[r.From], verify.Officer{Name: n, Role: "owner (OFAC: owned or controlled by)"})
			}
		case "leader or official of": // From leads To
			if n := t.names[r.From]; n != "" {
				out[r.To] = append(out[r.To], verify.Officer{Name: n, Role: "leader or official (OFAC)"})
			}
		}
	}
	return out
}

func (t *advTables) record(p *advParty, dataset string, officers map[string][]verify.Officer) *verify.Record {
	if len(p.Profiles) == 0 {
		return nil
	}
	pr := &p.Profiles[0]
	if t.partyType(pr.SubTypeID) != "Entity" {
		return nil
	}
	var name string
	var others []string
	for _, id := range pr.Identity {
		for _, a := range id.Aliases {
			for i, n := range a.Names {
				s := joinNonEmpty(" ", n.Parts...)
				if a.Primary == "true" && i == 0 && name == "" {
					name = s
				} else {
					others = append(others, s)
				}
			}
		}
	}
	if strings.TrimSpace(pr.ID) == "" || name == "" {
		return nil
	}
	r := ofacBaseRecord(strings.TrimSpace(pr.ID), name, dataset)
	for _, n := range others {
		if n != name {
			r.OtherNames = append(r.OtherNames, n)
		}
	}
	r.OtherNames = uniq(r.OtherNames)
	for _, e := range t.entries[pr.ID] {
		if l := t.text("List", e.ListID); l != "" {
			r.Datasets = []string{"us_ofac_cons"}
			if l == "SDN List" {
				r.Datasets = []string{"us_ofac_sdn"}
			}
		}
		for _, ms := range e.Measures {
			if t.text("SanctionsType", ms.TypeID) == "Program" {
				if c := strings.TrimSpace(ms.Comment); c != "" && !contains(r.Programs, c) {
					r.Programs = append(r.Programs, c)
				}
			}
		}
	}
	for _, f := range pr.Features {
		typ := t.text("FeatureType", f.TypeID)
		for _, v := range f.Versions {
			for _, l := range v.Locations {
				addr, country := t.address(l.ID)
				if strings.EqualFold(typ, "Location") {
					if r.RegisteredAddress == "" {
						r.RegisteredAddress = addr
					}
					continue
				}
				ofacFeature(r, typ, addr, country)
			}
			for _, dt := range v.Details {
				val := strings.TrimSpace(dt.Text)
				if dt.RefID != "" {
					val = t.text("DetailReference", dt.RefID)
				}
				ofacFeature(r, typ, val, val)
			}
			for _, per := range v.Periods {
				ofacFeature(r, typ, per.date(), "")
			}
		}
	}
	for _, id := range pr.Identity {
		for _, doc := range t.docs[id.ID] {
			ofacFeature(r, t.text("IDRegDocType", doc.TypeID), doc.Number, "")
		}
	}
	r.Officers = officers[pr.ID]
	return r
}
