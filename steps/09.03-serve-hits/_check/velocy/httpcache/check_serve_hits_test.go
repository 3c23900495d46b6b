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
	"testing/synctest"
	"time"
)

// hitStore is a Store in a map whose entries expire by time.Now, which
// synctest moves.
type hitStore struct {
	mu sync.Mutex
	m  map[string]hitItem
}

type hitItem struct {
	v   []byte
	exp time.Time
}

func (s *hitStore) Get(_ context.Context, k string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.m[k]
	if !ok || !time.Now().Before(it.exp) {
		return nil, false, nil
	}
	return append([]byte(nil), it.v...), true, nil
}

func (s *hitStore) Set(_ context.Context, k string, v []byte, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]hitItem{}
	}
	s.m[k] = hitItem{append([]byte(nil), v...), time.Now().Add(ttl)}
	return nil
}

func (s *hitStore) Delete(_ context.Context, k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

// hitDo sends one request through h.
func hitDo(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServeHitWithAge(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		maxAge := 60 + rand.IntN(1000)
		wait := 1 + rand.IntN(maxAge-1)
		body := fmt.Sprintf("price %d", rand.IntN(1e6))
		custom := strconv.FormatUint(rand.Uint64(), 36)
		status := []int{200, 203, 404, 410}[rand.IntN(4)]
		calls := 0
		h := New(&hitStore{}, Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			w.Header().Set("Cache-Control", fmt.Sprintf("max-age=%d", maxAge))
			w.Header().Set("X-Custom", custom)
			w.WriteHeader(status)
			fmt.Fprint(w, body)
		}))
		first := hitDo(h, "GET", "/price")
		if got := first.Header().Get("Cache-Status"); got != "velocy; fwd=uri-miss" {
			t.Fatalf("first GET: Cache-Status %q, want velocy; fwd=uri-miss", got)
		}
		time.Sleep(time.Duration(wait)*time.Second + time.Duration(rand.IntN(1000))*time.Millisecond)
		w := hitDo(h, "GET", "/price")
		if calls != 1 {
			t.Fatalf("the handler ran %d times for two GETs %ds apart with max-age=%d, want once", calls, wait, maxAge)
		}
		if w.Code != status || w.Body.String() != body || w.Header().Get("X-Custom") != custom {
			t.Fatalf("hit = %d %q X-Custom %q, want the stored %d %q X-Custom %q", w.Code, w.Body, w.Header().Get("X-Custom"), status, body, custom)
		}
		if got, want := w.Header().Get("Age"), strconv.Itoa(wait); got != want {
			t.Errorf("hit after %d.x s: Age %q, want %q (whole seconds since it was stored)", wait, got, want)
		}
		if got, want := w.Header().Get("Cache-Status"), fmt.Sprintf("velocy; hit; ttl=%d", maxAge-wait); got != want {
			t.Errorf("hit: Cache-Status %q, want %q (ttl = max-age - Age)", got, want)
		}
		head := hitDo(h, "HEAD", "/price")
		if head.Body.Len() != 0 || head.Code != status || head.Header().Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("HEAD hit = %d, body %q, Content-Length %q; want %d, no body, %d", head.Code, head.Body, head.Header().Get("Content-Length"), status, len(body))
		}
		time.Sleep(time.Duration(maxAge) * time.Second)
		if w := hitDo(h, "GET", "/price"); calls != 2 || w.Header().Get("Age") != "" {
			t.Errorf("after max-age: handler ran %d times, Age %q; want a second run and no Age", calls, w.Header().Get("Age"))
		}
	})
}

func TestServeHitPerVariant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		h := New(&hitStore{}, Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			w.Header().Set("Cache-Control", "max-age=600")
			w.Header().Set("Vary", "Accept-Encoding")
			fmt.Fprint(w, "encoded as "+r.Header.Get("Accept-Encoding"))
		}))
		encs := []string{"gzip", "br", "zstd"}
		rand.Shuffle(len(encs), func(i, j int) { encs[i], encs[j] = encs[j], encs[i] })
		encs = encs[:2]
		for _, e := range encs {
			hitDo(h, "GET", "/v", "Accept-Encoding", e)
		}
		for _, e := range encs {
			w := hitDo(h, "GET", "/v", "Accept-Encoding", e)
			if w.Body.String() != "encoded as "+e {
				t.Errorf("Accept-Encoding %s, second time: body %q, want %q", e, w.Body, "encoded as "+e)
			}
		}
		if calls != 2 {
			t.Errorf("handler ran %d times for two variants asked twice each, want 2", calls)
		}
	})
}
