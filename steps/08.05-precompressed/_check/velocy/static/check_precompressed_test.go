package static

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// precompressedBytes returns n random bytes, standing in for compressed
// ones (the handler never looks inside).
func precompressedBytes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return string(b)
}

// precompressedWord returns a random lower-case word.
func precompressedWord() string {
	b := make([]byte, 4+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// precompressedSite writes app.js with its .br and .gz siblings, and a
// style.css without any, under a temporary directory, and returns a
// handler for it with the files' contents.
func precompressedSite(t *testing.T) (h http.Handler, js, css string, files map[string]string) {
	return precompressedSiteWith(t, Options{})
}

// precompressedSiteWith is precompressedSite with options.
func precompressedSiteWith(t *testing.T, opts Options) (h http.Handler, js, css string, files map[string]string) {
	t.Helper()
	root := t.TempDir()
	js, css = precompressedWord()+".js", precompressedWord()+".css"
	files = map[string]string{
		js:         strings.Repeat("console.log('"+precompressedWord()+"');\n", 10+rand.IntN(100)),
		js + ".br": precompressedBytes(20 + rand.IntN(200)),
		js + ".gz": precompressedBytes(20 + rand.IntN(200)),
		css:        strings.Repeat("p { color: red }\n", 1+rand.IntN(50)),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Dir(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, js, css, files
}

// precompressedGet sends a GET for name with the given Accept-Encoding
// (none if empty) and other headers.
func precompressedGet(h http.Handler, name, accept string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/"+name, nil)
	if accept != "" {
		r.Header.Set("Accept-Encoding", accept)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPrecompressedSiblings(t *testing.T) {
	h, js, _, files := precompressedSite(t)
	identity := precompressedGet(h, js, "")
	tags := map[string]string{identity.Header().Get("ETag"): "identity"}
	for _, c := range []struct{ accept, enc, file string }{
		{"gzip, deflate, br", "br", js + ".br"},
		{"gzip", "gzip", js + ".gz"},
		{"br;q=0.5, gzip", "gzip", js + ".gz"},
		{"br;q=0, *", "gzip", js + ".gz"},
		{"deflate", "", js},
		{"br;q=0, gzip;q=0", "", js},
	} {
		w := precompressedGet(h, js, c.accept)
		what := "GET /" + js + " with Accept-Encoding: " + c.accept
		if w.Code != http.StatusOK || w.Body.String() != files[c.file] {
			t.Fatalf("%s = %d with %d bytes, want 200 and the %d bytes of %s", what, w.Code, w.Body.Len(), len(files[c.file]), c.file)
		}
		if got := w.Header().Get("Content-Encoding"); got != c.enc {
			t.Errorf("%s: Content-Encoding %q, want %q", what, got, c.enc)
		}
		if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
			t.Errorf("%s: Content-Type %q, want the type of %s, text/javascript: it is still JavaScript, only compressed", what, got, js)
		}
		if got := w.Header().Get("Content-Length"); got != strconv.Itoa(len(files[c.file])) {
			t.Errorf("%s: Content-Length %q, want %d (http.ServeContent leaves it out when Content-Encoding is set: use lengthWriter)", what, got, len(files[c.file]))
		}
		if got := w.Header().Values("Vary"); !slices.Contains(got, "Accept-Encoding") {
			t.Errorf("%s: Vary %q, want Accept-Encoding: the answer depends on that header", what, got)
		}
		if c.enc == "" {
			continue
		}
		tag := w.Header().Get("ETag")
		if other, ok := tags[tag]; ok && other != c.enc || tag == "" {
			t.Errorf("%s: ETag %q, the same as the %s answer's: each encoding needs a tag of its own (variantTag)", what, tag, other)
		}
		tags[tag] = c.enc
		if w := precompressedGet(h, js, c.accept, "If-None-Match", tag); w.Code != http.StatusNotModified {
			t.Errorf("%s and If-None-Match: %s = %d, want 304", what, tag, w.Code)
		}
	}
}

func TestPrecompressedVaryWithoutSiblings(t *testing.T) {
	h, _, css, files := precompressedSite(t)
	w := precompressedGet(h, css, "br, gzip")
	if w.Code != http.StatusOK || w.Body.String() != files[css] || w.Header().Get("Content-Encoding") != "" {
		t.Fatalf("GET /%s, which has no .br nor .gz, with Accept-Encoding: br, gzip = %d, Content-Encoding %q; want 200 and the file itself", css, w.Code, w.Header().Get("Content-Encoding"))
	}
	if got := w.Header().Values("Vary"); !slices.Contains(got, "Accept-Encoding") {
		t.Errorf("GET /%s: Vary %q, want Accept-Encoding on every answer for a file that could have been encoded", css, got)
	}
}

func TestPrecompressedRange(t *testing.T) {
	h, js, _, files := precompressedSite(t)
	br := files[js+".br"]
	a := rand.IntN(len(br) / 2)
	b := a + rand.IntN(len(br)/2)
	rng := "bytes=" + strconv.Itoa(a) + "-" + strconv.Itoa(b)
	w := precompressedGet(h, js, "br", "Range", rng)
	if w.Code != http.StatusPartialContent || w.Body.String() != br[a:b+1] || w.Header().Get("Content-Encoding") != "br" {
		t.Errorf("GET /%s with Accept-Encoding: br and Range: %s = %d, Content-Encoding %q, %d bytes; want 206 with bytes %d to %d of %s.br, the bytes sent", js, rng, w.Code, w.Header().Get("Content-Encoding"), w.Body.Len(), a, b, js)
	}
}

func TestPrecompressedEncodingsOption(t *testing.T) {
	var opts Options
	field := reflect.ValueOf(&opts).Elem().FieldByName("Encodings")
	if !field.IsValid() {
		t.Fatal("Options has no field Encodings: add Encodings []string to Options in serve.go")
	}
	for _, c := range []struct {
		encodings []string
		want      string // the Content-Encoding for "br, gzip"
	}{
		{[]string{"gzip"}, "gzip"},
		{[]string{"gzip", "br"}, "gzip"},
		{[]string{}, ""},
	} {
		field.Set(reflect.ValueOf(c.encodings))
		h, js, _, files := precompressedSiteWith(t, opts)
		w := precompressedGet(h, js, "br, gzip")
		file := js
		if c.want != "" {
			file = js + map[string]string{"gzip": ".gz", "br": ".br"}[c.want]
		}
		if got := w.Header().Get("Content-Encoding"); got != c.want || w.Body.String() != files[file] {
			t.Errorf("Options{Encodings: %q}, GET /%s with Accept-Encoding: br, gzip: Content-Encoding %q and %d bytes, want %q and the %d bytes of %s: only the encodings given, in their order; an empty slice means none", c.encodings, js, got, w.Body.Len(), c.want, len(files[file]), file)
		}
	}
}
