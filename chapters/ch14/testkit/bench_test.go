package testkit_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch14/testkit"
)

// valueRouter stands for a router that is not ServeMux: it hands the handler its path value
// through SetPathValue, as velocy does, so the first value on a request allocates a map.
type valueRouter struct{}

func (valueRouter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.SetPathValue("id", r.URL.Path[len("/users/"):])
	_ = r.PathValue("id")
}

// BenchmarkReusedRequest serves one request again and again: the map is made once, and the
// benchmark reports what no server ever does.
func BenchmarkReusedRequest(b *testing.B) {
	req := httptest.NewRequest("GET", "/users/42", nil)
	var h valueRouter
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(nil, req)
	}
}

// BenchmarkFreshRequest gives every call a fresh copy of the template, as a server would.
func BenchmarkFreshRequest(b *testing.B) {
	next := testkit.Fresh([]*http.Request{httptest.NewRequest("GET", "/users/42", nil)})
	var h valueRouter
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(nil, next())
	}
}
