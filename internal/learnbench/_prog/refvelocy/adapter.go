// Package refvelocy hands learnbench a velocy router. learn bench writes it twice: for the
// reference (this import path) and for your workspace ("workspace/velocy"). It compiles only if
// the package has New and Handle as the book defines them.
package refvelocy

import (
	"net/http"

	"reference/velocy"
)

// New returns a new router and its Handle method.
func New() (func(method, pattern string, h http.Handler), http.Handler) {
	r := velocy.New()
	return r.Handle, r
}
