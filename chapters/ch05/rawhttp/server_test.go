package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	accepted atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// startServer serves h on a fresh loopback port until the test ends.
func startServer(t *testing.T, s *Server) *countingListener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: l}
	done := make(chan struct{})
	go func() {
		s.Serve(cl)
		close(done)
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
	})
	return cl
}

// hello answers every request with its method and path.
var hello = HandlerFunc(func(w *ResponseWriter, r *Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "%s %s\n", r.Method, r.Path)
})

// exchange sends raw bytes on a new connection and returns everything the server
// sends back until it closes the connection.
func exchange(t *testing.T, addr, raw string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	go io.WriteString(c, raw) // may block if the server stops reading; the deadline ends it
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("sent %s, then reading: %v (received %s so far)", quoteShort(raw), err, quoteShort(string(got)))
	}
	return string(got)
}

// quoteShort quotes s with its escapes visible, cut to its first 200 bytes.
func quoteShort(s string) string {
	if len(s) <= 200 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes in all)", s[:200], len(s))
}

func TestServerCurlRequest(t *testing.T) {
	l := startServer(t, &Server{Handler: hello})
	raw := "GET /hello HTTP/1.1\r\nHost: " + l.Addr().String() + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\nConnection: close\r\n\r\n"
	got := exchange(t, l.Addr().String(), raw)
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(got)), nil)
	if err != nil {
		t.Fatalf("sent %q, received %q: net/http cannot read it: %v", raw, got, err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != "GET /hello\n" || resp.ContentLength != 11 || resp.Header.Get("Date") == "" {
		t.Errorf("sent %q, received %q", raw, got)
	}
}

func TestServerKeepAliveThousand(t *testing.T) {
	l := startServer(t, &Server{Handler: hello})
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	for i := range 1000 {
		resp, err := client.Get(fmt.Sprintf("http://%s/n/%d", l.Addr(), i))
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprintf("GET /n/%d\n", i); err != nil || string(body) != want {
			t.Fatalf("request %d: body %q, %v, want %q", i, body, err, want)
		}
	}
	if n := l.accepted.Load(); n != 1 {
		t.Errorf("1000 requests took %d connections, want 1", n)
	}
}

func TestServerLoadKeepAlive(t *testing.T) {
	l := startServer(t, &Server{Handler: hello})
	const clients, each = 8, 250
	tr := &http.Transport{MaxConnsPerHost: clients, MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range clients {
		wg.Go(func() {
			for range each {
				resp, err := client.Get("http://" + l.Addr().String() + "/load")
				if err != nil {
					failed.Add(1)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := failed.Load(); n != 0 {
		t.Errorf("%d of %d requests failed", n, clients*each)
	}
	if n := l.accepted.Load(); n > clients {
		t.Errorf("%d clients opened %d connections, want at most %d", clients, n, clients)
	}
}

func TestServerRefusals(t *testing.T) {
	l := startServer(t, &Server{Handler: hello, Limits: Limits{Body: 100}})
	tests := []struct {
		name string
		raw  string
		code int
	}{
		{"malformed request line", "GARBAGE\r\n\r\n", 400},
		{"lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400},
		{"bare LF", "GET / HTTP/1.1\nHost: a\n\n", 400},
		{"CR in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r2\r\n\r\n", 400},
		{"space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},
		{"folded line", "GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n 2\r\n\r\n", 400},
		{"no Host", "GET / HTTP/1.1\r\n\r\n", 400},
		{"negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n", 400},
		{"two Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
		{"Content-Length and chunked", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
		{"bad chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
		{"body too large", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n", 413},
		{"request line too long", "GET /" + strings.Repeat("a", 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
		{"header line too long", "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("a", 9000) + "\r\n\r\n", 431},
		{"too many fields", "GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: 1\r\n", 101) + "\r\n", 431},
		{"gzip", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
		{"HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
		{"junk after a bad line", "GARBAGE\r\n" + strings.Repeat("junk", 64<<10), 400},
	}
	for _, tt := range tests {
		got := exchange(t, l.Addr().String(), tt.raw)
		want := fmt.Sprintf("HTTP/1.1 %d %s\r\n", tt.code, StatusText(tt.code))
		if !strings.HasPrefix(got, want) || !strings.Contains(got, "\r\nConnection: close\r\n") {
			t.Errorf("%s: sent %s, received %s, want %q ... Connection: close, then the connection closed", tt.name, quoteShort(tt.raw), quoteShort(got), want)
		}
	}
}

func TestServerPipelining(t *testing.T) {
	l := startServer(t, &Server{Handler: hello})
	raw := "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
	got := exchange(t, l.Addr().String(), raw)
	br := bufio.NewReader(strings.NewReader(got))
	for i := 1; i <= 3; i++ {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("response %d of %q: %v", i, got, err)
		}
		body, _ := io.ReadAll(resp.Body)
		if want := fmt.Sprintf("GET /%d\n", i); string(body) != want {
			t.Errorf("response %d body = %q, want %q", i, body, want)
		}
	}
}

func TestServerHTTP10(t *testing.T) {
	l := startServer(t, &Server{Handler: hello})
	got := exchange(t, l.Addr().String(), "GET /old HTTP/1.0\r\n\r\n")
	if !strings.Contains(got, "Connection: close\r\n") || !strings.HasSuffix(got, "GET /old\n") {
		t.Errorf("HTTP/1.0 request: received %q, want Connection: close and the body", got)
	}
	got = exchange(t, l.Addr().String(), "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n")
	if strings.Count(got, "HTTP/1.1 200 OK") != 2 || !strings.Contains(got, "Connection: keep-alive\r\n") {
		t.Errorf("HTTP/1.0 keep-alive: received %q, want two responses, the first with Connection: keep-alive", got)
	}
}

func TestServerNetHTTPClient(t *testing.T) {
	mux := HandlerFunc(func(w *ResponseWriter, r *Request) {
		switch r.Path {
		case "/stream":
			for i := range 3 {
				fmt.Fprintf(w, "line %d\n", i)
				w.Flush()
			}
		case "/echo":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(r.Body)
		case "/panic":
			panic("handler bug")
		case "/panic-late":
			io.WriteString(w, "partial")
			w.Flush()
			panic("handler bug after Flush")
		default:
			w.Write([]byte("hello"))
		}
	})
	l := startServer(t, &Server{Handler: mux, ErrorLog: log.New(io.Discard, "", 0)})
	base := "http://" + l.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second}

	resp, err := client.Get(base + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "line 0\nline 1\nline 2\n" || len(resp.TransferEncoding) != 1 {
		t.Errorf("GET /stream: body %q, Transfer-Encoding %v, want three lines, chunked", body, resp.TransferEncoding)
	}

	resp, err = client.Head(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.ContentLength != 5 {
		t.Errorf("HEAD /: Content-Length %d, want 5", resp.ContentLength)
	}

	// A chunked request body: net/http sends one when it cannot know the length.
	resp, err = client.Post(base+"/echo", "text/plain", io.MultiReader(strings.NewReader("abc"), strings.NewReader("def")))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "abcdef" {
		t.Errorf("POST /echo: body %q, want %q", body, "abcdef")
	}

	resp, err = client.Get(base + "/panic")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 500 {
		t.Errorf("GET /panic: status %d, want 500", resp.StatusCode)
	}

	// A panic after the head went out cannot become a 500: the body is cut short.
	resp, err = client.Get(base + "/panic-late")
	if err != nil {
		t.Fatal(err)
	}
	body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "partial" || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("GET /panic-late: status %d, body %q, then %v, want 200, %q, then io.ErrUnexpectedEOF",
			resp.StatusCode, body, err, "partial")
	}
}

// pipeServer serves s on one end of an in-memory connection, inside a synctest
// bubble, and returns the other end.
func pipeServer(s *Server) net.Conn {
	server, client := net.Pipe()
	go s.ServeConn(server)
	return client
}

func TestServerIdleTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := pipeServer(&Server{Handler: hello, IdleTimeout: 5 * time.Second})
		defer c.Close()
		start := time.Now()
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		if _, err := br.ReadByte(); err != io.EOF {
			t.Fatalf("idle connection: read %v, want EOF", err)
		}
		if idle := time.Since(start); idle != 5*time.Second {
			t.Errorf("connection closed after %v idle, want 5s", idle)
		}
	})
}

func TestServerSlowClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := pipeServer(&Server{Handler: hello, ReadTimeout: 2 * time.Second})
		defer c.Close()
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n") // and never the empty line
		got, err := io.ReadAll(c)
		if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 408 Request Timeout\r\n") {
			t.Errorf("slow client received %q, %v, want 408 and EOF", got, err)
		}
	})
}

func TestStatusFor(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{io.EOF, 0},
		{fmt.Errorf("%w: x", ErrMalformed), 400},
		{io.ErrUnexpectedEOF, 400},
		{&net.OpError{Op: "read", Err: fmt.Errorf("i/o timeout: %w", os.ErrDeadlineExceeded)}, 408},
		{ErrBodyTooLarge, 413},
		{ErrURITooLong, 414},
		{ErrHeaderTooLarge, 431},
		{ErrNotImplemented, 501},
		{ErrVersionNotSupported, 505},
		{errors.New("disk on fire"), 500},
	}
	for _, tt := range tests {
		if got := StatusFor(tt.err); got != tt.want {
			t.Errorf("StatusFor(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// FuzzServeConn feeds arbitrary bytes to a connection, in a synctest bubble so
// that every timeout passes at once. Whatever arrives, ServeConn must neither
// panic nor hang, and whatever it sends must be HTTP/1.1 responses.
func FuzzServeConn(f *testing.F) {
	for _, tt := range readRequestTests {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.0\r\n\r\n"))
	f.Add([]byte("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n"))
	quiet := log.New(io.Discard, "", 0)
	f.Fuzz(func(t *testing.T, data []byte) {
		synctest.Test(t, func(t *testing.T) {
			server, client := net.Pipe()
			done := make(chan struct{})
			go func() {
				(&Server{Handler: hello, ErrorLog: quiet}).ServeConn(server)
				close(done)
			}()
			go client.Write(data)
			got, _ := io.ReadAll(client)
			client.Close()
			<-done
			if len(got) > 0 && !strings.HasPrefix(string(got), "HTTP/1.1 ") {
				t.Fatalf("sent %q, received %q, which is not an HTTP/1.1 response", data, got)
			}
		})
	})
}
