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
	"net/http/httptrace"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// gzText returns n bytes of text that compresses well.
func gzText(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "line %d: the quick brown fox jumps over the lazy dog\n", i)
	}
	return b.Bytes()[:n]
}

// gzDo serves one request with the header lines given through h.
func gzDo(h http.Handler, method string, header ...string) *httptest.ResponseRecorder {
	return corsDo(h, method, "/", header...)
}

// gunzip decompresses b, failing the test if it is not one gzip stream.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("body is not gzip: %v (starts %q)", err, b[:min(len(b), 16)])
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("reading the gzip body: %v", err)
	}
	return out
}

// gzWriteChunks returns a handler that sets contentType (none if empty)
// and writes body in chunks of the given sizes, the last one taking the
// rest.
func gzWriteChunks(contentType string, body []byte, sizes ...int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		rest := body
		for _, n := range sizes {
			n = min(n, len(rest))
			w.Write(rest[:n])
			rest = rest[n:]
		}
		w.Write(rest)
	}
}

func TestCompressGzips(t *testing.T) {
	h := Compress(CompressOptions{})
	for range 50 {
		body := gzText(1024 + rand.IntN(100_000))
		var sizes []int
		for range rand.IntN(6) {
			sizes = append(sizes, rand.IntN(1500))
		}
		w := gzDo(h(gzWriteChunks("application/json", body, sizes...)), "GET", "Accept-Encoding: gzip")
		if got := w.Header().Get("Content-Encoding"); got != "gzip" {
			t.Fatalf("%d bytes written in chunks %v: Content-Encoding %q, want gzip", len(body), sizes, got)
		}
		if got := gunzip(t, w.Body.Bytes()); !bytes.Equal(got, body) {
			t.Fatalf("%d bytes written in chunks %v: got %d bytes back, not the same", len(body), sizes, len(got))
		}
		if w.Body.Len() >= len(body)/2 {
			t.Errorf("%d bytes of text compressed to %d", len(body), w.Body.Len())
		}
		if got := w.Header().Values("Vary"); !slices.Equal(got, []string{"Accept-Encoding"}) {
			t.Errorf("Vary %q, want [Accept-Encoding]", got)
		}
	}
}

func TestCompressThroughTheClient(t *testing.T) {
	body := gzText(50_000)
	srv := httptest.NewServer(Compress(CompressOptions{})(gzWriteChunks("text/plain", body, 100)))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second

	// The Transport asks for gzip by itself, and then undoes it.
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !resp.Uncompressed || !bytes.Equal(got, body) {
		t.Errorf("client with its own Accept-Encoding: Uncompressed %v, %d bytes, want true and the body", resp.Uncompressed, len(got))
	}

	// Asking explicitly, the client hands over the raw gzip.
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.ContentLength != -1 {
		t.Errorf("explicit gzip: Content-Encoding %q, Content-Length %d; want gzip and none",
			resp.Header.Get("Content-Encoding"), resp.ContentLength)
	}
	if !bytes.Equal(gunzip(t, raw), body) {
		t.Error("explicit gzip: the body does not gunzip to what the handler wrote")
	}
}

func TestCompressAcceptEncoding(t *testing.T) {
	tests := []struct {
		accept []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"br, gzip;q=0.5"}, true},
		{[]string{"deflate, br"}, false},
		{[]string{"identity"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;q=0.001"}, true},
		{[]string{"gzip;Q=1.0"}, true},
		{[]string{"gzip;q=1.5"}, false},
		{[]string{"gzip;q=2"}, false},
		{[]string{"gzip;q=abc"}, false},
		{[]string{"gzip;q=0.0001"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"*, gzip;q=0"}, false},
		{[]string{"*;q=0, gzip"}, true},
		{[]string{"br", "gzip"}, true},
		{[]string{"gzipx"}, false},
		{[]string{"deflate;q=1, gzip ;q=0.2"}, true},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.accept); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.accept, got, tt.want)
		}
	}
	h := Compress(CompressOptions{})(gzWriteChunks("text/plain", gzText(5000)))
	if w := gzDo(h, "GET", "Accept-Encoding: gzip;q=0"); w.Header().Get("Content-Encoding") != "" || w.Body.Len() != 5000 {
		t.Errorf("gzip;q=0: Content-Encoding %q, %d bytes; want the plain body", w.Header().Get("Content-Encoding"), w.Body.Len())
	}
	if w := gzDo(h, "GET"); w.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("no Accept-Encoding: Vary %q, want Accept-Encoding: the answer still depends on it", w.Header().Get("Vary"))
	}
}

