package bulk

import (
	"context"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// UK Companies House "Free Company Data Product" (BasicCompanyDataAsOneFile-YYYY-MM-01.csv,
// https://download.companieshouse.gov.uk/en_output.html). Some header names
// carry a leading space in the published file (" CompanyNumber"); headers are
// trimmed before use. Dates are DD/MM/YYYY.

func parseCompaniesHouse(ctx context.Context, files []member, emit emitFunc) error {
	for _, m := range files {
		err := eachCSV(m, []string{"CompanyName", "CompanyNumber"}, func(h header, rec []string) error {
			return emit(chRecord(h, rec))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func chRecord(h header, rec []string) *verify.Record {
	f := func(name string) string { return get(rec, h.col(name)) }
	num, name := f("CompanyNumber"), f("CompanyName")
	if num == "" || name == "" {
		return nil
	}
	r := &verify.Record{ID: num, Name: name, Jurisdiction: "GB",
		URL:       "https://find-and-update.company-information.service.gov.uk/company/" + num,
		LegalForm: f("CompanyCategory"), Status: chBulkStatus(f("CompanyStatus")),
		IncorporatedOn: parseDate(f("IncorporationDate")), DissolvedOn: parseDate(f("DissolutionDate")),
		RegisteredAddress: joinNonEmpty(", ", f("RegAddress.CareOf"), f("RegAddress.POBox"), f("RegAddress.AddressLine1"),
			f("RegAddress.AddressLine2"), f("RegAddress.PostTown"), f("RegAddress.County"), f("RegAddress.PostCode"),
			f("RegAddress.Country")),
		Identifiers: []verify.Identifier{{Scheme: "company_number", Value: num}}}
	for i := 1; i <= 10; i++ {
		if v := f("PreviousName_" + itoa(i) + ".CompanyName"); v != "" {
			r.OtherNames = append(r.OtherNames, v)
		}
	}
	return r
}

func chBulkStatus(s string) verify.Status {
	ls := strings.ToLower(s)
	switch {
	case strings.Contains(ls, "strike off"), strings.Contains(ls, "struck"):
		// "Active - Proposal to Strike off": still registered, flagged for removal.
		if strings.HasPrefix(ls, "active") {
			return verify.StatusStrikeOffProposed
		}
		return verify.StatusStruckOff
	case strings.HasPrefix(ls, "active"):
		return verify.StatusActive
	case strings.Contains(ls, "dissolved"), strings.Contains(ls, "closed"), strings.Contains(ls, "removed"):
		return verify.StatusDissolved
	case strings.Contains(ls, "liquidation"):
		return verify.StatusLiquidation
	}
	return verify.StatusUnknown
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return "10"
}
