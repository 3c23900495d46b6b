package httpcache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// etagQuoted returns a random quoted opaque tag.
func etagQuoted() string {
	return fmt.Sprintf(`"%x"`, rand.Uint64())
}

// etagStore is a Store in a map, without expiry.
type etagStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *etagStore) Get(_ context.Context, k string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return append([]byte(nil), v...), ok, nil
}

func (s *etagStore) Set(_ context.Context, k string, v []byte, _ time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[k] = append([]byte(nil), v...)
	return nil
}

func (s *etagStore) Delete(_ context.Context, k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

// etagDo sends one request through h.
func etagDo(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestNoneMatchWeak(t *testing.T) {
	tag, other := etagQuoted(), etagQuoted()
	tests := []struct {
		inm, etag string
		want      bool
	}{
		{tag, tag, true},
		{other, tag, false},
		{"W/" + tag, tag, true},
		{tag, "W/" + tag, true},
		{"W/" + tag, "W/" + tag, true},
		{other + ", " + tag, tag, true},
		{other + "," + "W/" + tag + " ," + etagQuoted(), tag, true},
		{"*", tag, true},
		{"*", "W/" + tag, true},
		{"*", "", false},
		{strings.Trim(tag, `"`), tag, false},
		{"", tag, false},
		{`"a,b"`, `"a,b"`, true},
		{`"a,b"`, `"a"`, false},
	}
	for _, tt := range tests {
		if got := noneMatch(tt.inm, tt.etag); got != tt.want {
			t.Errorf("noneMatch(%q, %q) = %v, want %v", tt.inm, tt.etag, got, tt.want)
		}
	}
}

func TestETagAnswers304(t *testing.T) {
	n := rand.IntN(1e6)
	h := ETag(1 << 12)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"n":%s}`, r.URL.Query().Get("n"))
	}))
	url := fmt.Sprintf("/?n=%d", n)
	first := etagDo(h, "GET", url)
	tag := first.Header().Get("ETag")
	if len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
		t.Fatalf("GET %s: ETag %q, want a strong tag in quotes", url, tag)
	}
	if again := etagDo(h, "GET", url).Header().Get("ETag"); again != tag {
		t.Errorf("the same body got two tags, %s and %s", tag, again)
	}
	if other := etagDo(h, "GET", fmt.Sprintf("/?n=%d", n+1)).Header().Get("ETag"); other == tag {
		t.Errorf("two bodies got the same tag %s", tag)
	}
	if want := contentTag([]byte(first.Body.String())); want != tag {
		t.Errorf("ETag %s, want contentTag of the body %s", tag, want)
	}
	for _, inm := range []string{tag, "W/" + tag, etagQuoted() + ", " + tag, "*"} {
		w := etagDo(h, "GET", url, "If-None-Match", inm)
		if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
			t.Errorf("If-None-Match: %s: %d, body %q, ETag %q; want 304, no body, %s", inm, w.Code, w.Body, w.Header().Get("ETag"), tag)
		}
	}
	if w := etagDo(h, "GET", url, "If-None-Match", etagQuoted()); w.Code != 200 {
		t.Errorf("If-None-Match with another tag: %d, want 200", w.Code)
	}
}

func TestCacheHitAnswers304(t *testing.T) {
	calls := 0
	body := fmt.Sprintf("page %d", rand.IntN(1e6))
	h := New(&etagStore{}, Options{})(ETag(1 << 12)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprint(w, body)
	})))
	tag := etagDo(h, "GET", "/").Header().Get("ETag")
	w := etagDo(h, "GET", "/", "If-None-Match", "W/"+tag)
	if w.Code != http.StatusNotModified || calls != 1 {
		t.Errorf("a fresh hit asked with If-None-Match: W/%s: %d after %d handler runs; want 304 "+
			"from the cache (serveHit compares with noneMatch), handler run once", tag, w.Code, calls)
	}
}
