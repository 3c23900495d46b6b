package testkit

import "regexp"

// The patterns Scrub replaces, in the order it applies them: a timestamp holds digits a
// duration would match, and an id can end in digits that look like a port.
var (
	scrubTime = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})`)
	scrubID   = regexp.MustCompile(`\b([0-9a-f]{32}|[0-9a-f]{16})\b`)
	scrubPort = regexp.MustCompile(`\b127\.0\.0\.1:\d+\b`)
	scrubDur  = regexp.MustCompile(`\b(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+\b`)
)

// Scrub replaces what changes from one run to the next with fixed placeholders, so output
// can be compared with a golden file: RFC 3339 timestamps become <TIME>, ids of 16 or 32
// lower-case hex digits <ID>, loopback addresses 127.0.0.1:<PORT>, and Go durations
// ("12ms", "1.5s", "3m2s", "20µs") <DUR>. Everything else is kept as it is.
func Scrub(s string) string {
	s = scrubTime.ReplaceAllLiteralString(s, "<TIME>")
	s = scrubID.ReplaceAllLiteralString(s, "<ID>")
	s = scrubPort.ReplaceAllLiteralString(s, "127.0.0.1:<PORT>")
	return scrubDur.ReplaceAllLiteralString(s, "<DUR>")
}
