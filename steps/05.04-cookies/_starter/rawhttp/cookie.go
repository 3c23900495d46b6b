package rawhttp

import "time"

// Cookie is one cookie. A request's Cookie field carries only Name and Value; the
// other fields are the attributes a server sends with Set-Cookie (see SetCookie).
type Cookie struct {
	Name  string
	Value string

	// Path limits the cookie to paths under it: "/account".
	Path string
	// Domain lets subdomains of it receive the cookie too: "example.com". Empty
	// means only the host that set it.
	Domain string
	// Expires is when the browser drops the cookie. Zero, with MaxAge 0, makes a
	// session cookie, dropped when the browser closes.
	Expires time.Time
	// MaxAge is the cookie's lifetime in seconds and wins over Expires. 0 sends no
	// Max-Age; a negative value sends "Max-Age=0", which deletes the cookie now.
	MaxAge int
	// Secure keeps the cookie off plain-HTTP requests.
	Secure bool
	// HttpOnly hides the cookie from JavaScript.
	HttpOnly bool
	// SameSite is "Strict", "Lax", "None" or "" (no attribute).
	SameSite string
}

// ParseCookies parses the value of a Cookie request field: "theme=dark; sid=38afes7a8".
//
// Pairs are separated by ";" and optional spaces. A value may be wrapped in
// double quotes, which are removed. A pair without "=", with a name that is not
// a token or with a value that holds bytes no cookie value may hold (space,
// comma, semicolon, backslash, control bytes) is skipped, and parsing goes on.
// Repeated names are all kept, in order.
func ParseCookies(field string) []Cookie {
	// TODO(05.04-cookies): split at ';', trimOWS each pair, cut it at the first
	// '=', skip what is not a token name or a cookie value (isCookieValue)
	// once one pair of surrounding double quotes is removed.
	return nil
}

// Cookies returns the cookies of every Cookie field of r, in order.
func (r *Request) Cookies() []Cookie {
	// TODO(05.04-cookies): ParseCookies on each Cookie field, in order.
	return nil
}

// isCookieValue reports whether s only holds cookie-octets (RFC 6265 §4.1.1):
// visible ASCII except double quote, comma, semicolon and backslash.
func isCookieValue(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b <= ' ' || b >= 0x7f || b == '"' || b == ',' || b == ';' || b == '\\' {
			return false
		}
	}
	return true
}
