package rawhttp

// Limits bounds what one request may make the server read and hold in memory.
// Every limit protects the server from a client that sends too much, whether by
// mistake or on purpose. A zero field takes its default.
type Limits struct {
	// RequestLine is the longest request line, without its CRLF. Default 8 KiB.
	// A longer one is ErrURITooLong (414).
	RequestLine int
	// FieldLine is the longest header field line, without its CRLF. Default 8 KiB.
	// A longer one is ErrHeaderTooLarge (431).
	FieldLine int
	// Fields is the most header field lines. Default 100. More is ErrHeaderTooLarge.
	Fields int
	// HeaderBytes is the most bytes in the header section, line endings included.
	// Default 32 KiB. More is ErrHeaderTooLarge.
	HeaderBytes int
	// Body is the longest body, after removing the chunked coding. Default 1 MiB.
	// A longer one is ErrBodyTooLarge (413).
	Body int64
}

// withDefaults returns l with every zero field set to its default.
func (l Limits) withDefaults() Limits {
	if l.RequestLine <= 0 {
		l.RequestLine = 8 << 10
	}
	if l.FieldLine <= 0 {
		l.FieldLine = 8 << 10
	}
	if l.Fields <= 0 {
		l.Fields = 100
	}
	if l.HeaderBytes <= 0 {
		l.HeaderBytes = 32 << 10
	}
	if l.Body <= 0 {
		l.Body = 1 << 20
	}
	return l
}
