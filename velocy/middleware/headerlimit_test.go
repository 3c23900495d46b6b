package middleware

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// headerLimitRandom returns a header of n random fields, some names
// repeated, and its size as Header.Write writes it.
func headerLimitRandom(n int) (http.Header, int) {
	h := http.Header{}
	for range n {
		name := fmt.Sprintf("X-F%d", rand.IntN(n/2+1))
		h.Add(name, strings.Repeat("v", rand.IntN(40)))
	}
	var buf bytes.Buffer
	h.Write(&buf)
	return h, buf.Len()
}

// headerLimitServe runs one request with header h through LimitHeaders and
// returns the status.
func headerLimitServe(maxCount, maxBytes int, h http.Header) int {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header = h
	w := httptest.NewRecorder()
	LimitHeaders(maxCount, maxBytes)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	})).ServeHTTP(w, r)
	return w.Code
}

func TestHeaderLimitBytes(t *testing.T) {
	for range 50 {
		h, size := headerLimitRandom(1 + rand.IntN(30))
		if got := headerLimitServe(0, size, h); got != http.StatusOK {
			t.Fatalf("a header of exactly %d bytes under LimitHeaders(0, %d): %d, want 200", size, size, got)
		}
		if got := headerLimitServe(0, size-1, h); got != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("a header of %d bytes under LimitHeaders(0, %d): %d, want 431", size, size-1, got)
		}
	}
}

func TestHeaderLimitCount(t *testing.T) {
	for range 50 {
		n := 2 + rand.IntN(30) // n-1 > 0: a zero limit is no limit
		h, _ := headerLimitRandom(n)
		if got := headerLimitServe(n, 0, h); got != http.StatusOK {
			t.Fatalf("%d fields under LimitHeaders(%d, 0): %d, want 200", n, n, got)
		}
		if got := headerLimitServe(n-1, 1<<20, h); got != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("%d fields (repeated names count once per line) under LimitHeaders(%d, 1<<20): %d, want 431", n, n-1, got)
		}
	}
}

func TestHeaderLimitAnswer(t *testing.T) {
	called := false
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Cookie", strings.Repeat("a", 100))
	w := httptest.NewRecorder()
	LimitHeaders(10, 64)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true })).ServeHTTP(w, r)
	if called {
		t.Error("the handler ran for a request over the limit")
	}
	if w.Code != 431 || !strings.Contains(w.Body.String(), "too large") {
		t.Errorf("got %d %q, want 431 and a body that says why", w.Code, w.Body)
	}
}

// TestHeaderLimitBehindTheServer shows the two lines of defence over a real
// connection: the server's MaxHeaderBytes answers 431 before any handler
// runs; LimitHeaders answers 431 for one route with a stricter limit.
func TestHeaderLimitBehindTheServer(t *testing.T) {
	reached := 0
	mux := http.NewServeMux()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached++ })
	mux.Handle("/webhook", LimitHeaders(8, 512)(ok))
	mux.Handle("/", ok)
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.MaxHeaderBytes = 8 << 10
	srv.Start()
	defer srv.Close()

	get := func(path string, h http.Header) int {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header = h
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	medium := http.Header{"X-Token": {strings.Repeat("t", 1000)}}
	huge := http.Header{"X-Token": {strings.Repeat("t", 64<<10)}}
	if got := get("/webhook", http.Header{"X-Sig": {"abc"}}); got != 200 {
		t.Errorf("a small header to /webhook: %d, want 200", got)
	}
	if got := get("/webhook", medium); got != 431 {
		t.Errorf("1 kB of header to /webhook: %d, want 431 from LimitHeaders", got)
	}
	if got := get("/other", medium); got != 200 {
		t.Errorf("1 kB of header to /other: %d, want 200", got)
	}
	before := reached
	if got := get("/other", huge); got != 431 {
		t.Errorf("64 kB of header to /other: %d, want 431 from the server", got)
	}
	if reached != before {
		t.Error("a header over MaxHeaderBytes reached a handler")
	}
}

func TestHeaderLimitRefusesMistakes(t *testing.T) {
	for _, lim := range [][2]int{{-1, 10}, {10, -1}, {0, 0}} {
		func() {
			defer func() {
				if v := fmt.Sprint(recover()); !strings.HasPrefix(v, "middleware: LimitHeaders: ") {
					t.Errorf("LimitHeaders(%d, %d) panicked with %q, want a middleware: LimitHeaders: message", lim[0], lim[1], v)
				}
			}()
			LimitHeaders(lim[0], lim[1])
		}()
	}
}

func TestHeaderLimitAllocatesNothing(t *testing.T) {
	h := LimitHeaders(100, 8<<10)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header, _ = headerLimitRandom(20)
	w := &secureSink{h: http.Header{}}
	if n := testing.AllocsPerRun(100, func() { h.ServeHTTP(w, r) }); n != 0 {
		t.Errorf("LimitHeaders allocates %v times per request, want 0", n)
	}
}

// FuzzHeaderLimitSize compares the size LimitHeaders measures with what
// Header.Write writes, for fields as the server's parser leaves them (no
// line breaks, no surrounding blanks).
func FuzzHeaderLimitSize(f *testing.F) {
	f.Add("X-A", "1", "X-B", "two", 2)
	f.Add("Cookie", "a=b; c=d", "Cookie", "e=f", 1)
	f.Fuzz(func(t *testing.T, n1, v1, n2, v2 string, repeat int) {
		h := http.Header{}
		for _, kv := range [][2]string{{n1, v1}, {n2, v2}} {
			name := http.CanonicalHeaderKey(strings.Map(headerLimitToken, kv[0]))
			value := strings.TrimSpace(strings.Map(headerLimitText, kv[1]))
			if name == "" {
				continue
			}
			for range 1 + repeat&3 {
				h.Add(name, value)
			}
		}
		var buf bytes.Buffer
		h.Write(&buf)
		count := 0
		for _, vs := range h {
			count += len(vs)
		}
		if headerTooLarge(h, count, buf.Len()) {
			t.Errorf("%q: %d fields, %d bytes: over its own size", h, count, buf.Len())
		}
		if count > 0 && !headerTooLarge(h, 0, buf.Len()-1) {
			t.Errorf("%q: %d bytes: not over %d", h, buf.Len(), buf.Len()-1)
		}
		if count > 1 && !headerTooLarge(h, count-1, 0) { // 0 is no limit
			t.Errorf("%q: %d fields: not over %d", h, count, count-1)
		}
	})
}

// headerLimitToken keeps the bytes allowed in a header name.
func headerLimitToken(r rune) rune {
	if r > ' ' && r < 0x7f && !strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
		return r
	}
	return -1
}

// headerLimitText keeps the bytes the parser leaves in a value.
func headerLimitText(r rune) rune {
	if r == '\r' || r == '\n' || r < ' ' && r != '\t' || r == 0x7f {
		return -1
	}
	return r
}

func ExampleLimitHeaders() {
	mux := http.NewServeMux()
	hook := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "received\n")
	})
	// Webhook senders send a short header: 16 fields, 2 kB at most.
	mux.Handle("POST /hooks/payment", LimitHeaders(16, 2<<10)(hook))

	req := httptest.NewRequest("POST", "/hooks/payment", nil)
	req.Header.Set("Cookie", strings.Repeat("x", 4<<10))
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, req)
	fmt.Print(w.Code, " ", w.Body)
	// Output: 431 431 request header fields too large
}
