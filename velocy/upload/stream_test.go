package upload

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

func TestSave(t *testing.T) {
	root, dir := openRoot(t)
	text := repeat("hello upload\n", 1000)
	img := append(append([]byte{}, pngHead...), repeat("\x00", 300000)...) // more than one buffer
	b, ctype := body(t,
		part{field: "title", data: []byte("holiday")},
		part{field: "doc", filename: "../../etc/notes.txt", ctype: "text/plain", data: text},
		part{field: "title", data: []byte("second")},
		part{field: "pic", filename: `C:\Users\me\photo.png`, ctype: "image/png", data: img},
		part{field: "empty", filename: "...", ctype: "text/plain", data: nil},
	)
	form, err := save(t, root, Options{}, b, ctype)
	if err != nil {
		t.Fatal(err)
	}
	if got := form.Values["title"]; len(got) != 2 || got[0] != "holiday" || got[1] != "second" {
		t.Errorf("title = %q", got)
	}
	if len(form.Files) != 3 {
		t.Fatalf("%d files, want 3: %+v", len(form.Files), form.Files)
	}
	want := []struct {
		field, filename, ctype string
		data                   []byte
	}{
		{"doc", "notes.txt", "text/plain", text},
		{"pic", "photo.png", "image/png", img},
		{"empty", "upload-" + form.Files[2].Name[:8], "text/plain", nil},
	}
	for i, w := range want {
		f := form.Files[i]
		if f.Field != w.field || f.Filename != w.filename || f.ContentType != w.ctype || f.Size != int64(len(w.data)) {
			t.Errorf("file %d = %+v, want field %q, name %q, type %q, %d bytes", i, f, w.field, w.filename, w.ctype, len(w.data))
		}
		if len(f.Name) != 32 || strings.ContainsAny(f.Name, "./\\") {
			t.Errorf("file %d stored as %q, want 32 random hex digits", i, f.Name)
		}
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || !bytes.Equal(got, w.data) {
			t.Errorf("file %d on disk: %d bytes (%v), want %d", i, len(got), err, len(w.data))
		}
	}
	if n := len(listDir(t, dir)); n != 3 {
		t.Errorf("%d entries in the directory, want the 3 files and no temporary one: %v", n, listDir(t, dir))
	}
	if err := form.Remove(root); err != nil || len(listDir(t, dir)) != 0 {
		t.Errorf("Remove: %v, left %v", err, listDir(t, dir))
	}
}

// TestSaveErrors: every way a request can be refused, each with its
// status and with nothing left in the destination, not even the files
// complete before the error.
func TestSaveErrors(t *testing.T) {
	ok := part{field: "ok", filename: "ok.txt", ctype: "text/plain", data: repeat("fine ", 100)}
	cases := []struct {
		name   string
		opts   Options
		parts  []part
		status int
		detail string
	}{
		{"file too large", Options{Limits: Limits{MaxFileBytes: 1000}},
			[]part{ok, {field: "f", filename: "big.txt", data: repeat("x", 1001)}}, 413, `file "big.txt" larger than 1000 bytes`},
		{"file too large, many buffers", Options{Limits: Limits{MaxFileBytes: 600 << 10, MaxBodyBytes: -1}},
			[]part{ok, {field: "f", filename: "big.txt", data: repeat("x", 1<<20)}}, 413, `file "big.txt" larger than 614400 bytes`},
		{"field too large", Options{Limits: Limits{MaxFieldBytes: 10}},
			[]part{ok, {field: "comment", data: repeat("y", 11)}}, 413, `field "comment" larger than 10 bytes`},
		{"body too large", Options{Limits: Limits{MaxBodyBytes: 2000}},
			[]part{ok, {field: "f", filename: "a.txt", data: repeat("z", 3000)}}, 413, "request body larger than 2000 bytes"},
		{"too many parts", Options{Limits: Limits{MaxParts: 2}},
			[]part{ok, {field: "a", data: []byte("1")}, {field: "b", data: []byte("2")}}, 413, "more than 2 parts"},
		{"header too large", Options{Limits: Limits{MaxHeaderBytes: 100}},
			[]part{ok, {field: strings.Repeat("n", 200), data: []byte("1")}}, 413, "part header larger than 100 bytes"},
		{"type not allowed", Options{},
			[]part{ok, {field: "f", filename: "x.png", ctype: "image/png", data: []byte("<html><script>alert(1)</script>")}}, 415, `file "x.png": type text/html not allowed`},
		{"type not on a list of one's own", Options{AllowedTypes: []string{"image/*"}},
			[]part{{field: "f", filename: "a.txt", data: []byte("plain")}}, 415, `file "a.txt": type text/plain not allowed`},
		{"no field name", Options{},
			[]part{ok, {field: "", filename: "a.txt", data: []byte("x")}}, 400, "part without a form field name"},
	}
	for _, c := range cases {
		root, dir := openRoot(t)
		b, ctype := body(t, c.parts...)
		form, err := save(t, root, c.opts, b, ctype)
		if form != nil || status(err) != c.status || err.Error() != c.detail {
			t.Errorf("%s: form %v, error %v (status %d), want %d %q", c.name, form, err, status(err), c.status, c.detail)
		}
		if left := listDir(t, dir); len(left) != 0 {
			t.Errorf("%s: left %v in the destination", c.name, left)
		}
	}
}

