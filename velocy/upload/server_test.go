package upload

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// uploadServer serves Save into root at POST /upload behind
// middleware.HandlerFunc, answering the stored files as JSON, and sends
// each Save's error to done.
func uploadServer(t *testing.T, root *os.Root, opts Options) (*httptest.Server, chan error) {
	t.Helper()
	done := make(chan error, 16)
	mux := http.NewServeMux()
	mux.Handle("POST /upload", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		form, err := Save(w, r, root, opts)
		done <- err
		if err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(form)
	}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, done
}

func TestServerMultipart(t *testing.T) {
	root, dir := openRoot(t)
	srv, done := uploadServer(t, root, Options{})
	data := repeat("line of text\n", 50000)
	b, ctype := body(t, part{field: "note", data: []byte("hi")}, part{field: "file", filename: "a.txt", data: data})
	resp, err := http.Post(srv.URL+"/upload", ctype, b)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var form Form
	json.NewDecoder(resp.Body).Decode(&form)
	if err := <-done; err != nil || resp.StatusCode != 200 || len(form.Files) != 1 {
		t.Fatalf("%d %v %+v", resp.StatusCode, err, form)
	}
	got, _ := os.ReadFile(filepath.Join(dir, form.Files[0].Name))
	if !bytes.Equal(got, data) || form.Values["note"][0] != "hi" {
		t.Errorf("stored %d bytes, want %d; note %q", len(got), len(data), form.Values["note"])
	}
}

// TestServerLimitChunked: a chunked body (no Content-Length) over the body
// limit is stopped while reading, answered 413, and leaves nothing.
func TestServerLimitChunked(t *testing.T) {
	root, dir := openRoot(t)
	srv, done := uploadServer(t, root, Options{Limits: Limits{MaxBodyBytes: 100 << 10, MaxFileBytes: -1}})
	b, ctype := body(t, part{field: "file", filename: "a.txt", data: repeat("x", 1<<20)})
	req, _ := http.NewRequest("POST", srv.URL+"/upload", io.MultiReader(b)) // no length: chunked
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("status %d, want 413", resp.StatusCode)
		}
	} // the server may close before the client has sent everything
	if err := <-done; status(err) != 413 {
		t.Errorf("Save: %v, want 413", err)
	}
	if left := listDir(t, dir); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

// TestDisconnect: a client sends half a file and closes the connection.
// Save must return, and leave no file, complete or temporary.
func TestDisconnect(t *testing.T) {
	root, dir := openRoot(t)
	srv, done := uploadServer(t, root, Options{Limits: Limits{MaxFileBytes: -1, MaxBodyBytes: -1}})
	b, ctype := body(t,
		part{field: "first", filename: "first.txt", data: repeat("a", 1000)},
		part{field: "file", filename: "big.txt", data: repeat("b", 4<<20)})
	whole := b.Bytes()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(whole))
	conn.Write(whole[:len(whole)/2])
	time.Sleep(50 * time.Millisecond) // let the server write part of it
	conn.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Save succeeded on half a body")
		}
		if s := status(err); s != 400 && s != middleware.StatusClientClosedRequest {
			t.Errorf("Save: %v (%d), want 400 or 499", err, s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Save did not return after the client went away")
	}
	if left := listDir(t, dir); len(left) != 0 {
		t.Errorf("left %v after a disconnect", left)
	}
}

// TestCanceledContext: a request whose context ends (a timeout, a server
// shutting down) while the file streams is stopped and cleaned up too.
func TestCanceledContext(t *testing.T) {
	root, dir := openRoot(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	b, ctype := body(t, part{field: "file", filename: "a.txt", data: repeat("c", 2<<20)})
	go func() {
		pw.Write(b.Bytes()[:1<<20])
		cancel()
		pw.Write(b.Bytes()[1<<20:])
		pw.Close()
	}()
	r := httptest.NewRequestWithContext(ctx, "POST", "/", pr)
	r.Header.Set("Content-Type", ctype)
	_, err := Save(httptest.NewRecorder(), r, root, Options{})
	pr.Close()
	if status(err) != middleware.StatusClientClosedRequest {
		t.Errorf("Save: %v, want 499", err)
	}
	if left := listDir(t, dir); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

// TestCurl sends files with curl -F, the way a user would.
func TestCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	root, dir := openRoot(t)
	srv, done := uploadServer(t, root, Options{})
	src := t.TempDir()
	text := repeat("curl sends this\n", 10000)
	if err := os.WriteFile(filepath.Join(src, "notes.txt"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "page.html"), []byte("<!DOCTYPE html><html></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		args = append([]string{"-s", "-o", "-", "-w", "\n%{http_code}", srv.URL + "/upload"}, args...)
		out, err := exec.CommandContext(ctx, curl, args...).Output()
		if err != nil {
			t.Fatalf("curl %q: %v", args, err)
		}
		s := string(out)
		i := strings.LastIndexByte(s, '\n')
		var code int
		fmt.Sscan(s[i+1:], &code)
		return code, s[:i]
	}
	code, out := run("-F", "title=my notes", "-F", "doc=@"+filepath.Join(src, "notes.txt")+";filename=../../evil.txt")
	if err := <-done; err != nil || code != 200 {
		t.Fatalf("curl: %d %s (%v)", code, out, err)
	}
	var form Form
	if err := json.Unmarshal([]byte(out), &form); err != nil {
		t.Fatal(err)
	}
	if len(form.Files) != 1 || form.Files[0].Filename != "evil.txt" || form.Values["title"][0] != "my notes" {
		t.Fatalf("form %+v", form)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, form.Files[0].Name)); !bytes.Equal(got, text) {
		t.Errorf("stored %d bytes, want %d", len(got), len(text))
	}
	// HTML is not on the default list, whatever curl calls it.
	code, out = run("-F", "doc=@"+filepath.Join(src, "page.html")+";type=text/plain")
	if err := <-done; code != 415 || status(err) != 415 {
		t.Errorf("curl with HTML: %d %s, want 415", code, out)
	}
	if left := listDir(t, dir); len(left) != 1 {
		t.Errorf("directory holds %v, want the first upload only", left)
	}
}
