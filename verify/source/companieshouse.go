package source

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// CompaniesHouse: the UK Companies House Public Data API. Needs a free REST
// API key, sent as the HTTP Basic user name with an empty password.
//
// Host: api.company-information.service.gov.uk.
// Search: GET /search/companies?q=<name>&items_per_page=10 per searched name.
// Enrich (records that passed the threshold): GET /company/<n> (profile,
// registered office, previous names), GET /company/<n>/officers (name,
// officer_role, resigned_on and the service address) and
// GET /company/<n>/persons-with-significant-control.
// Limits: 600 requests per 5 minutes per key, then 429 for the rest of the
// window (developer-specs.company-information.service.gov.uk/guides/rateLimiting):
// the default rate is 2/s.
type CompaniesHouse struct{ base }

// NewCompaniesHouse builds the adapter; without a key it returns an error
// wrapping verify.ErrNoCredential.
func NewCompaniesHouse(s Settings, o Options) (*CompaniesHouse, error) {
	if s.APIKey == "" {
		return nil, fmt.Errorf("companies_house: %w (sources.companies_house.api_key or RESOLVE_SOURCES_COMPANIES_HOUSE_API_KEY)", verify.ErrNoCredential)
	}
	h := http.Header{}
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(s.APIKey+":")))
	b, err := newBase("companies_house", s, o, httpx.Options{Header: h})
	if err != nil {
		return nil, err
	}
	return &CompaniesHouse{b}, nil
}

// Covers: the register covers companies of the United Kingdom.
func (c *CompaniesHouse) Covers(country string) bool {
	return country == "GB"
}

// RegisterOfRecord: Companies House is the UK's register of companies.
func (c *CompaniesHouse) RegisterOfRecord(country string) bool { return country == "GB" }

type chAddress struct {
	Premises     string `json:"premises"`
	AddressLine1 string `json:"address_line_1"`
	AddressLine2 string `json:"address_line_2"`
	Locality     string `json:"locality"`
	Region       string `json:"region"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country"`
}

func (a chAddress) String() string {
	return joinNonEmpty(", ", joinNonEmpty(" ", a.Premises, a.AddressLine1), a.AddressLine2, a.Locality, a.Region, a.PostalCode, a.Country)
}

func chURL(number string) string {
	return "https://find-and-update.company-information.service.gov.uk/company/" + number
}

// chStatus maps company_status (companieshouse/api-enumerations constants.yml).
func chStatus(s string) verify.Status {
	switch s {
	case "active", "open", "registered":
		return verify.StatusActive
	case "dissolved", "converted-closed", "closed", "removed":
		return verify.StatusDissolved
	case "liquidation":
		return verify.StatusLiquidation
	case "":
		return verify.StatusUnknown
	}
	// receivership, administration, voluntary-arrangement, insolvency-proceedings
	return verify.StatusUnknown
}

// Search implements verify.Registry.
func (c *CompaniesHouse) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	seen := map[string]bool{}
	var out []verify.Record
	for _, name := range c.names(q) {
		var res struct {
			Items []struct {
				Title           string    `json:"title"`
				CompanyNumber   string    `json:"company_number"`
				CompanyStatus   string    `json:"company_status"`
				CompanyType     string    `json:"company_type"`
				DateOfCreation  string    `json:"date_of_creation"`
				DateOfCessation string    `json:"date_of_cessation"`
				Address         chAddress `json:"address"`
				AddressSnippet  string    `json:"address_snippet"`
			} `json:"items"`
		}
		u := c.endpoint("/search/companies", url.Values{"q": {name}, "items_per_page": {"10"}})
		resp, err := c.getJSON(ctx, u, &res)
		if err != nil {
			return nil, fmt.Errorf("companies_house: search %q: %w", name, c.searchError(err))
		}
		for _, it := range res.Items {
			if it.CompanyNumber == "" || seen[it.CompanyNumber] {
				continue
			}
			seen[it.CompanyNumber] = true
			addr := it.AddressSnippet
			if addr == "" {
				addr = it.Address.String()
			}
			out = append(out, verify.Record{Source: c.name, ID: it.CompanyNumber, URL: chURL(it.CompanyNumber),
				Name: it.Title, Jurisdiction: "GB", LegalForm: it.CompanyType, Status: chStatus(it.CompanyStatus),
				IncorporatedOn: it.DateOfCreation, DissolvedOn: it.DateOfCessation, RegisteredAddress: addr,
				Identifiers: []verify.Identifier{{Scheme: "company_number", Value: it.CompanyNumber}},
				RetrievedAt: resp.FetchedAt})
		}
	}
	return out, nil
}

