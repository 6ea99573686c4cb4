package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// normaliseText is the default normaliser: NFKC, lower case, ё as е, every
// run of non-letters and non-digits as one space.
func normaliseText(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.ReplaceAll(s, "ё", "е")
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// skipElements hold no visible text.
var skipElements = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"iframe": true, "object": true, "head": false,
}

// blockElements end a line of text.
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true,
	"tr": true, "table": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"section": true, "article": true, "header": true, "footer": true, "nav": true, "aside": true,
	"address": true, "title": true, "dd": true, "dt": true, "dl": true, "form": true, "main": true,
	"blockquote": true, "pre": true, "hr": true, "option": true, "body": true, "figcaption": true,
}

// maxLineRunes caps one line of text; longer runs are split.
const maxLineRunes = 2000

// visibleLines returns the visible text of n as trimmed, non-empty lines,
// followed by the content of <meta name="description"> when present.
func visibleLines(n *html.Node) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		s := strings.Join(strings.Fields(cur.String()), " ")
		cur.Reset()
		for s != "" {
			if utf8.RuneCountInString(s) <= maxLineRunes {
				lines = append(lines, s)
				return
			}
			r := []rune(s)
			lines = append(lines, string(r[:maxLineRunes]))
			s = string(r[maxLineRunes:])
		}
	}
	var meta []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			cur.WriteByte(' ')
			return
		case html.ElementNode:
			if skipElements[n.Data] {
				return
			}
			if n.Data == "meta" {
				var name, content string
				for _, a := range n.Attr {
					switch strings.ToLower(a.Key) {
					case "name", "property":
						name = strings.ToLower(a.Val)
					case "content":
						content = a.Val
					}
				}
				if (name == "description" || name == "og:site_name" || name == "og:title") && strings.TrimSpace(content) != "" {
					meta = append(meta, strings.TrimSpace(content))
				}
				return
			}
			if n.Data == "img" {
				for _, a := range n.Attr {
					if a.Key == "alt" && strings.TrimSpace(a.Val) != "" {
						cur.WriteString(a.Val)
						cur.WriteByte(' ')
					}
				}
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return append(lines, meta...)
}

// snippet shortens line to about 200 runes around rune offset at.
func snippet(line string, at int) string {
	r := []rune(line)
	if len(r) <= 200 {
		return line
	}
	start := max(at-90, 0)
	end := min(start+200, len(r))
	start = max(end-200, 0)
	s := string(r[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(r) {
		s += "…"
	}
	return s
}
