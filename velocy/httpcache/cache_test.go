package httpcache

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// origin is a handler that counts its calls and answers with status,
// header and body.
type origin struct {
	calls  atomic.Int64
	status int
	header http.Header
	body   string
}

func (o *origin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := o.calls.Add(1)
	for k, v := range o.header {
		w.Header()[k] = v
	}
	w.Header().Set("X-Call", strconv.FormatInt(n, 10))
	if o.status != 0 {
		w.WriteHeader(o.status)
	}
	fmt.Fprint(w, o.body)
}

// do sends one request through h and returns the recorded answer.
func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestRFC9111Table(t *testing.T) {
	tests := []struct {
		name    string
		req     []string // request header pairs
		status  int
		header  http.Header
		stored  bool
		ttl     time.Duration
		servedA bool // a second plain request is a hit
	}{
		{"max-age", nil, 200, http.Header{"Cache-Control": {"max-age=60"}}, true, 60 * time.Second, true},
		{"s-maxage wins", nil, 200, http.Header{"Cache-Control": {"max-age=600, s-maxage=5"}}, true, 5 * time.Second, true},
		{"s-maxage=0 wins over max-age", nil, 200, http.Header{"Cache-Control": {"s-maxage=0, max-age=60"}}, false, 0, false},
		{"no lifetime", nil, 200, nil, false, 0, false},
		{"no-store", nil, 200, http.Header{"Cache-Control": {"max-age=60, no-store"}}, false, 0, false},
		{"private", nil, 200, http.Header{"Cache-Control": {"private, max-age=60"}}, false, 0, false},
		{"no-cache", nil, 200, http.Header{"Cache-Control": {"no-cache, max-age=60"}}, false, 0, false},
		{"Set-Cookie", nil, 200, http.Header{"Cache-Control": {"max-age=60"}, "Set-Cookie": {"sid=1"}}, false, 0, false},
		{"Vary star", nil, 200, http.Header{"Cache-Control": {"max-age=60"}, "Vary": {"*"}}, false, 0, false},
		{"404 with max-age", nil, 404, http.Header{"Cache-Control": {"max-age=30"}}, true, 30 * time.Second, true},
		{"500 with max-age", nil, 500, http.Header{"Cache-Control": {"max-age=30"}}, true, 30 * time.Second, true},
		{"206 never", nil, 206, http.Header{"Cache-Control": {"max-age=30"}}, false, 0, false},
		{"Expires", nil, 200, http.Header{"Date": {"Mon, 01 Jan 2024 00:00:00 GMT"}, "Expires": {"Mon, 01 Jan 2024 00:02:00 GMT"}}, true, 2 * time.Minute, true},
		{"Expires invalid", nil, 200, http.Header{"Expires": {"0"}}, false, 0, false},
		{"max-age beats Expires", nil, 200, http.Header{"Cache-Control": {"max-age=7"}, "Expires": {"0"}}, true, 7 * time.Second, true},
		{"Age from upstream", nil, 200, http.Header{"Cache-Control": {"max-age=60"}, "Age": {"20"}}, true, 40 * time.Second, true},
		{"Age beyond lifetime", nil, 200, http.Header{"Cache-Control": {"max-age=60"}, "Age": {"90"}}, false, 0, false},
		{"request no-store", []string{"Cache-Control", "no-store"}, 200, http.Header{"Cache-Control": {"max-age=60"}}, false, 0, false},
		{"request no-cache still stores", []string{"Cache-Control", "no-cache"}, 200, http.Header{"Cache-Control": {"max-age=60"}}, true, 60 * time.Second, true},
		{"Authorization", []string{"Authorization", "Bearer x"}, 200, http.Header{"Cache-Control": {"max-age=60"}}, false, 0, false},
		{"Authorization and public", []string{"Authorization", "Bearer x"}, 200, http.Header{"Cache-Control": {"public, max-age=60"}}, true, 60 * time.Second, true},
		{"Authorization and s-maxage", []string{"Authorization", "Bearer x"}, 200, http.Header{"Cache-Control": {"s-maxage=9"}}, true, 9 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := newMemStore()
				o := &origin{status: tt.status, header: tt.header, body: "hello"}
				h := New(store, Options{})(o)
				first := do(h, "GET", "/a", tt.req...)
				if got := first.Header().Get("Cache-Status"); !strings.Contains(got, "fwd=") {
					t.Errorf("first Cache-Status = %q, want a fwd", got)
				}
				ttl := store.ttl("httpcache:http://example.com/a")
				if stored := ttl >= 0; stored != tt.stored {
					t.Fatalf("stored = %v, want %v", stored, tt.stored)
				}
				if tt.stored && ttl != tt.ttl {
					t.Errorf("ttl = %v, want %v", ttl, tt.ttl)
				}
				second := do(h, "GET", "/a")
				hit := strings.Contains(second.Header().Get("Cache-Status"), "; hit")
				if hit != tt.servedA {
					t.Errorf("second request hit = %v, want %v (Cache-Status %q)", hit, tt.servedA, second.Header().Get("Cache-Status"))
				}
				if hit && (second.Code != tt.status || second.Body.String() != "hello" || second.Header().Get("X-Call") != "1") {
					t.Errorf("hit = %d %q X-Call %q, want %d hello X-Call 1", second.Code, second.Body, second.Header().Get("X-Call"), tt.status)
				}
			})
		})
	}
}

