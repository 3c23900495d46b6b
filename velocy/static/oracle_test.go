package static

import (
	"bytes"
	"fmt"
	"io"
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

// TestServeContentOracle sends the same requests to the Handler and to
// http.ServeContent given the same file, time and ETag, and compares the
// answers: the Handler must add nothing to, and lose nothing of, what
// ServeContent does with ranges and conditional requests.
func TestServeContentOracle(t *testing.T) {
	dir := t.TempDir()
	content := make([]byte, 10000)
	for i := range content {
		content[i] = byte('a' + i%26)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.txt"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "data.txt"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	h, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()

	// The tag the Handler gives the file, for the oracle and the requests.
	first := httptest.NewRecorder()
	h.ServeHTTP(first, httptest.NewRequest("GET", "/data.txt", nil))
	tag := first.Header().Get("ETag")
	if first.Code != 200 || !strings.HasPrefix(tag, `"`) || strings.HasPrefix(tag, `W/`) {
		t.Fatalf("GET = %d, ETag %q; want 200 and a strong tag", first.Code, tag)
	}
	if lm := first.Header().Get("Last-Modified"); lm != mtime.Format(http.TimeFormat) {
		t.Errorf("Last-Modified = %q, want %q", lm, mtime.Format(http.TimeFormat))
	}

	oracle := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(filepath.Join(dir, "data.txt"))
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", mime.TypeByExtension(".txt"))
		w.Header().Set("ETag", tag)
		http.ServeContent(w, r, "data.txt", mtime, f)
	})

	before := mtime.Add(-time.Hour).Format(http.TimeFormat)
	after := mtime.Add(time.Hour).Format(http.TimeFormat)
	at := mtime.Format(http.TimeFormat)
	cases := []struct {
		method string
		header map[string]string
		want   int // the status expected, as a check on the oracle too
	}{
		{"GET", nil, 200},
		{"HEAD", nil, 200},
		{"GET", map[string]string{"Range": "bytes=0-9"}, 206},
		{"GET", map[string]string{"Range": "bytes=9990-"}, 206},
		{"GET", map[string]string{"Range": "bytes=-5"}, 206},
		{"GET", map[string]string{"Range": "bytes=-20000"}, 206}, // suffix longer than the file
		{"GET", map[string]string{"Range": "bytes=9999-20000"}, 206},
		{"GET", map[string]string{"Range": "bytes=0-0,5-9,-3"}, 206},
		{"GET", map[string]string{"Range": "bytes=100-199, 50-60"}, 206},
		{"HEAD", map[string]string{"Range": "bytes=0-9"}, 206},
		{"GET", map[string]string{"Range": "bytes=10000-"}, 416},
		{"GET", map[string]string{"Range": "bytes=5-1"}, 416},
		{"GET", map[string]string{"Range": "chars=0-9"}, 416}, // RFC 9110 would ignore an unknown unit; ServeContent refuses it
		{"GET", map[string]string{"Range": "bytes=0-9", "If-Range": tag}, 206},
		{"GET", map[string]string{"Range": "bytes=0-9", "If-Range": `"old"`}, 200},
		{"GET", map[string]string{"Range": "bytes=0-9", "If-Range": "W/" + tag}, 200}, // a weak tag never matches If-Range
		{"GET", map[string]string{"Range": "bytes=0-9", "If-Range": at}, 206},
		{"GET", map[string]string{"Range": "bytes=0-9", "If-Range": before}, 200},
		{"GET", map[string]string{"If-None-Match": tag}, 304},
		{"HEAD", map[string]string{"If-None-Match": tag}, 304},
		{"GET", map[string]string{"If-None-Match": `"other", ` + tag}, 304},
		{"GET", map[string]string{"If-None-Match": "W/" + tag}, 304}, // weak comparison
		{"GET", map[string]string{"If-None-Match": "*"}, 304},
		{"GET", map[string]string{"If-None-Match": `"other"`}, 200},
		{"GET", map[string]string{"If-Modified-Since": at}, 304},
		{"GET", map[string]string{"If-Modified-Since": after}, 304},
		{"GET", map[string]string{"If-Modified-Since": before}, 200},
		{"GET", map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": after}, 200}, // If-None-Match wins
		{"GET", map[string]string{"If-Match": tag}, 200},
		{"GET", map[string]string{"If-Match": "*"}, 200},
		{"GET", map[string]string{"If-Match": `"other"`}, 412},
		{"GET", map[string]string{"If-Match": "W/" + tag}, 412}, // strong comparison
		{"GET", map[string]string{"If-Unmodified-Since": before}, 412},
		{"GET", map[string]string{"If-Unmodified-Since": after}, 200},
		{"GET", map[string]string{"If-Match": `"other"`, "Range": "bytes=0-9"}, 412},
	}
	for _, c := range cases {
		name := fmt.Sprint(c.method, " ", c.header)
		ours := httptest.NewRecorder()
		theirs := httptest.NewRecorder()
		req := func() *http.Request {
			r := httptest.NewRequest(c.method, "/data.txt", nil)
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			return r
		}
		h.ServeHTTP(ours, req())
		oracle.ServeHTTP(theirs, req())
		if ours.Code != theirs.Code || ours.Code != c.want {
			t.Errorf("%s: status %d, ServeContent %d, want %d", name, ours.Code, theirs.Code, c.want)
			continue
		}
		for _, k := range []string{"Content-Length", "Content-Range", "ETag", "Last-Modified", "Accept-Ranges"} {
			if a, b := ours.Header().Get(k), theirs.Header().Get(k); a != b {
				t.Errorf("%s: %s = %q, ServeContent %q", name, k, a, b)
			}
		}
		compareBodies(t, name, ours, theirs)
	}
}

// compareBodies compares two bodies; multipart/byteranges ones part by
// part, since their boundaries are random.
func compareBodies(t *testing.T, name string, ours, theirs *httptest.ResponseRecorder) {
	t.Helper()
	ct1, p1, _ := mime.ParseMediaType(ours.Header().Get("Content-Type"))
	ct2, p2, _ := mime.ParseMediaType(theirs.Header().Get("Content-Type"))
	if ct1 != ct2 {
		t.Errorf("%s: Content-Type %q, ServeContent %q", name, ct1, ct2)
		return
	}
	if ct1 != "multipart/byteranges" {
		if !bytes.Equal(ours.Body.Bytes(), theirs.Body.Bytes()) {
			t.Errorf("%s: bodies differ: %d bytes, ServeContent %d", name, ours.Body.Len(), theirs.Body.Len())
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
				t.Fatalf("%s: %v", name, err)
			}
			data, _ := io.ReadAll(p)
			out = append(out, p.Header.Get("Content-Range")+" "+p.Header.Get("Content-Type")+" "+string(data))
		}
	}
	a, b := parts(ours.Body.Bytes(), p1["boundary"]), parts(theirs.Body.Bytes(), p2["boundary"])
	if len(a) < 2 || !slices.Equal(a, b) {
		t.Errorf("%s: parts %q, ServeContent %q", name, a, b)
	}
}
