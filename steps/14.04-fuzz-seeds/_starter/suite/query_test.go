package suite

import "testing"

// FuzzParseQuery is yours to write (lesson 14.4): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func FuzzParseQuery(f *testing.F) {
	// TODO(14.04): seeds with f.Add, and a property: ParseQuery agrees with url.ParseQuery.
	f.Fuzz(func(t *testing.T, raw string) {})
}
