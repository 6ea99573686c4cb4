package source

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// OpenCorporates: API v0.4, token required (api_token query parameter;
// free for open-data projects that share results under the same licence).
//
// Host: api.opencorporates.com (base_url https://api.opencorporates.com/v0.4).
// Search: GET /companies/search?q=<name>&per_page=10[&country_code=<cc>] per
// searched name (country_code when the cluster has exactly one country).
// Limits: per account plan; a spent quota answers 403 or 429. Default rate
// 0.5/s and a per-run budget of 200.
type OpenCorporates struct {
	base
	token string
}

// openCorporatesThin lists jurisdictions OpenSanctions' OpenCorporates enricher
// skips for lack of data (opensanctions datasets/_externals/opencorporates.yml);
// searching them would claim "not found" without a real register behind it.
var openCorporatesThin = map[string]bool{"RU": true, "CN": true, "KP": true, "SY": true, "IQ": true, "AE": true,
	"VE": true, "CU": true, "PS": true, "AF": true, "UZ": true, "KZ": true, "XK": true, "SD": true}

// NewOpenCorporates builds the adapter; without a token it returns an error
// wrapping verify.ErrNoCredential.
func NewOpenCorporates(s Settings, o Options) (*OpenCorporates, error) {
	if s.APIKey == "" {
		return nil, fmt.Errorf("opencorporates: %w (sources.opencorporates.api_key)", verify.ErrNoCredential)
	}
	b, err := newBase("opencorporates", s, o, httpx.Options{SecretParams: []string{"api_token"}})
	if err != nil {
		return nil, err
	}
	return &OpenCorporates{base: b, token: s.APIKey}, nil
}

// Covers every country except those with little or no OpenCorporates data.
func (oc *OpenCorporates) Covers(country string) bool { return !openCorporatesThin[country] }

// WhyNotCovered implements verify.CoverageExplainer.
func (oc *OpenCorporates) WhyNotCovered(country string) string {
	if openCorporatesThin[country] {
		return "OpenCorporates has little or no register data for " + country
	}
	return ""
}

type ocCompany struct {
	Name              string `json:"name"`
	CompanyNumber     string `json:"company_number"`
	JurisdictionCode  string `json:"jurisdiction_code"`
	IncorporationDate string `json:"incorporation_date"`
	DissolutionDate   string `json:"dissolution_date"`
	CompanyType       string `json:"company_type"`
	CurrentStatus     string `json:"current_status"`
	Inactive          *bool  `json:"inactive"`
	OpencorporatesURL string `json:"opencorporates_url"`
	RegistryURL       string `json:"registry_url"`
	RegisteredAddress string `json:"registered_address_in_full"`
	PreviousNames     []struct {
		CompanyName string `json:"company_name"`
	} `json:"previous_names"`
	AlternativeNames []struct {
		CompanyName string `json:"company_name"`
	} `json:"alternative_names"`
	Officers []struct {
		Officer struct {
			Name     string `json:"name"`
			Position string `json:"position"`
		} `json:"officer"`
	} `json:"officers"`
}

// Search implements verify.Registry.
func (oc *OpenCorporates) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	seen := map[string]bool{}
	var out []verify.Record
	for _, name := range oc.names(q) {
		params := url.Values{"q": {name}, "per_page": {"10"}, "api_token": {oc.token}}
		if len(q.Countries) == 1 {
			params.Set("country_code", strings.ToLower(q.Countries[0]))
		}
		var res struct {
			Results struct {
				Companies []struct {
					Company ocCompany `json:"company"`
				} `json:"companies"`
			} `json:"results"`
		}
		u := oc.endpoint("/companies/search", params)
		resp, err := oc.getJSON(ctx, u, &res)
		if err != nil {
			return nil, fmt.Errorf("opencorporates: search %q: %w", name, oc.searchError(err))
		}
		for _, c := range res.Results.Companies {
			r := oc.record(c.Company)
			if r.ID == "" || seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			r.RetrievedAt = resp.FetchedAt
			out = append(out, r)
		}
	}
	return out, nil
}

func (oc *OpenCorporates) record(c ocCompany) verify.Record {
	id := ""
	if c.JurisdictionCode != "" && c.CompanyNumber != "" {
		id = c.JurisdictionCode + "/" + c.CompanyNumber
	}
	r := verify.Record{Source: oc.name, ID: id, URL: c.OpencorporatesURL, Name: c.Name,
		Jurisdiction: ocJurisdiction(c.JurisdictionCode), LegalForm: c.CompanyType,
		IncorporatedOn: date10(c.IncorporationDate), DissolvedOn: date10(c.DissolutionDate),
		RegisteredAddress: c.RegisteredAddress,
		Identifiers:       []verify.Identifier{{Scheme: "company_number", Value: c.CompanyNumber}, {Scheme: "opencorporates", Value: id}}}
	var others []string
	for _, p := range c.PreviousNames {
		others = append(others, p.CompanyName)
	}
	for _, p := range c.AlternativeNames {
		others = append(others, p.CompanyName)
	}
	r.OtherNames = uniqStrings(others, r.Name)
	for _, o := range c.Officers {
		r.Officers = append(r.Officers, verify.Officer{Name: o.Officer.Name, Role: o.Officer.Position})
	}
	r.Status = ocStatus(c.CurrentStatus, c.Inactive, r.DissolvedOn)
	return r
}

// ocJurisdiction turns "us_ca" into "US-CA" and "gb" into "GB".
func ocJurisdiction(code string) string {
	return strings.ToUpper(strings.ReplaceAll(code, "_", "-"))
}

// ocStatus maps current_status, the registry's own wording that
// OpenCorporates passes on, and the inactive flag (true, false or null).
// The wording decides when it is known: many registers' texts ("Live",
// "Registered", "Good Standing", "Removed", "Deregistered") come with
// inactive: null.
func ocStatus(s string, inactive *bool, dissolved string) verify.Status {
	ls := strings.ToLower(strings.TrimSpace(s))
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(ls, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("liquidation", "liquidated", "winding up", "wound up"):
		return verify.StatusLiquidation
	case has("proposal to strike off", "proposed strike off", "proposed to be struck off", "strike off action"):
		return verify.StatusStrikeOffProposed
	case has("struck", "strike"):
		return verify.StatusStruckOff
	case has("dissolved", "removed", "deregistered", "de-registered", "cancelled", "canceled", "revoked", "ceased", "closed", "terminated") || dissolved != "":
		return verify.StatusDissolved
	case has("inactive", "dormant", "not in good standing", "delinquent", "suspended", "expired", "lapsed"):
		return verify.StatusInactive
	case has("active", "live", "registered", "good standing", "current", "existing", "in existence", "normal", "incorporated"):
		return verify.StatusActive
	case inactive != nil && *inactive:
		return verify.StatusInactive
	case inactive != nil && !*inactive:
		return verify.StatusActive
	}
	return verify.StatusUnknown
}

var (
	_ verify.Registry          = (*OpenCorporates)(nil)
	_ verify.CoverageExplainer = (*OpenCorporates)(nil)
)
