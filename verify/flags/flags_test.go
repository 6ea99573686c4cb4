package flags

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/web"
)

// Records here are fictional ("Brightwater Test Trading Limited" and
// neighbours), built in the shape of verify.Record; no real company.

var retrieved = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func rec(id string, mod func(*verify.Record)) verify.Record {
	r := verify.Record{Source: "hk_cr", ID: id, URL: "https://registry.example/" + id, Name: "Brightwater Test Trading Limited",
		Jurisdiction: "HK", Status: verify.StatusActive, IncorporatedOn: "2015-03-01", RetrievedAt: retrieved}
	if mod != nil {
		mod(&r)
	}
	return r
}

func match(source string, score float64, r verify.Record) Match {
	return Match{Source: source, Score: score, Record: r}
}

func base() Input {
	return Input{
		ClusterID: "c1",
		Names:     []string{"Brightwater Test Trading Limited"},
		Countries: []string{"HK"},
		Addresses: []string{"Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon"},
		FirstSeen: "2023-01-10",
		LastSeen:  "2024-06-30",
		Matches:   []Match{match("hk_cr", 0.97, rec("HK1", nil))},
		Coverage:  []Coverage{{Source: "hk_cr", Status: CoverageFound}},
	}
}

type ruleCase struct {
	name    string
	in      func(*Input)
	l       Lookups
	want    Severity // "" = no flag
	wantErr bool
	check   func(t *testing.T, f *Flag)
}

func runRule(t *testing.T, r Rule, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			if tc.in != nil {
				tc.in(&in)
			}
			p := DefaultParams()
			e := &Env{In: in, P: p, L: tc.l}
			e.cutoff, _ = time.Parse(time.DateOnly, p.SanctionsCutoff)
			f, err := r.Evaluate(context.Background(), e)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if tc.want == "" {
				if f != nil {
					t.Fatalf("unexpected flag %+v", f)
				}
				return
			}
			if f == nil {
				t.Fatalf("no flag, want %s", tc.want)
			}
			if f.Severity != tc.want {
				t.Errorf("severity = %s, want %s; evidence %v", f.Severity, tc.want, f.Evidence)
			}
			if f.Title == "" || f.Caveat == "" || len(f.Evidence) == 0 {
				t.Errorf("flag lacks title, caveat or evidence: %+v", f)
			}
			if tc.check != nil {
				tc.check(t, f)
			}
		})
	}
}

func TestMassRegistrationAddress(t *testing.T) {
	counter := func(n int) func(context.Context, string) (int, []string, error) {
		return func(_ context.Context, addr string) (int, []string, error) {
			if addr == "UNIT 1203 FLOOR 12 EXAMPLE TOWER 9 SAMPLE ROAD KOWLOON" {
				return n, []string{"Alpha Test Ltd", "Beta Test Ltd"}, nil
			}
			return 1, nil, nil
		}
	}
	runRule(t, MassRegistrationAddress{}, []ruleCase{
		{name: "below threshold", l: Lookups{CountAtAddress: counter(49)}},
		{name: "at threshold", l: Lookups{CountAtAddress: counter(50)}, want: Medium, check: func(t *testing.T, f *Flag) {
			hits := f.Evidence["addresses"].([]map[string]any)
			if hits[0]["companies"] != 50 || f.Evidence["threshold_min"] != 50 || f.Evidence["threshold_high"] != 200 {
				t.Errorf("evidence %v", f.Evidence)
			}
			if s := hits[0]["co_registered_sample"].([]string); len(s) != 2 {
				t.Errorf("sample %v", s)
			}
		}},
		{name: "dense", l: Lookups{CountAtAddress: counter(250)}, want: High},
		{name: "registry address counted with source", in: func(in *Input) {
			in.Addresses = nil
			in.Matches[0].Record.RegisteredAddress = "Room 1203, 12/F, Example Tower, 9 Sample Rd, Kowloon"
		}, l: Lookups{CountAtAddress: counter(60)}, want: Medium, check: func(t *testing.T, f *Flag) {
			if len(f.Sources) != 1 || f.Sources[0] != "https://registry.example/HK1" {
				t.Errorf("sources %v", f.Sources)
			}
		}},
		{name: "no counter", l: Lookups{}},
		{name: "counter fails", l: Lookups{CountAtAddress: func(context.Context, string) (int, []string, error) {
			return 0, nil, errors.New("store closed")
		}}, wantErr: true},
	})
}

