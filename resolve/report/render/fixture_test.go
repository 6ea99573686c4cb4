package render

import (
	"fmt"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
)

// sampleReport is a small, complete report about FICTIONAL companies: every
// name, address, registry number, URL (all under .example) and sanctions
// record below is invented for these tests and describes no real company.
// It covers every part of the schema: a multi-row cluster with evidence,
// registry matches with identifiers, a sanctions record, web findings,
// flags, coverage, changes since a previous run, rejected and ignored rows,
// and a name that tries to close the <script> element.
func sampleReport() *report.Report {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	retrieved := time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)
	return &report.Report{
		SchemaVersion: report.SchemaVersion,
		Run: report.Run{
			ID:         "run-2026-03-02T09-00-00",
			Tool:       "resolve",
			Version:    "0.1.0-test",
			StartedAt:  t0,
			FinishedAt: t0.Add(93 * time.Second),
			Input: report.Input{
				Path:     "testdata/fictional_customs.csv",
				SHA256:   "3f0c6f1d9b2e4a7c8d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4",
				Format:   "csv",
				Encoding: "utf-8",
				Columns:  []string{"id", "name", "country", "address", "date", "hs_code", "consignee", "status"},
			},
			Rows:         report.RowCounts{Read: 15, Clustered: 13, Rejected: 1, Ignored: 1},
			ConfigDigest: "sha256:0d1e2f3a4b5c",
			Sources: []report.SourceUse{
				{Name: "local", Enabled: true, Calls: 0, CacheHits: 7},
				{Name: "opensanctions", Enabled: true, Calls: 5, CacheHits: 2, Skipped: 0, Failed: 0},
				{Name: "opencorporates", Enabled: false, Skipped: 7, Note: "no API key"},
			},
			Reuse: &report.Reuse{PreviousRunID: "run-2026-02-01T08-00-00", NamesNew: 3, NamesReused: 9,
				PairsScored: 14, PairsReused: 40, ClustersVerified: 3, ClustersReused: 4},
		},
		Summary: report.Summary{
			Clusters: 7, Singletons: 3, LargestCluster: 4, CandidatePairs: 54,
			FlagsByCode: map[string]int{"mass_registration_address": 1, "new_company": 1, "sanctions_match": 1,
				"not_found_in_registry": 1, "parked_website": 1},
			FlagsBySev:      map[string]int{"high": 1, "medium": 3, "low": 1},
			ClustersFlagged: 3,
		},
		Clusters: []report.Cluster{
			{
				ID:            "C0001",
				CanonicalName: "Northwind Harbour Trading Co., Ltd.",
				Size:          4,
				Variants: []report.Variant{
					{Name: "Northwind Harbour Trading Co., Ltd.", Count: 2, Normalised: "northwind harbour trading", LegalForm: "co ltd"},
					{Name: "NORTHWIND HARBOR TRADING COMPANY LIMITED", Count: 1, Normalised: "northwind harbor trading", LegalForm: "company limited"},
					{Name: "Northwind Harbour Trdg", Count: 1, Normalised: "northwind harbour trdg"},
				},
				Countries: []string{"HK", "CN"},
				Members: []report.Member{
					{Row: 2, ID: "SHP-1001", Name: "Northwind Harbour Trading Co., Ltd.", Country: "HK",
						Address: "Unit 9, 88 Example Quay Road, Kowloon", Date: "2026-01-04",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8471.30", "consignee": "Acme Widgets Intl", "status": "cleared"})},
					{Row: 3, ID: "SHP-1002", Name: "Northwind Harbour Trading Co., Ltd.", Country: "HK",
						Address: "UNIT 9 - 88 EXAMPLE QUAY ROAD. KOWLOON", Date: "2026-01-09",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8471.30", "consignee": "Acme Widgets Intl", "status": "held"})},
					{Row: 5, ID: "SHP-1004", Name: "NORTHWIND HARBOR TRADING COMPANY LIMITED", Country: "CN",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8542.31", "consignee": "Bluefin Logistik GmbH", "status": "cleared"}),
						Evidence: &report.Evidence{LinkedToRow: 2, LinkedToName: "Northwind Harbour Trading Co., Ltd.", Score: 0.91,
							Reasons: []report.Reason{
								{Kind: "token_exact", Detail: "\"northwind\" and \"trading\" are the same", Effect: 0.55},
								{Kind: "edit_distance", Detail: "\"harbour\" and \"harbor\" differ by one letter", Left: "harbour", Right: "harbor", Effect: 0.30},
								{Kind: "legal_form", Detail: "\"co ltd\" and \"company limited\" are the same legal form", Left: "co ltd", Right: "company limited", Effect: 0.06},
								{Kind: "country_conflict", Detail: "rows give HK and CN", Left: "HK", Right: "CN", Effect: -0.10},
							}}},
					{Row: 9, ID: "SHP-1008", Name: "Northwind Harbour Trdg", Country: "HK",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8471.30", "consignee": "", "status": "cleared"}),
						Evidence: &report.Evidence{LinkedToRow: 2, LinkedToName: "Northwind Harbour Trading Co., Ltd.", Score: 0.84,
							Reasons: []report.Reason{
								{Kind: "token_exact", Detail: "\"northwind\" and \"harbour\" are the same", Effect: 0.62},
								{Kind: "edit_distance", Detail: "\"trdg\" abbreviates \"trading\"", Left: "trdg", Right: "trading", Effect: 0.22},
							}, Judgement: "same"}},
				},
				RegistryMatches: []report.RegistryMatch{{
					Source: "local", Score: 0.97,
					Reasons: []report.Reason{{Kind: "token_exact", Detail: "all distinctive tokens equal", Effect: 0.97}},
					Record: report.Record{
						ID: "HK-FICT-0000001", URL: "https://registry.example/hk/HK-FICT-0000001",
						Name: "NORTHWIND HARBOUR TRADING COMPANY LIMITED", OtherNames: []string{"北風港貿易有限公司"},
						Jurisdiction: "HK", LegalForm: "Private company limited by shares", Status: "active",
						IncorporatedOn: "2025-10-20", RegisteredAddress: "Unit 9, 88 Example Quay Road, Kowloon",
						Identifiers: []report.Identifier{{Scheme: "brn", Value: "99000001"}},
						Officers:    []report.Officer{{Name: "Example Nominees Ltd", Role: "corporate-director"}},
						Websites:    []string{"https://northwind-harbour.example"},
						RetrievedAt: retrieved,
					},
				}},
				Coverage: []report.Coverage{
					{Source: "local", Status: "found"},
					{Source: "opensanctions", Status: "not_found"},
					{Source: "opencorporates", Status: "skipped", Reason: "no API key"},
				},
				Web: []report.WebSite{{
					URL: "https://northwind-harbour.example", From: "local", Status: "parked", HTTPStatus: 200,
					FinalURL: "https://parking.example/?d=northwind-harbour.example", TLS: true,
					DNS:    &report.DNS{A: []string{"192.0.2.10"}, NS: []string{"ns1.parking.example", "ns2.parking.example"}},
					Parked: true, ParkedReason: "name servers of a parking service", PagesFetched: 1, CheckedAt: retrieved,
				}},
				Flags: []report.Flag{
					{Code: "mass_registration_address", Severity: "medium", Title: "Registered at an address shared by many companies",
						Evidence: map[string]any{"address": "Unit 9, 88 Example Quay Road, Kowloon", "companies_at_address": 212},
						Sources:  []string{"https://registry.example/hk/HK-FICT-0000001"},
						Caveat:   "Company-formation agents legitimately register many clients at their office."},
					{Code: "new_company", Severity: "low", Title: "Incorporated shortly before its first shipment",
						Evidence: map[string]any{"incorporated_on": "2025-10-20", "first_seen": "2026-01-04", "days": 76},
						Caveat:   "New companies trade legitimately; this only says to look at its history."},
					{Code: "parked_website", Severity: "medium", Title: "The company's website is a parked domain",
						Evidence: map[string]any{"url": "https://northwind-harbour.example", "name_servers": []any{"ns1.parking.example"}},
						Caveat:   "Small traders often have no real website."},
				},
				Risk: report.Risk{Score: 0.6, Outcome: "indicators present"},
			},
			{
				ID:            "C0002",
				CanonicalName: "Bluefin Logistik GmbH",
				Size:          2,
				Variants: []report.Variant{
					{Name: "Bluefin Logistik GmbH", Count: 1, Normalised: "bluefin logistik", LegalForm: "gmbh"},
					{Name: "BLUEFIN LOGISTIK", Count: 1, Normalised: "bluefin logistik"},
				},
				Countries: []string{"DE"},
				Members: []report.Member{
					{Row: 4, ID: "SHP-1003", Name: "Bluefin Logistik GmbH", Country: "DE", Address: "Beispielstraße 12, 20457 Hamburg",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "0303.89", "consignee": "Northwind Harbour Trading", "status": "cleared"})},
					{Row: 10, ID: "SHP-1009", Name: "BLUEFIN LOGISTIK", Country: "DE",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "0303.89", "consignee": "Northwind Harbour Trading", "status": "cleared"}),
						Evidence: &report.Evidence{LinkedToRow: 4, LinkedToName: "Bluefin Logistik GmbH", Score: 0.98,
							Reasons: []report.Reason{{Kind: "token_exact", Detail: "all tokens equal", Effect: 0.98},
								{Kind: "legal_form", Detail: "legal form set aside", Left: "gmbh", Effect: 0}}}},
				},
				RegistryMatches: []report.RegistryMatch{{
					Source: "gleif", Score: 0.95,
					Reasons: []report.Reason{{Kind: "token_exact", Detail: "name equal after normalisation", Effect: 0.95}},
					Record: report.Record{
						ID: "529900FICTIONAL00002", URL: "https://lei.example/529900FICTIONAL00002",
						Name: "Bluefin Logistik GmbH", Jurisdiction: "DE", LegalForm: "GmbH", Status: "active",
						IncorporatedOn: "2011-05-17", RegisteredAddress: "Beispielstraße 12, 20457 Hamburg",
						Identifiers: []report.Identifier{{Scheme: "lei", Value: "529900FICTIONAL00002"},
							{Scheme: "company_number", Value: "HRB 000000"}},
						RetrievedAt: retrieved,
					},
				}},
				Coverage: []report.Coverage{{Source: "gleif", Status: "found"}, {Source: "opensanctions", Status: "not_found"}},
				Flags:    []report.Flag{},
				Risk:     report.Risk{Score: 0, Outcome: "no indicators"},
			},
			{
				ID:            "C0003",
				CanonicalName: "ООО «Примерный Импорт»",
				Size:          2,
				Variants: []report.Variant{
					{Name: "ООО «Примерный Импорт»", Count: 1, Normalised: "primernyi import", LegalForm: "ооо"},
					{Name: "PRIMERNYY IMPORT LLC", Count: 1, Normalised: "primernyy import", LegalForm: "llc"},
				},
				Countries: []string{"RU"},
				Members: []report.Member{
					{Row: 6, ID: "SHP-1005", Name: "ООО «Примерный Импорт»", Country: "RU", Address: "ул. Примерная, д. 1, Москва",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8542.39", "consignee": "Northwind Harbour Trading", "status": "held"})},
					{Row: 11, ID: "SHP-1010", Name: "PRIMERNYY IMPORT LLC", Country: "RU",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8542.39", "consignee": "Northwind Harbour Trading", "status": "held"}),
						Evidence: &report.Evidence{LinkedToRow: 6, LinkedToName: "ООО «Примерный Импорт»", Score: 0.93,
							Reasons: []report.Reason{{Kind: "transliteration", Detail: "\"Примерный\" transliterates to \"primernyy\"", Left: "Примерный", Right: "primernyy", Effect: 0.88},
								{Kind: "legal_form", Detail: "ООО and LLC are the same legal form", Left: "ооо", Right: "llc", Effect: 0.05}}}},
				},
				RegistryMatches: []report.RegistryMatch{{
					Source: "opensanctions", Score: 0.9,
					Reasons: []report.Reason{{Kind: "transliteration", Detail: "name equal after transliteration", Effect: 0.9}},
					Record: report.Record{
						ID: "NK-FICTIONAL0000000000003", URL: "https://sanctions.example/entities/NK-FICTIONAL0000000000003",
						Name: "Primernyy Import LLC", OtherNames: []string{"ООО «Примерный Импорт»"},
						Jurisdiction: "RU", LegalForm: "Общество с ограниченной ответственностью", Status: "active",
						IncorporatedOn: "2022-06-01", RegisteredAddress: "ул. Примерная, д. 1, Москва",
						Identifiers: []report.Identifier{{Scheme: "inn", Value: "0000000003"}, {Scheme: "ogrn", Value: "0000000000003"},
							{Scheme: "kpp", Value: "000000003"}},
						Topics:      []string{"sanction", "corp.shell"},
						Datasets:    []string{"fictional_sanctions_list"},
						RetrievedAt: retrieved,
					},
				}},
				Coverage: []report.Coverage{{Source: "opensanctions", Status: "found"}},
				Flags: []report.Flag{{Code: "sanctions_match", Severity: "high", Title: "Matches a party on a sanctions list",
					Evidence: map[string]any{"record": "NK-FICTIONAL0000000000003", "score": 0.9, "datasets": []any{"fictional_sanctions_list"}},
					Sources:  []string{"https://sanctions.example/entities/NK-FICTIONAL0000000000003"},
					Caveat:   "A name match is not an identity match: check the registry numbers and addresses."}},
				Risk: report.Risk{Score: 0.5, Outcome: "indicators present"},
			},
			{
				ID:            "C0004",
				CanonicalName: "주식회사 예시무역",
				Size:          2,
				Variants: []report.Variant{
					{Name: "주식회사 예시무역", Count: 1, Normalised: "yesi muyeok", LegalForm: "주식회사"},
					{Name: "YESI MUYEOK CO LTD", Count: 1, Normalised: "yesi muyeok", LegalForm: "co ltd"},
				},
				Countries: []string{"KR"},
				Members: []report.Member{
					{Row: 8, ID: "SHP-1007", Name: "주식회사 예시무역", Country: "KR",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8703.80", "consignee": "Bluefin Logistik GmbH", "status": "cleared"})},
					{Row: 13, ID: "SHP-1012", Name: "YESI MUYEOK CO LTD", Country: "KR",
						Extra: report.ColumnsOf(map[string]string{"hs_code": "8703.80", "consignee": "Bluefin Logistik GmbH", "status": "cleared"}),
						Evidence: &report.Evidence{LinkedToRow: 8, LinkedToName: "주식회사 예시무역", Score: 0.88,
							Reasons: []report.Reason{{Kind: "romanisation", Detail: "\"예시무역\" romanises to \"yesi muyeok\"", Left: "예시무역", Right: "yesi muyeok", Effect: 0.88}}}},
				},
				Coverage: []report.Coverage{{Source: "opendart", Status: "not_found", Reason: "OpenDART lists filers only"},
					{Source: "opensanctions", Status: "not_found"}},
				Flags: []report.Flag{{Code: "not_found_in_registry", Severity: "medium", Title: "Not found in the registry of its country",
					Evidence: map[string]any{"country": "KR", "sources_searched": []any{"opendart"}},
					Caveat:   "OpenDART covers companies that file disclosures, not every Korean company."}},
				Risk: report.Risk{Score: 0.25, Outcome: "indicators present"},
			},
			{
				ID: "C0005", CanonicalName: "Acme Widgets Intl", Size: 1,
				Variants:  []report.Variant{{Name: "Acme Widgets Intl", Count: 1, Normalised: "acme widgets intl"}},
				Countries: []string{"US"},
				Members: []report.Member{{Row: 14, ID: "SHP-1013", Name: "Acme Widgets Intl", Country: "US",
					Address: "1 Example Plaza, Springfield", Extra: report.ColumnsOf(map[string]string{"hs_code": "8471.30", "consignee": "Northwind Harbour Trading", "status": "cleared"})}},
				Coverage: []report.Coverage{{Source: "opencorporates", Status: "skipped", Reason: "no API key"}},
				Flags:    []report.Flag{},
				Risk:     report.Risk{Score: 0, Outcome: "no indicators"},
			},
			{
				ID: "C0006", CanonicalName: `Quux & Sons </script><script>alert("x")</script> <b>Ltd</b>`, Size: 1,
				Variants:  []report.Variant{{Name: `Quux & Sons </script><script>alert("x")</script> <b>Ltd</b>`, Count: 1, Normalised: "quux sons script alert x"}},
				Countries: []string{"GB"},
				Members: []report.Member{{Row: 15, ID: "SHP-1014", Name: `Quux & Sons </script><script>alert("x")</script> <b>Ltd</b>`, Country: "GB",
					Extra: report.ColumnsOf(map[string]string{"hs_code": "=1+2", "consignee": "line one\nline two", "status": "cleared"})}},
				Coverage: []report.Coverage{},
				Flags:    []report.Flag{},
				Risk:     report.Risk{Score: 0, Outcome: "no indicators"},
			},
			{
				ID: "C0007", CanonicalName: "Friends of Example Harbour e.V.", Size: 1,
				Variants:  []report.Variant{{Name: "Friends of Example Harbour e.V.", Count: 1, Normalised: "friends of example harbour", LegalForm: "e.v."}},
				Countries: []string{"DE"},
				Members: []report.Member{{Row: 16, ID: "SHP-1015", Name: "Friends of Example Harbour e.V.", Country: "DE",
					Extra: report.ColumnsOf(map[string]string{"hs_code": "4901.99", "consignee": "", "status": "cleared"})}},
				RegistryMatches: []report.RegistryMatch{{Source: "opencorporates", Score: 0.9,
					Reasons: []report.Reason{{Kind: "token_exact", Detail: "all tokens equal", Effect: 0.9}},
					Record: report.Record{ID: "de/VR000007", URL: "https://companies.example/de/VR000007",
						Name: "Friends of Example Harbour e.V.", Jurisdiction: "de", LegalForm: "Eingetragener Verein",
						Status: "active", Identifiers: []report.Identifier{{Scheme: "company_number", Value: "VR 000007"}},
						RetrievedAt: retrieved}}},
				Coverage: []report.Coverage{{Source: "opencorporates", Status: "found"}},
				Flags:    []report.Flag{},
				Risk:     report.Risk{Score: 0, Outcome: "no indicators"},
			},
		},
		RejectedRows: []report.RejectedRow{
			{Row: 7, Column: "name", Reason: "empty name", Raw: "SHP-1006,,HK,,2026-01-12,8471.30,,cleared"},
			{Row: 12, Reason: "ignored by investigator judgement (judgements.yaml)", Raw: "SHP-1011,TEST SHIPMENT PLEASE IGNORE,,,2026-01-20,,,"},
		},
		Changes: &report.Changes{
			PreviousRunID:   "run-2026-02-01T08-00-00",
			NewClusters:     []string{"C0006", "C0007"},
			RemovedClusters: []string{"C0099"},
			Merged:          []report.ClusterChange{{From: []string{"C0010", "C0011"}, To: []string{"C0001"}}},
			Split:           []report.ClusterChange{{From: []string{"C0020"}, To: []string{"C0004", "C0005"}}},
			NewFlags:        []report.FlagChange{{ClusterID: "C0001", Code: "parked_website"}},
			ClearedFlags:    []report.FlagChange{{ClusterID: "C0002", Code: "new_company"}},
			StatusChanges:   []report.StatusChange{{ClusterID: "C0003", Source: "opensanctions", RecordID: "NK-FICTIONAL0000000000003", From: "inactive", To: "active"}},
		},
	}
}

