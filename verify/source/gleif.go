package source

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// GLEIF: the Global LEI Index API (JSON:API), no key, data CC0.
//
// Host: api.gleif.org (base_url https://api.gleif.org/api/v1).
// Calls per searched name: GET /lei-records?filter[entity.names]=<name>&page[size]=10
// (legal, other and transliterated names), and the next pages
// (&page[number]=2, 3 ...) while meta.pagination.lastPage says there are
// more, up to Options.GLEIFMaxPages pages (default 3); when that finds nothing,
// GET /fuzzycompletions?field=entity.legalName&q=<name> and one
// GET /lei-records?filter[lei]=<lei,lei,...> for the suggested records.
// Enrich (for records that passed the score threshold):
// GET /lei-records/<lei>/direct-parent and /ultimate-parent (404 = no parent reported).
// Limits: GLEIF publishes no number; clients commonly keep to 60 requests a
// minute and 429 is reported above ~240/min, hence the default rate of 1/s.
type GLEIF struct {
	base
	maxPages int
}

// NewGLEIF builds the GLEIF adapter. No key is needed.
func NewGLEIF(s Settings, o Options) (*GLEIF, error) {
	b, err := newBase("gleif", s, o, httpx.Options{})
	if err != nil {
		return nil, err
	}
	mp := o.GLEIFMaxPages
	if mp <= 0 {
		mp = 3
	}
	return &GLEIF{base: b, maxPages: mp}, nil
}

// Covers: GLEIF is global.
func (g *GLEIF) Covers(country string) bool { return true }

type gleifName struct {
	Name     string `json:"name"`
	Language string `json:"language"`
	Type     string `json:"type"`
}

type gleifAddress struct {
	AddressLines []string `json:"addressLines"`
	City         string   `json:"city"`
	Region       string   `json:"region"`
	Country      string   `json:"country"`
	PostalCode   string   `json:"postalCode"`
}

func (a *gleifAddress) String() string {
	if a == nil {
		return ""
	}
	return joinNonEmpty(", ", strings.Join(a.AddressLines, ", "), a.City, a.Region, a.PostalCode, a.Country)
}

type gleifRecord struct {
	ID         string `json:"id"`
	Attributes struct {
		LEI    string `json:"lei"`
		Entity struct {
			LegalName                gleifName     `json:"legalName"`
			OtherNames               []gleifName   `json:"otherNames"`
			TransliteratedOtherNames []gleifName   `json:"transliteratedOtherNames"`
			LegalAddress             *gleifAddress `json:"legalAddress"`
			HeadquartersAddress      *gleifAddress `json:"headquartersAddress"`
			RegisteredAt             struct {
				ID string `json:"id"`
			} `json:"registeredAt"`
			RegisteredAs string `json:"registeredAs"`
			Jurisdiction string `json:"jurisdiction"`
			LegalForm    struct {
				ID    string `json:"id"`
				Other string `json:"other"`
			} `json:"legalForm"`
			Status     string `json:"status"`
			Expiration struct {
				Date   string `json:"date"`
				Reason string `json:"reason"`
			} `json:"expiration"`
			CreationDate string `json:"creationDate"`
		} `json:"entity"`
		Registration struct {
			Status string `json:"status"`
		} `json:"registration"`
		BIC  []string `json:"bic"`
		OCID *string  `json:"ocid"`
	} `json:"attributes"`
}

type gleifList struct {
	Data []gleifRecord `json:"data"`
	Meta struct {
		Pagination struct {
			CurrentPage int `json:"currentPage"`
			LastPage    int `json:"lastPage"`
		} `json:"pagination"`
	} `json:"meta"`
}

// gleifPageSize is the page[size] of a name search.
const gleifPageSize = 10

type gleifOne struct {
	Data *gleifRecord `json:"data"`
}

func (g *GLEIF) record(r *gleifRecord, resp *httpx.Response) verify.Record {
	a := r.Attributes
	e := a.Entity
	lei := a.LEI
	if lei == "" {
		lei = r.ID
	}
	rec := verify.Record{Source: g.name, ID: lei, URL: "https://search.gleif.org/#/record/" + lei,
		Name: e.LegalName.Name, Jurisdiction: e.Jurisdiction, IncorporatedOn: date10(e.CreationDate),
		RegisteredAddress: e.LegalAddress.String(), HeadOfficeAddress: e.HeadquartersAddress.String(),
		Identifiers: []verify.Identifier{{Scheme: "lei", Value: lei}}, RetrievedAt: resp.FetchedAt}
	if rec.HeadOfficeAddress == rec.RegisteredAddress {
		rec.HeadOfficeAddress = ""
	}
	var others []string
	for _, n := range append(append([]gleifName{}, e.OtherNames...), e.TransliteratedOtherNames...) {
		others = append(others, n.Name)
	}
	rec.OtherNames = uniqStrings(others, rec.Name)
	rec.LegalForm = e.LegalForm.ID
	if rec.LegalForm == "" || rec.LegalForm == "8888" {
		rec.LegalForm = e.LegalForm.Other
	}
	switch {
	case e.Expiration.Reason == "DISSOLVED":
		rec.Status, rec.DissolvedOn = verify.StatusDissolved, date10(e.Expiration.Date)
	case e.Status == "ACTIVE":
		rec.Status = verify.StatusActive
	case e.Status == "INACTIVE":
		rec.Status = verify.StatusInactive
	default:
		rec.Status = verify.StatusUnknown
	}
	if e.RegisteredAs != "" {
		rec.Identifiers = append(rec.Identifiers, verify.Identifier{Scheme: "registered_as", Value: e.RegisteredAs})
	}
	if e.RegisteredAt.ID != "" {
		rec.Identifiers = append(rec.Identifiers, verify.Identifier{Scheme: "gleif_ra", Value: e.RegisteredAt.ID})
	}
	for _, b := range a.BIC {
		rec.Identifiers = append(rec.Identifiers, verify.Identifier{Scheme: "bic", Value: b})
	}
	if a.OCID != nil && *a.OCID != "" {
		rec.Identifiers = append(rec.Identifiers, verify.Identifier{Scheme: "opencorporates", Value: *a.OCID})
	}
	return rec
}

