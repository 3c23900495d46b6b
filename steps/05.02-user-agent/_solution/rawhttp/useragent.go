package rawhttp

import "strings"

// Product is one product of a User-Agent field: "Firefox/128.0" is Name
// "Firefox", Version "128.0". Comments are the parenthesised notes that follow it,
// without their parentheses: "X11; Linux x86_64".
type Product struct {
	Name     string
	Version  string
	Comments []string
}

// String returns the product as it would appear in a User-Agent, without its comments.
func (p Product) String() string {
	if p.Version == "" {
		return p.Name
	}
	return p.Name + "/" + p.Version
}

// ParseUserAgent splits a User-Agent field value into its products (RFC 9110 §10.1.5):
//
//	Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0
//	└─product─┘ └──────comment of Mozilla───┘ └─product────┘ └─product───┘
//
// A product is a token with an optional "/version"; a comment is text in
// parentheses, which may nest and may escape a character with a backslash. The
// parser is lenient, because real User-Agents are messy: a comment before the
// first product is dropped, a comment left open runs to the end, and a byte that
// can start neither is skipped. It never fails.
func ParseUserAgent(ua string) []Product {
	var products []Product
	for i := 0; i < len(ua); {
		switch b := ua[i]; {
		case b == ' ' || b == '\t':
			i++
		case b == '(':
			comment, n := readComment(ua[i:])
			if len(products) > 0 {
				last := &products[len(products)-1]
				last.Comments = append(last.Comments, comment)
			}
			i += n
		case isTchar(b):
			p, n := readProduct(ua[i:])
			products = append(products, p)
			i += n
		default:
			i++
		}
	}
	return products
}

// readProduct reads "name[/version]" from the start of s and returns it and its length.
func readProduct(s string) (Product, int) {
	n := tokenLen(s)
	p := Product{Name: s[:n]}
	if n < len(s) && s[n] == '/' {
		v := tokenLen(s[n+1:])
		p.Version = s[n+1 : n+1+v]
		n += 1 + v
	}
	return p, n
}

// readComment reads the comment that starts at s[0] == '(' and returns its text,
// without the outer parentheses and with escapes removed, and its length in s.
func readComment(s string) (string, int) {
	var text strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '\\' && i+1 < len(s):
			i++
			text.WriteByte(s[i])
			continue
		case b == '(':
			depth++
			if depth == 1 {
				continue
			}
		case b == ')':
			depth--
			if depth == 0 {
				return text.String(), i + 1
			}
		}
		text.WriteByte(s[i])
	}
	return text.String(), len(s)
}

// tokenLen returns the length of the token at the start of s.
func tokenLen(s string) int {
	n := 0
	for n < len(s) && isTchar(s[n]) {
		n++
	}
	return n
}
