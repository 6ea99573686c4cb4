package bulk

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// ICIJ Offshore Leaks database CSVs (full-oldb.LATEST.zip,
// https://offshoreleaks.icij.org/pages/database): nodes-entities.csv holds the
// offshore companies; their registered address is either in the entity's
// own "address" column or an Address node (nodes-addresses.csv) linked by a
// "registered_address" row of relationships.csv. Columns are read by name.
// Officer and intermediary nodes are not indexed.

func parseICIJ(ctx context.Context, files []member, emit emitFunc) error {
	var entities []member
	var addrFile, relFile *member
	for i := range files {
		switch files[i].Name {
		case "nodes-entities.csv":
			entities = append(entities, files[i])
		case "nodes-addresses.csv":
			addrFile = &files[i]
		case "relationships.csv":
			relFile = &files[i]
		}
	}
	if len(entities) == 0 {
		return errors.New("no nodes-entities.csv among the files")
	}
	// entity node id -> address node id, then address node id -> text.
	entAddr := map[string]string{}
	addrText := map[string]string{}
	if relFile != nil && addrFile != nil {
		err := eachCSV(*relFile, []string{"node_id_start", "node_id_end", "rel_type"}, func(h header, rec []string) error {
			if get(rec, h["rel_type"]) == "registered_address" {
				entAddr[get(rec, h["node_id_start"])] = get(rec, h["node_id_end"])
			}
			return nil
		})
		if err != nil {
			return err
		}
		want := make(map[string]bool, len(entAddr))
		for _, a := range entAddr {
			want[a] = true
		}
		err = eachCSV(*addrFile, []string{"node_id", "address"}, func(h header, rec []string) error {
			if id := get(rec, h["node_id"]); want[id] {
				addrText[id] = get(rec, h["address"])
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, m := range entities {
		err := eachCSV(m, []string{"node_id", "name"}, func(h header, rec []string) error {
			return emit(icijRecord(h, rec, entAddr, addrText))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func icijRecord(h header, rec []string, entAddr, addrText map[string]string) *verify.Record {
	f := func(name string) string { return get(rec, h.col(name)) }
	id, name := f("node_id"), f("name")
	if id == "" || name == "" {
		return nil
	}
	r := &verify.Record{ID: id, URL: "https://offshoreleaks.icij.org/nodes/" + id, Name: name,
		Jurisdiction: f("jurisdiction_description"), LegalForm: f("company_type"),
		IncorporatedOn: parseDate(f("incorporation_date")), RegisteredAddress: f("address"),
		Identifiers: []verify.Identifier{{Scheme: "icij_node_id", Value: id}},
		Datasets:    []string{"icij_offshoreleaks"}}
	if src := f("sourceID"); src != "" {
		r.Datasets = append(r.Datasets, src)
	}
	for _, k := range []string{"original_name", "former_name"} {
		if v := f(k); v != "" && v != name {
			r.OtherNames = append(r.OtherNames, v)
		}
	}
	if r.RegisteredAddress == "" {
		r.RegisteredAddress = addrText[entAddr[id]]
	}
	if v := f("ibcRUC"); v != "" {
		r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: "company_number", Value: v})
	}
	r.Status = icijStatus(f("status"))
	for _, k := range []string{"struck_off_date", "inactivation_date", "dorm_date"} {
		if d := parseDate(f(k)); d != "" {
			r.DissolvedOn = d
			break
		}
	}
	if sp := f("service_provider"); sp != "" {
		r.Officers = append(r.Officers, verify.Officer{Name: sp, Role: "service provider"})
	}
	return r
}

func icijStatus(s string) verify.Status {
	ls := strings.ToLower(s)
	switch {
	case ls == "":
		return verify.StatusUnknown
	case strings.Contains(ls, "struck"):
		return verify.StatusStruckOff
	case strings.Contains(ls, "liquidat"):
		return verify.StatusLiquidation
	case strings.Contains(ls, "dissolved"), strings.Contains(ls, "defunct"), strings.Contains(ls, "deregistered"):
		return verify.StatusDissolved
	case strings.Contains(ls, "inactive"), strings.Contains(ls, "dormant"), strings.Contains(ls, "default"):
		return verify.StatusInactive
	case strings.Contains(ls, "active"):
		return verify.StatusActive
	}
	return verify.StatusUnknown
}

// eachCSV streams a CSV with a header, requiring the given columns.
func eachCSV(m member, required []string, fn func(h header, rec []string) error) error {
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
	if err := h.require(m.Path, required...); err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvErr(m.Path, cr, err)
		}
		if err := fn(h, rec); err != nil {
			return err
		}
	}
}
