package static

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serveRootWord returns a random lower-case word.
func serveRootWord() string {
	b := make([]byte, 4+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// serveRootTree writes files (name -> content, names with "/") under
// base/root, a secret beside root, and returns base/root and the secret.
func serveRootTree(t *testing.T, files map[string]string) (string, string) {
	t.Helper()
	base := t.TempDir()
	secret := "SECRET-" + serveRootWord()
	if err := os.WriteFile(filepath.Join(base, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(base, "root")
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, secret
}

// serveRootServer serves h under /static/ with http.StripPrefix alone,
// which cleans nothing, as a handler behind a plain TCP server sees it.
func serveRootServer(t *testing.T, dir string, opts Options) *httptest.Server {
	t.Helper()
	h, err := Dir(dir, opts)
	if err != nil {
		t.Fatalf("Dir(%q) = %v", dir, err)
	}
	if h == nil {
		t.Fatal("Dir returned a nil *Handler: open the directory with os.OpenRoot and return a Handler that serves it")
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(http.StripPrefix("/static", h))
	t.Cleanup(srv.Close)
	return srv
}

// serveRootRaw sends a request line as it is, which net/http's client
// would clean, and returns the status and body.
func serveRootRaw(t *testing.T, addr, method, target string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", method, target)
	req, _ := http.NewRequest(method, "http://test/", nil)
	res, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		t.Fatalf("%s %s: reading the response: %v", method, target, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, target, err)
	}
	return res.StatusCode, res.Header, string(body)
}

func TestHandlerServesFiles(t *testing.T) {
	files := map[string]string{}
	for range 5 {
		name := serveRootWord() + ".txt"
		if rand.IntN(2) == 0 {
			name = serveRootWord() + "/" + name
		}
		files[name] = strings.Repeat(serveRootWord()+"\n", 1+rand.IntN(500))
	}
	root, _ := serveRootTree(t, files)
	srv := serveRootServer(t, root, Options{})
	addr := srv.Listener.Addr().String()
	for name, content := range files {
		status, hdr, body := serveRootRaw(t, addr, "GET", "/static/"+name)
		if status != http.StatusOK || body != content {
			t.Fatalf("GET /static/%s = %d, %d bytes %.40q; want 200 and the file's %d bytes", name, status, len(body), body, len(content))
		}
		if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("GET /static/%s: Content-Type %q, want text/plain from the extension (mime.TypeByExtension)", name, ct)
		}
		status, _, body = serveRootRaw(t, addr, "HEAD", "/static/"+name)
		if status != http.StatusOK || body != "" {
			t.Errorf("HEAD /static/%s = %d with a %d-byte body, want 200 and no body", name, status, len(body))
		}
	}
	if status, _, _ := serveRootRaw(t, addr, "GET", "/static/"+serveRootWord()+".txt"); status != http.StatusNotFound {
		t.Errorf("GET of a missing file = %d, want 404", status)
	}
}

func TestHandlerCannotBeEscaped(t *testing.T) {
	name := serveRootWord() + ".txt"
	root, secret := serveRootTree(t, map[string]string{name: "public " + serveRootWord()})
	base := filepath.Dir(root)
	links := map[string]string{ // symlinks out of the root
		"link-out": "../secret.txt",
		"abs-out":  filepath.Join(base, "secret.txt"),
		"dir-out":  "..",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("cannot make symlinks here: %v", err)
		}
	}
	srv := serveRootServer(t, root, Options{AllowDotfiles: rand.IntN(2) == 0})
	addr := srv.Listener.Addr().String()
	targets := []string{
		"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
		`/static/..\secret.txt`, "/static/..%5csecret.txt", "/static/%00", "/static//etc/passwd",
		"/static/" + name + "%00.html",
	}
	for _, target := range targets {
		status, _, body := serveRootRaw(t, addr, "GET", target)
		if status != http.StatusBadRequest || strings.Contains(body, secret) {
			t.Errorf("GET %s = %d %.60q, want 400 (resolve refuses it)", target, status, body)
		}
	}
	for _, target := range []string{"/static/link-out", "/static/abs-out", "/static/dir-out/secret.txt"} {
		status, _, body := serveRootRaw(t, addr, "GET", target)
		if status != http.StatusNotFound || strings.Contains(body, secret) {
			t.Errorf("GET %s, a symlink out of the root = %d %.60q, want 404: open files through the os.Root, which refuses to leave it", target, status, body)
		}
	}
}

func TestHandlerOnlyGetAndHead(t *testing.T) {
	name := serveRootWord() + ".txt"
	root, _ := serveRootTree(t, map[string]string{name: serveRootWord()})
	srv := serveRootServer(t, root, Options{})
	method := []string{"POST", "PUT", "DELETE", "PATCH"}[rand.IntN(4)]
	status, hdr, _ := serveRootRaw(t, srv.Listener.Addr().String(), method, "/static/"+name)
	if status != http.StatusMethodNotAllowed || hdr.Get("Allow") != "GET, HEAD" {
		t.Errorf("%s /static/%s = %d, Allow %q; want 405 with Allow \"GET, HEAD\"", method, name, status, hdr.Get("Allow"))
	}
}
