package static

import (
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// contentHashBytes returns n random lower-case letters.
func contentHashBytes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// contentHashGet answers a GET for target from h.
func contentHashGet(h http.Handler, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w
}

func TestETagHashesFilesWithoutATime(t *testing.T) {
	// Like an embed.FS: no modification times (fstest.MapFS leaves them
	// zero), and files of the same size.
	size := 10 + rand.IntN(2000)
	files := fstest.MapFS{}
	for range 4 {
		files[contentHashBytes(6)+".txt"] = &fstest.MapFile{Data: []byte(contentHashBytes(size))}
	}
	h := FS(files, Options{})
	seen := map[string]string{}
	for name, f := range files {
		w := contentHashGet(h, "/"+name)
		tag := w.Header().Get("ETag")
		if w.Code != http.StatusOK || len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			t.Fatalf("GET /%s = %d, ETag %q; want 200 and a strong ETag", name, w.Code, tag)
		}
		if other, ok := seen[tag]; ok {
			t.Fatalf("GET /%s and /%s, files of %d bytes with other contents and no modification time, share the ETag %q: hash the content when fi.ModTime() is zero", name, other, size, tag)
		}
		seen[tag] = name
		if w.Body.String() != string(f.Data) {
			t.Fatalf("GET /%s: body %.40q (%d bytes), want the file's %d bytes: after hashing, seek back to the start", name, w.Body, w.Body.Len(), size)
		}
	}
}

// contentHashCounting is an fs.FS that counts the bytes read from its files.
type contentHashCounting struct {
	fs.FS
	read *int64
}

type contentHashFile struct {
	fs.File
	read *int64
}

func (f contentHashFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	*f.read += int64(n)
	return n, err
}

func (f contentHashFile) Seek(off int64, whence int) (int64, error) {
	return f.File.(io.Seeker).Seek(off, whence)
}

func (c contentHashCounting) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return contentHashFile{f, c.read}, nil
}

func TestETagHashRemembered(t *testing.T) {
	name := contentHashBytes(8) + ".txt"
	content := strings.Repeat(contentHashBytes(64), 1+rand.IntN(200))
	var read int64
	h := FS(contentHashCounting{fstest.MapFS{name: {Data: []byte(content)}}, &read}, Options{})
	first := contentHashGet(h, "/"+name)
	read = 0
	second := contentHashGet(h, "/"+name)
	if second.Body.String() != content || second.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Fatalf("GET /%s twice: ETags %q then %q, body %d bytes; want the same tag and the file's %d bytes", name, first.Header().Get("ETag"), second.Header().Get("ETag"), second.Body.Len(), len(content))
	}
	if read > int64(len(content)) {
		t.Errorf("the second GET of a %d-byte file read %d bytes from it: remember the hash (by name and size) instead of reading the file twice per request", len(content), read)
	}
}
