package velocy

import (
	"bufio"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNewServerSetsLimits(t *testing.T) {
	h := New()
	addr := "127.0.0.1:" + strconv.Itoa(1024+rand.IntN(60000))
	srv := NewServer(addr, h)
	if srv == nil {
		t.Fatal("NewServer returned nil")
	}
	if srv.Addr != addr || srv.Handler != h {
		t.Errorf("NewServer(%q, h) has Addr %q and Handler %v, want the arguments", addr, srv.Addr, srv.Handler)
	}
	if srv.ReadHeaderTimeout != ReadHeaderTimeout || srv.IdleTimeout != IdleTimeout || srv.MaxHeaderBytes != MaxHeaderBytes {
		t.Errorf("NewServer: ReadHeaderTimeout %v, IdleTimeout %v, MaxHeaderBytes %d; want %v, %v, %d",
			srv.ReadHeaderTimeout, srv.IdleTimeout, srv.MaxHeaderBytes, ReadHeaderTimeout, IdleTimeout, MaxHeaderBytes)
	}
	if srv.ReadTimeout != ReadTimeout || srv.WriteTimeout != WriteTimeout {
		t.Errorf("NewServer: ReadTimeout %v, WriteTimeout %v; want %v, %v: without them a client that stops sending its body holds its handler for ever",
			srv.ReadTimeout, srv.WriteTimeout, ReadTimeout, WriteTimeout)
	}
}

// newServerStatusLine sends raw bytes to addr and returns the status line of
// the answer.
func newServerStatusLine(t *testing.T, addr, request string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatalf("sending the request: %v", err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	return strings.TrimSpace(line)
}

func TestNewServerRefusesHugeHeaders(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "home") })
	srv := NewServer(ln.Addr().String(), r)
	go srv.Serve(ln)
	defer srv.Close()
	big := "GET / HTTP/1.1\r\nHost: x\r\nCookie: " + strings.Repeat("a", 80<<10) + "\r\n\r\n"
	if got, want := newServerStatusLine(t, ln.Addr().String(), big), "HTTP/1.1 431 Request Header Fields Too Large"; got != want {
		t.Errorf("a request with 80 KiB of headers answered %q, want %q: set MaxHeaderBytes", got, want)
	}
}

// newServerGet sends GET path to addr and returns the body.
func newServerGet(addr, path string) (string, error) {
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get("http://" + addr + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func TestServeUntilContextDone(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r := New()
	r.Get("/hello", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "hello") })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, r) }()

	body, err := newServerGet(ln.Addr().String(), "/hello")
	if err != nil || body != "hello" {
		select {
		case err := <-served:
			t.Fatalf("Serve returned %v before ctx was done, want it to serve until then", err)
		default:
			t.Fatalf("GET /hello = %q, %v, want \"hello\"", body, err)
		}
	}
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after its context was cancelled = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve had not returned 5s after its context was cancelled")
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Errorf("the listener still accepts connections after Serve returned: close the server")
	}
}

func TestServeReportsFailure(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close() // Accept fails at once
	if err := Serve(context.Background(), ln, New()); err == nil || !strings.HasPrefix(err.Error(), "velocy: serve: ") {
		t.Errorf("Serve on a closed listener = %v, want an error starting with \"velocy: serve: \"", err)
	}
	if err := ListenAndServe(context.Background(), "127.0.0.1:notaport", New()); err == nil || !strings.HasPrefix(err.Error(), "velocy: ") {
		t.Errorf("ListenAndServe(ctx, \"127.0.0.1:notaport\", h) = %v, want an error starting with \"velocy: \"", err)
	}
}