// largeReport builds a report of n generated clusters (fictional names made
// of syllables), three rows each, every fifth flagged, for size tests.
func largeReport(n int) *report.Report {
	syll := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "ze", "pa"}
	forms := []string{"Ltd", "GmbH", "LLC", "Co., Ltd.", "S.A."}
	countries := []string{"HK", "DE", "US", "KR", "GB", "FR"}
	word := func(i int) string {
		s := ""
		for k := 0; k < 3; k++ {
			s += syll[i%len(syll)]
			i /= len(syll)
		}
		return s
	}
	r := &report.Report{SchemaVersion: report.SchemaVersion,
		Run: report.Run{Tool: "resolve", Version: "test", Input: report.Input{Path: "generated.csv", Format: "csv", Encoding: "utf-8",
			Columns: []string{"id", "name", "country", "hs_code"}}},
		Summary: report.Summary{Clusters: n, FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}},
	}
	row := 2
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s %s Trading %s", word(i), word(i/7+3), forms[i%len(forms)])
		c := report.Cluster{ID: fmt.Sprintf("C%06d", i+1), CanonicalName: name, Size: 3,
			Variants:  []report.Variant{{Name: name, Count: 2, Normalised: name}, {Name: name + " (HK)", Count: 1, Normalised: name}},
			Countries: []string{countries[i%len(countries)]}, Flags: []report.Flag{}, Risk: report.Risk{Outcome: "no indicators"}}
		for k := 0; k < 3; k++ {
			m := report.Member{Row: row, ID: fmt.Sprintf("R%07d", row), Name: name, Country: c.Countries[0],
				Extra: report.ColumnsOf(map[string]string{"hs_code": "8471.30"})}
			if k > 0 {
				m.Evidence = &report.Evidence{LinkedToRow: row - k, LinkedToName: name, Score: 0.9,
					Reasons: []report.Reason{{Kind: "token_exact", Detail: "all tokens equal", Effect: 0.9}}}
			}
			c.Members = append(c.Members, m)
			row++
		}
		if i%5 == 0 {
			c.Flags = append(c.Flags, report.Flag{Code: "new_company", Severity: "low", Title: "Incorporated shortly before its first shipment",
				Evidence: map[string]any{"days": i % 180}, Caveat: "New companies trade legitimately."})
			c.Risk = report.Risk{Score: 0.1, Outcome: "indicators present"}
			r.Summary.FlagsByCode["new_company"]++
			r.Summary.FlagsBySev["low"]++
			r.Summary.ClustersFlagged++
		}
		r.Clusters = append(r.Clusters, c)
	}
	r.Run.Rows = report.RowCounts{Read: row - 2, Clustered: row - 2}
	return r
}
