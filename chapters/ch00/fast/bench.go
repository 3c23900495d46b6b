package fast

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// ServeFresh is the body of a benchmark of h: every iteration of b.Loop
// builds a new server-side request for method and target
// (httptest.NewRequest) and a new response writer, and calls h once, the
// way a server would. Nothing one call leaves behind (a header set on the
// request, a value in its context, a parsed form, a written status) can
// make the next call cheaper. It reports allocations. A method or target
// that is not a valid request line fails the benchmark with b.Fatal, before
// h is ever called.
func ServeFresh(b *testing.B, h http.Handler, method, target string) {
	if err := validRequest(method, target); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(method, target, nil)
		h.ServeHTTP(newSink(), r)
	}
}

// validRequest reports whether httptest.NewRequest would accept method and
// target, which it answers with a panic otherwise: it parses the same
// request line.
func validRequest(method, target string) error {
	line := method + " " + target + " HTTP/1.1\r\nHost: example.com\r\n\r\n"
	if method == "" || strings.ContainsAny(method+target, " \r\n") {
		return fmt.Errorf("fast: %q %q is not a request line's method and target", method, target)
	}
	if _, err := http.ReadRequest(bufio.NewReader(strings.NewReader(line))); err != nil {
		return fmt.Errorf("fast: %q %q is not a request line's method and target: %w", method, target, err)
	}
	return nil
}

// A sink is a response writer that keeps the status and headers and drops
// the body, so that what a benchmark measures is the handler.
type sink struct {
	header http.Header
	status int
}

// newSink returns an empty writer, as a server gives every request.
func newSink() *sink { return &sink{header: http.Header{}} }

func (s *sink) Header() http.Header { return s.header }

func (s *sink) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(p), nil
}

func (s *sink) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
