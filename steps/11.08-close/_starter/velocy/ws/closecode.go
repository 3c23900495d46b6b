package ws

// validCloseCode reports whether code may appear in a close frame (RFC 6455,
// section 7.4, and the IANA registry).
func validCloseCode(code int) bool {
	// TODO(11.08): true for 1000-1003, 1007-1014 and 3000-4999 only.
	return true
}