func TestServiceProviderAddress(t *testing.T) {
	runRule(t, ServiceProviderAddress{}, []ruleCase{
		{name: "plain office"},
		{name: "care of", in: func(in *Input) { in.Addresses = []string{"c/o Example Secretarial Services Ltd, Rm 1, 2/F, 3 Test Rd"} }, want: Medium,
			check: func(t *testing.T, f *Flag) {
				hits := f.Evidence["addresses"].([]map[string]any)
				if ph := hits[0]["phrases"].([]string); len(ph) != 2 {
					t.Errorf("phrases %v, want c/o and secretarial", ph)
				}
			}},
		{name: "known provider at address", l: Lookups{ServiceProviderAt: func(_ context.Context, a string) ([]string, error) {
			return []string{"Example Corporate Services Ltd"}, nil
		}}, want: Medium, check: func(t *testing.T, f *Flag) {
			hits := f.Evidence["addresses"].([]map[string]any)
			if !reflect.DeepEqual(hits[0]["providers_at_address"], []string{"Example Corporate Services Ltd"}) {
				t.Errorf("evidence %v", hits[0])
			}
		}},
		// Issue 13 item 10: a company-secretary officer returned by a registry.
		{name: "corporate secretary at the cluster's address", in: secretary("corporate-secretary", "EXAMPLE SECRETARIES LIMITED",
			"Room 1203, 12/F, Example Tower, 9 Sample Rd, Kowloon, Hong Kong"), want: Medium, check: func(t *testing.T, f *Flag) {
			hits := f.Evidence["addresses"].([]map[string]any)
			secs, _ := hits[0]["corporate_secretaries"].([]map[string]any)
			if len(secs) != 1 || secs[0]["name"] != "EXAMPLE SECRETARIES LIMITED" || secs[0]["source"] != "hk_cr" ||
				len(f.Sources) == 0 || f.Sources[0] != "https://registry.example/HK1" {
				t.Errorf("evidence %v sources %v", hits[0], f.Sources)
			}
		}},
		{name: "secretary whose name is a company's", in: secretary("secretary", "Fictional Registrations (HK) Company Limited",
			"Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon"), want: Medium},
		{name: "corporate secretary without an address, at the registered office", in: func(in *Input) {
			secretary("corporate-secretary", "EXAMPLE SECRETARIES LIMITED", "")(in)
			in.Addresses = nil
			in.Matches[0].Record.RegisteredAddress = "Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon"
		}, want: Medium},
		{name: "corporate secretary elsewhere", in: secretary("corporate-secretary", "EXAMPLE SECRETARIES LIMITED", "Unit 5, 1/F, 2 Other Street, Wan Chai")},
		{name: "person as secretary", in: secretary("secretary", "CHAN, Tai Man Fictional", "Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon")},
		{name: "resigned corporate secretary", in: secretary("corporate-secretary (resigned 2020-01-01)", "EXAMPLE SECRETARIES LIMITED",
			"Rm 1203, 12/F, Example Tower, 9 Sample Road, Kowloon")},
	})
}

// secretary gives the cluster's registry match one secretary officer.
func secretary(role, name, addr string) func(*Input) {
	return func(in *Input) {
		in.Matches[0].Record.Officers = []verify.Officer{{Name: "EXAMPLE, Alice Fictional", Role: "director"}, {Name: name, Role: role, Address: addr}}
	}
}

