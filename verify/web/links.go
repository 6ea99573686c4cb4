package web

import (
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// contactPatterns pick the contact / about / imprint pages worth reading,
// matched against the normalised link text and the decoded URL path. Order
// is priority: contact pages first, then about pages.
var contactPatterns = []string{
	// contact
	"contact", "kontakt", "contatti", "contacto", "контакты", "контакт", "kontakty",
	"연락처", "오시는 길", "오시는길", "찾아오시는", "联系我们", "聯繫我們", "聯絡我們", "联系方式",
	"お問い合わせ", "impressum", "imprint", "legal notice", "mentions legales",
	// about
	"about", "company profile", "profile", "who we are", "über uns", "ueber uns", "chi siamo",
	"о компании", "о нас", "o kompanii", "o nas", "회사소개", "회사 소개", "기업소개", "关于我们",
	"關於我們", "公司简介", "公司介绍", "公司簡介", "会社概要", "company",
}

type link struct {
	text, href string
}

// selectLinks returns up to n same-site links matching contactPatterns, in
// pattern priority, without duplicates or the pages already seen.
func selectLinks(links []link, base *url.URL, seen map[string]bool, n int) []string {
	if n <= 0 {
		return nil
	}
	type scored struct {
		href string
		rank int
		pos  int
	}
	var cands []scored
	have := map[string]bool{}
	for pos, l := range links {
		u, err := url.Parse(l.href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
			continue
		}
		u.Fragment = ""
		key := u.String()
		if seen[key] || have[key] || !sameSite(u, base) {
			continue
		}
		path, err := url.PathUnescape(u.EscapedPath())
		if err != nil {
			path = u.Path
		}
		hay := normaliseText(l.text) + " | " + normaliseText(path)
		for rank, p := range contactPatterns {
			if strings.Contains(hay, p) {
				cands = append(cands, scored{href: key, rank: rank, pos: pos})
				have[key] = true
				break
			}
		}
	}
	// Stable selection by rank, then by position on the page.
	for i := 1; i < len(cands); i++ {
		for j := i; j > 0 && (cands[j].rank < cands[j-1].rank ||
			(cands[j].rank == cands[j-1].rank && cands[j].pos < cands[j-1].pos)); j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	var out []string
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.href)
	}
	return out
}

// sameSite reports whether u is on base's site: the same host (a leading
// "www." ignored), or, for names, the same registrable domain.
func sameSite(u, base *url.URL) bool {
	a, b := strings.ToLower(u.Hostname()), strings.ToLower(base.Hostname())
	if strings.TrimPrefix(a, "www.") == strings.TrimPrefix(b, "www.") {
		return u.Port() == base.Port() || net.ParseIP(a) == nil
	}
	if net.ParseIP(a) != nil || net.ParseIP(b) != nil {
		return false
	}
	ra, err1 := publicsuffix.EffectiveTLDPlusOne(a)
	rb, err2 := publicsuffix.EffectiveTLDPlusOne(b)
	return err1 == nil && err2 == nil && ra == rb
}
