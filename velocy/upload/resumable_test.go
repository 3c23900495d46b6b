package upload

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func tusServer(t *testing.T) (*httptest.Server, *Resumable, string, *sync.Map) {
	t.Helper()
	root, dir := openRoot(t)
	done := &sync.Map{}
	rs := &Resumable{Root: root, MaxBytes: 10 << 20, OnComplete: func(name string, size int64) { done.Store(name, size) }}
	srv := httptest.NewServer(http.StripPrefix("/files", rs))
	t.Cleanup(srv.Close)
	return srv, rs, dir, done
}

func tusDo(t *testing.T, method, url string, hdr map[string]string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Tus-Resumable", TusVersion)
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestResumable(t *testing.T) {
	srv, _, dir, done := tusServer(t)
	data := repeat("0123456789", 100000) // 1 MB
	resp := tusDo(t, "OPTIONS", srv.URL+"/files/", map[string]string{"Tus-Resumable": ""}, nil)
	if resp.StatusCode != 204 || resp.Header.Get("Tus-Version") != TusVersion || resp.Header.Get("Tus-Extension") != "creation" {
		t.Errorf("OPTIONS = %d %v", resp.StatusCode, resp.Header)
	}
	if resp := tusDo(t, "POST", srv.URL+"/files/", map[string]string{"Tus-Resumable": "", "Upload-Length": "10"}, nil); resp.StatusCode != 412 {
		t.Errorf("POST without Tus-Resumable = %d, want 412", resp.StatusCode)
	}
	for length, want := range map[string]int{"": 400, "-1": 400, "x": 400, strconv.Itoa(11 << 20): 413} {
		if resp := tusDo(t, "POST", srv.URL+"/files/", map[string]string{"Upload-Length": length}, nil); resp.StatusCode != want {
			t.Errorf("POST with Upload-Length %q = %d, want %d", length, resp.StatusCode, want)
		}
	}
	resp = tusDo(t, "POST", srv.URL+"/files/", map[string]string{"Upload-Length": strconv.Itoa(len(data))}, nil)
	loc := resp.Header.Get("Location")
	id := path.Base(loc)
	if resp.StatusCode != 201 || !strings.HasPrefix(loc, "/files/") || !validID(id) {
		t.Fatalf("POST = %d, Location %q", resp.StatusCode, loc)
	}
	url := srv.URL + loc
	head := func() (int, string) {
		resp := tusDo(t, "HEAD", url, nil, nil)
		return resp.StatusCode, resp.Header.Get("Upload-Offset")
	}
	if code, off := head(); code != 200 || off != "0" {
		t.Errorf("HEAD of a new upload = %d, offset %q", code, off)
	}
	octet := map[string]string{"Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"}
	if resp := tusDo(t, "PATCH", url, map[string]string{"Content-Type": "application/octet-stream", "Upload-Offset": "0"}, data[:10]); resp.StatusCode != 415 {
		t.Errorf("PATCH with another type = %d, want 415", resp.StatusCode)
	}
	if resp := tusDo(t, "PATCH", url, map[string]string{"Content-Type": octet["Content-Type"], "Upload-Offset": "5"}, data[5:10]); resp.StatusCode != 409 || resp.Header.Get("Upload-Offset") != "0" {
		t.Errorf("PATCH at the wrong offset = %d, offset %q; want 409 and 0", resp.StatusCode, resp.Header.Get("Upload-Offset"))
	}

	// The first PATCH breaks off halfway: the client closes the connection.
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "PATCH %s HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: %d\r\n\r\n", loc, len(data))
	conn.Write(data[:len(data)/2])
	time.Sleep(50 * time.Millisecond)
	conn.Close()
	// HEAD says how far it got, once the broken PATCH has let go (409
	// until then).
	var off string
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, o := head()
		if code == 200 {
			off = o
			break
		}
		if code != 409 || time.Now().After(deadline) {
			t.Fatalf("HEAD after the break = %d", code)
		}
		time.Sleep(10 * time.Millisecond)
	}
	got, _ := strconv.Atoi(off)
	if got <= 0 || got > len(data)/2 {
		t.Fatalf("offset after the break = %q, want some of the first %d bytes", off, len(data)/2)
	}
	// Too long a body is refused whole, and changes nothing.
	tooLong := map[string]string{"Content-Type": octet["Content-Type"], "Upload-Offset": off}
	if resp := tusDo(t, "PATCH", url, tooLong, append(append([]byte{}, data[got:]...), 'x')); resp.StatusCode != 413 {
		t.Errorf("PATCH past the length = %d, want 413", resp.StatusCode)
	}
	if _, o := head(); o != off {
		t.Errorf("offset after a refused PATCH = %q, want %q", o, off)
	}
	// The rest, from where the server says.
	resp = tusDo(t, "PATCH", url, map[string]string{"Content-Type": octet["Content-Type"], "Upload-Offset": off}, data[got:])
	if resp.StatusCode != 204 || resp.Header.Get("Upload-Offset") != strconv.Itoa(len(data)) {
		t.Fatalf("PATCH of the rest = %d, offset %q", resp.StatusCode, resp.Header.Get("Upload-Offset"))
	}
	stored, err := os.ReadFile(filepath.Join(dir, id))
	if err != nil || !bytes.Equal(stored, data) {
		t.Errorf("stored %d bytes (%v), want the %d sent", len(stored), err, len(data))
	}
	if size, ok := done.Load(id); !ok || size.(int64) != int64(len(data)) {
		t.Errorf("OnComplete: %v %v", size, ok)
	}
	if left := listDir(t, dir); len(left) != 1 || left[0] != id {
		t.Errorf("directory holds %v, want the complete upload alone", left)
	}
	if code, _ := head(); code != 404 {
		t.Errorf("HEAD of a complete upload = %d, want 404 (it is no longer an upload)", code)
	}
}

func TestResumableIDs(t *testing.T) {
	srv, _, _, done := tusServer(t)
	for _, target := range []string{"/files/../secret", "/files/" + strings.Repeat("A", 32), "/files/abc", "/files/.tus-x.part", "/files/" + strings.Repeat("0", 32)} {
		resp, _ := rawTus(t, srv.Listener.Addr().String(), "HEAD", target)
		if resp != 404 {
			t.Errorf("HEAD %s = %d, want 404", target, resp)
		}
	}
	// An empty upload is complete at once.
	resp := tusDo(t, "POST", srv.URL+"/files/", map[string]string{"Upload-Length": "0"}, nil)
	id := path.Base(resp.Header.Get("Location"))
	if _, ok := done.Load(id); resp.StatusCode != 201 || !ok {
		t.Errorf("POST of an empty upload = %d, complete %v", resp.StatusCode, ok)
	}
	if resp := tusDo(t, "DELETE", srv.URL+"/files/"+id, nil, nil); resp.StatusCode != 405 {
		t.Errorf("DELETE = %d, want 405", resp.StatusCode)
	}
}

// rawTus sends a request line as it is, with the tus header.
func rawTus(t *testing.T, addr, method, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nConnection: close\r\n\r\n", method, target)
	b, _ := io.ReadAll(conn)
	var code int
	fmt.Sscanf(string(b), "HTTP/1.1 %d", &code)
	return code, string(b)
}
