package middleware

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// maxBodyEcho reads the whole body and writes it back; a read stopped by
// the limit is answered "413 limit N", with N the error's Limit.
func maxBodyEcho(called *bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*called = true
		data, err := io.ReadAll(r.Body)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			fmt.Fprint(w, "limit ", tooBig.Limit)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Write(data)
	})
}

func TestMaxBodyBytesRefusesByLength(t *testing.T) {
	n := rand.Int64N(1000) + 1
	for _, size := range []int64{0, n, n + 1, n + 1 + rand.Int64N(1000)} {
		var called bool
		body := strings.Repeat("x", int(size))
		w := httptest.NewRecorder()
		MaxBodyBytes(n)(maxBodyEcho(&called)).ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader(body)))
		if size <= n {
			if w.Code != 200 || w.Body.String() != body {
				t.Errorf("MaxBodyBytes(%d), a body of %d bytes: %d with %d bytes back, want 200 and the body unchanged", n, size, w.Code, w.Body.Len())
			}
			continue
		}
		if w.Code != http.StatusRequestEntityTooLarge || called {
			t.Errorf("MaxBodyBytes(%d), Content-Length %d: status %d, handler called: %v; want 413 without calling the handler", n, size, w.Code, called)
		}
		if got := w.Header().Get("Connection"); got != "close" {
			t.Errorf("MaxBodyBytes(%d), Content-Length %d: Connection header %q, want \"close\": the body is still on the wire", n, size, got)
		}
	}
}

func TestMaxBodyBytesStopsChunkedBodies(t *testing.T) {
	n := rand.Int64N(1000) + 1
	for _, size := range []int64{n, n + 1, 2*n + rand.Int64N(100)} {
		var called bool
		body := strings.Repeat("y", int(size))
		// io.MultiReader hides the size from httptest: ContentLength is -1,
		// as for a chunked request.
		r := httptest.NewRequest("POST", "/", io.MultiReader(strings.NewReader(body)))
		w := httptest.NewRecorder()
		MaxBodyBytes(n)(maxBodyEcho(&called)).ServeHTTP(w, r)
		if size <= n {
			if w.Code != 200 || w.Body.String() != body {
				t.Errorf("MaxBodyBytes(%d), a chunked body of %d bytes: %d with %d bytes back, want 200 and the body", n, size, w.Code, w.Body.Len())
			}
			continue
		}
		if want := fmt.Sprint("limit ", n); !called || w.Body.String() != want {
			got := fmt.Sprintf("%d bytes and no error", w.Body.Len())
			if strings.HasPrefix(w.Body.String(), "limit ") {
				got = "an error with " + w.Body.String()
			}
			t.Errorf("MaxBodyBytes(%d), a chunked body of %d bytes: the handler read %s (called: %v), want a *http.MaxBytesError with Limit %d: wrap r.Body with maxBytesReader", n, size, got, called, n)
		}
	}
}

func TestMaxBodyBytesRefusesNegative(t *testing.T) {
	defer func() {
		if v := recover(); v == nil {
			t.Error("MaxBodyBytes(-1) did not panic, want a panic: a negative limit is a mistake")
		}
	}()
	MaxBodyBytes(-1 - rand.Int64N(100))
}

// TestMaxBodyBytesClosesThroughWrapper runs a real server with a
// ResponseWriter between it and MaxBodyBytes. A chunked body a little over
// the limit must end with the connection closed, which the server does only
// if MaxBytesReader reached its own writer under the wrapper.
func TestMaxBodyBytesClosesThroughWrapper(t *testing.T) {
	n := rand.Int64N(100) + 10
	var called bool
	inner := MaxBodyBytes(n)(maxBodyEcho(&called))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner.ServeHTTP(Wrap(w), r)
	}))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	body := io.MultiReader(strings.NewReader(strings.Repeat("z", int(2*n))))
	resp, err := client.Post(srv.URL, "text/plain", body)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a chunked body of %d bytes with a limit of %d: status %d, want 413", 2*n, n, resp.StatusCode)
	}
	if !resp.Close {
		t.Errorf("a chunked body over the limit, through Wrap(w): the server kept the connection open; want Connection: close. maxBytesReader must give http.MaxBytesReader the writer under the wrapper (follow Unwrap)")
	}
}
