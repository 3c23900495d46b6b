package static

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// serveContentCase is one request: a method and its headers.
type serveContentCase struct {
	method string
	header map[string]string
}

// serveContentCompare serves a random file through Dir and through
// http.ServeContent itself (given the same bytes, time and ETag), sends
// each case made by cases to both, and compares the answers.
func serveContentCompare(t *testing.T, cases func(size int, tag string, mtime time.Time) []serveContentCase) {
	t.Helper()
	dir := t.TempDir()
	size := 1000 + rand.IntN(20000)
	content := make([]byte, size)
	for i := range content {
		content[i] = byte('a' + rand.IntN(26))
	}
	name := fmt.Sprintf("f%d.txt", rand.IntN(1e6))
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Unix(1e9+rand.Int64N(1e9), 0).UTC()
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	h, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	first := httptest.NewRecorder()
	h.ServeHTTP(first, httptest.NewRequest("GET", "/"+name, nil))
	tag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || tag == "" {
		t.Fatalf("GET /%s = %d, ETag %q; want 200 and an ETag (step 08.03-etag)", name, first.Code, tag)
	}
	oracle := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", mime.TypeByExtension(".txt"))
		w.Header().Set("ETag", tag)
		http.ServeContent(w, r, name, mtime, bytes.NewReader(content))
	})
	for _, c := range cases(size, tag, mtime) {
		what := fmt.Sprintf("%s /%s (%d bytes, ETag %s, modified %s) with %q", c.method, name, size, tag, mtime.Format(http.TimeFormat), c.header)
		req := func() *http.Request {
			r := httptest.NewRequest(c.method, "/"+name, nil)
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			return r
		}
		ours, theirs := httptest.NewRecorder(), httptest.NewRecorder()
		h.ServeHTTP(ours, req())
		oracle.ServeHTTP(theirs, req())
		if ours.Code != theirs.Code {
			t.Fatalf("%s: status %d, want %d as http.ServeContent answers: let it answer, with the file as an io.ReadSeeker and its modification time", what, ours.Code, theirs.Code)
		}
		for _, k := range []string{"Content-Length", "Content-Range", "Last-Modified", "Accept-Ranges"} {
			if a, b := ours.Header().Get(k), theirs.Header().Get(k); a != b {
				t.Errorf("%s: %s %q, want %q as http.ServeContent answers", what, k, a, b)
			}
		}
		serveContentBodies(t, what, ours, theirs)
	}
}

// serveContentBodies compares two bodies; multipart/byteranges ones part
// by part, since their boundaries are random.
func serveContentBodies(t *testing.T, what string, ours, theirs *httptest.ResponseRecorder) {
	t.Helper()
	ct1, p1, _ := mime.ParseMediaType(ours.Header().Get("Content-Type"))
	ct2, p2, _ := mime.ParseMediaType(theirs.Header().Get("Content-Type"))
	if ct1 != ct2 {
		t.Errorf("%s: Content-Type %q, want %q as http.ServeContent answers", what, ct1, ct2)
		return
	}
	if ct1 != "multipart/byteranges" {
		if !bytes.Equal(ours.Body.Bytes(), theirs.Body.Bytes()) {
			t.Errorf("%s: a body of %d bytes %.30q, want %d bytes %.30q", what, ours.Body.Len(), ours.Body, theirs.Body.Len(), theirs.Body)
		}
		return
	}
	parts := func(body []byte, boundary string) []string {
		var out []string
		mr := multipart.NewReader(bytes.NewReader(body), boundary)
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatalf("%s: reading the multipart/byteranges body: %v", what, err)
			}
			data, _ := io.ReadAll(p)
			out = append(out, p.Header.Get("Content-Range")+" "+string(data))
		}
	}
	if a, b := parts(ours.Body.Bytes(), p1["boundary"]), parts(theirs.Body.Bytes(), p2["boundary"]); !slices.Equal(a, b) {
		t.Errorf("%s: parts %.200q, want %.200q", what, a, b)
	}
}

func TestServeContentRanges(t *testing.T) {
	serveContentCompare(t, func(size int, tag string, mtime time.Time) []serveContentCase {
		a := rand.IntN(size / 2)
		b := a + rand.IntN(size/2)
		c := b + 1 + rand.IntN(size-b-1)
		rng := func(v string) map[string]string { return map[string]string{"Range": v} }
		return []serveContentCase{
			{"GET", rng(fmt.Sprintf("bytes=%d-%d", a, b))},
			{"HEAD", rng(fmt.Sprintf("bytes=%d-%d", a, b))},
			{"GET", rng(fmt.Sprintf("bytes=%d-", b))},
			{"GET", rng(fmt.Sprintf("bytes=-%d", 1+rand.IntN(size)))},
			{"GET", rng(fmt.Sprintf("bytes=%d-%d", b, size+rand.IntN(100)))},
			{"GET", rng(fmt.Sprintf("bytes=0-%d,%d-%d", a, b, c))},
			{"GET", rng(fmt.Sprintf("bytes=%d-", size+rand.IntN(100)))},
			{"GET", map[string]string{"Range": fmt.Sprintf("bytes=%d-%d", a, b), "If-Range": tag}},
			{"GET", map[string]string{"Range": fmt.Sprintf("bytes=%d-%d", a, b), "If-Range": `"x` + tag[1:]}},
		}
	})
}

func TestServeContentConditionals(t *testing.T) {
	serveContentCompare(t, func(size int, tag string, mtime time.Time) []serveContentCase {
		before := mtime.Add(-time.Duration(1+rand.IntN(1000)) * time.Hour).Format(http.TimeFormat)
		after := mtime.Add(time.Duration(1+rand.IntN(1000)) * time.Hour).Format(http.TimeFormat)
		other := `"` + strings.Repeat("0", 1+rand.IntN(8)) + `"`
		return []serveContentCase{
			{"GET", map[string]string{"If-None-Match": tag}},
			{"HEAD", map[string]string{"If-None-Match": other + ", " + tag}},
			{"GET", map[string]string{"If-None-Match": other}},
			{"GET", map[string]string{"If-Modified-Since": after}},
			{"GET", map[string]string{"If-Modified-Since": before}},
			{"GET", map[string]string{"If-Match": other}},
			{"GET", map[string]string{"If-Unmodified-Since": before}},
		}
	})
}
