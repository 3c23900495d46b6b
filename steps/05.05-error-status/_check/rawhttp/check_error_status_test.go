package rawhttp

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// errorStatusPatience bounds every real-network wait in these checks.
const errorStatusPatience = 5 * time.Second

// errorStatusStart serves s on a fresh loopback port until the test ends.
func errorStatusStart(t *testing.T, s *Server) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() { l.Close() })
	return l.Addr().String()
}

// errorStatusQuote quotes s with its escapes visible, cut to 160 bytes.
func errorStatusQuote(s string) string {
	if len(s) <= 160 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes in all)", s[:160], len(s))
}

// errorStatusExchange sends raw (from another goroutine, so a server that stops
// reading cannot block it) and returns what comes back until the server closes.
func errorStatusExchange(t *testing.T, addr, raw string) (string, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(errorStatusPatience))
	go io.WriteString(c, raw)
	got, err := io.ReadAll(c)
	return string(got), err
}

func TestStatusForErrors(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("%w: header line has no colon", ErrMalformed), 400},
		{io.ErrUnexpectedEOF, 400},
		{fmt.Errorf("read tcp: %w", os.ErrDeadlineExceeded), 408},
		{fmt.Errorf("%w: Content-Length 5000000", ErrBodyTooLarge), 413},
		{fmt.Errorf("%w: more than 8192 bytes", ErrURITooLong), 414},
		{fmt.Errorf("%w: more than 100 fields", ErrHeaderTooLarge), 431},
		{fmt.Errorf("%w: transfer coding gzip", ErrNotImplemented), 501},
		{fmt.Errorf("%w: HTTP/2.0", ErrVersionNotSupported), 505},
		{errors.New("something nobody planned for"), 500},
		{io.EOF, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		if got := StatusFor(tt.err); got != tt.want {
			t.Errorf("StatusFor(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestRefusalsCarryTheirStatus(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := errorStatusStart(t, &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {}), Limits: Limits{Body: 100}})
	tests := []struct {
		why  string
		raw  string
		code int
	}{
		{"a malformed request line", "GARBAGE\r\n\r\n", 400},
		{"negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n", 400},
		{"Content-Length and chunked", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
		{"a body over Limits.Body", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n", 413},
		{"a request line over 8 KiB", "GET /" + strings.Repeat("a", 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
		{"a header line over 8 KiB", "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("a", 9000) + "\r\n\r\n", 431},
		{"101 header fields", "GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: 1\r\n", 101) + "\r\n", 431},
		{"a transfer coding the server lacks", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
		{"HTTP/2.0 as text", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
	}
	for _, tt := range tests {
		got, err := errorStatusExchange(t, addr, tt.raw)
		want := fmt.Sprintf("HTTP/1.1 %d %s\r\n", tt.code, StatusText(tt.code))
		if err != nil || !strings.HasPrefix(got, want) || !strings.Contains(got, "\r\nConnection: close\r\n") {
			t.Errorf("%s: sent %s\nreceived %s, then %v\nwant %q ... \"Connection: close\", then the connection closed", tt.why, errorStatusQuote(tt.raw), errorStatusQuote(got), err, want)
		}
	}
}

func TestRefusalIsNotLost(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := errorStatusStart(t, &Server{})
	raw := "GARBAGE\r\n" + strings.Repeat("more junk ", 12<<10) // 120 KiB the server never reads as a request
	got, err := errorStatusExchange(t, addr, raw)
	if err != nil || !strings.HasPrefix(got, "HTTP/1.1 400 Bad Request\r\n") {
		t.Errorf("sent %s\nreceived %s, then %v\nwant the 400 response and a clean end of the connection. "+
			"Closing a socket with unread input makes the kernel send a reset, which can destroy the answer: "+
			"shut down the writing side (CloseWrite) and read what the client still sends before closing", errorStatusQuote(raw), errorStatusQuote(got), err)
	}
}

func TestHandlerPanicIs500(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	if StatusFor(errors.New("x")) != 500 {
		t.Fatal("StatusFor(an unknown error) is not 500 yet: write StatusFor first, then recover from handler panics in ServeConn")
	}
	addr := errorStatusStart(t, &Server{ErrorLog: log.New(io.Discard, "", 0), Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.Path == "/panic" {
			panic("this handler panics on purpose: ServeConn should recover and answer 500")
		}
		io.WriteString(w, "still here")
	})})
	got, err := errorStatusExchange(t, addr, "GET /panic HTTP/1.1\r\nHost: a\r\n\r\n")
	if err != nil || !strings.HasPrefix(got, "HTTP/1.1 500 Internal Server Error\r\n") {
		t.Errorf("a handler that panics: received %s, then %v, want a 500 response and a closed connection", errorStatusQuote(got), err)
	}
	got, _ = errorStatusExchange(t, addr, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if !strings.HasSuffix(got, "still here") {
		t.Errorf("after a handler panicked, the next request received %s, want the server still serving", errorStatusQuote(got))
	}
}

func TestSlowClientGets408(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, c := net.Pipe()
		go (&Server{ReadTimeout: 2 * time.Second}).ServeConn(server)
		defer c.Close()
		c.SetDeadline(time.Now().Add(time.Minute))
		const sent = "GET / HTTP/1.1\r\nHost: a\r\n" // and never the empty line
		go io.WriteString(c, sent)
		got, err := io.ReadAll(c)
		if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 408 Request Timeout\r\n") {
			t.Errorf("with ReadTimeout 2s, sent %q and nothing more; received %q, then %v\nwant \"HTTP/1.1 408 Request Timeout\\r\\n\" and a closed connection", sent, got, err)
		}
	})
}
