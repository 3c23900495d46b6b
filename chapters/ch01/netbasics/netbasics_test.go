package netbasics

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// pipeListener hands out the server end of one net.Pipe.
type pipeListener struct{ c chan net.Conn }

func newPipeListener(conn net.Conn) pipeListener {
	l := pipeListener{make(chan net.Conn, 1)}
	l.c <- conn
	return l
}

func (l pipeListener) Accept() (net.Conn, error) {
	if c, ok := <-l.c; ok {
		return c, nil
	}
	return nil, net.ErrClosed
}
func (l pipeListener) Close() error   { return nil }
func (l pipeListener) Addr() net.Addr { return &net.UnixAddr{Name: "pipe", Net: "pipe"} }

func TestEchoOnceErrors(t *testing.T) {
	tests := []struct {
		name  string
		send  string // what the client sends before hanging up; "-" means it stays silent
		want  error
		after time.Duration
	}{
		{name: "silent", send: "-", want: os.ErrDeadlineExceeded, after: 2 * time.Second},
		{name: "hang up", send: "", want: io.EOF},
		{name: "partial line", send: "no newline", want: io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				server, client := net.Pipe()
				start := time.Now()
				done := make(chan error, 1)
				go func() { done <- EchoOnce(newPipeListener(server), 2*time.Second) }()
				if tt.send != "-" {
					io.WriteString(client, tt.send)
					client.Close()
				}
				err := <-done
				client.Close()
				if !errors.Is(err, tt.want) {
					t.Errorf("EchoOnce after client sent %q = %v, want %v", tt.send, err, tt.want)
				}
				if got := time.Since(start); got != tt.after {
					t.Errorf("EchoOnce returned after %v, want %v", got, tt.after)
				}
			})
		})
	}
}

func TestEchoOnceClosedListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	if err := EchoOnce(ln, time.Second); !errors.Is(err, net.ErrClosed) {
		t.Errorf("EchoOnce(closed listener) = %v, want net.ErrClosed", err)
	}
}

// serveRaw sends raw request bytes to ServeHello over a pipe and returns the
// parsed response and ServeHello's error.
func serveRaw(t *testing.T, request string) (*http.Response, string, error) {
	t.Helper()
	var (
		resp *http.Response
		body []byte
		err  error
	)
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		defer client.Close()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()
		go io.WriteString(client, request)
		resp, err = http.ReadResponse(bufio.NewReader(client), nil)
		if err != nil {
			t.Fatalf("ReadResponse: %v", err)
		}
		body, _ = io.ReadAll(resp.Body)
		err = <-done
	})
	return resp, string(body), err
}

func TestServeHello(t *testing.T) {
	tests := []struct {
		name, request string
		wantStatus    int
		wantBody      string
		wantErr       error
	}{
		{"get", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 200, "hello\n", nil},
		{"http/1.0 without headers", "GET /x HTTP/1.0\r\n\r\n", 200, "hello\n", nil},
		{"bare newlines", "GET / HTTP/1.1\nHost: a\n\n", 200, "hello\n", nil},
		{"post", "POST /form HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 200, "hello\n", nil},
		{"garbage", "HELLO\r\n\r\n", 400, "bad request\n", ErrMalformedRequest},
		{"http/2 preface", "PRI * HTTP/2.0\r\n\r\n", 400, "bad request\n", ErrMalformedRequest},
		{"empty request line", "\r\nHost: a\r\n\r\n", 400, "bad request\n", ErrMalformedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body, err := serveRaw(t, tt.request)
			if resp.StatusCode != tt.wantStatus || body != tt.wantBody {
				t.Errorf("ServeHello(%q) answered %d %q, want %d %q", tt.request, resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("ServeHello(%q) returned %v, want %v", tt.request, err, tt.wantErr)
			}
		})
	}
}

func TestServeHelloTruncatedHead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()
		io.WriteString(client, "GET / HTTP/1.1\r\nHost: a\r\n")
		client.Close() // hang up before the blank line
		if err := <-done; !errors.Is(err, io.EOF) {
			t.Errorf("ServeHello with a truncated head = %v, want io.EOF", err)
		}
	})
}

func TestParseRequestLineStrictSyntax(t *testing.T) {
	for _, line := range []string{
		"GE(T / HTTP/1.1",      // '(' is not a token character
		"GET /a\x00b HTTP/1.1", // control character in the target
		"GET /a\tb HTTP/1.1",
		"GET / HTTP/1.1 ",
	} {
		if _, _, _, err := ParseRequestLine(line); !errors.Is(err, ErrMalformedRequest) {
			t.Errorf("ParseRequestLine(%q) = %v, want ErrMalformedRequest", line, err)
		}
	}
	if m, _, _, err := ParseRequestLine("M-SEARCH * HTTP/1.1"); m != "M-SEARCH" || err != nil {
		t.Errorf("ParseRequestLine(\"M-SEARCH * HTTP/1.1\") = %q, %v; want \"M-SEARCH\", nil", m, err)
	}
}

func FuzzParseRequestLine(f *testing.F) {
	for _, seed := range []string{
		"GET / HTTP/1.1", "POST /users?id=7 HTTP/1.0", "OPTIONS * HTTP/1.1", "", "GET /",
		"GET  / HTTP/1.1", "GET / HTTP/2.0", "GET / http/1.1", "GET / HTTP/1.1\r", "M-SEARCH * HTTP/1.1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		m, tg, v, err := ParseRequestLine(line)
		if err != nil {
			if !errors.Is(err, ErrMalformedRequest) {
				t.Fatalf("ParseRequestLine(%q) error %v does not wrap ErrMalformedRequest", line, err)
			}
			return
		}
		if got := m + " " + tg + " " + v; got != line {
			t.Fatalf("ParseRequestLine(%q) parts rejoin to %q", line, got)
		}
		if strings.ContainsAny(m+tg, " \r\n") {
			t.Fatalf("ParseRequestLine(%q) = %q, %q: parts contain whitespace", line, m, tg)
		}
	})
}

func TestFirstIPv4(t *testing.T) {
	r := fakeResolver{
		"a.test":    {"192.0.2.1"},
		"v6.test":   {"2001:db8::1"},
		"none.test": {},
		"bad.test":  {"", "x", "300.1.1.1"},
	}
	tests := []struct {
		host, want string
		wantErr    error
	}{
		{"a.test", "192.0.2.1", nil},
		{"v6.test", "", ErrNoIPv4},
		{"none.test", "", ErrNoIPv4},
		{"bad.test", "", ErrNoIPv4},
	}
	for _, tt := range tests {
		got, err := FirstIPv4(context.Background(), r, tt.host)
		if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("FirstIPv4(%q) = %q, %v; want %q, %v", tt.host, got, err, tt.want, tt.wantErr)
		}
	}
}

type fakeResolver map[string][]string

func (f fakeResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	return f[host], nil
}
