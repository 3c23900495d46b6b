package middleware

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// requestIDCheckServe serves one request through RequestID(opts) and
// returns the response and the id the handler saw.
func requestIDCheckServe(opts RequestIDOptions, req *http.Request) (w *httptest.ResponseRecorder, seen string) {
	w = httptest.NewRecorder()
	RequestID(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = RequestIDFrom(r.Context())
	})).ServeHTTP(w, req)
	return w, seen
}

// requestIDCheckValid says what is wrong with a generated id, or "".
func requestIDCheckValid(id string) string {
	b, err := base64.RawURLEncoding.DecodeString(id)
	switch {
	case len(id) != 16:
		return fmt.Sprintf("id %q has %d characters, want 16", id, len(id))
	case err != nil || len(b) != 12:
		return fmt.Sprintf("id %q is not 12 bytes in unpadded base64url", id)
	}
	return ""
}

func TestRequestIDNewID(t *testing.T) {
	seen := make(map[string]bool)
	for range 1000 {
		id := newRequestID()
		if msg := requestIDCheckValid(id); msg != "" {
			t.Fatalf("newRequestID: %s", msg)
		}
		if seen[id] {
			t.Fatalf("newRequestID returned %q twice in 1000 calls: use 12 bytes from crypto/rand", id)
		}
		seen[id] = true
	}
}

func TestRequestIDHeaderAndContext(t *testing.T) {
	ids := make(map[string]bool)
	for range 20 {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("X-Request-Id", "from-the-client") // ignored without TrustIncoming
		w, seen := requestIDCheckServe(RequestIDOptions{}, req)
		id := w.Header().Get("X-Request-Id")
		if msg := requestIDCheckValid(id); msg != "" {
			t.Fatalf("response header X-Request-Id: %s", msg)
		}
		if seen != id {
			t.Fatalf("RequestIDFrom(r.Context()) in the handler = %q, response header %q: want the same id", seen, id)
		}
		if ids[id] {
			t.Fatalf("two requests got the id %q", id)
		}
		ids[id] = true
	}
	if got := RequestIDFrom(httptest.NewRequest("GET", "/", nil).Context()); got != "" {
		t.Errorf("RequestIDFrom of a context without an id = %q, want \"\"", got)
	}
}

func TestRequestIDOptionsHeader(t *testing.T) {
	name := fmt.Sprintf("x-trace-%d", rand.IntN(1000))
	w, seen := requestIDCheckServe(RequestIDOptions{Header: name}, httptest.NewRequest("GET", "/", nil))
	if got := w.Header().Get(name); got == "" || got != seen {
		t.Errorf("RequestIDOptions{Header: %q}: response header %q = %q, handler saw %q; want the same id in both", name, name, got, seen)
	}
	if got := w.Header().Get("X-Request-Id"); got != "" {
		t.Errorf("RequestIDOptions{Header: %q} also set X-Request-Id", name)
	}
}

func TestRequestIDKeepsRoutePattern(t *testing.T) {
	route := fmt.Sprintf("GET /r%d/{id}", rand.IntN(1000))
	mux := http.NewServeMux()
	var seen string
	mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) { seen = RequestIDFrom(r.Context()) })
	req := httptest.NewRequest("GET", route[4:len(route)-5]+"/7", nil)
	RequestID(RequestIDOptions{})(mux).ServeHTTP(httptest.NewRecorder(), req)
	if seen == "" {
		t.Fatalf("the route's handler behind RequestID saw no id: pass next a copy of the request carrying it")
	}
	if req.Pattern != route {
		t.Errorf("after RequestID, the request it was given has Pattern %q, want %q: copy r2.Pattern back to r after next returns", req.Pattern, route)
	}
}

func TestRequestIDInRecoverRecord(t *testing.T) {
	var logs recoverCheckLog
	h := Chain(RequestID(RequestIDOptions{}), Recover(logs.logger()))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("with an id")
	}))
	w, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil))
	if escaped != nil {
		t.Fatalf("panic escaped: %v", escaped)
	}
	id := w.Header().Get("X-Request-Id")
	if id == "" {
		t.Fatal("RequestID in front of Recover set no X-Request-Id")
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("Recover logged %d records, want 1", len(recs))
	}
	if got := recs[0]["request_id"]; got != id {
		t.Errorf("Recover behind RequestID logged request_id=%v; want %q, the response's X-Request-Id: add it when RequestIDFrom(r.Context()) has one", got, id)
	}
}
