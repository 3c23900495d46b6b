package static

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// traversals are request targets that try to leave the root, or to name a
// file by a path no honest client sends. Each must be answered 400, 403 or
// 404, never with the secret.
var traversals = []string{
	"/static/../secret.txt",
	"/static/../../secret.txt",
	"/static/%2e%2e/secret.txt",
	"/static/%2E%2E/secret.txt",
	"/static/.%2e/secret.txt",
	"/static/..%2fsecret.txt",
	"/static/..%2Fsecret.txt",
	"/static/%2e%2e%2fsecret.txt",
	"/static/..%5csecret.txt",
	"/static/..%5c..%5csecret.txt",
	`/static/..\secret.txt`,
	`/static/..\..\secret.txt`,
	"/static/....//secret.txt",
	"/static/..../secret.txt",
	"/static/sub/../../secret.txt",
	"/static/sub/%2e%2e/%2e%2e/secret.txt",
	"/static/%00",
	"/static/a.txt%00.html",
	"/static/%00/../secret.txt",
	"/static//etc/passwd",
	"/static/%2fetc/passwd",
	"/static/%2Fetc%2Fpasswd",
	"/static/%252e%252e/secret.txt",
	"/static/%252e%252e%252fsecret.txt",
	"/static/%c0%ae%c0%ae/secret.txt", // overlong UTF-8 for "."
	"/static/..",
	"/static/%2e%2e",
	"/static/.",
	"/static/link-out",
	"/static/dirlink-out/secret.txt",
	"/static/dirlink-out/",
	"/static/abs-out",
	"/static/.env",
	"/static/.hidden/c.txt",
	"/static/%2eenv",
	"/static/a.txt/",
	"/static/a.txt/..",
	"/static/%zz",
	"/static/nothing-here",
}

// server serves root under /static/ behind http.StripPrefix alone, which
// cleans nothing (http.ServeMux would redirect "/static/../x" to "/x"
// before the handler saw it, and the test would prove nothing).
func server(t *testing.T, root string, opts Options) *httptest.Server {
	t.Helper()
	h, err := Dir(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(http.StripPrefix("/static", h))
	t.Cleanup(srv.Close)
	return srv
}

func TestTraversal(t *testing.T) {
	root := tree(t)
	for _, opts := range []Options{{}, {AllowDotfiles: true}} {
		srv := server(t, root, opts)
		addr := srv.Listener.Addr().String()
		for _, target := range traversals {
			for _, method := range []string{"GET", "HEAD"} {
				resp, body := rawGet(t, addr, method, target)
				if opts.AllowDotfiles && resp.StatusCode == http.StatusOK &&
					(target == "/static/.env" || target == "/static/.hidden/c.txt" || target == "/static/%2eenv") {
					continue // dotfiles inside the root, served on request
				}
				switch resp.StatusCode {
				case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound:
				default:
					t.Errorf("AllowDotfiles=%v: %s %s = %d, want 400, 403 or 404", opts.AllowDotfiles, method, target, resp.StatusCode)
				}
				if strings.Contains(body, secret) {
					t.Errorf("AllowDotfiles=%v: %s %s leaked the file outside the root", opts.AllowDotfiles, method, target)
				}
			}
		}
	}
}

// TestTraversalStatus pins the status each kind of path gets, as the
// package documents it.
func TestTraversalStatus(t *testing.T) {
	srv := server(t, tree(t), Options{})
	addr := srv.Listener.Addr().String()
	for target, want := range map[string]int{
		"/static/../secret.txt":          400, // dot segment
		"/static/%2e%2e/secret.txt":      400, // dot segment, once decoded
		"/static/..%2fsecret.txt":        400, // encoded slash
		"/static/..%5csecret.txt":        400, // backslash
		`/static/..\secret.txt`:          400,
		"/static/%00":                    400, // control character
		"/static//etc/passwd":            400, // empty segment: reads as absolute
		"/static/%c0%ae%c0%ae/x":         400, // not UTF-8
		"/static/%252e%252e/secret.txt":  404, // a directory named "%2e%2e": none
		"/static/....//secret.txt":       400, // empty segment
		"/static/..../secret.txt":        404, // a hidden name
		"/static/link-out":               404, // symlink out of the os.Root
		"/static/abs-out":                404,
		"/static/dirlink-out/secret.txt": 404,
		"/static/.env":                   404, // dotfile
		"/static/..foo":                  404, // a dotfile too
		"/static/a.txt/":                 404, // a file is not a directory
		"/static/link-in":                200, // symlink inside the root, to a file inside: followed
		"/static/foo..bar":               200, // dots inside a name are nothing special
		"/static/a.txt":                  200,
		"/static/":                       200,
		"/static":                        200, // the root itself, as http.FileServer does
	} {
		resp, _ := rawGet(t, addr, "GET", target)
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", target, resp.StatusCode, want)
		}
	}
}

