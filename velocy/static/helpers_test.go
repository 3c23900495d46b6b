package static

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is the content of a file outside the served root: no answer may
// ever contain it.
const secret = "TOP-SECRET-OUTSIDE-THE-ROOT"

// tree makes a directory to serve, with a secret file and directory beside
// it, and returns the served directory.
//
//	base/secret.txt                 outside the root
//	base/outside/secret.txt         outside the root
//	base/root/a.txt                 "file a"
//	base/root/index.html
//	base/root/sub/index.html
//	base/root/sub/b.txt
//	base/root/..foo                 a name that starts with two dots
//	base/root/foo..bar
//	base/root/.env                  a dotfile
//	base/root/.hidden/c.txt         a file in a dot directory
//	base/root/app.3f9a2c1b.js       a fingerprinted name
//	base/root/app.js, app.js.br, app.js.gz
//	base/root/link-out -> ../secret.txt        a symlink out of the root
//	base/root/dirlink-out -> ../outside        a directory symlink out
//	base/root/abs-out -> /base/secret.txt      an absolute symlink out
//	base/root/link-in -> a.txt                 a symlink inside the root
func tree(t testing.TB) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "root")
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("secret.txt", secret)
	write("outside/secret.txt", secret)
	write("root/a.txt", "file a")
	write("root/index.html", "<h1>root index</h1>")
	write("root/sub/index.html", "<h1>sub index</h1>")
	write("root/sub/b.txt", "file b")
	write("root/..foo", "two dots in front")
	write("root/foo..bar", "two dots inside")
	write("root/.env", "PASSWORD=x")
	write("root/.hidden/c.txt", "hidden c")
	write("root/app.3f9a2c1b.js", "console.log('fingerprinted')")
	write("root/app.js", strings.Repeat("console.log('identity');\n", 40))
	write("root/app.js.br", "BROTLI-BYTES-0123456789")
	write("root/app.js.gz", "GZIP-BYTES-0123456789")
	for link, target := range map[string]string{
		"link-out":    "../secret.txt",
		"dirlink-out": "../outside",
		"abs-out":     filepath.Join(base, "secret.txt"),
		"link-in":     "a.txt",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// rawGet sends target as it is in the request line, which net/http's
// client would clean or refuse, and returns the response with its body
// read.
func rawGet(t testing.TB, addr, method, target string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, "http://test/", nil)
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		t.Fatalf("%s %q: reading the response: %v", method, target, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("%s %q: reading the body: %v", method, target, err)
	}
	return resp, string(body)
}
