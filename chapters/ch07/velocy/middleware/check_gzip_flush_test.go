package middleware

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestCompressStreamsEvents reads each server-sent event before the handler
// writes the next one: it passes only if Flush goes through the gzip
// stream and then the connection.
func TestCompressStreamsEvents(t *testing.T) {
	n := 3 + rand.IntN(4)
	id := rand.IntN(1e6)
	next := make(chan struct{})
	srv := httptest.NewServer(Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range n {
			fmt.Fprintf(w, "data: %d-%d\n\n", id, i)
			if err := http.NewResponseController(w).Flush(); err != nil {
				fmt.Fprintf(w, "data: Flush failed: %v\n\n", err)
				return
			}
			if i == n-1 {
				return
			}
			select {
			case <-next:
			case <-r.Context().Done():
				return
			}
		}
	})))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
		start, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		t.Fatalf("event stream: Content-Encoding %q, want gzip: a handler that flushes is streaming, compress it whatever the size of its first part (the stream began %q)", got, start)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("event stream: no gzip header arrived after the first Flush: %v", err)
	}
	lines := bufio.NewReader(zr)
	for i := range n {
		want := fmt.Sprintf("data: %d-%d\n", id, i)
		line, err := lines.ReadString('\n')
		if line != want {
			t.Fatalf("event %d: read %q (%v), want %q while the handler waits: Flush must flush the gzip.Writer, then the writer underneath", i, line, err, want)
		}
		lines.ReadString('\n')
		if i < n-1 {
			select {
			case next <- struct{}{}:
			case <-ctx.Done():
				t.Fatalf("event %d: the handler did not wait for the next event: %v", i, ctx.Err())
			}
		}
	}
}

func TestCompressLetsTheHandlerHijack(t *testing.T) {
	word := fmt.Sprintf("hijacked-%d", rand.IntN(1e6))
	srv := httptest.NewServer(Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, "Hijack: "+err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		fmt.Fprintf(brw, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(word), word)
		brw.Flush()
	})))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(got) != word {
		t.Errorf("http.ResponseController(w).Hijack() through Compress: the client got %q, want %q (implement Hijack, or Unwrap)", got, word)
	}
}

func TestCompressKeepsReaderFrom(t *testing.T) {
	body := bytes.Repeat([]byte(fmt.Sprintf("line %d\n", rand.IntN(1e6))), 1000+rand.IntN(1000))
	for _, ct := range []string{"text/plain", "image/png"} {
		var isRF bool
		h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, isRF = w.(io.ReaderFrom)
			io.Copy(w, bytes.NewReader(body))
		}))
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if !isRF {
			t.Fatalf("the writer Compress hands the handler is not an io.ReaderFrom: io.Copy of a file would lose sendfile")
		}
		got := w.Body.Bytes()
		if w.Header().Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(w.Body)
			if err != nil {
				t.Fatalf("%s: the body is not gzip: %v", ct, err)
			}
			got, _ = io.ReadAll(zr)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("io.Copy of %d bytes of %s through Compress: %d bytes arrive, not the same", len(body), ct, len(got))
		}
	}
}
