package secret

import (
	"fmt"
	"io"
)

// Redacted is what a Secret shows instead of its value.
const Redacted = "[REDACTED]"

// A Secret holds a value that must not be printed, logged or marshalled.
// The zero Secret is empty. Copies share the value, which never changes.
// == compares which Secret it is, not the values: compare values with
// crypto/subtle.ConstantTimeCompare on Reveal.
//
// The value sits behind a pointer so that even code that bypasses the
// methods below cannot print it: fmt shows a struct's unexported Secret
// field through reflection, and reflection finds an address there, not
// the text.
type Secret struct {
	p *string
}

// New returns a Secret holding v.
func New(v string) Secret { return Secret{p: &v} }

// Reveal returns the value. Call it only where the value is used (a
// header, a database's Open), never to log or format it.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the Secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// String returns Redacted.
func (s Secret) String() string { return Redacted }

// GoString returns a redacted Go-syntax form, for %#v.
func (s Secret) GoString() string { return "secret.Secret{" + Redacted + "}" }

// Format writes Redacted for every verb (quoted for %q, in Go syntax for
// %#v), so that no verb, %x included, formats the value.
func (s Secret) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'q':
		io.WriteString(f, `"`+Redacted+`"`)
	case verb == 'v' && f.Flag('#'):
		io.WriteString(f, s.GoString())
	default:
		io.WriteString(f, Redacted)
	}
}