func TestNotFoundInRegistry(t *testing.T) {
	notFound := func(in *Input) {
		in.Matches = nil
		in.Coverage = []Coverage{{Source: "hk_cr", Status: CoverageNotFound, RegisterOf: []string{"HK"}}, {Source: "companies_house", Status: CoverageFailed, Reason: "429"},
			{Source: "opencorporates", Status: CoverageSkipped, Reason: "budget"}, {Source: "opensanctions", Status: CoverageNotFound},
			{Source: "gleif", Status: CoverageNotFound}}
	}
	runRule(t, NotFoundInRegistry{}, []ruleCase{
		{name: "found", in: nil},
		{name: "not found", in: notFound, want: Medium, check: func(t *testing.T, f *Flag) {
			if !reflect.DeepEqual(f.Evidence["sources_not_found"], []string{"hk_cr"}) ||
				!reflect.DeepEqual(f.Evidence["sources_failed"], []string{"companies_house (429)"}) ||
				!reflect.DeepEqual(f.Evidence["sources_skipped"], []string{"opencorporates (budget)"}) ||
				!reflect.DeepEqual(f.Evidence["countries_register_searched"], []string{"HK"}) {
				t.Errorf("evidence %v", f.Evidence)
			}
			if f.Title != "Not found in the register of record for HK" {
				t.Errorf("title %q", f.Title)
			}
		}},
		{name: "absent from GLEIF only: no LEI is not a red flag", in: func(in *Input) {
			in.Matches = nil
			in.Coverage = []Coverage{{Source: "gleif", Status: CoverageNotFound}, {Source: "opensanctions", Status: CoverageNotFound}}
		}},
		{name: "only failures", in: func(in *Input) {
			in.Matches = nil
			in.Coverage = []Coverage{{Source: "hk_cr", Status: CoverageFailed}}
		}},
		{name: "only a sanctions list said not found", in: func(in *Input) {
			in.Matches = nil
			in.Coverage = []Coverage{{Source: "opensanctions", Status: CoverageNotFound}}
		}},
		{name: "one registry found, another not", in: func(in *Input) {
			in.Matches = nil
			in.Coverage = []Coverage{{Source: "gleif", Status: CoverageNotFound}, {Source: "hk_cr", Status: CoverageFound}}
		}},
		// Issue 13.3: a local store holding Companies House and GLEIF searched
		// for a Hong Kong company is not the Hong Kong register.
		{name: "searched, but no register of record for the country", in: func(in *Input) {
			in.Matches = nil
			in.Coverage = []Coverage{{Source: "local", Status: CoverageNotFound}, {Source: "opencorporates", Status: CoverageNotFound}}
		}},
	})
}

func TestDissolvedOrStruckOff(t *testing.T) {
	set := func(st verify.Status, on string) func(*Input) {
		return func(in *Input) { in.Matches[0].Record.Status, in.Matches[0].Record.DissolvedOn = st, on }
	}
	runRule(t, DissolvedOrStruckOff{}, []ruleCase{
		{name: "active"},
		{name: "dissolved before last appearance", in: set(verify.StatusDissolved, "2024-01-01"), want: High, check: func(t *testing.T, f *Flag) {
			r := f.Evidence["records"].([]map[string]any)[0]
			if r["dissolved_on"] != "2024-01-01" || r["appears_after_dissolution_days"] != 181 || r["url"] != "https://registry.example/HK1" {
				t.Errorf("evidence %v", r)
			}
		}},
		{name: "dissolved after last appearance", in: set(verify.StatusDissolved, "2025-01-01"), want: Medium},
		{name: "struck off without date", in: set(verify.StatusStruckOff, ""), want: Medium},
		{name: "liquidation", in: set(verify.StatusLiquidation, ""), want: Medium},
		{name: "low-score match ignored", in: func(in *Input) {
			set(verify.StatusDissolved, "2020-01-01")(in)
			in.Matches[0].Score = 0.5
		}},
	})
}

// Issue 13 item 11: "Active - Proposal to Strike off" is an indicator of
// its own, not active and not struck off.
func TestStrikeOffProposed(t *testing.T) {
	set := func(st verify.Status) func(*Input) {
		return func(in *Input) { in.Matches[0].Record.Status = st }
	}
	runRule(t, StrikeOffProposed{}, []ruleCase{
		{name: "active"},
		{name: "proposal to strike off", in: set(verify.StatusStrikeOffProposed), want: Medium, check: func(t *testing.T, f *Flag) {
			r := f.Evidence["records"].([]map[string]any)[0]
			if r["status"] != "strike_off_proposed" || f.Sources[0] != "https://registry.example/HK1" {
				t.Errorf("evidence %v", f.Evidence)
			}
		}},
		{name: "struck off is the other rule's", in: set(verify.StatusStruckOff)},
	})
	runRule(t, DissolvedOrStruckOff{}, []ruleCase{{name: "a proposal is not a strike-off", in: set(verify.StatusStrikeOffProposed)}})
}

