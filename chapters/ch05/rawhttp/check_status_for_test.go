package rawhttp

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// statusForPatience bounds every real-network wait in these checks.
const statusForPatience = 5 * time.Second

// statusForStart serves s on a fresh loopback port until the test ends.
func statusForStart(t *testing.T, s *Server) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() { l.Close() })
	return l.Addr().String()
}

// statusForQuote quotes s with its escapes visible, cut to 160 bytes.
func statusForQuote(s string) string {
	if len(s) <= 160 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes in all)", s[:160], len(s))
}

// statusForExchange sends raw (from another goroutine, so a server that stops
// reading cannot block it) and returns what comes back until the server closes.
func statusForExchange(t *testing.T, addr, raw string) (string, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(statusForPatience))
	go io.WriteString(c, raw)
	got, err := io.ReadAll(c)
	return string(got), err
}

// statusForWrapped wraps an error behind a message that does not mention it, the
// way an error from deep inside a parser may arrive: only errors.Is finds it.
type statusForWrapped struct {
	msg string
	err error
}

func (e statusForWrapped) Error() string { return e.msg }
func (e statusForWrapped) Unwrap() error { return e.err }

// statusForWrap wraps err one to three times, with messages that say nothing about it.
func statusForWrap(err error) error {
	words := []string{"reading", "request", "line", "field", "step", "parser", "input"}
	for range 1 + rand.IntN(3) {
		msg := words[rand.IntN(len(words))] + " " + strconv.Itoa(rand.IntN(100))
		if rand.IntN(2) == 0 {
			err = fmt.Errorf("%s: %w", msg, err)
		} else {
			err = statusForWrapped{msg, err}
		}
	}
	return err
}

func TestStatusForErrors(t *testing.T) {
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	tests := []struct {
		what string // what the error is, for the message
		err  error
		want int
	}{
		{"ErrMalformed, wrapped", statusForWrap(ErrMalformed), 400},
		{"io.ErrUnexpectedEOF, wrapped", statusForWrap(io.ErrUnexpectedEOF), 400},
		{"a read timeout (os.ErrDeadlineExceeded in a *net.OpError), wrapped", statusForWrap(timeout), 408},
		{"ErrBodyTooLarge, wrapped", statusForWrap(ErrBodyTooLarge), 413},
		{"ErrURITooLong, wrapped", statusForWrap(ErrURITooLong), 414},
		{"ErrHeaderTooLarge, wrapped", statusForWrap(ErrHeaderTooLarge), 431},
		{"ErrNotImplemented, wrapped", statusForWrap(ErrNotImplemented), 501},
		{"ErrVersionNotSupported, wrapped", statusForWrap(ErrVersionNotSupported), 505},
		{"an error nobody planned for, wrapped", statusForWrap(errors.New("something nobody planned for")), 500},
		{"a new error with ErrMalformed's words, not ErrMalformed", errors.New(ErrMalformed.Error()), 500},
		{"io.EOF, wrapped", statusForWrap(io.EOF), 0},
		{"io.EOF itself", io.EOF, 0},
		{"no error at all", nil, 0},
	}
	rand.Shuffle(len(tests), func(i, j int) { tests[i], tests[j] = tests[j], tests[i] })
	for _, tt := range tests {
		if got := StatusFor(tt.err); got != tt.want {
			t.Errorf("StatusFor(%q) = %d, want %d: the error is %s (compare with errors.Is, which looks through every wrapper)",
				fmt.Sprint(tt.err), got, tt.want, tt.what)
		}
	}
}

func TestRefusalsCarryTheirStatus(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	body := int64(50 + rand.IntN(100))
	addr := statusForStart(t, &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {}), Limits: Limits{Body: body}})
	long := strings.Repeat("a", 8<<10+rand.IntN(4<<10))
	tests := []struct {
		why  string
		raw  string
		code int
	}{
		{"a malformed request line", "GARBAGE\r\n\r\n", 400},
		{"negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n", 400},
		{"Content-Length and chunked", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
		{fmt.Sprintf("a body over Limits.Body (%d)", body), fmt.Sprintf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n", body+1+rand.Int64N(1000)), 413},
		{"a request line over 8 KiB", "GET /" + long + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
		{"a header line over 8 KiB", "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + long + "\r\n\r\n", 431},
		{"more than 100 header fields", "GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: 1\r\n", 101+rand.IntN(50)) + "\r\n", 431},
		{"a transfer coding the server lacks", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
		{"HTTP/2.0 as text", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
	}
	rand.Shuffle(len(tests), func(i, j int) { tests[i], tests[j] = tests[j], tests[i] })
	for _, tt := range tests {
		got, err := statusForExchange(t, addr, tt.raw)
		want := fmt.Sprintf("HTTP/1.1 %d %s\r\n", tt.code, StatusText(tt.code))
		if err != nil || !strings.HasPrefix(got, want) || !strings.Contains(got, "\r\nConnection: close\r\n") {
			t.Errorf("%s: sent %s\nreceived %s, then %v\nwant %q ... \"Connection: close\", then the connection closed",
				tt.why, statusForQuote(tt.raw), statusForQuote(got), err, want)
		}
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
