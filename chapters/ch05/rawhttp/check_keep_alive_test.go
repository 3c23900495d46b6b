package rawhttp

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// keepAlivePatience bounds every real-network wait in these checks.
const keepAlivePatience = 5 * time.Second

// keepAliveEcho answers with the request's method and path.
var keepAliveEcho = HandlerFunc(func(w *ResponseWriter, r *Request) {
	fmt.Fprintf(w, "%s %s", r.Method, r.Path)
})

// keepAliveListener counts the connections it accepts.
type keepAliveListener struct {
	net.Listener
	accepted atomic.Int64
}

func (l *keepAliveListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// keepAliveStart serves s on a fresh loopback port until the test ends.
func keepAliveStart(t *testing.T, s *Server) *keepAliveListener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1:0: %v", err)
	}
	kl := &keepAliveListener{Listener: l}
	go s.Serve(kl)
	t.Cleanup(func() { l.Close() })
	return kl
}

// keepAliveConn is one client connection that sends requests and reads responses.
type keepAliveConn struct {
	t    *testing.T
	c    net.Conn
	br   *bufio.Reader
	sent []string // everything sent so far, for the messages
}

func keepAliveDial(t *testing.T, addr string) *keepAliveConn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(keepAlivePatience))
	return &keepAliveConn{t: t, c: c, br: bufio.NewReader(c)}
}

func (k *keepAliveConn) send(raw string) {
	k.t.Helper()
	k.sent = append(k.sent, raw)
	if _, err := io.WriteString(k.c, raw); err != nil {
		k.t.Fatalf("sent %q, then sending %q: %v: the server closed the connection too early", k.sent[:len(k.sent)-1], raw, err)
	}
}

// response reads one response and returns it with its body read.
func (k *keepAliveConn) response() (*http.Response, string) {
	k.t.Helper()
	resp, err := http.ReadResponse(k.br, nil)
	if err != nil {
		k.t.Fatalf("sent %q\nthen reading response %d: %v\n(the server must keep the connection open until the client asks to close)", k.sent, len(k.sent), err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		k.t.Fatalf("sent %q\nreading the body of response %d: %v", k.sent, len(k.sent), err)
	}
	return resp, string(body)
}

// closed checks that the server closes the connection now.
func (k *keepAliveConn) closed(why string) {
	k.t.Helper()
	rest, err := io.ReadAll(k.br)
	if err != nil || len(rest) > 0 {
		k.t.Errorf("sent %q\nafter the last response received %q, then %v\nwant the server to close the connection: %s", k.sent, rest, err, why)
	}
}

func TestWantsClose(t *testing.T) {
	tests := []struct {
		minor int
		conn  []string
		want  bool
	}{
		{1, nil, false},
		{1, []string{"close"}, true},
		{1, []string{"Close"}, true},
		{1, []string{"keep-alive"}, false},
		{1, []string{"Keep-Alive, Close"}, true},
		{1, []string{"upgrade", " close "}, true},
		{1, []string{"closed"}, false},
		{0, nil, true},
		{0, []string{"keep-alive"}, false},
		{0, []string{"Keep-Alive"}, false},
		{0, []string{"keep-alive, close"}, true},
	}
	for _, tt := range tests {
		r := &Request{Method: "GET", Major: 1, Minor: tt.minor, Header: Header{}}
		if tt.conn != nil {
			r.Header["Connection"] = tt.conn
		}
		if got := wantsClose(r); got != tt.want {
			t.Errorf("wantsClose(HTTP/1.%d, Connection %q) = %v, want %v", tt.minor, tt.conn, got, tt.want)
		}
	}
}

func TestWantsCloseRandom(t *testing.T) {
	others := []string{"upgrade", "te", "x-custom", "closed", "keep-alive-ish", "no-close"}
	for range 50 {
		minor := rand.IntN(2)
		var tokens []string
		for range rand.IntN(3) {
			tokens = append(tokens, others[rand.IntN(len(others))])
		}
		hasClose, hasKeep := rand.IntN(3) == 0, rand.IntN(2) == 0
		if hasClose {
			tokens = append(tokens, "close")
		}
		if hasKeep {
			tokens = append(tokens, "keep-alive")
		}
		rand.Shuffle(len(tokens), func(i, j int) { tokens[i], tokens[j] = tokens[j], tokens[i] })
		// Random case, random spaces around the commas, and spread over one or two fields.
		var fields []string
		field := ""
		for i, tok := range tokens {
			if rand.IntN(2) == 0 {
				tok = strings.ToUpper(tok[:1]) + tok[1:]
			}
			if i > 0 && rand.IntN(3) == 0 {
				fields, field = append(fields, field), ""
			}
			if field != "" {
				field += "," + strings.Repeat(" ", rand.IntN(3))
			}
			field += tok
		}
		if field != "" {
			fields = append(fields, field)
		}
		want := hasClose || minor == 0 && !hasKeep
		r := &Request{Method: "GET", Major: 1, Minor: minor, Header: Header{}}
		if fields != nil {
			r.Header["Connection"] = fields
		}
		if got := wantsClose(r); got != want {
			t.Fatalf("wantsClose(HTTP/1.%d, Connection %q) = %v, want %v", minor, fields, got, want)
		}
	}
}

func TestKeepAliveServesMany(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l := keepAliveStart(t, &Server{Handler: keepAliveEcho})
	k := keepAliveDial(t, l.Addr().String())
	for i := 1; i <= 2+rand.IntN(4); i++ {
		path := fmt.Sprintf("/%d-%d", i, rand.IntN(1000))
		k.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n")
		resp, body := k.response()
		if want := "GET " + path; body != want || resp.Close {
			t.Fatalf("sent %q\nresponse %d: body %q, Connection: close %v, want body %q and no Connection: close", k.sent, i, body, resp.Close, want)
		}
	}
	k.send("GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if resp, _ := k.response(); !resp.Close {
		t.Errorf("sent %q\nthe last response has no \"Connection: close\": say so when you are about to close", k.sent)
	}
	k.closed("the client sent Connection: close")
}

func TestKeepAlivePipelined(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l := keepAliveStart(t, &Server{Handler: keepAliveEcho})
	k := keepAliveDial(t, l.Addr().String())
	k.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nPOST /3 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /4 HTTP/1.1\r\nHost: a\r\n\r\n")
	for i, want := range []string{"GET /1", "GET /2", "POST /3", "GET /4"} {
		if _, body := k.response(); body != want {
			t.Fatalf("four requests sent at once %q: response %d has body %q, want %q", k.sent, i+1, body, want)
		}
	}
}

func TestKeepAliveHTTP10(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l := keepAliveStart(t, &Server{Handler: keepAliveEcho})
	k := keepAliveDial(t, l.Addr().String())
	k.send("GET /old HTTP/1.0\r\n\r\n")
	if resp, _ := k.response(); !resp.Close {
		t.Errorf("sent %q\nthe response has no \"Connection: close\"", k.sent)
	}
	k.closed("HTTP/1.0 closes unless the client sends Connection: keep-alive")

	k = keepAliveDial(t, l.Addr().String())
	k.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	if resp, _ := k.response(); resp.Close || resp.Header.Get("Connection") != "keep-alive" {
		t.Errorf("sent %q\nthe response has Connection: close %v, Connection %q, want \"Connection: keep-alive\": an HTTP/1.0 client closes unless told", k.sent, resp.Close, resp.Header.Get("Connection"))
	}
	k.send("GET /b HTTP/1.0\r\n\r\n")
	if _, body := k.response(); body != "GET /b" {
		t.Errorf("sent %q\nthe second response has body %q, want %q", k.sent, body, "GET /b")
	}
	k.closed("the second HTTP/1.0 request did not ask to keep the connection")
}

func TestKeepAliveHandlerCloses(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l := keepAliveStart(t, &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.Path == "/bye" {
			w.Header().Set("Connection", "close")
		}
		io.WriteString(w, r.Path)
	})})
	k := keepAliveDial(t, l.Addr().String())
	k.send("GET /stay HTTP/1.1\r\nHost: a\r\n\r\n")
	if resp, _ := k.response(); resp.Close {
		t.Fatalf("sent %q\nthe response says \"Connection: close\", want the connection kept alive", k.sent)
	}
	k.send("GET /bye HTTP/1.1\r\nHost: a\r\n\r\n")
	if resp, _ := k.response(); !resp.Close {
		t.Errorf("sent %q\nthe handler set Connection: close, but the response does not say \"Connection: close\"", k.sent)
	}
	k.closed("the handler set Connection: close")
}