func TestRecentlyIncorporated(t *testing.T) {
	inc := func(d string) func(*Input) { return func(in *Input) { in.Matches[0].Record.IncorporatedOn = d } }
	runRule(t, RecentlyIncorporated{}, []ruleCase{
		{name: "old company"},
		{name: "90 days before", in: inc("2022-10-12"), want: Medium, check: func(t *testing.T, f *Flag) {
			if f.Evidence["days"] != 90 || f.Evidence["threshold_days"] != 180 || f.Sources[0] != "https://registry.example/HK1" {
				t.Errorf("evidence %v", f.Evidence)
			}
		}},
		{name: "exactly at threshold", in: inc("2022-07-14"), want: Medium},
		{name: "one day over", in: inc("2022-07-13")},
		{name: "after first appearance", in: inc("2023-05-01")},
		{name: "no first date", in: func(in *Input) { inc("2022-12-01")(in); in.FirstSeen = "" }},
	})
}

func TestIncorporatedAfterCutoff(t *testing.T) {
	inc := func(d string) func(*Input) { return func(in *Input) { in.Matches[0].Record.IncorporatedOn = d } }
	runRule(t, IncorporatedAfterCutoff{}, []ruleCase{
		{name: "before", in: inc("2022-02-23")},
		{name: "on the day", in: inc("2022-02-24")},
		{name: "after", in: inc("2022-02-25"), want: Low, check: func(t *testing.T, f *Flag) {
			if f.Evidence["cutoff"] != "2022-02-24" || f.Evidence["incorporated_on"] != "2022-02-25" {
				t.Errorf("evidence %v", f.Evidence)
			}
		}},
		{name: "unknown date", in: inc("")},
	})
}

func site(status web.Status, from string, mod func(*web.Site)) web.Site {
	s := web.Site{URL: "https://brightwater.example", From: from, Status: status, CheckedAt: retrieved}
	if mod != nil {
		mod(&s)
	}
	return s
}

func TestNoWebPresence(t *testing.T) {
	withWeb := func(sites ...web.Site) func(*Input) {
		return func(in *Input) { in.WebChecked = true; in.Web = sites }
	}
	runRule(t, NoWebPresence{}, []ruleCase{
		{name: "web check off"},
		{name: "working site", in: withWeb(site(web.StatusOK, "gleif", nil))},
		{name: "no candidates", in: func(in *Input) { withWeb()(in); in.Emails = []string{"brightwater@gmail.com"} }, want: Low,
			check: func(t *testing.T, f *Flag) {
				if !reflect.DeepEqual(f.Evidence["webmail_domains"], []string{"gmail.com"}) {
					t.Errorf("evidence %v", f.Evidence)
				}
			}},
		{name: "all dead", in: withWeb(site(web.StatusNoDNS, "input:website", nil), site(web.StatusUnreachable, "opendart", nil)), want: Medium,
			check: func(t *testing.T, f *Flag) {
				if n := len(f.Evidence["sites"].([]map[string]any)); n != 2 {
					t.Errorf("sites %d", n)
				}
			}},
		{name: "robots disallow is not absence", in: withWeb(site(web.StatusNoDNS, "gleif", nil), site(web.StatusRobotsDisallow, "opendart", nil))},
		// Issue 13 item 6: a dead host, a 404 home page and a broken TLS
		// handshake are told apart.
		{name: "connection refused", in: withWeb(site(web.StatusUnreachable, "input:website", func(s *web.Site) {
			s.Error, s.Temporary = "web: robots.txt: dial tcp 192.0.2.1:443: connect: connection refused", true
		})), want: Medium},
		{name: "404 home page is absence", in: withWeb(site(web.StatusHTTPError, "gleif", func(s *web.Site) { s.HTTPStatus = 404 })), want: Medium,
			check: func(t *testing.T, f *Flag) {
				if s := f.Evidence["sites"].([]map[string]any)[0]; s["http_status"] != 404 {
					t.Errorf("evidence %v", s)
				}
			}},
		{name: "410 and unreachable", in: withWeb(site(web.StatusHTTPError, "gleif", func(s *web.Site) { s.HTTPStatus = 410 }),
			site(web.StatusUnreachable, "input:email", nil)), want: Medium},
		{name: "403 home page is a site", in: withWeb(site(web.StatusHTTPError, "gleif", func(s *web.Site) { s.HTTPStatus = 403 }))},
		{name: "503 home page is unknown", in: withWeb(site(web.StatusHTTPError, "gleif", func(s *web.Site) { s.HTTPStatus = 503 }),
			site(web.StatusNoDNS, "input:website", nil))},
		{name: "TLS failure is weaker evidence", in: withWeb(site(web.StatusTLSError, "input:website", nil), site(web.StatusNoDNS, "gleif", nil)), want: Low,
			check: func(t *testing.T, f *Flag) {
				if !strings.Contains(f.Title, "secure connection") || len(f.Evidence["sites"].([]map[string]any)) != 2 {
					t.Errorf("flag %+v", f)
				}
			}},
		{name: "timeout is not absence", in: withWeb(site(web.StatusTimeout, "gleif", nil))},
		{name: "guessed site without mention ignored", in: withWeb(site(web.StatusOK, "guess", nil)), want: Low},
		{name: "guessed site with mention counts", in: withWeb(site(web.StatusOK, "guess", func(s *web.Site) {
			s.Mentions = []web.Mention{{Page: "https://x/", What: "name", Text: "Brightwater"}}
		}))},
	})
}