func TestDotfilesAllowed(t *testing.T) {
	srv := server(t, tree(t), Options{AllowDotfiles: true})
	addr := srv.Listener.Addr().String()
	for target, want := range map[string]string{
		"/static/..foo":         "two dots in front",
		"/static/.env":          "PASSWORD=x",
		"/static/.hidden/c.txt": "hidden c",
		"/static/link-in":       "file a",
	} {
		resp, body := rawGet(t, addr, "GET", target)
		if resp.StatusCode != 200 || body != want {
			t.Errorf("AllowDotfiles: GET %s = %d %q, want 200 %q", target, resp.StatusCode, body, want)
		}
	}
}

func TestRedirectDirectory(t *testing.T) {
	srv := server(t, tree(t), Options{})
	addr := srv.Listener.Addr().String()
	for target, want := range map[string]string{
		"/static/sub":         "./sub/",
		"/static/sub?x=1&y=2": "./sub/?x=1&y=2",
		"/static/%73ub":       "./%73ub/", // the client's own spelling, resolved against its own URL
	} {
		resp, _ := rawGet(t, addr, "GET", target)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("GET %s = %d Location %q, want 301 %q", target, resp.StatusCode, resp.Header.Get("Location"), want)
		}
		// Resolved against the request, the Location keeps the prefix.
		loc, err := resp.Request.URL.Parse("http://test" + target)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := loc.Parse(want)
		if !strings.HasPrefix(abs.Path, "/static/sub/") {
			t.Errorf("GET %s: Location resolves to %s, outside /static/sub/", target, abs)
		}
	}
	resp, body := rawGet(t, addr, "GET", "/static/sub/")
	if resp.StatusCode != 200 || body != "<h1>sub index</h1>" {
		t.Errorf("GET /static/sub/ = %d %q, want the index", resp.StatusCode, body)
	}
	// No path can make the Location another host's: "//evil.com" is an
	// empty segment (400), and an encoded slash is 400 too.
	for _, target := range []string{"/static//evil.com", "/static/%2fevil.com", "/static/%2F%2Fevil.com/", "/static/\\evil.com"} {
		resp, _ := rawGet(t, addr, "GET", target)
		if loc := resp.Header.Get("Location"); loc != "" && !strings.HasPrefix(loc, "./") {
			t.Errorf("GET %s: Location %q", target, loc)
		}
	}
}

// TestRedirectOpenRedirect puts a directory whose name looks like a host
// in the root: its redirect still stays on this server.
func TestRedirectOpenRedirect(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"evil.com", "http:", "a:b"} {
		if err := os.Mkdir(root+"/"+d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	srv := server(t, root, Options{})
	for _, target := range []string{"/static/evil.com", "/static/http:", "/static/a:b"} {
		resp, _ := rawGet(t, srv.Listener.Addr().String(), "GET", target)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != 301 || !strings.HasPrefix(loc, "./") {
			t.Errorf("GET %s = %d Location %q, want 301 to ./...", target, resp.StatusCode, loc)
		}
		base, _ := resp.Request.URL.Parse("http://test" + target)
		if abs, _ := base.Parse(loc); abs.Host != "test" {
			t.Errorf("GET %s: Location %q leaves the host: %s", target, loc, abs)
		}
	}
}

func TestMethods(t *testing.T) {
	srv := server(t, tree(t), Options{})
	addr := srv.Listener.Addr().String()
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		resp, _ := rawGet(t, addr, m, "/static/a.txt")
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s = %d Allow %q, want 405 GET, HEAD", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	resp, body := rawGet(t, addr, "HEAD", "/static/a.txt")
	if resp.StatusCode != 200 || body != "" || resp.ContentLength != int64(len("file a")) {
		t.Errorf("HEAD = %d, body %q, Content-Length %d; want 200, no body, 6", resp.StatusCode, body, resp.ContentLength)
	}
}

// TestOSRootRefusesEscape checks the second wall alone: even with a name
// that resolve would never produce, the os.Root does not open a file
// outside.
func TestOSRootRefusesEscape(t *testing.T) {
	root := tree(t)
	h, err := Dir(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for _, name := range []string{"../secret.txt", "link-out", "abs-out", "dirlink-out/secret.txt", root + "/../secret.txt"} {
		if f, _, ok := h.open(name); ok {
			f.Close()
			t.Errorf("open(%q) succeeded, want a refusal", name)
		}
	}
}
