package source

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/bulk"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// OpenSanctions: the /match API, hosted (api.opensanctions.org, key sent as
// "Authorization: ApiKey <key>", metered per query) or a self-hosted yente at
// any URL (no key needed).
//
// Host: the base_url's host only. One call per cluster:
// POST /match/<dataset>?algorithm=best&limit=10 with one Company query
// carrying all searched names and the cluster's countries. Results carry
// topics (sanction, sanction.linked, export.control, debarment, ...),
// datasets, programme ids and identifiers (INN, OGRN, LEI, ...).
// Limits: hosted usage is metered per query and a spent monthly quota
// answers 429; the default per-run budget is 500. Data licence CC BY-NC 4.0.
type OpenSanctions struct {
	base
	dataset string
}

// NewOpenSanctions builds the adapter. The hosted API needs a key; a
// self-hosted yente (any other host) does not.
func NewOpenSanctions(s Settings, o Options) (*OpenSanctions, error) {
	h := http.Header{}
	if s.APIKey != "" {
		h.Set("Authorization", "ApiKey "+s.APIKey)
	} else if u, err := url.Parse(s.BaseURL); err == nil && strings.EqualFold(u.Hostname(), "api.opensanctions.org") {
		return nil, fmt.Errorf("opensanctions: %w (sources.opensanctions.api_key, or point base_url at a self-hosted yente)", verify.ErrNoCredential)
	}
	h.Set("Content-Type", "application/json")
	b, err := newBase("opensanctions", s, o, httpx.Options{Header: h})
	if err != nil {
		return nil, err
	}
	ds := o.OpenSanctionsDataset
	if ds == "" {
		ds = "default"
	}
	return &OpenSanctions{base: b, dataset: ds}, nil
}

// Covers: the collections are global.
func (s *OpenSanctions) Covers(country string) bool { return true }

type osMatchResponse struct {
	Responses map[string]struct {
		Status  int `json:"status"`
		Results []struct {
			bulk.FtMEntity
			Score float64 `json:"score"`
			Match bool    `json:"match"`
		} `json:"results"`
	} `json:"responses"`
}

// answerError: the answer must hold the query's response with status 200.
func (m *osMatchResponse) answerError() error {
	r, ok := m.Responses["q"]
	if !ok {
		return fmt.Errorf("%w: no response for the query", ErrMalformed)
	}
	if r.Status != 0 && r.Status != http.StatusOK {
		return fmt.Errorf("query status %d", r.Status)
	}
	return nil
}

// Search implements verify.Registry.
func (s *OpenSanctions) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	names := s.names(q)
	if len(names) == 0 {
		return nil, nil
	}
	props := map[string][]string{"name": names}
	for _, c := range q.Countries {
		props["jurisdiction"] = append(props["jurisdiction"], strings.ToLower(c))
	}
	body, _ := json.Marshal(map[string]any{"queries": map[string]any{"q": map[string]any{"schema": "Company", "properties": props}}})
	u := s.endpoint("/match/"+url.PathEscape(s.dataset), url.Values{"algorithm": {"best"}, "limit": {"10"}})
	var mr osMatchResponse
	resp, err := s.doJSON(ctx, httpx.Request{Method: http.MethodPost, URL: u, Body: body}, &mr, true)
	if err != nil {
		return nil, fmt.Errorf("opensanctions: match %q: %w", names[0], err)
	}
	r := mr.Responses["q"]
	var out []verify.Record
	for i := range r.Results {
		rec := r.Results[i].FtMEntity.Record()
		if rec == nil {
			continue
		}
		rec.Source = s.name
		rec.RetrievedAt = resp.FetchedAt
		out = append(out, *rec)
	}
	return out, nil
}

var _ verify.Registry = (*OpenSanctions)(nil)