func TestParkedDomain(t *testing.T) {
	runRule(t, ParkedDomain{}, []ruleCase{
		{name: "not parked", in: func(in *Input) { in.Web = []web.Site{site(web.StatusOK, "gleif", nil)} }},
		{name: "parked", in: func(in *Input) {
			in.Web = []web.Site{site(web.StatusParked, "input:email", func(s *web.Site) {
				s.Parked, s.ParkedReason, s.FingerprintsVersion = true, "name server ns1.sedoparking.com (Sedo)", web.FingerprintsVersion
			})}
		}, want: Medium, check: func(t *testing.T, f *Flag) {
			s := f.Evidence["sites"].([]map[string]any)[0]
			if s["reason"] != "name server ns1.sedoparking.com (Sedo)" || f.Evidence["fingerprints_version"] != web.FingerprintsVersion {
				t.Errorf("evidence %v", f.Evidence)
			}
		}},
		{name: "guessed parked domain ignored", in: func(in *Input) {
			in.Web = []web.Site{site(web.StatusParked, "guess", func(s *web.Site) { s.Parked = true })}
		}},
	})
}

func TestSiteDoesNotMention(t *testing.T) {
	silent := site(web.StatusOK, "gleif", func(s *web.Site) {
		s.PagesFetched = 2
		s.Pages = []web.Page{{URL: "https://brightwater.example/", Status: 200}, {URL: "https://brightwater.example/contact", Status: 200}}
	})
	named := site(web.StatusOK, "opendart", func(s *web.Site) {
		s.PagesFetched = 1
		s.Mentions = []web.Mention{{Page: "https://b/", What: "name", Text: "Brightwater Test Trading Limited"}}
	})
	runRule(t, SiteDoesNotMention{}, []ruleCase{
		{name: "no sites"},
		{name: "silent site", in: func(in *Input) { in.Web = []web.Site{silent} }, want: Medium, check: func(t *testing.T, f *Flag) {
			s := f.Evidence["sites"].([]map[string]any)[0]
			if len(s["pages_read"].([]string)) != 2 {
				t.Errorf("evidence %v", s)
			}
		}},
		{name: "another site names it", in: func(in *Input) { in.Web = []web.Site{silent, named} }},
		{name: "site down is not silence", in: func(in *Input) { in.Web = []web.Site{site(web.StatusHTTPError, "gleif", nil)} }},
		// Issue 13 item 11: pages robots.txt kept us from may name the company.
		{name: "robots skipped a page", in: func(in *Input) {
			s := silent
			s.Pages = append(slices.Clone(s.Pages), web.Page{URL: "https://brightwater.example/about", Skipped: "robots.txt"})
			in.Web = []web.Site{s}
		}},
		{name: "a page failed", in: func(in *Input) {
			s := silent
			s.Pages = append(slices.Clone(s.Pages), web.Page{URL: "https://brightwater.example/about", Status: 503})
			in.Web = []web.Site{s}
		}},
		{name: "home page only for the Crawl-delay", in: func(in *Input) {
			s := silent
			s.Pages = append(slices.Clone(s.Pages), web.Page{URL: "https://brightwater.example/", Skipped: "Crawl-delay above the limit: home page only"})
			in.Web = []web.Site{s}
		}},
		{name: "guessed site ignored", in: func(in *Input) { s := silent; s.From = "guess"; in.Web = []web.Site{s} }},
	})
}

