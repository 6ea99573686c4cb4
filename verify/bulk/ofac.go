package bulk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// OFAC legacy CSV files (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas),
// no header rows, "-0-" for an empty field:
//
//	sdn.csv / cons_prim.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
//	add.csv / cons_add.csv:  ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
//	alt.csv / cons_alt.csv:  ent_num, alt_num, alt_type, alt_name, alt_remarks
//
// Address and alias files are small (tens of thousands of rows) and joined in memory.
//
// Besides the legacy CSVs, the ofac source reads the XML files OFAC publishes
// today (sdn.xml, SDN_ADVANCED.XML and their consolidated twins, see
// ofacxml.go) and OpenSanctions' targets.simple.csv of its OFAC datasets (see
// simplecsv.go). Each XML or simple-CSV file stands alone; the legacy CSVs
// are joined with one another as before.

type ofacKind int

const (
	ofacPrim ofacKind = iota
	ofacAdd
	ofacAlt
	ofacOther
)

func ofacFileKind(name string) (ofacKind, string) {
	name = strings.TrimSuffix(name, ".csv")
	switch name {
	case "sdn", "sdn_prim":
		return ofacPrim, "us_ofac_sdn"
	case "cons_prim", "consolidated":
		return ofacPrim, "us_ofac_cons"
	case "add", "sdn_add", "cons_add":
		return ofacAdd, ""
	case "alt", "sdn_alt", "cons_alt":
		return ofacAlt, ""
	}
	return ofacOther, ""
}

func ofacField(rec []string, i int) string {
	v := get(rec, i)
	if v == "-0-" {
		return ""
	}
	return v
}

func parseOFAC(ctx context.Context, files []member, emit emitFunc) error {
	addrs := map[string][]string{}
	alts := map[string][]string{}
	var prims, others []member
	legacy := false
	for _, m := range files {
		if isOFACXML(m.Name) || isSimpleCSV(m.Name) {
			others = append(others, m)
			continue
		}
		kind, _ := ofacFileKind(m.Name)
		legacy = true
		switch kind {
		case ofacAdd:
			if err := readOFACAux(m, func(rec []string) {
				a := joinNonEmpty(", ", ofacField(rec, 2), ofacField(rec, 3), ofacField(rec, 4))
				if a != "" {
					addrs[get(rec, 0)] = append(addrs[get(rec, 0)], a)
				}
			}); err != nil {
				return err
			}
		case ofacAlt:
			if err := readOFACAux(m, func(rec []string) {
				if n := ofacField(rec, 3); n != "" {
					alts[get(rec, 0)] = append(alts[get(rec, 0)], n)
				}
			}); err != nil {
				return err
			}
		case ofacPrim:
			prims = append(prims, m)
		default:
			return fmt.Errorf("%s: not an OFAC file name (sdn.xml, sdn_advanced.xml, consolidated.xml, cons_advanced.xml, "+
				"targets.simple.csv, or the legacy sdn.csv, add.csv, alt.csv, cons_prim.csv, cons_add.csv, cons_alt.csv)", m.Path)
		}
	}
	for _, m := range others {
		var err error
		if isOFACXML(m.Name) {
			err = parseOFACXML(m, emit)
		} else {
			err = parseSimpleCSV(m, emit)
		}
		if err != nil {
			return err
		}
	}
	if legacy && len(prims) == 0 {
		return errors.New("no sdn.csv or cons_prim.csv among the files (add.csv and alt.csv only complete them)")
	}
	for _, m := range prims {
		_, dataset := ofacFileKind(m.Name)
		rc, err := m.Open()
		if err != nil {
			return err
		}
		cr := csvReader(rc)
		rows := 0
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				rc.Close()
				return csvErr(m.Path, cr, err)
			}
			if len(rec) < 4 || !isDigits(get(rec, 0)) {
				continue // trailer line (0x1A) or blank
			}
			rows++
			id := get(rec, 0)
			typ := strings.ToLower(ofacField(rec, 2))
			if typ != "" { // individual, vessel, aircraft: not companies
				if err := emit(nil); err != nil {
					rc.Close()
					return err
				}
				continue
			}
			r := &verify.Record{ID: id, Name: ofacField(rec, 1),
				URL:         "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + id,
				Status:      verify.StatusUnknown,
				Topics:      []string{"sanction"},
				Datasets:    []string{dataset},
				Identifiers: []verify.Identifier{{Scheme: "ofac_ent_num", Value: id}},
				OtherNames:  alts[id]}
			if prog := ofacField(rec, 3); prog != "" {
				for _, p := range strings.Split(strings.Trim(prog, "[]"), "] [") {
					if p = strings.TrimSpace(p); p != "" {
						r.Programs = append(r.Programs, p)
					}
				}
			}
			if as := addrs[id]; len(as) > 0 {
				r.RegisteredAddress = as[0]
			}
			if err := emit(r); err != nil {
				rc.Close()
				return err
			}
		}
		rc.Close()
		if rows == 0 {
			return fmt.Errorf("%s: no OFAC rows (expected numeric ent_num in the first column, no header)", m.Path)
		}
	}
	return nil
}

// readOFACAux reads a header-less OFAC file row by row.
func readOFACAux(m member, fn func(rec []string)) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	cr := csvReader(rc)
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvErr(m.Path, cr, err)
		}
		if len(rec) < 3 || !isDigits(get(rec, 0)) {
			continue
		}
		rows++
		fn(rec)
	}
	if rows == 0 {
		return fmt.Errorf("%s: no OFAC rows (expected numeric ent_num in the first column, no header)", m.Path)
	}
	return nil
}

// isOFACXML is true for sdn.xml, sdn_advanced.xml, consolidated.xml,
// cons_advanced.xml and any other .xml name (the root element decides).
func isOFACXML(name string) bool { return strings.HasSuffix(name, ".xml") }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
