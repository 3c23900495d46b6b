package rawhttp

import (
	"fmt"
	"strconv"
	"strings"
)

// SetCookie adds a Set-Cookie field for c to h. Every field of c is checked
// first: a name that is not a token, a value with bytes a cookie value cannot
// hold, a Path or Domain with ";" or control bytes, or an unknown SameSite is an
// error, and h is left as it was. That check is what stops a value like
// "x\r\nLocation: https://evil.example" from adding fields of its own.
func SetCookie(h Header, c Cookie) error {
	v, err := c.setCookieValue()
	if err != nil {
		return err
	}
	h.Add("Set-Cookie", v)
	return nil
}

// setCookieValue returns the Set-Cookie field value for c:
// "sid=38afes7a8; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax".
func (c Cookie) setCookieValue() (string, error) {
	if !isToken(c.Name) {
		return "", fmt.Errorf("rawhttp: cookie name %q is not a token", c.Name)
	}
	if !isCookieValue(c.Value) {
		return "", fmt.Errorf("rawhttp: cookie %s: value %q holds a space, quote, comma, semicolon, backslash or control byte", c.Name, c.Value)
	}
	var b strings.Builder
	b.WriteString(c.Name + "=" + c.Value)
	if c.Path != "" {
		if !isAttrValue(c.Path) {
			return "", fmt.Errorf("rawhttp: cookie %s: path %q holds ';' or a control byte", c.Name, c.Path)
		}
		b.WriteString("; Path=" + c.Path)
	}
	if c.Domain != "" {
		d := strings.TrimPrefix(c.Domain, ".")
		if d == "" || !isAttrValue(d) || strings.ContainsAny(d, " /:") {
			return "", fmt.Errorf("rawhttp: cookie %s: domain %q is not a host name", c.Name, c.Domain)
		}
		b.WriteString("; Domain=" + d)
	}
	if !c.Expires.IsZero() {
		b.WriteString("; Expires=" + httpDate(c.Expires))
	}
	switch {
	case c.MaxAge > 0:
		b.WriteString("; Max-Age=" + strconv.Itoa(c.MaxAge))
	case c.MaxAge < 0:
		b.WriteString("; Max-Age=0")
	}
	if c.HttpOnly {
		b.WriteString("; HttpOnly")
	}
	if c.Secure {
		b.WriteString("; Secure")
	}
	switch c.SameSite {
	case "":
	case "Strict", "Lax":
		b.WriteString("; SameSite=" + c.SameSite)
	case "None":
		if !c.Secure {
			return "", fmt.Errorf("rawhttp: cookie %s: SameSite=None needs Secure, or browsers drop it", c.Name)
		}
		b.WriteString("; SameSite=None")
	default:
		return "", fmt.Errorf("rawhttp: cookie %s: SameSite %q, want Strict, Lax or None", c.Name, c.SameSite)
	}
	return b.String(), nil
}

// isAttrValue reports whether s can be a cookie attribute value: no ";" and no
// control byte.
func isAttrValue(s string) bool {
	return isFieldValue(s) && !strings.ContainsAny(s, ";\t")
}
