package metrics

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
)

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteTextError(t *testing.T) {
	r := NewRegistry()
	v := r.CounterVec("c_total", "", "i")
	v.SetMaxSeries(2000)
	for i := range 2000 { // 40 KB: more than one buffer's worth
		v.With(fmt.Sprint(i)).Inc()
	}
	if err := r.WriteText(&failWriter{n: 100}); err == nil || err.Error() != "disk full" {
		t.Errorf("err = %v, want the writer's", err)
	}
}

func TestServeHTTPMethods(t *testing.T) {
	r := NewRegistry()
	r.Gauge("g", "G.").Set(1)
	for _, tt := range []struct {
		method string
		code   int
		body   string
	}{
		{"GET", 200, "# HELP g G.\n# TYPE g gauge\ng 1\n"},
		{"HEAD", 200, ""},
		{"POST", 405, "405 method not allowed\n"},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, "/metrics", nil))
		if w.Code != tt.code || w.Body.String() != tt.body {
			t.Errorf("%s: %d %q, want %d %q", tt.method, w.Code, w.Body.String(), tt.code, tt.body)
		}
		if tt.code == 200 && w.Header().Get("Content-Type") != ContentType {
			t.Errorf("%s: Content-Type %q", tt.method, w.Header().Get("Content-Type"))
		}
		if tt.code == 405 && w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("Allow %q", w.Header().Get("Allow"))
		}
	}
}
