package middleware

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// gzipCheckText returns n bytes of text that compresses well, different
// on every run.
func gzipCheckText(n int) []byte {
	var b bytes.Buffer
	seed := rand.IntN(1000)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d: all work and no play makes a dull program\n", seed+i)
	}
	return b.Bytes()[:n]
}

// gzipCheckServe sends a GET with the Accept-Encoding given (none if empty)
// through Compress(opts) around h.
func gzipCheckServe(opts CompressOptions, h http.HandlerFunc, accept string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "/", nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	w := httptest.NewRecorder()
	w.Header().Set("Vary", "Origin")
	Compress(opts)(h).ServeHTTP(w, req)
	return w
}

// gzipCheckChunks writes body in random chunks, with the content type given
// (none if empty).
func gzipCheckChunks(contentType string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		for rest := body; len(rest) > 0; {
			n := min(len(rest), 1+rand.IntN(700))
			w.Write(rest[:n])
			rest = rest[n:]
		}
	}
}

// gzipCheckBody returns the body of w, gunzipped if it says it is gzip.
func gzipCheckBody(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	if w.Header().Get("Content-Encoding") != "gzip" {
		return w.Body.Bytes()
	}
	zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("Content-Encoding: gzip, but the body is not gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("Content-Encoding: gzip, but the body does not gunzip: %v", err)
	}
	return b
}

func TestCompressGzipsText(t *testing.T) {
	body := gzipCheckText(1024 + rand.IntN(50_000))
	w := gzipCheckServe(CompressOptions{}, gzipCheckChunks("application/json", body), "deflate, gzip")
	if got := w.Header().Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("%d bytes of JSON, Accept-Encoding: deflate, gzip: Content-Encoding %q, want gzip", len(body), got)
	}
	if got := w.Header().Get("Content-Length"); got != "" {
		t.Errorf("compressed answer: Content-Length %q, want none: the handler's length is the uncompressed one", got)
	}
	if got := gzipCheckBody(t, w); !bytes.Equal(got, body) {
		t.Errorf("%d bytes written: %d bytes after gunzip, not the same", len(body), len(got))
	}
	if got, want := w.Header().Values("Vary"), []string{"Origin", "Accept-Encoding"}; !slices.Equal(got, want) {
		t.Errorf("Vary lines %q, want %q (add Accept-Encoding with addVaryField)", got, want)
	}
}

func TestCompressMinSizeDecides(t *testing.T) {
	min := 100 + rand.IntN(4000)
	for _, n := range []int{min - 1 - rand.IntN(50), min - 1, min, min + rand.IntN(5000)} {
		body := gzipCheckText(n)
		w := gzipCheckServe(CompressOptions{MinSize: min}, gzipCheckChunks("text/plain", body), "gzip")
		if gz := w.Header().Get("Content-Encoding") == "gzip"; gz != (n >= min) {
			t.Errorf("MinSize %d, a body of %d bytes: compressed %v, want %v", min, n, gz, n >= min)
		}
		if got := gzipCheckBody(t, w); !bytes.Equal(got, body) {
			t.Errorf("MinSize %d, a body of %d bytes: the client gets %d bytes, not the same", min, n, len(got))
		}
	}
}

func TestCompressOnlyWhenAsked(t *testing.T) {
	body := gzipCheckText(2000 + rand.IntN(5000))
	for _, accept := range []string{"", "gzip;q=0", "br"} {
		w := gzipCheckServe(CompressOptions{}, gzipCheckChunks("text/html", body), accept)
		if got := w.Header().Get("Content-Encoding"); got != "" || !bytes.Equal(w.Body.Bytes(), body) {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want the body as it is", accept, got)
		}
		if got, want := w.Header().Values("Vary"), []string{"Origin", "Accept-Encoding"}; !slices.Equal(got, want) {
			t.Errorf("Accept-Encoding %q: Vary lines %q, want %q: an uncompressed answer depends on Accept-Encoding too", accept, got, want)
		}
	}
}

func TestCompressContentTypeDecides(t *testing.T) {
	text := gzipCheckText(3000 + rand.IntN(5000))
	png := append([]byte("\x89PNG\r\n\x1a\n"), text...)
	html := append([]byte("<!DOCTYPE html>"), text...)
	tests := []struct {
		set      string
		body     []byte
		wantGzip bool
		wantType string
	}{
		{"image/png", text, false, "image/png"},
		{"", png, false, "image/png"},
		{"", html, true, "text/html; charset=utf-8"},
		{"image/svg+xml", text, true, "image/svg+xml"},
	}
	for _, tt := range tests {
		w := gzipCheckServe(CompressOptions{}, gzipCheckChunks(tt.set, tt.body), "gzip")
		if gz := w.Header().Get("Content-Encoding") == "gzip"; gz != tt.wantGzip {
			t.Errorf("Content-Type %q set, body starting %q: compressed %v, want %v", tt.set, tt.body[:8], gz, tt.wantGzip)
		}
		if got := w.Header().Get("Content-Type"); got != tt.wantType {
			t.Errorf("Content-Type %q set, body starting %q: Content-Type %q, want %q (sniff with http.DetectContentType when none is set)", tt.set, tt.body[:8], got, tt.wantType)
		}
		if got := gzipCheckBody(t, w); !bytes.Equal(got, tt.body) {
			t.Errorf("Content-Type %q set: the body changed", tt.set)
		}
	}
}

func TestCompressWithARealClient(t *testing.T) {
	body := gzipCheckText(5000 + rand.IntN(50_000))
	srv := httptest.NewServer(Compress(CompressOptions{})(gzipCheckChunks("text/plain; charset=utf-8", body)))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	resp, err := client.Get(srv.URL) // the Transport asks for gzip itself and undoes it
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !bytes.Equal(got, body) || !resp.Uncompressed {
		t.Errorf("net/http client: %d bytes, error %v, Uncompressed %v; want the %d bytes, gunzipped by the client", len(got), err, resp.Uncompressed, len(body))
	}
}
