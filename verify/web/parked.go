package web

import (
	"net"
	"strings"
)

// FingerprintsVersion identifies the parking and for-sale fingerprint list
// below. Fingerprints drift: bump the version whenever the list changes, so
// a report says which list judged a site.
//
// The list is written for this project from public knowledge of how the
// large parking services and domain marketplaces publish their name servers
// and landing pages; it is short on purpose. It is not a copy of the
// parkingtma list (Zirngibl et al., TMA 2022), which has no licence.
const FingerprintsVersion = "parking/2026-11-1"

// parkingService is one parking service or domain marketplace.
type parkingService struct {
	name string
	// nsDomains: a name server at or under one of these is the service's.
	nsDomains []string
	// cnameDomains: a CNAME at or under one of these points to the service.
	cnameDomains []string
	// pageHosts: a link, script or redirect to one of these hosts on the
	// home page is the service's landing page.
	pageHosts []string
}

var parkingServices = []parkingService{
	{name: "Sedo", nsDomains: []string{"sedoparking.com"}, cnameDomains: []string{"sedoparking.com"}, pageHosts: []string{"sedoparking.com", "sedo.com"}},
	{name: "Bodis", nsDomains: []string{"bodis.com"}, cnameDomains: []string{"bodis.com"}, pageHosts: []string{"bodis.com"}},
	{name: "ParkingCrew", nsDomains: []string{"parkingcrew.net"}, cnameDomains: []string{"parkingcrew.net"}, pageHosts: []string{"parkingcrew.net"}},
	{name: "Above.com", nsDomains: []string{"above.com"}, pageHosts: []string{"above.com"}},
	{name: "Dan.com", nsDomains: []string{"dan.com", "undeveloped.com"}, pageHosts: []string{"dan.com", "undeveloped.com"}},
	{name: "Afternic", pageHosts: []string{"afternic.com"}},
	{name: "HugeDomains", pageHosts: []string{"hugedomains.com"}},
}

// forSalePhrases are matched against the normalised text of the home page
// (lower case, punctuation as spaces).
var forSalePhrases = []string{
	"this domain is for sale",
	"this domain may be for sale",
	"the domain name is for sale",
	"domain name is for sale",
	"buy this domain",
	"make an offer on this domain",
	"this domain is parked",
	"domain has been parked",
	"parked free courtesy of",
	"parked courtesy of",
	"this domain name is available for purchase",
	"diese domain steht zum verkauf",
	"domain kaufen",
	"этот домен продается",
	"этот домен продаётся",
	"домен продается",
	"домен продаётся",
	"该域名正在出售",
	"此域名正在出售",
	"该域名出售",
	"域名出售",
	"이 도메인은 판매",
	"도메인 판매",
}

// hostUnder reports whether host is domain or a subdomain of it.
func hostUnder(host, domain string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// parkedByDNS returns a reason when the name servers or CNAME belong to a
// parking service.
func parkedByDNS(ns []string, cname string) string {
	for _, s := range parkingServices {
		for _, n := range ns {
			for _, d := range s.nsDomains {
				if hostUnder(n, d) {
					return "name server " + strings.TrimSuffix(n, ".") + " (" + s.name + ")"
				}
			}
		}
		for _, d := range s.cnameDomains {
			if cname != "" && hostUnder(cname, d) {
				return "CNAME " + strings.TrimSuffix(cname, ".") + " (" + s.name + ")"
			}
		}
	}
	return ""
}

// parkedByHost returns a reason when host (a redirect target or a link on
// the home page) belongs to a parking service or marketplace.
func parkedByHost(host, what string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	for _, s := range parkingServices {
		for _, d := range s.pageHosts {
			if hostUnder(host, d) {
				return what + " " + host + " (" + s.name + ")"
			}
		}
	}
	return ""
}

// parkedByText returns a reason when normalised page text holds a for-sale
// or parked phrase.
func parkedByText(text string) string {
	for _, p := range forSalePhrases {
		if strings.Contains(text, p) {
			return "page text \"" + p + "\""
		}
	}
	return ""
}
