package rawhttp

import "strings"

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
	// TODO(05.04-set-cookie): check the name (isToken) and the value
	// (isCookieValue), then add each attribute that is set, in this order:
	// Path, Domain (without a leading dot), Expires (httpDate), Max-Age,
	// HttpOnly, Secure, SameSite; refuse what cannot be sent.
	return "", nil
}

// isAttrValue reports whether s can be a cookie attribute value: no ";" and no
// control byte.
func isAttrValue(s string) bool {
	return isFieldValue(s) && !strings.ContainsAny(s, ";\t")
}
