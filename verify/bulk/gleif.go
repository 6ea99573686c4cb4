package bulk

import (
	"context"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"

	"github.com/resolve-tool/resolve/verify"
)

// GLEIF golden copy (LEI-CDF 3.1 CSV, https://www.gleif.org/en/lei-data/gleif-golden-copy):
// one row per LEI, columns named by the XML path (LEI, Entity.LegalName,
// Entity.OtherEntityNames.OtherEntityName.1, Entity.LegalAddress.FirstAddressLine, ...).
var (
	gleifOtherName = regexp.MustCompile(`^Entity\.OtherEntityNames\.OtherEntityName\.(\d+)$`)
	gleifTranslit  = regexp.MustCompile(`^Entity\.TransliteratedOtherEntityNames\.TransliteratedOtherEntityName\.(\d+)$`)
)

type gleifCols struct {
	lei, name, juris, elf, otherForm, status, created, expDate, expReason, raID, raEntity int
	legal, hq                                                                             addrCols
	others                                                                                []int
}

type addrCols struct{ first, add1, add2, add3, city, region, country, postal int }

func gleifAddr(h header, p string) addrCols {
	return addrCols{h.col(p + ".FirstAddressLine"), h.col(p + ".AdditionalAddressLine.1"), h.col(p + ".AdditionalAddressLine.2"),
		h.col(p + ".AdditionalAddressLine.3"), h.col(p + ".City"), h.col(p + ".Region"), h.col(p + ".Country"), h.col(p + ".PostalCode")}
}

func (a addrCols) format(rec []string) string {
	return joinNonEmpty(", ", get(rec, a.first), get(rec, a.add1), get(rec, a.add2), get(rec, a.add3),
		get(rec, a.city), get(rec, a.region), get(rec, a.postal), get(rec, a.country))
}

func parseGLEIF(ctx context.Context, files []member, emit emitFunc) error {
	for _, m := range files {
		if err := parseGLEIFFile(m, emit); err != nil {
			return err
		}
	}
	return nil
}

func parseGLEIFFile(m member, emit emitFunc) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	cr := csvReader(rc)
	h, err := readHeader(cr, m.Path)
	if err != nil {
		return err
	}
	if err := h.require(m.Path, "LEI", "Entity.LegalName"); err != nil {
		return err
	}
	c := gleifCols{lei: h.col("LEI"), name: h.col("Entity.LegalName"), juris: h.col("Entity.LegalJurisdiction"),
		elf: h.col("Entity.LegalForm.EntityLegalFormCode"), otherForm: h.col("Entity.LegalForm.OtherLegalForm"),
		status: h.col("Entity.EntityStatus"), created: h.col("Entity.EntityCreationDate"),
		expDate: h.col("Entity.EntityExpirationDate"), expReason: h.col("Entity.EntityExpirationReason"),
		raID:     h.col("Entity.RegistrationAuthority.RegistrationAuthorityID"),
		raEntity: h.col("Entity.RegistrationAuthority.RegistrationAuthorityEntityID"),
		legal:    gleifAddr(h, "Entity.LegalAddress"), hq: gleifAddr(h, "Entity.HeadquartersAddress")}
	type numbered struct{ n, i int }
	var others []numbered
	for name, i := range h {
		for k, re := range []*regexp.Regexp{gleifOtherName, gleifTranslit} {
			if sm := re.FindStringSubmatch(name); sm != nil {
				n, _ := strconv.Atoi(sm[1])
				others = append(others, numbered{k*1000 + n, i})
			}
		}
	}
	sort.Slice(others, func(a, b int) bool { return others[a].n < others[b].n })
	for _, o := range others {
		c.others = append(c.others, o.i)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvErr(m.Path, cr, err)
		}
		if err := emit(gleifRow(c, rec)); err != nil {
			return err
		}
	}
}

func gleifRow(c gleifCols, rec []string) *verify.Record {
	lei := get(rec, c.lei)
	name := get(rec, c.name)
	if lei == "" || name == "" {
		return nil
	}
	r := &verify.Record{ID: lei, URL: "https://search.gleif.org/#/record/" + lei, Name: name,
		Jurisdiction: get(rec, c.juris), IncorporatedOn: parseDate(get(rec, c.created)),
		RegisteredAddress: c.legal.format(rec), HeadOfficeAddress: c.hq.format(rec),
		Identifiers: []verify.Identifier{{Scheme: "lei", Value: lei}}}
	if r.Jurisdiction == "" {
		r.Jurisdiction = get(rec, c.legal.country)
	}
	if r.HeadOfficeAddress == r.RegisteredAddress {
		r.HeadOfficeAddress = ""
	}
	r.LegalForm = gleifLegalForm(get(rec, c.elf), get(rec, c.otherForm))
	r.Status = gleifStatus(get(rec, c.status), get(rec, c.expReason))
	if r.Status == verify.StatusDissolved {
		r.DissolvedOn = parseDate(get(rec, c.expDate))
	}
	if v := get(rec, c.raEntity); v != "" {
		r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: "registered_as", Value: v})
	}
	for _, i := range c.others {
		if v := get(rec, i); v != "" && v != name {
			r.OtherNames = append(r.OtherNames, v)
		}
	}
	return r
}

// gleifLegalForm is the ELF code (ISO 20275), or the free text when the code
// is 8888 ("other").
func gleifLegalForm(elf, other string) string {
	if elf == "" || elf == "8888" {
		return other
	}
	return elf
}

// gleifStatus maps entity status and expiration reason (LEI-CDF).
func gleifStatus(status, expReason string) verify.Status {
	switch {
	case expReason == "DISSOLVED":
		return verify.StatusDissolved
	case status == "ACTIVE":
		return verify.StatusActive
	case status == "INACTIVE":
		return verify.StatusInactive
	}
	return verify.StatusUnknown
}
