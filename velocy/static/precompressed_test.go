package static

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestChooseEncoding(t *testing.T) {
	encs := []string{"br", "gzip"}
	for accept, want := range map[string]string{
		"":                          "",
		"identity":                  "",
		"gzip":                      "gzip",
		"x-gzip":                    "gzip",
		"GZIP":                      "gzip",
		"br":                        "br",
		"gzip, br":                  "br", // equal weights: the server's order
		"gzip, deflate, br, zstd":   "br",
		"br;q=0, gzip":              "gzip",
		"br;q=0.5, gzip;q=0.9":      "gzip",
		"gzip;q=0.5, br;q=0.9":      "br",
		"gzip;q=0":                  "",
		"*":                         "br",
		"*;q=0.1, br;q=0":           "gzip",
		"*;q=0":                     "",
		"br;q=2, gzip":              "gzip", // a weight out of range is ignored
		"br;q=abc":                  "",
		"gzip ; q=0.8 , br ; q=0.7": "gzip",
		"deflate":                   "",
	} {
		if got := chooseEncoding([]string{accept}, encs); got != want {
			t.Errorf("chooseEncoding(%q) = %q, want %q", accept, got, want)
		}
	}
	if got := chooseEncoding([]string{"gzip;q=0.1", "br;q=0.2"}, encs); got != "br" {
		t.Errorf("two header lines: %q, want br", got)
	}
}

func TestPrecompressed(t *testing.T) {
	h, err := Dir(tree(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	get := func(accept string, hdr map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/app.js", nil)
		if accept != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		w.Header().Set("Vary", "Origin") // set by an outer layer: kept
		h.ServeHTTP(w, r)
		return w
	}
	identity := get("", nil)
	idTag := identity.Header().Get("ETag")
	for accept, want := range map[string]struct{ enc, body string }{
		"":               {"", strings.Repeat("console.log('identity');\n", 40)},
		"gzip":           {"gzip", "GZIP-BYTES-0123456789"},
		"gzip, br":       {"br", "BROTLI-BYTES-0123456789"},
		"br;q=0, gzip":   {"gzip", "GZIP-BYTES-0123456789"},
		"identity, zstd": {"", strings.Repeat("console.log('identity');\n", 40)},
	} {
		w := get(accept, nil)
		hdr := w.Header()
		if w.Code != 200 || w.Body.String() != want.body || hdr.Get("Content-Encoding") != want.enc {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, body %q; want %q %q", accept, w.Code, hdr.Get("Content-Encoding"), w.Body, want.enc, want.body)
		}
		if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("Accept-Encoding %q: Content-Type %q, want the original's, text/javascript", accept, ct)
		}
		if v := hdr.Values("Vary"); !slices.Contains(v, "Origin") || !slices.Contains(v, "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q, want Origin kept and Accept-Encoding added", accept, v)
		}
		if cl := hdr.Get("Content-Length"); cl != strconv.Itoa(len(want.body)) {
			t.Errorf("Accept-Encoding %q: Content-Length %q, want %d", accept, cl, len(want.body))
		}
		if tag := hdr.Get("ETag"); want.enc != "" && (tag == idTag || !strings.HasSuffix(tag, "-"+want.enc+`"`)) {
			t.Errorf("Accept-Encoding %q: ETag %q, identity's %q: want a distinct tag", accept, tag, idTag)
		}
	}
	// A range of an encoded answer is a range of the encoded bytes.
	w := get("br", map[string]string{"Range": "bytes=0-5"})
	if w.Code != 206 || w.Body.String() != "BROTLI" || w.Header().Get("Content-Encoding") != "br" {
		t.Errorf("Range of br: %d %q %q, want 206 BROTLI br", w.Code, w.Body, w.Header().Get("Content-Encoding"))
	}
	// The variant's tag revalidates the variant.
	brTag := get("br", nil).Header().Get("ETag")
	if w := get("br", map[string]string{"If-None-Match": brTag}); w.Code != 304 {
		t.Errorf("If-None-Match with the br tag: %d, want 304", w.Code)
	}
	if w := get("", map[string]string{"If-None-Match": brTag}); w.Code != 200 {
		t.Errorf("identity with the br tag: %d, want 200", w.Code)
	}
	// Off: no Vary, no variant.
	off, _ := Dir(tree(t), Options{Encodings: []string{}})
	defer off.Close()
	r := httptest.NewRequest("GET", "/app.js", nil)
	r.Header.Set("Accept-Encoding", "br, gzip")
	w = httptest.NewRecorder()
	off.ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "" || w.Header().Get("Vary") != "" {
		t.Errorf("Encodings off: Content-Encoding %q, Vary %q", w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
	}
}