func TestCompressMinSize(t *testing.T) {
	for _, tt := range []struct{ opt, size int }{{0, 1024}, {-5, 1024}, {1 + rand.IntN(5000), 0}} {
		min := tt.size
		if min == 0 {
			min = tt.opt
		}
		h := Compress(CompressOptions{MinSize: tt.opt})
		for _, n := range []int{min - 1, min, min + 1} {
			body := gzText(n)
			w := gzDo(h(gzWriteChunks("text/html", body, n/3)), "GET", "Accept-Encoding: gzip")
			gz := w.Header().Get("Content-Encoding") == "gzip"
			if gz != (n >= min) {
				t.Errorf("MinSize %d, %d bytes: compressed %v, want %v", tt.opt, n, gz, n >= min)
			}
			got := w.Body.Bytes()
			if gz {
				got = gunzip(t, got)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("MinSize %d, %d bytes: body changed", tt.opt, n)
			}
		}
	}
}

func TestCompressContentTypes(t *testing.T) {
	tests := map[string]bool{
		"text/html; charset=utf-8":             true,
		"TEXT/CSS":                             true,
		"text/event-stream":                    true,
		"application/json":                     true,
		"Application/JSON; charset=utf-8":      true,
		"application/problem+json":             true,
		"application/atom+xml":                 true,
		"image/svg+xml":                        true,
		"application/javascript":               true,
		"application/xml":                      true,
		"application/wasm":                     true,
		"image/png":                            false,
		"image/jpeg":                           false,
		"video/mp4":                            false,
		"application/zip":                      false,
		"application/gzip":                     false,
		"font/woff2":                           false,
		"application/octet-stream":             false,
		"":                                     false,
		"application/json-seq+zip":             false,
		"application/vnd.example+json;v=2":     true,
		"multipart/form-data; boundary=abc123": false,
	}
	for ct, want := range tests {
		if got := compressibleType(ct); got != want {
			t.Errorf("compressibleType(%q) = %v, want %v", ct, got, want)
		}
	}
}

func TestCompressSniffs(t *testing.T) {
	html := append([]byte("<!DOCTYPE html><html><body>"), gzText(4000)...)
	png := append([]byte("\x89PNG\r\n\x1a\n"), gzText(4000)...)
	h := Compress(CompressOptions{})
	w := gzDo(h(gzWriteChunks("", html, 10, 20)), "GET", "Accept-Encoding: gzip")
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("HTML without Content-Type: Content-Encoding %q, Content-Type %q; want gzip and the sniffed text/html",
			w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"))
	}
	w = gzDo(h(gzWriteChunks("", png, 3)), "GET", "Accept-Encoding: gzip")
	if w.Header().Get("Content-Encoding") != "" || w.Header().Get("Content-Type") != "image/png" || !bytes.Equal(w.Body.Bytes(), png) {
		t.Errorf("PNG without Content-Type: Content-Encoding %q, Content-Type %q; want none and image/png, body as is",
			w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"))
	}
	// A nil Content-Type means "do not sniff": no type, no compression.
	w = gzDo(h(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Content-Type"] = nil
		w.Write(html)
	})), "GET", "Accept-Encoding: gzip")
	if w.Header().Get("Content-Encoding") != "" || w.Header().Get("Content-Type") != "" {
		t.Errorf("Content-Type set to nil: Content-Encoding %q, Content-Type %q; want neither",
			w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"))
	}
}