func TestAddressKind(t *testing.T) {
	runRule(t, AddressKind{}, []ruleCase{
		{name: "office"},
		{name: "PO box", in: func(in *Input) { in.Addresses = []string{"P.O. Box 12345, Example Town"} }, want: Medium, check: func(t *testing.T, f *Flag) {
			ind := f.Evidence["addresses"].([]map[string]any)[0]["indicators"].([]map[string]any)[0]
			if ind["kind"] != "po_box" || ind["phrase"] == "" {
				t.Errorf("evidence %v", ind)
			}
		}},
		{name: "virtual office", in: func(in *Input) { in.Addresses = []string{"Virtual Office 88, 1 Test Road"} }, want: Medium},
		{name: "Russian flat", in: func(in *Input) {
			in.Addresses = []string{"г. Тестов, ул. Примерная, д. 1, кв. 12"}
		}, want: Medium},
		{name: "HK flat in industrial building", in: func(in *Input) { in.Addresses = []string{"Flat A, 12/F, Example Industrial Building"} }},
		{name: "care of is another rule", in: func(in *Input) { in.Addresses = []string{"c/o Example Agent, 1 Test Road"} }},
	})
}

func listedRec(id, addr string, topics ...string) verify.Record {
	return rec(id, func(r *verify.Record) {
		r.Source, r.Name, r.RegisteredAddress, r.Topics = "opensanctions", "Brightwater Test Trade LLC", addr, topics
		r.Datasets = []string{"us_ofac_sdn"}
		r.URL = "https://lists.example/entities/" + id
	})
}

// agreeing is a listed match whose record country is one of the cluster's.
func agreeing(source string, score float64, r verify.Record) Match {
	m := match(source, score, r)
	m.Country = verify.CountryAgrees
	return m
}

func TestSanctionsHit(t *testing.T) {
	runRule(t, SanctionsHit{}, []ruleCase{
		{name: "no listed record"},
		{name: "listed target", in: func(in *Input) {
			in.Listed = []Match{agreeing("opensanctions", 0.91, listedRec("NK-1", "", "sanction"))}
		}, want: High,
			check: func(t *testing.T, f *Flag) {
				r := f.Evidence["records"].([]map[string]any)[0]
				if r["id"] != "NK-1" || r["score"] != 0.91 || !reflect.DeepEqual(r["topics"], []string{"sanction"}) || r["retrieved_at"] == nil ||
					r["country"] != "agrees" {
					t.Errorf("evidence %v", r)
				}
				if f.Sources[0] != "https://lists.example/entities/NK-1" {
					t.Errorf("sources %v", f.Sources)
				}
			}},
		{name: "linked only", in: func(in *Input) {
			in.Matches = append(in.Matches, agreeing("opensanctions", 0.9, listedRec("NK-2", "", "sanction.linked")))
		}, want: Medium},
		{name: "below match score", in: func(in *Input) {
			in.Listed = []Match{agreeing("opensanctions", 0.82, listedRec("NK-1", "", "sanction"))}
		}},
		{name: "PEP topic is not a list", in: func(in *Input) { in.Listed = []Match{agreeing("opensanctions", 0.95, listedRec("Q1", "", "role.pep"))} }},
		{name: "same record twice counted once", in: func(in *Input) {
			m := agreeing("opensanctions", 0.95, listedRec("NK-1", "", "export.control"))
			in.Matches = append(in.Matches, m)
			in.Listed = []Match{m}
		}, want: High, check: func(t *testing.T, f *Flag) {
			if n := len(f.Evidence["records"].([]map[string]any)); n != 1 {
				t.Errorf("records %d", n)
			}
		}},
		// Issue 13.7: an identical name listed in another country, or with
		// no country to compare, is not the same flag as a full match.
		{name: "name alone is no hit", in: func(in *Input) { in.Listed = []Match{match("opensanctions", 1, listedRec("NK-1", "", "sanction"))} }},
		{name: "country conflict is no hit", in: func(in *Input) {
			m := match("opensanctions", 0.9, listedRec("NK-1", "", "sanction"))
			m.Country = verify.CountryConflicts
			in.Listed = []Match{m}
		}},
	})
}

