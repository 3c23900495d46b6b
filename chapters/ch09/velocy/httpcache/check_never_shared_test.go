package httpcache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// sharedStore is a Store in a map, without expiry.
type sharedStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *sharedStore) Get(_ context.Context, k string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return append([]byte(nil), v...), ok, nil
}

func (s *sharedStore) Set(_ context.Context, k string, v []byte, _ time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[k] = append([]byte(nil), v...)
	return nil
}

func (s *sharedStore) Delete(_ context.Context, k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

// sharedDo sends one request through h.
func sharedDo(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestNeverStoreSetCookie(t *testing.T) {
	maxAge := 60 + rand.IntN(1000)
	n := 0
	h := New(&sharedStore{}, Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", maxAge))
		http.SetCookie(w, &http.Cookie{Name: "session", Value: strconv.Itoa(n) + "-" + strconv.FormatUint(rand.Uint64(), 36)})
		fmt.Fprint(w, "welcome back")
	}))
	alice := sharedDo(h, "GET", "/account")
	bob := sharedDo(h, "GET", "/account")
	if a, b := alice.Header().Get("Set-Cookie"), bob.Header().Get("Set-Cookie"); a == b {
		t.Fatalf("two visitors of /account got the same cookie %q: the cache stored a response with "+
			"Set-Cookie and served the first visitor's session to the second. Never store a response "+
			"that sets a cookie, whatever its Cache-Control says", a)
	}
}

func TestNeverStoreUnshared(t *testing.T) {
	now := time.Unix(1.7e9+rand.Int64N(1e8), 0)
	ma := 1 + rand.IntN(5000)
	life := time.Duration(ma) * time.Second
	cc := func(v string) http.Header { return http.Header{"Cache-Control": {v}} }
	auth := func() *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", "Bearer "+strconv.FormatUint(rand.Uint64(), 36))
		return r
	}
	plain := httptest.NewRequest("GET", "/", nil)
	mage := fmt.Sprintf("max-age=%d", ma)
	tests := []struct {
		what   string
		req    *http.Request
		header http.Header
		want   time.Duration
	}{
		{"Set-Cookie", plain, http.Header{"Cache-Control": {mage}, "Set-Cookie": {"id=" + strconv.Itoa(ma)}}, 0},
		{"Vary: *", plain, http.Header{"Cache-Control": {mage}, "Vary": {"Accept, *"}}, 0},
		{"Vary: Accept", plain, http.Header{"Cache-Control": {mage}, "Vary": {"Accept"}}, life},
		{"Authorization, max-age", auth(), cc(mage), 0},
		{"Authorization, public", auth(), cc("public, " + mage), life},
		{"Authorization, must-revalidate", auth(), cc("must-revalidate, " + mage), life},
		{"Authorization, s-maxage", auth(), cc(fmt.Sprintf("s-maxage=%d", ma)), life},
		{"no Authorization, max-age", plain, cc(mage), life},
	}
	for _, tt := range tests {
		got, ok := lifetime(tt.req, 200, tt.header, now, 0)
		if got != tt.want || ok != (tt.want > 0) {
			want := "refused (0, false)"
			if tt.want > 0 {
				want = fmt.Sprintf("%v, true", tt.want)
			}
			t.Errorf("%s: lifetime(..., %v) = %v, %v; want %s", tt.what, tt.header, got, ok, want)
		}
	}
}
