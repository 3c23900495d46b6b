package velocy

// PatternError describes a route that cannot be registered: a pattern with
// bad syntax, a bad method, a nil handler, or a route that is already taken.
//
// A bad route is a bug in the program, not something that happens at run
// time, so [Router.Handle] panics with a *PatternError, the way
// [http.ServeMux.Handle] panics. The message names the route and the problem:
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
	// TODO(06.02-pattern-error): "velocy: ", then the method and a space if
	// there is a method, the pattern quoted with strconv.Quote, ": ", then
	// "at offset N: " when Offset is 0 or more, and last the problem.
	return ""
}