func TestHeuristicFreshness(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, tc := range []struct {
			status int
			stored bool
		}{{200, true}, {404, true}, {410, true}, {302, false}, {500, false}} {
			store := newMemStore()
			h := New(store, Options{Heuristic: time.Minute})(&origin{status: tc.status})
			do(h, "GET", "/h")
			if got := store.len() > 0; got != tc.stored {
				t.Errorf("status %d without lifetime, Heuristic 1m: stored = %v, want %v", tc.status, got, tc.stored)
			}
		}
	})
}

func TestAgeGrows(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		o := &origin{header: http.Header{"Cache-Control": {"max-age=100"}}, body: "x"}
		h := New(newMemStore(), Options{})(o)
		do(h, "GET", "/")
		for _, wait := range []time.Duration{0, 3 * time.Second, 40 * time.Second} {
			time.Sleep(wait)
		}
		w := do(h, "GET", "/")
		if got := w.Header().Get("Age"); got != "43" {
			t.Errorf("Age after 43s = %q, want 43", got)
		}
		if got := w.Header().Get("Cache-Status"); got != "velocy; hit; ttl=57" {
			t.Errorf("Cache-Status = %q, want velocy; hit; ttl=57", got)
		}
		time.Sleep(57 * time.Second)
		w = do(h, "GET", "/")
		if w.Header().Get("X-Call") != "2" || w.Header().Get("Age") != "" {
			t.Errorf("after 100s: X-Call %q Age %q, want a new call and no Age", w.Header().Get("X-Call"), w.Header().Get("Age"))
		}
	})
}

func TestRequestMaxAge(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		o := &origin{header: http.Header{"Cache-Control": {"max-age=100"}}}
		h := New(newMemStore(), Options{})(o)
		do(h, "GET", "/")
		time.Sleep(30 * time.Second)
		if w := do(h, "GET", "/", "Cache-Control", "max-age=40"); w.Header().Get("Age") != "30" {
			t.Errorf("max-age=40 on a 30s old entry: Age %q, want a hit of 30", w.Header().Get("Age"))
		}
		w := do(h, "GET", "/", "Cache-Control", "max-age=10")
		if got := w.Header().Get("Cache-Status"); got != "velocy; fwd=stale" {
			t.Errorf("max-age=10 on a 30s old entry: Cache-Status %q, want velocy; fwd=stale", got)
		}
		w = do(h, "GET", "/", "Cache-Control", "no-cache")
		if got := w.Header().Get("Cache-Status"); got != "velocy; fwd=request" {
			t.Errorf("no-cache request: Cache-Status %q, want velocy; fwd=request", got)
		}
	})
}

