package middleware

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// gzipSkipServe sends method with Accept-Encoding: gzip and the extra
// header lines given through Compress around a handler that sets the
// header fields in set, sends status and writes body.
func gzipSkipServe(method string, status int, set map[string]string, body []byte, header ...string) *httptest.ResponseRecorder {
	h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		for k, v := range set {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		w.Write(body)
	}))
	req := httptest.NewRequest(method, "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// gzipSkipText returns n bytes of text that would compress well.
func gzipSkipText(n int) []byte {
	return bytes.Repeat([]byte(fmt.Sprintf("row %d of a long table\n", rand.IntN(1000))), n/10)[:n]
}

func TestCompressLeavesRangesAlone(t *testing.T) {
	body := gzipSkipText(2000 + rand.IntN(5000))
	w := gzipSkipServe("GET", http.StatusOK, nil, body, "Range", fmt.Sprintf("bytes=0-%d", len(body)-1))
	if got := w.Header().Get("Content-Encoding"); got != "" || !bytes.Equal(w.Body.Bytes(), body) {
		t.Errorf("request with a Range header: Content-Encoding %q, want the answer as it is: byte ranges count uncompressed bytes", got)
	}
	set := map[string]string{"Content-Range": fmt.Sprintf("bytes 0-%d/%d", len(body)-1, 2*len(body))}
	w = gzipSkipServe("GET", http.StatusPartialContent, set, body)
	if got := w.Header().Get("Content-Encoding"); got != "" || !bytes.Equal(w.Body.Bytes(), body) {
		t.Errorf("206 Partial Content: Content-Encoding %q, want the answer as it is", got)
	}
}

func TestCompressLeavesEncodedAlone(t *testing.T) {
	body := gzipSkipText(2000 + rand.IntN(5000))
	tests := []map[string]string{
		{"Content-Encoding": "br"},
		{"Cache-Control": "public, no-transform"},
		{"Content-Length": fmt.Sprint(rand.IntN(1024))},
	}
	for _, set := range tests {
		w := gzipSkipServe("GET", http.StatusOK, set, body)
		if got := w.Header().Get("Content-Encoding"); got != set["Content-Encoding"] || !bytes.Equal(w.Body.Bytes(), body) {
			t.Errorf("handler set %q: Content-Encoding %q, want the answer as it is", set, got)
		}
	}
}

func TestCompressLeavesHEADAlone(t *testing.T) {
	// Handlers often write the body for HEAD too: net/http throws it away.
	n := 2000 + rand.IntN(5000)
	w := gzipSkipServe("HEAD", http.StatusOK, map[string]string{"Content-Length": fmt.Sprint(n)}, gzipSkipText(n))
	if got := w.Header().Get("Content-Encoding"); got != "" {
		t.Errorf("HEAD: Content-Encoding %q, want none: there is no body to compress", got)
	}
	if got, want := w.Header().Get("Content-Length"), fmt.Sprint(n); got != want {
		t.Errorf("HEAD: Content-Length %q, want the handler's %q", got, want)
	}
}

func TestCompressWeakensETag(t *testing.T) {
	tag := fmt.Sprintf(`"v%d"`, rand.IntN(1e6))
	body := gzipSkipText(2000 + rand.IntN(5000))
	w := gzipSkipServe("GET", http.StatusOK, map[string]string{"ETag": tag, "Accept-Ranges": "bytes"}, body)
	if got := w.Header().Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("%d bytes of text with an ETag: Content-Encoding %q, want gzip", len(body), got)
	}
	if got, want := w.Header().Get("ETag"), "W/"+tag; got != want {
		t.Errorf("compressed answer with ETag %s: ETag %q, want %q", tag, got, want)
	}
	if got := w.Header().Get("Accept-Ranges"); got != "" {
		t.Errorf("compressed answer: Accept-Ranges %q, want none: ranges of the gzip body are not offered", got)
	}
	weak := "W/" + tag
	w = gzipSkipServe("GET", http.StatusOK, map[string]string{"ETag": weak}, body)
	if got := w.Header().Get("ETag"); got != weak {
		t.Errorf("compressed answer with ETag %s: ETag %q, want it unchanged", weak, got)
	}
}
