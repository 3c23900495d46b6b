package ws

// validCloseCode reports whether code may appear in a close frame (RFC 6455,
// section 7.4, and the IANA registry): 1000-1003, 1007-1014 and 3000-4999.
// 1004 is reserved, 1005, 1006 and 1015 are for reporting only, other codes
// under 3000 are unassigned. (1012-1014 were registered after the RFC;
// Autobahn's newer cases accept them.)
func validCloseCode(code int) bool {
	switch {
	case code >= 1000 && code <= 1003, code >= 1007 && code <= 1014:
		return true
	case code >= 3000 && code <= 4999:
		return true
	}
	return false
}
