package rawhttp

import "strings"

// wantsClose reports whether the connection must close after the response to r.
//
// HTTP/1.1 keeps connections open unless a side says "Connection: close".
// HTTP/1.0 closes them unless the client asked for "Connection: keep-alive".
func wantsClose(r *Request) bool {
	conn := r.Header.Values("Connection")
	if hasToken(conn, "close") {
		return true
	}
	if r.Major == 1 && r.Minor == 0 {
		return !hasToken(conn, "keep-alive")
	}
	return false
}

// hasToken reports whether the comma-separated lists in fields hold token,
// compared without regard to case: hasToken([]string{"Keep-Alive, Upgrade"}, "upgrade") is true.
func hasToken(fields []string, token string) bool {
	for _, field := range fields {
		for _, t := range strings.Split(field, ",") {
			if strings.EqualFold(trimOWS(t), token) {
				return true
			}
		}
	}
	return false
}
