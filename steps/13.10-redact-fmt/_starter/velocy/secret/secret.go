package secret

import (
	"fmt"
)

// Redacted is what a Secret shows instead of its value.
const Redacted = "[REDACTED]"

// A Secret holds a value that must not be printed, logged or marshalled.
// The zero Secret is empty. Copies share the value, which never changes.
type Secret struct {
	// TODO(13.10): fmt prints a struct's unexported fields through
	// reflection, without calling any method of theirs: a Config with an
	// unexported Secret field would print this string. Store the value so
	// that reflection finds nothing readable.
	value string
}

// New returns a Secret holding v.
func New(v string) Secret { return Secret{value: v} }

// Reveal returns the value. Call it only where the value is used (a
// header, a database's Open), never to log or format it.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the Secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// String returns Redacted.
func (s Secret) String() string {
	// TODO(13.10): return Redacted.
	return ""
}

// GoString returns a redacted Go-syntax form, for %#v.
func (s Secret) GoString() string {
	// TODO(13.10): "secret.Secret{" + Redacted + "}".
	return ""
}

// Format writes Redacted for every verb (quoted for %q, in Go syntax for
// %#v), so that no verb, %x included, formats the value.
func (s Secret) Format(f fmt.State, verb rune) {
	// TODO(13.10): write to f: `"[REDACTED]"` for %q, GoString for %#v
	// (f.Flag('#')), Redacted for anything else.
}
