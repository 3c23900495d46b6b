package middleware

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// readAllHandler reads the whole body and answers with what it read, or
// with 413 and the limit when the read stops at it.
func readAllHandler(called *bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*called = true
		data, err := io.ReadAll(r.Body)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, fmt.Sprint("limit ", tooBig.Limit), http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Write(data)
	})
}

func TestMaxBodyBytesContentLength(t *testing.T) {
	n := rand.Int64N(1000) + 1
	for _, size := range []int64{0, n - 1, n, n + 1, 10 * n} {
		var called bool
		h := MaxBodyBytes(n)(readAllHandler(&called))
		body := strings.Repeat("x", int(size))
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if size > n {
			if w.Code != http.StatusRequestEntityTooLarge || called {
				t.Errorf("MaxBodyBytes(%d), Content-Length %d: status %d, handler called %v; want 413, not called", n, size, w.Code, called)
			}
			if got := w.Header().Get("Connection"); got != "close" {
				t.Errorf("MaxBodyBytes(%d), Content-Length %d: Connection = %q, want close", n, size, got)
			}
			var p Problem
			json.Unmarshal(w.Body.Bytes(), &p)
			if want := fmt.Sprintf("request body larger than %d bytes", n); p.Detail != want || w.Header().Get("Content-Type") != "application/problem+json" {
				t.Errorf("413 body = %q, want a problem with the detail %q", w.Body, want)
			}
			continue
		}
		if w.Code != http.StatusOK || w.Body.String() != body {
			t.Errorf("MaxBodyBytes(%d), %d bytes: status %d, %d bytes back; want 200 and the body", n, size, w.Code, w.Body.Len())
		}
	}
}

// TestMaxBodyBytesChunked sends bodies that announce no length: the read
// past the limit fails with *http.MaxBytesError, whose Limit is n.
func TestMaxBodyBytesChunked(t *testing.T) {
	n := rand.Int64N(1000) + 1
	for _, size := range []int64{0, n, n + 1, 3 * n} {
		var called bool
		h := MaxBodyBytes(n)(readAllHandler(&called))
		body := strings.Repeat("y", int(size))
		// A reader that is not a *strings.Reader: httptest cannot tell its
		// size, so ContentLength is -1, as for a chunked request.
		r := httptest.NewRequest("POST", "/", io.MultiReader(strings.NewReader(body)))
		if r.ContentLength != -1 {
			t.Fatalf("test request has ContentLength %d, want -1", r.ContentLength)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if !called {
			t.Fatalf("MaxBodyBytes(%d), chunked: handler not called", n)
		}
		if size > n {
			if want := fmt.Sprint("limit ", n, "\n"); w.Code != 413 || w.Body.String() != want {
				t.Errorf("MaxBodyBytes(%d), chunked %d bytes: %d %q, want 413 %q", n, size, w.Code, w.Body, want)
			}
		} else if w.Code != 200 || w.Body.String() != body {
			t.Errorf("MaxBodyBytes(%d), chunked %d bytes: %d, %d bytes back; want 200 and the body", n, size, w.Code, w.Body.Len())
		}
	}
}

func TestMaxBodyBytesZeroAndNoBody(t *testing.T) {
	var called bool
	h := MaxBodyBytes(0)(readAllHandler(&called))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 200 || !called {
		t.Errorf("MaxBodyBytes(0), GET without body: %d, called %v; want 200, called", w.Code, called)
	}
	r := httptest.NewRequest("POST", "/", nil)
	r.Body = nil // a request built by hand may have none
	w = httptest.NewRecorder()
	MaxBodyBytes(0)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			t.Errorf("MaxBodyBytes(0) gave a nil Body a reader")
		}
	})).ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("MaxBodyBytes(0), nil Body: %d, want 200", w.Code)
	}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader("x")))
	if w.Code != 413 {
		t.Errorf("MaxBodyBytes(0), one byte: %d, want 413", w.Code)
	}
}

func TestMaxBodyBytesNegativePanics(t *testing.T) {
	defer func() {
		if v := recover(); v == nil || fmt.Sprint(v) != "middleware: MaxBodyBytes: negative limit" {
			t.Errorf("MaxBodyBytes(-1) panicked with %v, want the negative limit message", v)
		}
	}()
	MaxBodyBytes(-1)
}

// TestMaxBodyBytesClosesConnection runs a real server: a chunked body over
// the limit gets 413, and the server closes the connection instead of
// reading the rest of the body, even with a wrapper between the server and
// MaxBodyBytes (the wrapper hides the method MaxBytesReader calls).
func TestMaxBodyBytesClosesConnection(t *testing.T) {
	for _, wrapped := range []bool{false, true} {
		var called bool
		var h http.Handler = MaxBodyBytes(100)(readAllHandler(&called))
		if wrapped {
			inner := h
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				inner.ServeHTTP(Wrap(w), r)
			})
		}
		srv := httptest.NewServer(h)
		client := srv.Client()
		client.Timeout = 10 * time.Second
		// A small excess, that the server could read to reach the next
		// request: it must close all the same, as MaxBytesReader asks.
		body := io.MultiReader(strings.NewReader(strings.Repeat("z", 200)))
		resp, err := client.Post(srv.URL, "text/plain", body)
		if err != nil {
			t.Fatalf("wrapped=%v: %v", wrapped, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 413 || !resp.Close {
			t.Errorf("wrapped=%v: status %d, Connection %q (resp.Close %v); want 413 and close", wrapped, resp.StatusCode, resp.Header.Get("Connection"), resp.Close)
		}
		srv.Close()
	}
}

// TestMaxBodyBytesExpectContinue: a client that asks before sending its
// body is refused by Content-Length without the body ever being sent.
func TestMaxBodyBytesExpectContinue(t *testing.T) {
	var called bool
	srv := httptest.NewServer(MaxBodyBytes(10)(readAllHandler(&called)))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 || called || !resp.Close {
		t.Errorf("Expect: 100-continue, 1 MB: status %d, handler called %v, close %v; want a 413 before any body, closing", resp.StatusCode, called, resp.Close)
	}
}

// BenchmarkMaxBodyBytes measures the middleware on a request without a
// body (nothing to wrap: no allocation) and with one (one MaxBytesReader).
func BenchmarkMaxBodyBytes(b *testing.B) {
	h := MaxBodyBytes(1 << 20)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	w := httptest.NewRecorder()
	b.Run("no-body", func(b *testing.B) {
		r := httptest.NewRequest("GET", "/", nil)
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(w, r)
		}
	})
	b.Run("body", func(b *testing.B) {
		r := httptest.NewRequest("POST", "/", strings.NewReader("{}"))
		body := r.Body
		b.ReportAllocs()
		for b.Loop() {
			r.Body = body
			h.ServeHTTP(w, r)
		}
	})
}

func BenchmarkDecodeJSON(b *testing.B) {
	const body = `{"name":"Ada Lovelace","age":36,"tags":["math","engines"],"address":{"city":"London","zip":1815}}`
	w := httptest.NewRecorder()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = int64(len(body))
	src := strings.NewReader(body)
	for b.Loop() {
		src.Reset(body)
		r.Body = io.NopCloser(src)
		var p bodyPerson
		if err := DecodeJSON(w, r, &p, JSONOptions{DisallowUnknownFields: true}); err != nil {
			b.Fatal(err)
		}
	}
}
