package address

import (
	"testing"
)

// Addresses below are fictional, or invented in the formats the registries
// use (HK CR, EGRUL, Companies House); none describes a real company.

func TestNormaliseEquivalent(t *testing.T) {
	groups := []struct {
		what string
		want string
		in   []string
	}{
		{"HK floor and room spellings", "UNIT 1203 FLOOR 12 TOWER 1 9 SCIENCE PARK ROAD NEW TERRITORIES", []string{
			"Rm 1203, 12/F, Tower 1, 9 Science Park Rd, N.T., Hong Kong",
			"ROOM 1203 12F TOWER 1 9 SCIENCE PARK ROAD NEW TERRITORIES HONG KONG",
			"Flat/Rm 1203, 12th Floor, Tower 1, 9 Science Park Road, NT",
			"Unit 1203, 12/FL., Twr 1, 9 Science Park Rd., N.T.",
			"rm. 1203 floor 12 tower 1, 9 science park road, new territories, hong kong sar",
		}},
		{"HK flat letter with floor", "UNIT A FLOOR 12 KAM FUNG BUILDING 8 QUEEN S ROAD CENTRAL", []string{
			"Flat A, 12/F, Kam Fung Bldg, 8 Queen's Rd Central, Hong Kong",
			"FLAT A 12/F KAM FUNG BUILDING 8 QUEEN'S ROAD CENTRAL",
		}},
		{"HK ground floor", "FLOOR G 3 EXAMPLE STREET KOWLOON", []string{
			"G/F, 3 Example St, Kln",
			"G/F 3 EXAMPLE STREET KOWLOON HONG KONG",
		}},
		{"Cyrillic abbreviations and postcode", "UNIT 305 МОСКВА УЛИЦА ТВЕРСКАЯ 7 СТРОЕНИЕ 1 123456", []string{
			"123456, г. Москва, ул. Тверская, д. 7, стр. 1, оф. 305",
			"г Москва, Тверская ул., дом 7, строение 1, офис 305, 123456",
			"123456, Москва, улица Тверская, 7, стр 1, оф.305, Россия",
		}},
		{"Cyrillic floor and premises", "UNIT I-5 FLOOR 3 САНКТ-ПЕТЕРБУРГ ПРОСПЕКТ НЕВСКИЙ 100 190000", []string{
			"190000, г. Санкт-Петербург, пр-т Невский, д. 100, эт. 3, пом. I, ком. 5",
			"190000, г. Санкт-Петербург, Невский пр-т, д. 100, этаж 3, помещение I, комната 5",
		}},
		{"UK postcode spacing and case", "UNIT 4 EXAMPLE HOUSE 1 HIGH STREET LONDON EC1A1BB", []string{
			"Suite 4, Example House, 1 High St, London EC1A 1BB",
			"SUITE 4 EXAMPLE HOUSE 1 HIGH STREET LONDON EC1A1BB UNITED KINGDOM",
			"suite 4, example house, 1 high street, london, ec1a 1bb, uk",
		}},
		{"abbreviations", "BUILDING 5 CENTRE AVENUE", []string{
			"Bldg 5, Center Ave.",
			"BUILDING 5 CENTRE AVENUE",
		}},
	}
	for _, g := range groups {
		t.Run(g.what, func(t *testing.T) {
			for _, in := range g.in {
				if got := Normalise(in); got != g.want {
					t.Errorf("Normalise(%q)\n got %q\nwant %q", in, got, g.want)
				}
			}
		})
	}
}

