package testkit

import "net/http"

// Fresh returns a function that hands out the next request of a benchmark: a copy of the next
// template, cycling through templates in order. The copy is made by assignment into one
// request that is reused, so a call allocates nothing, and nothing a handler left on the
// previous request (path values, a context, a parsed form) is seen by the next, which is what
// a server does: it never hands a handler the same request twice. The caller must be done with
// a request before asking for the next one. With no templates, the function returns nil.
func Fresh(templates []*http.Request) func() *http.Request {
	if len(templates) == 0 {
		return func() *http.Request { return nil }
	}
	req := new(http.Request)
	next := 0
	return func() *http.Request {
		*req = *templates[next]
		next = (next + 1) % len(templates)
		return req
	}
}
