package static

import (
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// etagWord returns a random lower-case word.
func etagWord() string {
	b := make([]byte, 4+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// etagGet answers one request for target from h and returns the answer.
func etagGet(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

// etagWrite writes content to root/name with the modification time mt.
func etagWrite(t *testing.T, root, name, content string, mt time.Time) {
	t.Helper()
	p := filepath.Join(root, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mt, mt); err != nil {
		t.Fatal(err)
	}
}

// etagRandomTime returns a random time between 2001 and 2033, to the
// nanosecond.
func etagRandomTime() time.Time {
	return time.Unix(1e9+rand.Int64N(1e9), rand.Int64N(1e9))
}

// etagStrong reports whether tag is a strong entity tag: "..." with no W/.
func etagStrong(tag string) bool {
	return len(tag) >= 3 && tag[0] == '"' && tag[len(tag)-1] == '"' && !strings.Contains(tag[1:len(tag)-1], `"`)
}

func TestETagIsStrongAndStable(t *testing.T) {
	root := t.TempDir()
	name := etagWord() + ".txt"
	content := strings.Repeat(etagWord(), 1+rand.IntN(100))
	etagWrite(t, root, name, content, etagRandomTime())
	h, err := Dir(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	w := etagGet(h, "GET", "/"+name)
	tag := w.Header().Get("ETag")
	if w.Code != http.StatusOK || !etagStrong(tag) {
		t.Fatalf("GET /%s = %d, ETag %q; want 200 and a strong ETag: a quoted string such as \"1f4-17a2b3c4d5e6f708\", without W/", name, w.Code, tag)
	}
	if w.Body.String() != content {
		t.Fatalf("GET /%s: body %.40q (%d bytes), want the file's %d bytes", name, w.Body, w.Body.Len(), len(content))
	}
	for _, method := range []string{"GET", "HEAD"} {
		if again := etagGet(h, method, "/"+name).Header().Get("ETag"); again != tag {
			t.Errorf("%s /%s again: ETag %q, want the same %q: the file did not change", method, name, again, tag)
		}
	}
}

func TestETagChangesWithTheFile(t *testing.T) {
	root := t.TempDir()
	name := etagWord() + ".txt"
	h, err := Dir(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	mt := etagRandomTime()
	content := etagWord()
	seen := map[string]string{}
	check := func(how string) {
		t.Helper()
		w := etagGet(h, "GET", "/"+name)
		tag := w.Header().Get("ETag")
		if w.Code != http.StatusOK || !etagStrong(tag) {
			t.Fatalf("GET /%s (%s) = %d, ETag %q; want 200 and a strong ETag", name, how, w.Code, tag)
		}
		if before, ok := seen[tag]; ok {
			t.Fatalf("GET /%s: ETag %q after %s, the same as %s: a changed file needs a new tag, or caches keep the old bytes", name, tag, how, before)
		}
		seen[tag] = how
	}
	etagWrite(t, root, name, content, mt)
	check("writing it")
	etagWrite(t, root, name, strings.ToUpper(content), mt.Add(time.Duration(1+rand.IntN(1e6))*time.Second))
	check("rewriting it with the same size, a little later")
	etagWrite(t, root, name, content+etagWord(), mt)
	check("rewriting it with another size and the first time")
}

// etagNoSeek is an fs.FS whose files cannot seek.
type etagNoSeek struct{ fs.FS }

func (n etagNoSeek) Open(name string) (fs.File, error) {
	f, err := n.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return struct{ fs.File }{f}, nil
}

func TestETagFileThatCannotSeek(t *testing.T) {
	name := etagWord() + ".txt"
	fsys := etagNoSeek{fstest.MapFS{name: {Data: []byte(etagWord()), ModTime: etagRandomTime()}}}
	w := etagGet(FS(fsys, Options{}), "GET", "/"+name)
	if w.Code != http.StatusInternalServerError {
		t.Errorf("GET /%s from an fs.FS whose files are not io.Seekers = %d, want 500: the handler needs an io.ReadSeeker (to hash it, and for ranges)", name, w.Code)
	}
}