// Search implements verify.Registry.
func (g *GLEIF) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	seen := map[string]bool{}
	var out []verify.Record
	add := func(list []gleifRecord, resp *httpx.Response) {
		for i := range list {
			r := g.record(&list[i], resp)
			if r.ID != "" && !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	for _, name := range g.names(q) {
		var list gleifList
		found := 0
		// Further pages, in GLEIF's own order, up to the cap: a common
		// name has more than one page of records that all carry it.
		for page := 1; page <= g.maxPages; page++ {
			params := url.Values{"filter[entity.names]": {name}, "page[size]": {fmt.Sprint(gleifPageSize)}}
			if page > 1 {
				params.Set("page[number]", fmt.Sprint(page))
			}
			list = gleifList{}
			resp, err := g.getJSON(ctx, g.endpoint("/lei-records", params), &list)
			if err != nil {
				return nil, fmt.Errorf("gleif: search %q page %d: %w", name, page, g.searchError(err))
			}
			add(list.Data, resp)
			found += len(list.Data)
			last := list.Meta.Pagination.LastPage
			if len(list.Data) == 0 || (last > 0 && page >= last) || (last == 0 && len(list.Data) < gleifPageSize) {
				break
			}
		}
		if found > 0 {
			continue
		}
		leis, err := g.fuzzy(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("gleif: fuzzy %q: %w", name, g.searchError(err))
		}
		if len(leis) == 0 {
			continue
		}
		u := g.endpoint("/lei-records", url.Values{"filter[lei]": {strings.Join(leis, ",")}, "page[size]": {"10"}})
		list = gleifList{}
		resp, err := g.getJSON(ctx, u, &list)
		if err != nil {
			return nil, fmt.Errorf("gleif: records %v: %w", leis, g.searchError(err))
		}
		add(list.Data, resp)
	}
	return out, nil
}

func (g *GLEIF) fuzzy(ctx context.Context, name string) ([]string, error) {
	var fc struct {
		Data []struct {
			Relationships struct {
				LEIRecords struct {
					Data struct {
						ID string `json:"id"`
					} `json:"data"`
				} `json:"lei-records"`
			} `json:"relationships"`
		} `json:"data"`
	}
	u := g.endpoint("/fuzzycompletions", url.Values{"field": {"entity.legalName"}, "q": {name}})
	if _, err := g.getJSON(ctx, u, &fc); err != nil {
		return nil, err
	}
	var leis []string
	for _, d := range fc.Data {
		if id := d.Relationships.LEIRecords.Data.ID; id != "" && len(leis) < 5 {
			leis = append(leis, id)
		}
	}
	return leis, nil
}

// Fetch returns one record by LEI; verify.ErrNotFound when GLEIF has none.
func (g *GLEIF) Fetch(ctx context.Context, lei string) (verify.Record, error) {
	var one gleifOne
	resp, err := g.fetchJSON(ctx, g.endpoint("/lei-records/"+url.PathEscape(lei), nil), &one)
	if err != nil {
		return verify.Record{}, fmt.Errorf("gleif: record %s: %w", lei, err)
	}
	if one.Data == nil {
		return verify.Record{}, fmt.Errorf("gleif: record %s: %w: no data", lei, ErrMalformed)
	}
	return g.record(one.Data, resp), nil
}

// Enrich adds the direct and ultimate parents (as officers with role
// "direct parent" / "ultimate parent") to a matched record.
func (g *GLEIF) Enrich(ctx context.Context, r verify.Record) (verify.Record, error) {
	for _, rel := range []string{"direct-parent", "ultimate-parent"} {
		var one gleifOne
		resp, err := g.fetchJSON(ctx, g.endpoint("/lei-records/"+url.PathEscape(r.ID)+"/"+rel, nil), &one)
		if errors.Is(err, verify.ErrNotFound) {
			continue // no parent reported (or a reporting exception)
		}
		if err != nil {
			return r, fmt.Errorf("gleif: %s of %s: %w", rel, r.ID, err)
		}
		if one.Data == nil {
			continue
		}
		p := g.record(one.Data, resp)
		r.Officers = append(r.Officers, verify.Officer{Name: p.Name + " (LEI " + p.ID + ")", Role: strings.ReplaceAll(rel, "-", " ")})
	}
	return r, nil
}

var (
	_ verify.Registry = (*GLEIF)(nil)
	_ verify.Enricher = (*GLEIF)(nil)
)
