package testkit

// Scrub replaces what changes from one run to the next with fixed placeholders, so output
// can be compared with a golden file: RFC 3339 timestamps become <TIME>, ids of 16 or 32
// lower-case hex digits <ID>, loopback addresses 127.0.0.1:<PORT>, and Go durations
// ("12ms", "1.5s", "3m2s", "20µs") <DUR>. Everything else is kept as it is.
func Scrub(s string) string {
	// TODO(14.03): one regular expression per kind, applied in that order.
	return s
}