func TestVaryAcceptEncoding(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := New(newMemStore(), Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("Vary", "Accept-Encoding")
			fmt.Fprint(w, "body for "+r.Header.Get("Accept-Encoding"))
		}))
		gz := do(h, "GET", "/v", "Accept-Encoding", "gzip")
		if got := gz.Header().Get("Cache-Status"); got != "velocy; fwd=uri-miss" {
			t.Errorf("first gzip: Cache-Status %q", got)
		}
		br := do(h, "GET", "/v", "Accept-Encoding", "br")
		if got := br.Header().Get("Cache-Status"); got != "velocy; fwd=vary-miss" {
			t.Errorf("first br: Cache-Status %q, want vary-miss", got)
		}
		for _, enc := range []string{"gzip", "br"} {
			w := do(h, "GET", "/v", "Accept-Encoding", enc)
			if w.Body.String() != "body for "+enc || !strings.Contains(w.Header().Get("Cache-Status"), "hit") {
				t.Errorf("second %s: %q %q, want a hit with its own body", enc, w.Body, w.Header().Get("Cache-Status"))
			}
		}
	})
}

func TestSetCookieNeverStored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		var n atomic.Int64
		h := New(store, Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "public, max-age=600")
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: strconv.FormatInt(n.Add(1), 10)})
			fmt.Fprint(w, "welcome")
		}))
		a := do(h, "GET", "/login")
		b := do(h, "GET", "/login")
		if a.Header().Get("Set-Cookie") == b.Header().Get("Set-Cookie") {
			t.Errorf("two users got the same cookie %q", a.Header().Get("Set-Cookie"))
		}
		if store.sets != 0 {
			t.Errorf("%d entries stored, want none", store.sets)
		}
	})
}

func TestCorruptEntryIsAMiss(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}}, body: "fresh"}
		h := New(store, Options{})(o)
		do(h, "GET", "/c")
		key := "httpcache:http://example.com/c"
		good := store.m[key].v
		for _, bad := range [][]byte{nil, []byte("garbage"), good[:len(good)-1], append(append([]byte{}, good...), 0), []byte("vhc\x02")} {
			store.m[key] = memItem{v: bad}
			w := do(h, "GET", "/c")
			if w.Body.String() != "fresh" || !strings.Contains(w.Header().Get("Cache-Status"), "fwd=uri-miss") {
				t.Errorf("corrupt entry %q: %q %q, want a miss served fresh", bad, w.Body, w.Header().Get("Cache-Status"))
			}
		}
	})
}

func TestStoreDownIsAMiss(t *testing.T) {
	store := newMemStore()
	store.fail = true
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}}, body: "ok"}
	h := New(store, Options{})(o)
	for range 2 {
		if w := do(h, "GET", "/"); w.Code != 200 || w.Body.String() != "ok" {
			t.Errorf("store down: %d %q, want 200 ok from the handler", w.Code, w.Body)
		}
	}
}

func TestHeadFromGet(t *testing.T) {
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}, "Content-Type": {"text/plain"}}, body: "twelve bytes"}
	store := newMemStore()
	h := New(store, Options{})(o)
	if w := do(h, "HEAD", "/x"); store.len() != 0 || w.Header().Get("Cache-Status") != "velocy; fwd=uri-miss" {
		t.Errorf("HEAD miss stored %d entries, Cache-Status %q", store.len(), w.Header().Get("Cache-Status"))
	}
	do(h, "GET", "/x")
	w := do(h, "HEAD", "/x")
	if w.Body.Len() != 0 || w.Header().Get("Content-Length") != "12" || !strings.Contains(w.Header().Get("Cache-Status"), "hit") {
		t.Errorf("HEAD after GET: body %q Content-Length %q Cache-Status %q", w.Body, w.Header().Get("Content-Length"), w.Header().Get("Cache-Status"))
	}
}

