package rawhttp

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
	// TODO(05.02-user-agent): walk ua byte by byte: skip spaces and tabs, read a
	// comment at '(' (it may nest, and '\\' escapes the next byte), read a
	// product at a token byte (isTchar), skip anything else.
	return nil
}
