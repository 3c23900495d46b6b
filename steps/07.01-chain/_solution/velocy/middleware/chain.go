package middleware

import (
	"errors"
	"net/http"
)

// Chain returns one middleware made of several: Chain(a, b, c)(h) is
// a(b(c(h))), so a runs first and c last, right before h. It is the same
// order as velocy's Router.Use, for code that wraps a plain net/http handler:
//
//	http.ListenAndServe(addr, middleware.Chain(recoverer, requestID)(mux))
//
// Chain panics if a middleware is nil, and the returned middleware panics if
// one of them returns a nil handler: both are mistakes found when the chain
// is built, not at the first request.
func Chain(middleware ...func(http.Handler) http.Handler) func(http.Handler) http.Handler {
	for _, mw := range middleware {
		if mw == nil {
			panic(errors.New("middleware: Chain: nil middleware"))
		}
	}
	return func(h http.Handler) http.Handler {
		for i := len(middleware) - 1; i >= 0; i-- {
			h = middleware[i](h)
			if h == nil {
				panic(errors.New("middleware: Chain: a middleware returned a nil handler"))
			}
		}
		return h
	}
}