// Registers end addresses with country and region words that input rows
// leave out (issue 13 item 9): Companies House with ENGLAND / UNITED
// KINGDOM, after or before the postcode; the Hong Kong register and GLEIF
// with HONG KONG or HK.
func TestNormaliseCountryAndRegionWords(t *testing.T) {
	groups := []struct {
		what string
		want string
		in   []string
	}{
		{"Companies House bulk, API and input", "27 FICTIONAL MEWS LONDON N00ZZ", []string{
			"27 Fictional Mews, London N0 0ZZ",
			"27 FICTIONAL MEWS, LONDON, N0 0ZZ, ENGLAND", // BasicCompanyData: post town, postcode, country
			"27 Fictional Mews, London, England, N0 0ZZ", // API registered_office_address: region, postal_code
			"27 Fictional Mews, London, N0 0ZZ, England, United Kingdom",
			"27 Fictional Mews, London, England, N0 0ZZ, United Kingdom",
			"27 Fictional Mews, London, N0 0ZZ, GB",
		}},
		{"England and Wales, Scotland", "1 EXAMPLE LANE EXAMPLETON EX11AA", []string{
			"1 Example Lane, Exampleton, EX1 1AA, England & Wales",
			"1 EXAMPLE LANE, EXAMPLETON, EX1 1AA, SCOTLAND",
			"1 Example Lane, Exampleton EX1 1AA",
		}},
		{"Hong Kong spelt out, abbreviated or left out", "UNIT 1203 FLOOR 12 FICTIONAL TOWER 88 EXAMPLE ROAD KOWLOON", []string{
			"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, HK",
			"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong",
			"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, Hong Kong, China",
			"UNIT 1203 12/F FICTIONAL TOWER 88 EXAMPLE ROAD KOWLOON HONG KONG SAR",
			"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon",
		}},
	}
	for _, g := range groups {
		t.Run(g.what, func(t *testing.T) {
			for _, in := range g.in {
				if got := Normalise(in); got != g.want {
					t.Errorf("Normalise(%q)\n got %q\nwant %q", in, got, g.want)
				}
			}
		})
	}
	// A place that ends in a country word keeps it; a country word inside
	// the address stays.
	for in, want := range map[string]string{
		"Level 3, 1 Example Street, Sydney, New South Wales":   "LEVEL 3 1 EXAMPLE STREET SYDNEY NEW SOUTH WALES",
		"5 Hong Kong Industrial Centre, Example Road, Kowloon": "5 HONG KONG INDUSTRIAL CENTRE EXAMPLE ROAD KOWLOON",
		"England": "ENGLAND",
	} {
		if got := Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// Normalise and Building are idempotent: the flags normalise an address and
// the bulk lookups normalise it again (issue 13 item 9: ", HK" became
// HONG KONG on the first pass and was dropped on the second).
func TestNormaliseIdempotent(t *testing.T) {
	for _, in := range []string{
		"Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, HK",
		"Rm 5, 3/F, 1 Example St, HK",
		"G/F, 3 Example St, Kln, HK",
		"Flat/Rm 1203, 12th Floor, Tower 1, 9 Science Park Road, NT",
		"Flat A, 12/F, Kam Fung Bldg, 8 Queen's Rd Central, HK SAR",
		"27 Fictional Mews, London, England, N0 0ZZ, United Kingdom",
		"123456, г. Москва, ул. Тверская, д. 7, стр. 1, оф. 305, Российская Федерация",
		"HK", "NT, HK", "1 NT HK",
	} {
		n := Normalise(in)
		if again := Normalise(n); again != n {
			t.Errorf("Normalise not idempotent: %q -> %q -> %q", in, n, again)
		}
		b := Building(in)
		if again := Building(b); again != b {
			t.Errorf("Building not idempotent: %q -> %q -> %q", in, b, again)
		}
	}
}

func TestNormaliseDistinct(t *testing.T) {
	pairs := []struct {
		what string
		a, b string
	}{
		{"different room", "Rm 1203, 12/F, Tower 1, 9 Science Park Rd", "Rm 1204, 12/F, Tower 1, 9 Science Park Rd"},
		{"different floor", "Rm 1203, 12/F, Tower 1", "Rm 1203, 13/F, Tower 1"},
		{"different house", "ул. Тверская, д. 7", "ул. Тверская, д. 9"},
		{"different postcode", "1 High St, London EC1A 1BB", "1 High St, London EC1A 1BC"},
	}
	for _, p := range pairs {
		if Normalise(p.a) == Normalise(p.b) {
			t.Errorf("%s: %q and %q both normalise to %q", p.what, p.a, p.b, Normalise(p.a))
		}
	}
}

func TestBuilding(t *testing.T) {
	a := "Rm 1203, 12/F, Tower 1, 9 Science Park Rd, N.T."
	b := "Flat B, 3/F, Tower 1, 9 Science Park Road, New Territories"
	if Building(a) != Building(b) {
		t.Errorf("Building differs: %q vs %q", Building(a), Building(b))
	}
	if want := "TOWER 1 9 SCIENCE PARK ROAD NEW TERRITORIES"; Building(a) != want {
		t.Errorf("Building(%q) = %q, want %q", a, Building(a), want)
	}
	if Normalise(a) == Normalise(b) {
		t.Errorf("Normalise must keep the unit: both %q", Normalise(a))
	}
}

func TestParse(t *testing.T) {
	p := Parse("123456, г. Москва, ул. Тверская, д. 7, оф. 305")
	want := Parts{Unit: "305", Street: "МОСКВА УЛИЦА ТВЕРСКАЯ 7", Postcode: "123456"}
	if p != want {
		t.Errorf("Parse = %+v, want %+v", p, want)
	}
	if got := Normalise("   ,;  "); got != "" {
		t.Errorf("Normalise(punctuation) = %q, want empty", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		what string
		in   string
		want []Kind
		rule string
	}{
		{"PO box", "P.O. Box 12345, Example Town", []Kind{KindPOBox}, "po_box"},
		{"PO box no dots", "PO BOX 77 KOWLOON", []Kind{KindPOBox}, "po_box"},
		{"GPO box", "GPO Box 1, Hong Kong", []Kind{KindPOBox}, "gpo_box"},
		{"PMB", "123 Example Ave PMB 456", []Kind{KindPOBox}, "pmb"},
		{"Russian a/ya", "620000, г. Екатеринбург, а/я 15", []Kind{KindPOBox}, "ru_abonent_box"},
		{"virtual office", "Virtual Office, 10 Example Road", []Kind{KindVirtualOffice}, "virtual_office"},
		{"apartment", "Apt 5B, 1 Example Street", []Kind{KindResidential}, "apartment"},
		{"Russian flat", "г. Москва, ул. Примерная, д. 1, кв. 12", []Kind{KindResidential}, "apartment"},
		{"Korean apartment", "서울특별시 예시구 예시아파트 101동", []Kind{KindResidential}, "ko_apartment"},
		{"care of", "c/o Example Secretaries Ltd, 1 Example Rd", []Kind{KindServiceProvider}, "care_of"},
		{"care of words", "Care of Example Agent, 1 Road", []Kind{KindServiceProvider}, "care_of"},
		{"registered agent", "Registered Agent Inc., 2 Example Way", []Kind{KindServiceProvider}, "registered_agent"},
		{"secretarial", "Example Secretarial Services Ltd, Rm 1, 2/F", []Kind{KindServiceProvider}, "secretarial"},
		{"zh secretarial", "香港九龍例子道1號 例子秘書有限公司", []Kind{KindServiceProvider}, "zh_secretarial"},
		{"plain office", "Rm 1203, 12/F, Tower 1, 9 Science Park Rd", nil, ""},
		{"HK FLAT is not residential", "Flat A, 12/F, Example Industrial Building", nil, ""},
		{"word inside another word", "Capton Road, Boxworth", nil, ""},
		{"APT inside a word", "Aptitude House, 1 Road", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			got := Classify(tt.in)
			kinds := Kinds(got)
			if len(kinds) != len(tt.want) {
				t.Fatalf("Classify(%q) = %+v, want kinds %v", tt.in, got, tt.want)
			}
			for i := range kinds {
				if kinds[i] != tt.want[i] {
					t.Fatalf("Classify(%q) kinds = %v, want %v", tt.in, kinds, tt.want)
				}
			}
			if tt.rule != "" && (got[0].Rule != tt.rule || got[0].Phrase == "") {
				t.Errorf("Classify(%q)[0] = %+v, want rule %q with a phrase", tt.in, got[0], tt.rule)
			}
		})
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{
		"Rm 1203, 12/F, Tower 1, 9 Science Park Rd, N.T., Hong Kong",
		"123456, г. Москва, ул. Тверская, д. 7, стр. 1, оф. 305",
		"Suite 4, Example House, 1 High St, London EC1A 1BB",
		"G/F 3 Example St", "FLAT/RM A-B 1/F", "12F 5F", "№ 5 - , ; /F",
		"서울특별시 예시구 12345", "上海市 200000 例子路1号",
		"Rm 5, 3/F, 1 Example St, Kowloon, HK", "27 Fictional Mews, London, England, N0 0ZZ, United Kingdom",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalise(s)
		if again := Normalise(n); again != n {
			t.Errorf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		b := Building(s)
		if again := Building(b); again != b {
			t.Errorf("Building not idempotent: %q -> %q -> %q", s, b, again)
		}
		_ = Classify(s)
	})
}

func BenchmarkNormalise(b *testing.B) {
	in := []string{
		"Rm 1203, 12/F, Tower 1, 9 Science Park Rd, N.T., Hong Kong",
		"123456, г. Москва, ул. Тверская, д. 7, стр. 1, оф. 305",
		"Suite 4, Example House, 1 High St, London EC1A 1BB",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Normalise(in[i%len(in)])
	}
}

func BenchmarkClassify(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Classify("c/o Example Secretarial Services Ltd, Rm 1203, 12/F, Tower 1, 9 Science Park Rd")
	}
}

func TestProviderName(t *testing.T) {
	for name, want := range map[string]string{
		"EXAMPLE SECRETARIES LIMITED":           "secretaries",
		"Fictional Corporate Services Ltd":      "corporate_services",
		"Quillpen Company Formations Limited":   "corporate_services",
		"Example Registered Agents Inc.":        "registered_agent",
		"Sample Nominees (HK) Limited":          "nominees",
		"例子秘書有限公司":                              "zh_secretarial",
		"Brightwater Test Trading Limited":      "",
		"Secretariat Fictional Trading Ltd":     "",
		"Formationless Example Widgets Limited": "",
	} {
		in, ok := ProviderName(name)
		if ok != (want != "") || in.Rule != want {
			t.Errorf("ProviderName(%q) = %+v %v, want rule %q", name, in, ok, want)
		}
	}
}
