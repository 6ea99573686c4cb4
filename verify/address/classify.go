package address

import (
	"regexp"
	"strings"
)

// Kind is a class of address that is an indicator on its own.
type Kind string

// The kinds Classify reports.
const (
	KindPOBox           Kind = "po_box"
	KindVirtualOffice   Kind = "virtual_office"
	KindResidential     Kind = "residential"
	KindServiceProvider Kind = "service_provider"
)

// Indicator is one phrase in an address that puts it in a Kind.
type Indicator struct {
	Kind   Kind
	Rule   string // the name of the pattern that fired, e.g. "po_box"
	Phrase string // the text that matched, upper-cased as compared
}

type pattern struct {
	kind Kind
	rule string
	re   *regexp.Regexp
}

// PatternsVersion identifies the phrase list below; it goes into evidence.
const PatternsVersion = "address-patterns/2026-12-1"

// patterns are matched against the NFKC, upper-cased address. Word
// boundaries are written out ((?:^|[^\p{L}\p{N}]) ...) because \b is ASCII only.
var patterns = []pattern{
	{KindPOBox, "po_box", re(`P\.?\s*O\.?\s*BOX`)},
	{KindPOBox, "post_office_box", re(`POST\s+OFFICE\s+BOX`)},
	{KindPOBox, "gpo_box", re(`G\.?\s*P\.?\s*O\.?\s*BOX`)},
	{KindPOBox, "pmb", re(`PMB|PRIVATE\s+MAIL\s+BAG`)},
	{KindPOBox, "postfach", re(`POSTFACH`)},
	{KindPOBox, "ru_abonent_box", re(`А/Я|АБОНЕНТСКИЙ\s+ЯЩИК`)},
	{KindPOBox, "zh_box", regexp.MustCompile(`信箱|郵箱|邮政信箱`)},
	{KindPOBox, "ko_box", regexp.MustCompile(`사서함`)},
	{KindVirtualOffice, "virtual_office", re(`VIRTUAL\s+OFFICE|ВИРТУАЛЬНЫЙ\s+ОФИС`)},
	{KindVirtualOffice, "mailbox", re(`MAIL\s*BOX|MAIL\s+DROP|MAIL\s+FORWARDING`)},
	{KindResidential, "apartment", re(`APT|APARTMENT|КВАРТИРА|КВ\.?\s*[0-9]+`)},
	{KindResidential, "residence", re(`RESIDENCE|RESIDENTIAL|HOUSING\s+ESTATE`)},
	{KindResidential, "zh_residence", regexp.MustCompile(`住宅|公寓|住宅區|小区|小區`)},
	{KindResidential, "ko_apartment", regexp.MustCompile(`아파트`)},
	{KindServiceProvider, "care_of", re(`C/O|CARE\s+OF`)},
	{KindServiceProvider, "registered_agent", re(`REGISTERED\s+AGENTS?`)},
	{KindServiceProvider, "secretarial", re(`SECRETARIAL|COMPANY\s+SECRETAR(?:Y|IES)|CORPORATE\s+SECRETAR(?:Y|IES)`)},
	{KindServiceProvider, "corporate_services", re(`CORPORATE\s+SERVICES?|COMPANY\s+FORMATIONS?|FORMATION\s+AGENTS?|INCORPORATION\s+SERVICES?`)},
	{KindServiceProvider, "registered_office_service", re(`REGISTERED\s+OFFICE\s+SERVICES?|NOMINEE`)},
	{KindServiceProvider, "zh_secretarial", regexp.MustCompile(`秘書|秘书|商務中心|商务中心`)},
}

// re compiles an upper-case pattern bounded by non-word characters.
func re(p string) *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(` + p + `)(?:$|[^\p{L}\p{N}])`)
}

// Classify returns the indicators found in addr, in pattern order, at most
// one per rule. An address with none returns nil.
func Classify(addr string) []Indicator {
	s := fold(addr)
	var out []Indicator
	for _, p := range patterns {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		phrase := m[0]
		if len(m) > 1 {
			phrase = m[1]
		}
		out = append(out, Indicator{Kind: p.kind, Rule: p.rule, Phrase: strings.TrimSpace(phrase)})
	}
	return out
}

// Kinds returns the distinct kinds among ins, in order of first appearance.
func Kinds(ins []Indicator) []Kind {
	var out []Kind
	seen := map[Kind]bool{}
	for _, in := range ins {
		if !seen[in.Kind] {
			seen[in.Kind] = true
			out = append(out, in.Kind)
		}
	}
	return out
}

// providerNames are words in a company's own name that make it a
// company-service provider: secretaries, formation agents, registered
// agents, nominee and registered-office services.
var providerNames = []pattern{
	{KindServiceProvider, "secretaries", re(`SECRETARIES|SECRETARIAL|SECRETARY\s+SERVICES?`)},
	{KindServiceProvider, "registered_agent", re(`REGISTERED\s+AGENTS?|REGISTRATION\s+AGENTS?`)},
	{KindServiceProvider, "corporate_services", re(`CORPORATE\s+SERVICES?|COMPANY\s+SERVICES?|COMPANY\s+FORMATIONS?|FORMATIONS?|FORMATION\s+AGENTS?|INCORPORATIONS?\s+SERVICES?|INCORPORATIONS`)},
	{KindServiceProvider, "nominees", re(`NOMINEES?|REGISTERED\s+OFFICE\s+SERVICES?|TRUST\s+AND\s+CORPORATE`)},
	{KindServiceProvider, "zh_secretarial", regexp.MustCompile(`秘書|秘书|商務服務|商务服务|企業服務|企业服务`)},
}

// ProviderName reports whether a company's name says it is a
// company-service provider ("EXAMPLE SECRETARIES LIMITED", "… CORPORATE
// SERVICES LTD", "…秘書有限公司"), with the phrase that says so.
func ProviderName(name string) (Indicator, bool) {
	s := fold(name)
	for _, p := range providerNames {
		if m := p.re.FindStringSubmatch(s); m != nil {
			phrase := m[0]
			if len(m) > 1 {
				phrase = m[1]
			}
			return Indicator{Kind: p.kind, Rule: p.rule, Phrase: strings.TrimSpace(phrase)}, true
		}
	}
	return Indicator{}, false
}