func TestSanctionsPossibleMatch(t *testing.T) {
	runRule(t, SanctionsPossibleMatch{}, []ruleCase{
		{name: "no listed record"},
		{name: "name alone", in: func(in *Input) {
			in.Listed = []Match{match("opensanctions", 1, listedRec("NK-1", "Example Street 1, Limassol, Cyprus", "sanction"))}
		}, want: Medium, check: func(t *testing.T, f *Flag) {
			r := f.Evidence["records"].([]map[string]any)[0]
			if r["country"] != "unknown" || !strings.Contains(f.Caveat, "Only the name") {
				t.Errorf("evidence %v, caveat %q", r, f.Caveat)
			}
		}},
		{name: "countries differ", in: func(in *Input) {
			m := match("opensanctions", 0.9, listedRec("NK-1", "", "sanction"))
			m.Country = verify.CountryConflicts
			in.Listed = []Match{m}
		}, want: Medium},
		{name: "linked only, name alone", in: func(in *Input) {
			in.Listed = []Match{match("opensanctions", 0.9, listedRec("NK-2", "", "sanction.linked"))}
		}, want: Low},
		{name: "corroborated is a hit, not a possible match", in: func(in *Input) {
			in.Listed = []Match{agreeing("opensanctions", 0.95, listedRec("NK-1", "", "sanction"))}
		}},
		{name: "below match score", in: func(in *Input) { in.Listed = []Match{match("opensanctions", 0.82, listedRec("NK-1", "", "sanction"))} }},
	})
}

func TestColocatedWithListedParty(t *testing.T) {
	same := "Room 1203, 12/F, Example Tower, 9 Sample Rd, Kowloon, Hong Kong"
	runRule(t, ColocatedWithListedParty{}, []ruleCase{
		{name: "no listed parties"},
		{name: "listed neighbour at same unit", in: func(in *Input) {
			in.Listed = []Match{match("opensanctions", 0.3, listedRec("NK-9", same, "sanction"))}
		}, want: High, check: func(t *testing.T, f *Flag) {
			m := f.Evidence["matches"].([]map[string]any)[0]
			if m["listed_id"] != "NK-9" || m["normalised"] != "UNIT 1203 FLOOR 12 EXAMPLE TOWER 9 SAMPLE ROAD KOWLOON" {
				t.Errorf("evidence %v", m)
			}
		}},
		{name: "same tower other unit", in: func(in *Input) {
			in.Listed = []Match{match("opensanctions", 0.3, listedRec("NK-9", "Room 1501, 15/F, Example Tower, 9 Sample Rd, Kowloon", "sanction"))}
		}},
		{name: "the listed party is the cluster itself", in: func(in *Input) {
			in.Listed = []Match{match("opensanctions", 0.95, listedRec("NK-9", same, "sanction"))}
		}},
		{name: "from the store lookup", l: Lookups{ListedAtAddress: func(_ context.Context, a string) ([]verify.Record, error) {
			return []verify.Record{listedRec("NK-7", same, "export.control")}, nil
		}}, want: High},
		{name: "lookup fails", l: Lookups{ListedAtAddress: func(context.Context, string) ([]verify.Record, error) {
			return nil, errors.New("store closed")
		}}, wantErr: true},
	})
}

func TestListedPartyLookalike(t *testing.T) {
	runRule(t, ListedPartyLookalike{}, []ruleCase{
		{name: "none"},
		{name: "look-alike", in: func(in *Input) { in.Listed = []Match{match("opensanctions", 0.83, listedRec("NK-3", "", "sanction"))} }, want: Medium,
			check: func(t *testing.T, f *Flag) {
				if f.Evidence["lookalike_min"] != 0.8 || f.Evidence["match_min"] != 0.85 || len(f.Evidence["listed"].([]map[string]any)) != 1 {
					t.Errorf("evidence %v", f.Evidence)
				}
			}},
		{name: "too different", in: func(in *Input) { in.Listed = []Match{match("opensanctions", 0.79, listedRec("NK-3", "", "sanction"))} }},
		{name: "a match is a hit, not a look-alike", in: func(in *Input) { in.Listed = []Match{match("opensanctions", 0.9, listedRec("NK-3", "", "sanction"))} }},
	})
}

func TestAppearsInOffshoreLeaks(t *testing.T) {
	leak := rec("ICIJ-1", func(r *verify.Record) { r.Source = "icij"; r.URL = "https://offshoreleaks.example/nodes/1" })
	osLeak := rec("icij-2", func(r *verify.Record) { r.Source = "opensanctions"; r.Datasets = []string{"icij_offshoreleaks"} })
	runRule(t, AppearsInOffshoreLeaks{}, []ruleCase{
		{name: "none"},
		{name: "icij source", in: func(in *Input) { in.Matches = append(in.Matches, match("icij", 0.9, leak)) }, want: Low},
		{name: "opensanctions icij dataset", in: func(in *Input) { in.Matches = append(in.Matches, match("opensanctions", 0.9, osLeak)) }, want: Low},
		{name: "weak match", in: func(in *Input) { in.Matches = append(in.Matches, match("icij", 0.6, leak)) }},
	})
}

