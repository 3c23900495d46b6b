package velocy

import (
	"strconv"
	"strings"
)

// PatternError describes a route that cannot be registered: a pattern with
// bad syntax, a bad method, a nil handler, or a route that is already taken.
//
// A bad route is a bug in the program, not something that happens at run
// time, so the registration methods ([Router.Handle], [Router.Get], ...,
// [Router.Mount]) panic with a *PatternError, the way [http.ServeMux.Handle]
// panics. The message names the route and the problem:
//
//	velocy: GET "/users/{id": at offset 10: wildcard has no closing '}'
//
// Tests can recover the panic and inspect it with [errors.As].
type PatternError struct {
	Method  string // the method of the route; empty for Mount
	Pattern string // the whole pattern, including any group prefix
	Offset  int    // byte offset of the problem in Pattern, or -1 when it has none
	Problem string // what is wrong, in lower case
}

// Error returns the message described on [PatternError].
func (e *PatternError) Error() string {
	var b strings.Builder
	b.WriteString("velocy: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
	}
	b.WriteString(strconv.Quote(e.Pattern))
	b.WriteString(": ")
	if e.Offset >= 0 {
		b.WriteString("at offset ")
		b.WriteString(strconv.Itoa(e.Offset))
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}
