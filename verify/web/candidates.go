package web

import (
	"net/mail"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Candidates turns website values (a registry record's Websites, an input
// website column) into candidates with the given origin. Empty values are
// dropped; a value holding several URLs separated by spaces, commas or
// semicolons gives several candidates.
func Candidates(websites []string, from string) []Candidate {
	var out []Candidate
	for _, w := range websites {
		for _, f := range strings.FieldsFunc(w, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, Candidate{URL: f, From: from})
			}
		}
	}
	return out
}

// webmail are free mail domains: an address there says nothing about a
// company's own site.
var webmail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "yahoo.co.uk": true, "ymail.com": true,
	"hotmail.com": true, "outlook.com": true, "live.com": true, "msn.com": true, "icloud.com": true,
	"me.com": true, "aol.com": true, "gmx.com": true, "gmx.de": true, "web.de": true, "proton.me": true,
	"protonmail.com": true, "zoho.com": true, "mail.com": true,
	"qq.com": true, "163.com": true, "126.com": true, "sina.com": true, "sina.cn": true, "sohu.com": true,
	"yeah.net": true, "aliyun.com": true, "foxmail.com": true, "139.com": true,
	"naver.com": true, "daum.net": true, "hanmail.net": true, "kakao.com": true, "nate.com": true,
	"mail.ru": true, "bk.ru": true, "inbox.ru": true, "list.ru": true, "yandex.ru": true, "ya.ru": true,
	"yandex.com": true, "rambler.ru": true,
	"yahoo.co.jp": true, "netvigator.com": true, "rediffmail.com": true,
}

// IsWebmail reports whether domain is a free mail provider.
func IsWebmail(domain string) bool {
	return webmail[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(domain), "."))]
}

// EmailDomain returns the domain of an e-mail address, lower-cased.
func EmailDomain(email string) (string, bool) {
	email = strings.TrimSpace(email)
	if a, err := mail.ParseAddress(email); err == nil {
		email = a.Address
	}
	_, dom, ok := strings.Cut(email, "@")
	dom = strings.ToLower(strings.Trim(dom, " .>"))
	if !ok || dom == "" || strings.ContainsAny(dom, " /\\@") || !strings.Contains(dom, ".") {
		return "", false
	}
	return dom, true
}

// EmailCandidate returns the site of an e-mail address's domain, unless the
// domain is a free mail provider (ok false).
func EmailCandidate(email, from string) (Candidate, bool) {
	dom, ok := EmailDomain(email)
	if !ok || IsWebmail(dom) {
		return Candidate{}, false
	}
	return Candidate{URL: dom, From: from}, true
}

// guessLegalWords are dropped from names before guessing a domain.
var guessLegalWords = map[string]bool{
	"co": true, "company": true, "ltd": true, "limited": true, "inc": true, "llc": true, "corp": true,
	"corporation": true, "gmbh": true, "ag": true, "sa": true, "srl": true, "spa": true, "bv": true,
	"plc": true, "llp": true, "pte": true, "pty": true, "the": true, "and": true, "hk": true,
}

// ccDomains are the second-level zones companies of a country commonly use.
var ccDomains = map[string][]string{
	"HK": {"com.hk", "hk"}, "CN": {"com.cn", "cn"}, "KR": {"co.kr", "kr"}, "RU": {"ru"},
	"GB": {"co.uk"}, "JP": {"co.jp"}, "TW": {"com.tw"}, "SG": {"com.sg"}, "AE": {"ae"},
	"TR": {"com.tr"}, "DE": {"de"}, "IN": {"in", "co.in"},
}

// Guess builds candidate domains from ASCII names (legal forms dropped,
// words joined) under .com and the countries' usual zones, with From
// "guess". It returns nil unless Options.GuessDomains is set. A guessed
// domain proves nothing by existing: only a site that mentions the company
// supports it.
func (c *Checker) Guess(names, countries []string) []Candidate {
	if !c.opts.GuessDomains {
		return nil
	}
	var out []Candidate
	seen := map[string]bool{}
	for _, n := range names {
		var words []string
		for _, w := range strings.Fields(normaliseText(norm.NFKD.String(n))) {
			w = strings.Map(func(r rune) rune {
				if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
					return r
				}
				return -1
			}, w)
			if w != "" && !guessLegalWords[w] {
				words = append(words, w)
			}
		}
		label := strings.Join(words, "")
		if len(label) < 4 || len(label) > 63 {
			continue
		}
		zones := []string{"com"}
		for _, cc := range countries {
			zones = append(zones, ccDomains[strings.ToUpper(cc)]...)
		}
		for _, z := range zones {
			d := label + "." + z
			if !seen[d] {
				seen[d] = true
				out = append(out, Candidate{URL: d, From: "guess"})
			}
		}
	}
	return out
}