func TestKeepAliveNetHTTPClient(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l := keepAliveStart(t, &Server{Handler: keepAliveEcho})
	tr := &http.Transport{MaxConnsPerHost: 1}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: keepAlivePatience}
	for i := range 100 {
		resp, err := client.Get(fmt.Sprintf("http://%s/n%d", l.Addr(), i))
		if err != nil {
			t.Fatalf("net/http client, request %d: %v", i, err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if n := l.accepted.Load(); n != 1 {
		t.Errorf("100 requests from net/http's client took %d connections, want 1", n)
	}
}

// keepAlivePipe serves s on one end of an in-memory connection (inside a
// synctest bubble, where time is fake) and returns the other end.
func keepAlivePipe(s *Server) net.Conn {
	server, client := net.Pipe()
	go s.ServeConn(server)
	return client
}

func TestKeepAliveIdleTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := keepAlivePipe(&Server{Handler: keepAliveEcho, IdleTimeout: 5 * time.Second})
		defer c.Close()
		c.SetDeadline(time.Now().Add(time.Minute))
		const sent = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		go io.WriteString(c, sent)
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("sent %q, reading the response: %v", sent, err)
		}
		io.ReadAll(resp.Body)
		start := time.Now()
		rest, err := io.ReadAll(br)
		if idle := time.Since(start); err != nil || len(rest) > 0 || idle != 5*time.Second {
			t.Errorf("with IdleTimeout 5s, after the response the connection stayed open %v, then gave %q, %v; "+
				"want it closed after exactly 5s of silence (a read deadline before waiting for the next request)", idle, rest, err)
		}
	})
}

func TestKeepAliveSlowClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := keepAlivePipe(&Server{Handler: keepAliveEcho, ReadTimeout: 2 * time.Second})
		defer c.Close()
		c.SetDeadline(time.Now().Add(time.Minute))
		const sent = "GET / HTTP/1.1\r\nHost: a\r\n" // the empty line never comes
		go io.WriteString(c, sent)
		start := time.Now()
		got, err := io.ReadAll(c)
		if err != nil || (len(got) > 0 && !strings.HasPrefix(string(got), "HTTP/1.1 408 ")) || time.Since(start) > 10*time.Second {
			t.Errorf("with ReadTimeout 2s, sent %q and nothing more; after %v received %q, then %v; "+
				"want the connection closed after about 2s (a read deadline while reading the request)", sent, time.Since(start), got, err)
		}
	})
}