func TestSaveNotMultipart(t *testing.T) {
	root, _ := openRoot(t)
	for _, ctype := range []string{"", "application/json", "multipart/form-data", "multipart/mixed; boundary=x", "text/plain; boundary=x"} {
		_, err := save(t, root, Options{}, strings.NewReader("{}"), ctype)
		if status(err) != 415 {
			t.Errorf("Content-Type %q: %v, want 415", ctype, err)
		}
	}
	// A malformed body is 400.
	for _, b := range []string{"", "garbage", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"} {
		_, err := save(t, root, Options{}, strings.NewReader(b), "multipart/form-data; boundary=b")
		if status(err) != 400 {
			t.Errorf("body %q: %v (%d), want 400", b, err, status(err))
		}
	}
}

// TestSaveContentLength: a Content-Length above the body limit is refused
// before anything is read, and the connection is to be closed.
func TestSaveContentLength(t *testing.T) {
	root, _ := openRoot(t)
	read := false
	r := httptest.NewRequest("POST", "/", readerFunc(func(p []byte) (int, error) { read = true; return 0, io.EOF }))
	r.ContentLength = 1 << 30
	r.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	w := httptest.NewRecorder()
	_, err := Save(w, r, root, Options{})
	if status(err) != 413 || read || w.Header().Get("Connection") != "close" {
		t.Errorf("error %v, body read %v, Connection %q; want 413, not read, close", err, read, w.Header().Get("Connection"))
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// TestSaveWriteError: through middleware.HandlerFunc, a limit becomes a
// problem document with its status and detail.
func TestSaveWriteError(t *testing.T) {
	root, _ := openRoot(t)
	h := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, err := Save(w, r, root, Options{Limits: Limits{MaxFileBytes: 10}})
		return err
	})
	b, ctype := body(t, part{field: "f", filename: "a.txt", data: repeat("x", 11)})
	r := httptest.NewRequest("POST", "/", b)
	r.Header.Set("Content-Type", ctype)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var p middleware.Problem
	json.Unmarshal(w.Body.Bytes(), &p)
	if w.Code != 413 || p.Detail != `file "a.txt" larger than 10 bytes` {
		t.Errorf("%d %s, want a 413 problem", w.Code, w.Body)
	}
}

func TestProgress(t *testing.T) {
	root, _ := openRoot(t)
	data := repeat("p", 3<<20) // a dozen buffers
	b, ctype := body(t, part{field: "f", filename: "a.txt", data: data}, part{field: "g", filename: "b.txt", data: []byte("small")})
	var calls []Progress
	_, err := save(t, root, Options{Progress: func(p Progress) { calls = append(calls, p) }, ProgressInterval: 1}, b, ctype)
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	for i, c := range calls {
		if c.Field == "f" && (c.FileBytes < last || c.TotalBytes < c.FileBytes) {
			t.Errorf("call %d: %+v after %d bytes", i, c, last)
		}
		if c.Field == "f" {
			last = c.FileBytes
		}
	}
	if len(calls) < 5 {
		t.Errorf("%d calls with a 1ns interval, want one per buffer", len(calls))
	}
	end := calls[len(calls)-1]
	if !end.Done || end.Field != "g" || end.FileBytes != 5 {
		t.Errorf("last call %+v, want g's Done with 5 bytes", end)
	}
	// With a long interval: the first call, and the Done of each file.
	calls = nil
	b, ctype = body(t, part{field: "f", filename: "a.txt", data: data}, part{field: "g", filename: "b.txt", data: []byte("small")})
	if _, err := save(t, root, Options{Progress: func(p Progress) { calls = append(calls, p) }, ProgressInterval: 1 << 62}, b, ctype); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 3 || !calls[1].Done || calls[1].FileBytes != int64(len(data)) || !calls[2].Done {
		t.Errorf("calls with a long interval: %+v, want 3 (a first one, then f and g done)", calls)
	}
}