// Enrich adds the profile (registered office, previous names, status),
// officers and persons with significant control.
func (c *CompaniesHouse) Enrich(ctx context.Context, r verify.Record) (verify.Record, error) {
	n := url.PathEscape(r.ID)
	var p struct {
		CompanyName     string    `json:"company_name"`
		CompanyStatus   string    `json:"company_status"`
		StatusDetail    string    `json:"company_status_detail"`
		Type            string    `json:"type"`
		Jurisdiction    string    `json:"jurisdiction"`
		DateOfCreation  string    `json:"date_of_creation"`
		DateOfCessation string    `json:"date_of_cessation"`
		Office          chAddress `json:"registered_office_address"`
		Previous        []struct {
			Name string `json:"name"`
		} `json:"previous_company_names"`
	}
	resp, err := c.fetchJSON(ctx, c.endpoint("/company/"+n, nil), &p)
	if err != nil {
		return r, fmt.Errorf("companies_house: profile %s: %w", r.ID, err)
	}
	r.RetrievedAt = resp.FetchedAt
	if p.CompanyName != "" {
		r.Name = p.CompanyName
	}
	if s := chStatus(p.CompanyStatus); s != verify.StatusUnknown || r.Status == "" {
		r.Status = s
	}
	if p.StatusDetail == "active-proposal-to-strike-off" {
		// "Active - Proposal to Strike off": gazetted for removal, not active.
		r.Status = verify.StatusStrikeOffProposed
	}
	r.LegalForm = firstNonEmpty(p.Type, r.LegalForm)
	r.IncorporatedOn = firstNonEmpty(p.DateOfCreation, r.IncorporatedOn)
	r.DissolvedOn = firstNonEmpty(p.DateOfCessation, r.DissolvedOn)
	if a := p.Office.String(); a != "" {
		r.RegisteredAddress = a
	}
	var prev []string
	for _, x := range p.Previous {
		prev = append(prev, x.Name)
	}
	r.OtherNames = uniqStrings(append(r.OtherNames, prev...), r.Name)

	var off struct {
		Items []struct {
			Name       string    `json:"name"`
			Role       string    `json:"officer_role"`
			ResignedOn string    `json:"resigned_on"`
			Address    chAddress `json:"address"`
		} `json:"items"`
	}
	if _, err := c.fetchJSON(ctx, c.endpoint("/company/"+n+"/officers", url.Values{"items_per_page": {"100"}}), &off); err != nil && !errors.Is(err, verify.ErrNotFound) {
		return r, fmt.Errorf("companies_house: officers %s: %w", r.ID, err)
	}
	for _, o := range off.Items {
		role := o.Role
		if o.ResignedOn != "" {
			role += " (resigned " + o.ResignedOn + ")"
		}
		r.Officers = append(r.Officers, verify.Officer{Name: o.Name, Role: role, Address: o.Address.String()})
	}
	var psc struct {
		Items []struct {
			Name     string   `json:"name"`
			Kind     string   `json:"kind"`
			Natures  []string `json:"natures_of_control"`
			CeasedOn string   `json:"ceased_on"`
		} `json:"items"`
	}
	if _, err := c.fetchJSON(ctx, c.endpoint("/company/"+n+"/persons-with-significant-control", nil), &psc); err != nil && !errors.Is(err, verify.ErrNotFound) {
		return r, fmt.Errorf("companies_house: psc %s: %w", r.ID, err)
	}
	for _, x := range psc.Items {
		role := "psc"
		if len(x.Natures) > 0 {
			role += ": " + strings.Join(x.Natures, ", ")
		}
		if x.CeasedOn != "" {
			role += " (ceased " + x.CeasedOn + ")"
		}
		name := x.Name
		if name == "" {
			name = x.Kind
		}
		r.Officers = append(r.Officers, verify.Officer{Name: name, Role: role})
	}
	return r, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

var (
	_ verify.Registry         = (*CompaniesHouse)(nil)
	_ verify.Enricher         = (*CompaniesHouse)(nil)
	_ verify.RegisterOfRecord = (*CompaniesHouse)(nil)
)