func TestCompressLeavesAlone(t *testing.T) {
	body := gzText(8000)
	tests := []struct {
		name   string
		method string
		header string
		status int
		set    map[string]string
	}{
		{"already encoded", "GET", "", 200, map[string]string{"Content-Encoding": "br"}},
		{"Range request", "GET", "Range: bytes=0-99", 200, nil},
		{"206", "GET", "", http.StatusPartialContent, map[string]string{"Content-Range": "bytes 0-7999/9000"}},
		{"HEAD", "HEAD", "", 200, nil},
		{"no-transform", "GET", "", 200, map[string]string{"Cache-Control": "public, no-transform"}},
		{"small Content-Length", "GET", "", 200, map[string]string{"Content-Length": "1000"}},
		{"image", "GET", "", 200, map[string]string{"Content-Type": "image/png"}},
	}
	for _, tt := range tests {
		h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			for k, v := range tt.set {
				w.Header().Set(k, v)
			}
			w.WriteHeader(tt.status)
			if r.Method != "HEAD" {
				w.Write(body)
			}
		}))
		header := []string{"Accept-Encoding: gzip"}
		if tt.header != "" {
			header = append(header, tt.header)
		}
		w := gzDo(h, tt.method, header...)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
		if ce := w.Header().Get("Content-Encoding"); ce != tt.set["Content-Encoding"] {
			t.Errorf("%s: Content-Encoding %q, want %q", tt.name, ce, tt.set["Content-Encoding"])
		}
		if tt.method == "GET" && !bytes.Equal(w.Body.Bytes(), body) {
			t.Errorf("%s: the body was changed", tt.name)
		}
	}
	for _, status := range []int{http.StatusNoContent, http.StatusNotModified} {
		h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
		}))
		w := gzDo(h, "GET", "Accept-Encoding: gzip")
		if w.Code != status || w.Header().Get("Content-Encoding") != "" || w.Body.Len() != 0 {
			t.Errorf("%d: got %d, Content-Encoding %q, %d bytes; want it as is", status, w.Code,
				w.Header().Get("Content-Encoding"), w.Body.Len())
		}
	}
}

func TestCompressHeaders(t *testing.T) {
	body := gzText(3000)
	h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Header().Set("Accept-Ranges", "bytes")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Add("Vary", "Cookie")
		w.WriteHeader(http.StatusTeapot)
		w.Write(body)
	}))
	rec := httptest.NewRecorder()
	rec.Header().Set("Vary", "Origin")
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	h.ServeHTTP(rec, req)
	want := map[string]string{
		"Content-Encoding": "gzip",
		"Content-Length":   "",
		"Accept-Ranges":    "",
		"Etag":             `W/"v1"`,
	}
	for name, value := range want {
		if got := rec.Header().Get(name); got != value {
			t.Errorf("compressed answer: %s %q, want %q", name, got, value)
		}
	}
	if got := rec.Header().Values("Vary"); !slices.Equal(got, []string{"Origin", "Accept-Encoding", "Cookie"}) {
		t.Errorf("Vary lines %q, want [Origin Accept-Encoding Cookie]", got)
	}
	if rec.Code != http.StatusTeapot {
		t.Errorf("status %d, want the handler's 418", rec.Code)
	}
	weak := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("ETag", `W/"v2"`)
		w.Write(body)
	}))
	if got := gzDo(weak, "GET", "Accept-Encoding: gzip").Header().Get("Etag"); got != `W/"v2"` {
		t.Errorf(`weak ETag W/"v2" became %q`, got)
	}
}