func TestScore(t *testing.T) {
	w := DefaultParams().Weights
	for _, tt := range []struct {
		sev  []Severity
		want float64
		out  string
	}{
		{nil, 0, OutcomeNone},
		{[]Severity{High}, 0.5, OutcomePresent},
		{[]Severity{High, Medium}, 0.625, OutcomePresent},
		{[]Severity{Medium, High, Low}, 0.6625, OutcomePresent},
		{[]Severity{Low}, 0.1, OutcomePresent},
	} {
		var fs []Flag
		for _, s := range tt.sev {
			fs = append(fs, Flag{Severity: s})
		}
		got := Score(fs, w)
		if math.Abs(got.Score-tt.want) > 1e-9 || got.Outcome != tt.out {
			t.Errorf("Score(%v) = %+v, want %v %s", tt.sev, got, tt.want, tt.out)
		}
	}
}

func FuzzScore(f *testing.F) {
	f.Add(uint8(3), uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, h, m, l uint8) {
		var fs []Flag
		for range h % 20 {
			fs = append(fs, Flag{Severity: High})
		}
		for range m % 20 {
			fs = append(fs, Flag{Severity: Medium})
		}
		for range l % 20 {
			fs = append(fs, Flag{Severity: Low})
		}
		s := Score(fs, DefaultParams().Weights).Score
		if s < 0 || s > 1 {
			t.Fatalf("score %v out of [0,1]", s)
		}
		if len(fs) > 0 {
			rev := append([]Flag(nil), fs...)
			for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
				rev[i], rev[j] = rev[j], rev[i]
			}
			if Score(rev, DefaultParams().Weights).Score != s {
				t.Fatal("score depends on flag order")
			}
		}
	})
}

func TestEvaluate(t *testing.T) {
	in := base()
	in.Matches[0].Record.IncorporatedOn = "2022-11-01"
	in.Addresses = append(in.Addresses, "P.O. Box 77, Kowloon")
	in.WebChecked = true
	in.Web = []web.Site{site(web.StatusNoDNS, "input:website", nil)}
	l := Lookups{CountAtAddress: func(context.Context, string) (int, []string, error) {
		return 0, nil, errors.New("bulk store not loaded")
	}}
	res, err := Evaluate(context.Background(), in, DefaultParams(), l)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range res.Flags {
		codes = append(codes, f.Code)
	}
	want := []string{"recently_incorporated", "incorporated_after_2022_02_24", "residential_po_box_or_virtual_address", "no_web_presence"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("codes = %v, want %v", codes, want)
	}
	// medium, low, medium, medium: 1 - 0.75*0.9*0.75*0.75
	if math.Abs(res.Risk.Score-0.6203) > 1e-4 || res.Risk.Outcome != OutcomePresent {
		t.Errorf("risk = %+v", res.Risk)
	}
	if len(res.Incomplete) != 1 || res.Incomplete[0].Code != "mass_registration_address" {
		t.Errorf("incomplete = %+v", res.Incomplete)
	}
	clean := base()
	res, err = Evaluate(context.Background(), clean, DefaultParams(), Lookups{})
	if err != nil || len(res.Flags) != 0 || res.Risk.Outcome != OutcomeNone || res.Risk.Score != 0 {
		t.Errorf("clean cluster: %+v %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Evaluate(ctx, in, DefaultParams(), Lookups{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestParamsValidate(t *testing.T) {
	if err := DefaultParams().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*Params){
		"min":    func(p *Params) { p.MassAddressMin = 1 },
		"high":   func(p *Params) { p.MassAddressHigh = 10 },
		"cutoff": func(p *Params) { p.SanctionsCutoff = "24.02.2022" },
		"weight": func(p *Params) { p.Weights.High = 1 },
		"look":   func(p *Params) { p.LookalikeMin = 0 },
	} {
		p := DefaultParams()
		mod(&p)
		if p.Validate() == nil {
			t.Errorf("%s: invalid params accepted", name)
		}
	}
}

func TestCodesStableAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.Code()] {
			t.Errorf("duplicate code %s", r.Code())
		}
		seen[r.Code()] = true
	}
	if len(seen) != 16 {
		t.Errorf("%d rules, want 16", len(seen))
	}
}
