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

// OpenDART (Korea, Financial Supervisory Service): company overview of DART
// filers (mainly listed and externally audited companies). Needs a free
// 40-character key (crtfc_key).
//
// Name → corp_code: OpenDART has no name search; the corp-code list
// (GET /api/corpCode.xml, a ZIP holding CORPCODE.xml with Korean and English
// names of ~100,000 filers) is downloaded once by the user and indexed
// offline with `resolve index opendart CORPCODE.xml`. The adapter looks the
// cluster's names up in that index (Options.CorpCodes, the bulk "local"
// registry) and then calls, for the best 3 candidates,
//
// Host: opendart.fss.or.kr: GET /api/company.json?crtfc_key=<key>&corp_code=<code>
// (Korean and English names, CEO, registration numbers, address, website, founding date).
// Status codes in the body: 000 ok, 013 no data, 020 call limit exceeded
// (about 20,000 a day), 010/011/012/901 key problems, 800 maintenance.
// The default per-run budget is 1,000.
type OpenDART struct {
	base
	key   string
	codes CorpCodeFinder
}

// CorpCodeFinder finds indexed bulk records by name in one bulk source;
// *bulk.Local implements it. ok is false when the source is not indexed.
type CorpCodeFinder interface {
	SearchSource(ctx context.Context, source string, names []string) (recs []verify.Record, ok bool, err error)
}

// ErrNoCorpCodes is returned by Search when CORPCODE.xml has not been indexed.
var ErrNoCorpCodes = errors.New("OpenDART corp codes not indexed: download corpCode.xml and run `resolve index opendart CORPCODE.xml`")

// NewOpenDART builds the adapter; without a key it returns an error wrapping
// verify.ErrNoCredential.
func NewOpenDART(s Settings, o Options) (*OpenDART, error) {
	if s.APIKey == "" {
		return nil, fmt.Errorf("opendart: %w (sources.opendart.api_key)", verify.ErrNoCredential)
	}
	b, err := newBase("opendart", s, o, httpx.Options{SecretParams: []string{"crtfc_key"}})
	if err != nil {
		return nil, err
	}
	return &OpenDART{base: b, key: s.APIKey, codes: o.CorpCodes}, nil
}

// Covers: Korean companies only.
func (d *OpenDART) Covers(country string) bool { return country == "KR" }

type dartCompany struct {
	Status      string `json:"status"`
	Message     string `json:"message"`
	CorpCode    string `json:"corp_code"`
	CorpName    string `json:"corp_name"`
	CorpNameEng string `json:"corp_name_eng"`
	StockName   string `json:"stock_name"`
	StockCode   string `json:"stock_code"`
	CEO         string `json:"ceo_nm"`
	JurirNo     string `json:"jurir_no"`
	BizrNo      string `json:"bizr_no"`
	Address     string `json:"adres"`
	HomeURL     string `json:"hm_url"`
	EstDate     string `json:"est_dt"`
}

// answerError maps the status inside a 200 answer: 000 and 013 (no data)
// are answers, every other status an error (never cached).
func (c *dartCompany) answerError() error {
	switch c.Status {
	case "000", "013":
		return nil
	case "020":
		return fmt.Errorf("%w: %s (status 020: daily call limit)", verify.ErrRateLimited, c.Message)
	case "010", "011", "012", "901":
		return fmt.Errorf("%w (status %s): %s", verify.ErrKeyRefused, c.Status, c.Message)
	}
	return fmt.Errorf("status %q: %s", c.Status, c.Message)
}

// Search implements verify.Registry.
func (d *OpenDART) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	if d.codes == nil {
		return nil, fmt.Errorf("opendart: %w", ErrNoCorpCodes)
	}
	cands, ok, err := d.codes.SearchSource(ctx, "opendart", d.names(q))
	if err != nil {
		return nil, fmt.Errorf("opendart: corp codes: %w", err)
	}
	if !ok {
		return nil, fmt.Errorf("opendart: %w", ErrNoCorpCodes)
	}
	if len(cands) > 3 {
		cands = cands[:3]
	}
	var out []verify.Record
	for _, c := range cands {
		r, found, err := d.company(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if found {
			out = append(out, r)
		}
	}
	return out, nil
}

func (d *OpenDART) company(ctx context.Context, code string) (verify.Record, bool, error) {
	u := d.endpoint("/company.json", url.Values{"crtfc_key": {d.key}, "corp_code": {code}})
	var c dartCompany
	resp, err := d.getJSON(ctx, u, &c)
	if err != nil {
		return verify.Record{}, false, fmt.Errorf("opendart: company %s: %w", code, d.searchError(err))
	}
	if c.Status == "013" {
		return verify.Record{}, false, nil // no data for this code
	}
	if c.CorpCode == "" {
		c.CorpCode = code
	}
	r := verify.Record{Source: d.name, ID: c.CorpCode,
		URL:  "https://opendart.fss.or.kr/api/company.json?corp_code=" + url.QueryEscape(c.CorpCode),
		Name: c.CorpName, Jurisdiction: "KR", Status: verify.StatusUnknown, RegisteredAddress: strings.TrimSpace(c.Address),
		IncorporatedOn: dartDate(c.EstDate), RetrievedAt: resp.FetchedAt,
		Identifiers: []verify.Identifier{{Scheme: "dart_corp_code", Value: c.CorpCode}}}
	r.OtherNames = uniqStrings([]string{c.CorpNameEng, c.StockName}, r.Name)
	for _, id := range []verify.Identifier{{Scheme: "kr_corporate_registration_number", Value: c.JurirNo},
		{Scheme: "kr_business_registration_number", Value: c.BizrNo}, {Scheme: "krx_stock_code", Value: strings.TrimSpace(c.StockCode)}} {
		if id.Value != "" {
			r.Identifiers = append(r.Identifiers, id)
		}
	}
	for _, ceo := range strings.Split(c.CEO, ",") {
		if ceo = strings.TrimSpace(ceo); ceo != "" {
			r.Officers = append(r.Officers, verify.Officer{Name: ceo, Role: "ceo"})
		}
	}
	if h := strings.TrimSpace(c.HomeURL); h != "" {
		if !strings.Contains(h, "://") {
			h = "http://" + h
		}
		r.Websites = []string{h}
	}
	return r, true, nil
}

// dartDate turns YYYYMMDD into YYYY-MM-DD.
func dartDate(s string) string {
	if len(s) != 8 {
		return ""
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

var _ verify.Registry = (*OpenDART)(nil)
