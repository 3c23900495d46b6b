package rawhttp

// wantsClose reports whether the connection must close after the response to r.
//
// HTTP/1.1 keeps connections open unless a side says "Connection: close".
// HTTP/1.0 closes them unless the client asked for "Connection: keep-alive".
func wantsClose(r *Request) bool {
	// TODO(05.01-keep-alive): look for the tokens "close" and "keep-alive" in
	// the Connection fields (hasToken), and decide by the version. Then make
	// ServeConn (conn.go) loop, and sendHead (response.go) say keep-alive to
	// HTTP/1.0 clients.
	return false
}

// hasToken reports whether the comma-separated lists in fields hold token,
// compared without regard to case: hasToken([]string{"Keep-Alive, Upgrade"}, "upgrade") is true.
func hasToken(fields []string, token string) bool {
	// TODO(05.01-keep-alive): split every field at commas, trimOWS each part,
	// compare with strings.EqualFold.
	return false
}