// TestCompressServeContent checks the weakened ETag against net/http's own
// conditional requests.
func TestCompressServeContent(t *testing.T) {
	body := gzText(20_000)
	h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"abc"`)
		http.ServeContent(w, r, "notes.txt", time.Time{}, bytes.NewReader(body))
	}))
	w := gzDo(h, "GET", "Accept-Encoding: gzip")
	etag := w.Header().Get("Etag")
	if etag != `W/"abc"` || !bytes.Equal(gunzip(t, w.Body.Bytes()), body) {
		t.Fatalf("ServeContent through Compress: ETag %q, want W/\"abc\" and the body gzipped", etag)
	}
	w = gzDo(h, "GET", "Accept-Encoding: gzip", "If-None-Match: "+etag)
	if w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the weakened ETag: status %d, want 304", w.Code)
	}
	w = gzDo(h, "GET", "Accept-Encoding: gzip", "Range: bytes=0-9")
	if w.Code != http.StatusPartialContent || w.Body.String() != string(body[:10]) {
		t.Errorf("Range bytes=0-9: status %d, body %q; want 206 and the first 10 bytes", w.Code, w.Body)
	}
}

func TestCompressNothingWritten(t *testing.T) {
	h := Compress(CompressOptions{})
	w := gzDo(h(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})), "GET", "Accept-Encoding: gzip")
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("handler that writes nothing: %d, %d bytes, Content-Encoding %q", w.Code, w.Body.Len(), w.Header().Get("Content-Encoding"))
	}
	w = gzDo(h(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	})), "GET", "Accept-Encoding: gzip")
	if w.Code != 404 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("handler that only sends 404: %d, %d bytes, Content-Encoding %q", w.Code, w.Body.Len(), w.Header().Get("Content-Encoding"))
	}
}

func TestCompressEarlyHints(t *testing.T) {
	var got []int
	srv := httptest.NewServer(Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Link", "</app.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.Write(gzText(3000))
	})))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
			got = append(got, code)
			return nil
		},
	}))
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if !slices.Equal(got, []int{103}) || resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("103 then body: informational %v, final %d %q; want [103], 200 gzip", got, resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}

func TestCompressInsideWrap(t *testing.T) {
	var rw *ResponseWriter
	body := gzText(10_000)
	h := func(w http.ResponseWriter, r *http.Request) {
		rw = Wrap(w)
		Compress(CompressOptions{})(gzWriteChunks("text/plain", body)).ServeHTTP(rw, r)
	}
	w := gzDo(http.HandlerFunc(h), "GET", "Accept-Encoding: gzip")
	if rw.Status() != 200 || rw.Written() != int64(w.Body.Len()) {
		t.Errorf("Wrap outside Compress: Status %d, Written %d; want 200 and the %d compressed bytes", rw.Status(), rw.Written(), w.Body.Len())
	}
}

func TestCompressReadFrom(t *testing.T) {
	body := gzText(100_000)
	for _, ct := range []string{"text/plain", "image/png"} {
		h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", ct)
			if _, ok := w.(io.ReaderFrom); !ok {
				t.Error("the writer Compress hands on is not an io.ReaderFrom")
			}
			io.Copy(w, bytes.NewReader(body))
		}))
		srv := httptest.NewServer(h)
		req, _ := http.NewRequest("GET", srv.URL, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if resp.Header.Get("Content-Encoding") == "gzip" {
			got = gunzip(t, got)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("io.Copy of %s: body changed (%d bytes)", ct, len(got))
		}
	}
}

func TestCompressConcurrent(t *testing.T) {
	h := Compress(CompressOptions{Level: gzip.BestSpeed})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(gzText(len(r.URL.Path) * 100))
	}))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 20 {
				path := "/" + strings.Repeat("x", 10+i*7+j)
				req := httptest.NewRequest("GET", path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				zr, err := gzip.NewReader(w.Body)
				if err != nil {
					t.Error(err)
					return
				}
				got, err := io.ReadAll(zr)
				if err != nil || !bytes.Equal(got, gzText(len(path)*100)) {
					t.Errorf("%s: %d bytes back, %v", path, len(got), err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCompressBadLevel(t *testing.T) {
	got := func() (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		Compress(CompressOptions{Level: 12})
		return
	}()
	if !strings.HasPrefix(got, "middleware: Compress: Level 12") {
		t.Errorf("Compress(Level 12): panic %q, want one naming the level", got)
	}
}

// gzSSE returns a handler that sends n server-sent events, flushing each
// one and waiting for next before the following one; it returns once the
// stream is done.
func gzSSE(n int, next <-chan struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range n {
			fmt.Fprintf(w, "data: event %d\n\n", i)
			if err := http.NewResponseController(w).Flush(); err != nil {
				fmt.Fprintf(w, "data: flush: %v\n\n", err)
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
	}
}

// TestCompressServerSentEvents reads each event before the handler writes
// the next: it only passes if Flush goes through gzip and the connection.
func TestCompressServerSentEvents(t *testing.T) {
	for i, explicit := range []bool{false, true, true} {
		next := make(chan struct{})
		var h http.Handler = Compress(CompressOptions{})(gzSSE(5, next))
		if i == 2 { // behind an access log's Wrap, as in a real chain
			inner := h
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				inner.ServeHTTP(Wrap(w), r)
			})
		}
		srv := httptest.NewServer(h)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
		if explicit {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if body, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatal(err)
			}
		} else if !resp.Uncompressed {
			t.Errorf("explicit gzip %v: the stream was not compressed", explicit)
		}
		lines := bufio.NewReader(body)
		for i := range 5 {
			line, err := lines.ReadString('\n')
			if want := fmt.Sprintf("data: event %d\n", i); line != want || err != nil {
				t.Fatalf("explicit gzip %v: event %d: read %q, %v; want %q before the handler goes on", explicit, i, line, err, want)
			}
			lines.ReadString('\n')
			if i < 4 {
				select {
				case next <- struct{}{}:
				case <-ctx.Done():
					t.Fatalf("event %d: the handler stopped waiting: %v", i, ctx.Err())
				}
			}
		}
		if rest, err := io.ReadAll(lines); err != nil || len(rest) != 0 {
			t.Errorf("explicit gzip %v: after the last event: %q, %v", explicit, rest, err)
		}
		resp.Body.Close()
		cancel()
		srv.Close()
	}
}

func TestCompressResponseController(t *testing.T) {
	srv := httptest.NewServer(Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Now().Add(5 * time.Second)); err != nil {
			w.Write([]byte("SetWriteDeadline: " + err.Error()))
			return
		}
		conn, brw, err := rc.Hijack()
		if err != nil {
			w.Write([]byte("Hijack: " + err.Error()))
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhijacked")
		brw.Flush()
	})))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	client := srv.Client()
	client.Timeout = 10 * time.Second
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(got) != "hijacked" {
		t.Errorf("http.ResponseController through Compress: got %q, want the hijacked connection's answer", got)
	}

	// Without a flusher underneath, FlushError says so.
	var noFlush struct{ http.ResponseWriter }
	noFlush.ResponseWriter = httptest.NewRecorder()
	cw := &compressWriter{w: noFlush, c: &compressor{minSize: 1024}}
	if err := cw.FlushError(); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("FlushError over a writer that cannot flush: %v, want http.ErrNotSupported", err)
	}
}

// FuzzCompressAcceptEncoding checks that acceptsGzip never accepts a header
// that names neither gzip nor *, and that a q-value decides for gzip.
func FuzzCompressAcceptEncoding(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "*;q=0.5, br", "x-gzip;q=1.000", "gzip;q=0.0001", ";;,=,"} {
		f.Add(s, "0.5")
	}
	f.Fuzz(func(t *testing.T, header, q string) {
		lower := strings.ToLower(header)
		if acceptsGzip([]string{header}) && !strings.Contains(lower, "gzip") && !strings.Contains(lower, "*") {
			t.Fatalf("acceptsGzip(%q) = true", header)
		}
		if strings.ContainsAny(q, ",;") {
			return
		}
		v := parseQValue(strings.TrimSpace(q))
		if v < 0 || v > 1000 {
			t.Fatalf("parseQValue(%q) = %d, out of range", q, v)
		}
		if got := acceptsGzip([]string{"gzip;q=" + q}); got != (v > 0) {
			t.Fatalf("acceptsGzip(gzip;q=%s) = %v, but the q-value is %d/1000", q, got, v)
		}
	})
}

func ExampleCompress() {
	h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(bytes.Repeat([]byte("all work and no play\n"), 100))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
	zr, _ := gzip.NewReader(w.Body)
	plain, _ := io.ReadAll(zr)
	fmt.Println(len(plain), "bytes, sent in fewer than 100:", w.Body.Len() < 100)
	// Output:
	// gzip Accept-Encoding
	// 2100 bytes, sent in fewer than 100: true
}

func BenchmarkCompress(b *testing.B) {
	body := gzText(32 << 10)
	h := Compress(CompressOptions{})(gzWriteChunks("application/json", body))
	for _, accept := range []string{"", "gzip"} {
		b.Run("accept="+accept, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Accept-Encoding", accept)
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
