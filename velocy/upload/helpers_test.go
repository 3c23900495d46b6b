package upload

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"slices"
	"strings"
	"testing"
)

// pngHead is the start of a PNG file: enough for http.DetectContentType.
var pngHead = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

// part is one part of a test body.
type part struct {
	field    string
	filename string // "" for a plain field
	noName   bool   // a file part without a filename parameter at all
	ctype    string
	data     []byte
}

// body writes parts with mime/multipart's Writer, returning the body and
// its Content-Type.
func body(t testing.TB, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.filename != "" || (p.ctype != "" && !p.noName) {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.field, p.filename))
			if p.ctype == "" {
				p.ctype = "application/octet-stream"
			}
			h.Set("Content-Type", p.ctype)
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, p.field))
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// openRoot opens a fresh destination directory.
func openRoot(t testing.TB) (*os.Root, string) {
	t.Helper()
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root, dir
}

// listDir returns the names in dir, sorted.
func listDir(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// save runs Save on a request with the given body.
func save(t testing.TB, root *os.Root, opts Options, b io.Reader, ctype string) (*Form, error) {
	t.Helper()
	r := httptest.NewRequest("POST", "/upload", b)
	r.Header.Set("Content-Type", ctype)
	return Save(httptest.NewRecorder(), r, root, opts)
}

// status returns the status err carries, as middleware.StatusOf would.
func status(err error) int {
	if c, ok := err.(interface{ StatusCode() int }); ok {
		return c.StatusCode()
	}
	if err == nil {
		return http.StatusOK
	}
	return http.StatusInternalServerError
}

func repeat(s string, n int) []byte { return []byte(strings.Repeat(s, n)) }