func TestUnsafeMethodInvalidates(t *testing.T) {
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}}}
	store := newMemStore()
	h := New(store, Options{})(o)
	do(h, "GET", "/p")
	do(h, "POST", "/p")
	if w := do(h, "GET", "/p"); w.Header().Get("X-Call") != "3" {
		t.Errorf("GET after POST: X-Call %q, want 3 (a miss)", w.Header().Get("X-Call"))
	}
}

func TestRangeBypasses(t *testing.T) {
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}}}
	h := New(newMemStore(), Options{})(o)
	do(h, "GET", "/r")
	if w := do(h, "GET", "/r", "Range", "bytes=0-1"); w.Header().Get("Cache-Status") != "velocy; fwd=bypass" {
		t.Errorf("Range: Cache-Status %q, want bypass", w.Header().Get("Cache-Status"))
	}
}

func TestSizeLimitStreams(t *testing.T) {
	store := newMemStore()
	var flushed bool
	h := New(store, Options{MaxEntryBytes: 100})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		for range 10 {
			fmt.Fprint(w, strings.Repeat("x", 30))
			flushed = http.NewResponseController(w).Flush() == nil
		}
	}))
	w := do(h, "GET", "/big")
	if w.Body.Len() != 300 || !flushed || store.len() != 0 {
		t.Errorf("300-byte body, limit 100: sent %d, flushed %v, stored %d; want 300, true, 0", w.Body.Len(), flushed, store.len())
	}
	c := &capture{w: httptest.NewRecorder(), limit: 100, decide: func(int) bool { return true }}
	for range 10 {
		c.Write(make([]byte, 30))
		if c.body.Cap() > 128 {
			t.Fatalf("capture holds %d bytes of capacity past a limit of 100", c.body.Cap())
		}
	}
}

func TestConcurrentRequests(t *testing.T) {
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}, "Vary": {"Accept-Language"}}, body: "same"}
	h := New(newMemStore(), Options{})(o)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				w := do(h, "GET", fmt.Sprintf("/c%d", j%4), "Accept-Language", []string{"en", "fr"}[i%2])
				if w.Body.String() != "same" {
					t.Errorf("body %q", w.Body)
				}
			}
		})
	}
	wg.Wait()
	if n := o.calls.Load(); n < 8 || n > 16*50/2 {
		t.Errorf("%d calls to the handler for 8 variants and 800 requests", n)
	}
}

// A header that middleware around the cache sets on every response (a
// rate limiter's count, a request id) is that response's, not the
// handler's: a hit must carry the value the middleware set for it, never
// the one stored with the first response. A header the handler changed is
// the handler's, and is stored.
func TestOuterHeadersAreNotReplayed(t *testing.T) {
	var n atomic.Int64
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Number", strconv.FormatInt(n.Add(1), 10))
			w.Header().Set("X-Overridden", "outer")
			next.ServeHTTP(w, r)
		})
	}
	o := &origin{header: http.Header{"Cache-Control": {"max-age=60"}, "X-Overridden": {"handler"}}, body: "hello"}
	h := outer(New(newMemStore(), Options{})(o))
	for i := int64(1); i <= 3; i++ {
		rec := do(h, http.MethodGet, "/page")
		if got := rec.Header().Get("X-Request-Number"); got != strconv.FormatInt(i, 10) {
			t.Errorf("request %d: X-Request-Number %q, want %d: the outer middleware's value, not a stored one", i, got, i)
		}
		if got := rec.Header().Get("X-Overridden"); got != "handler" {
			t.Errorf("request %d: X-Overridden %q, want the handler's value", i, got)
		}
		if i > 1 && !strings.Contains(rec.Header().Get("Cache-Status"), "hit") {
			t.Errorf("request %d: Cache-Status %q, want a hit", i, rec.Header().Get("Cache-Status"))
		}
	}
	if o.calls.Load() != 1 {
		t.Errorf("the handler ran %d times, want 1", o.calls.Load())
	}
}
