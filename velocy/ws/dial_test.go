package ws

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// wsURL turns an httptest server's URL into a ws:// or wss:// one.
func wsURL(httpURL string) string {
	return "ws" + strings.TrimPrefix(httpURL, "http")
}

func TestDialHandshake(t *testing.T) {
	u := &Upgrader{Subprotocols: []string{"chat", "superchat"}}
	srv, ch := upgradeServer(t, u, nil)
	hdr := http.Header{}
	hdr.Set("Origin", srv.URL)
	hdr.Set("Authorization", "Bearer x")
	hdr.Set("Sec-WebSocket-Extensions", "permessage-deflate") // dropped: Dial offers none
	hdr.Set("Connection", "close")                            // dropped: the handshake owns it
	c, resp, err := Dial(t.Context(), wsURL(srv.URL)+"/chat?room=1", &DialOptions{
		Header:       hdr,
		Subprotocols: []string{"superchat", "chat"},
		ConnOptions:  ConnOptions{MaxMessageSize: 77},
	})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.CloseNow()
	if resp.StatusCode != 101 {
		t.Errorf("status = %d, want 101", resp.StatusCode)
	}
	if c.server || c.Subprotocol() != "chat" || c.opts.MaxMessageSize != 77 {
		t.Errorf("conn: server %v, subprotocol %q, opts %+v", c.server, c.Subprotocol(), c.opts)
	}
	up := <-ch
	if up.err != nil {
		t.Fatalf("Upgrade: %v", up.err)
	}
	defer up.c.CloseNow()
	r := up.r
	if r.URL.RequestURI() != "/chat?room=1" || r.Host != srv.Listener.Addr().String() {
		t.Errorf("server saw %s on Host %q", r.URL.RequestURI(), r.Host)
	}
	if !validKey(r.Header.Get("Sec-WebSocket-Key")) || r.Header.Get("Sec-WebSocket-Version") != "13" {
		t.Errorf("key %q, version %q", r.Header.Get("Sec-WebSocket-Key"), r.Header.Get("Sec-WebSocket-Version"))
	}
	for k, v := range map[string]string{
		"Origin":                   srv.URL,
		"Authorization":            "Bearer x",
		"Sec-WebSocket-Protocol":   "superchat, chat",
		"Sec-WebSocket-Extensions": "",
		"Connection":               "Upgrade",
	} {
		if got := strings.Join(r.Header.Values(k), "|"); got != v {
			t.Errorf("server saw %s = %q, want %q", k, got, v)
		}
	}
	// Bytes the server sends right after its 101 are the client's br's.
	if _, err := up.c.nc.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 2)
	if _, err := io.ReadFull(c.br, b); err != nil || string(b) != "hi" {
		t.Fatalf("client br gave %q, %v", b, err)
	}
}

func TestDialSendsNoOriginByDefault(t *testing.T) {
	srv, ch := upgradeServer(t, &Upgrader{}, nil)
	c, _, err := Dial(t.Context(), wsURL(srv.URL), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	up := <-ch
	defer up.c.CloseNow()
	if o := up.r.Header.Values("Origin"); len(o) != 0 {
		t.Errorf("Origin sent: %q", o)
	}
	if up.r.URL.RequestURI() != "/" || c.Subprotocol() != "" {
		t.Errorf("path %q, subprotocol %q", up.r.URL.RequestURI(), c.Subprotocol())
	}
}

func TestDialRefused(t *testing.T) {
	u := &Upgrader{Check: func(*http.Request) error { return statusErr{401} }}
	srv, ch := upgradeServer(t, u, nil)
	c, resp, err := Dial(t.Context(), wsURL(srv.URL), nil)
	if c != nil {
		t.Fatal("Dial returned a Conn")
	}
	var herr *HandshakeError
	if !errors.As(err, &herr) || herr.StatusCode() != 401 {
		t.Fatalf("Dial error = %v, want a HandshakeError with 401", err)
	}
	if resp == nil || resp.StatusCode != 401 {
		t.Fatalf("response = %v, want the 401", resp)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil || !strings.Contains(string(body), "Check hook") {
		t.Errorf("body %q, %v", body, err)
	}
	<-ch
}

// fakeServer accepts one connection, reads the handshake request and
// answers with what respond returns for the request's key, then drains
// the connection until the test ends.
func fakeServer(t *testing.T, respond func(key string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { ln.Close(); <-done })
	go func() {
		defer close(done)
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		req, err := http.ReadRequest(bufio.NewReader(nc))
		if err != nil {
			return
		}
		io.WriteString(nc, respond(req.Header.Get("Sec-WebSocket-Key")))
		io.Copy(io.Discard, nc)
	}()
	return "ws://" + ln.Addr().String() + "/"
}

func TestDialBadResponses(t *testing.T) {
	ok := func(key string) string {
		return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey(key) + "\r\n"
	}
	for _, tc := range []struct {
		name    string
		respond func(key string) string
		reason  string
	}{
		{"no Upgrade", func(k string) string {
			return "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey(k) + "\r\n\r\n"
		}, "Upgrade"},
		{"no Connection", func(k string) string {
			return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + AcceptKey(k) + "\r\n\r\n"
		}, "Connection"},
		{"wrong Accept", func(string) string {
			return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
		}, "Accept"},
		{"two Accepts", func(k string) string { return ok(k) + "Sec-WebSocket-Accept: " + AcceptKey(k) + "\r\n\r\n" }, "Accept"},
		{"extension", func(k string) string { return ok(k) + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n" }, "extension"},
		{"subprotocol not offered", func(k string) string { return ok(k) + "Sec-WebSocket-Protocol: other\r\n\r\n" }, "subprotocol"},
		{"two subprotocols", func(k string) string { return ok(k) + "Sec-WebSocket-Protocol: chat, v2\r\n\r\n" }, "subprotocols"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := fakeServer(t, tc.respond)
			c, resp, err := Dial(t.Context(), url, &DialOptions{Subprotocols: []string{"chat", "v2"}})
			if c != nil {
				t.Fatal("Dial returned a Conn")
			}
			var herr *HandshakeError
			if !errors.As(err, &herr) || !strings.Contains(herr.Reason, tc.reason) {
				t.Fatalf("Dial error = %v, want a HandshakeError about %s", err, tc.reason)
			}
			if resp == nil || resp.StatusCode != 101 {
				t.Errorf("response = %v, want the faulty 101", resp)
			}
		})
	}
}

func TestDialSkipsInformationalResponses(t *testing.T) {
	url := fakeServer(t, func(k string) string {
		return "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" +
			"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey(k) + "\r\n\r\n"
	})
	c, _, err := Dial(t.Context(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.CloseNow()
}

func TestDialRefusalBodyIsBounded(t *testing.T) {
	big := strings.Repeat("x", 3*maxErrorBodyBytes)
	url := fakeServer(t, func(string) string {
		return fmt.Sprintf("HTTP/1.1 503 Service Unavailable\r\nContent-Length: %d\r\n\r\n%s", len(big), big)
	})
	_, resp, err := Dial(t.Context(), url, nil)
	var herr *HandshakeError
	if !errors.As(err, &herr) || herr.Status != 503 {
		t.Fatalf("Dial error = %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if len(body) != maxErrorBodyBytes {
		t.Errorf("body of %d bytes, want the first %d", len(body), maxErrorBodyBytes)
	}
}

func TestDialHugeHeaderIsBounded(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		io.WriteString(nc, "HTTP/1.1 101 Switching Protocols\r\n")
		line := []byte("X-Filler: " + strings.Repeat("y", 1000) + "\r\n")
		for { // until the client hangs up
			if _, err := nc.Write(line); err != nil {
				return
			}
		}
	}()
	_, _, err = Dial(t.Context(), "ws://"+ln.Addr().String(), nil)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("Dial error = %v, want the response too large", err)
	}
}

func TestDialContextCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	gotRequest := make(chan net.Conn, 1)
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		if _, err := http.ReadRequest(bufio.NewReader(nc)); err == nil {
			gotRequest <- nc // and never answer
		}
	}()
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, _, err := Dial(ctx, "ws://"+ln.Addr().String(), nil)
		errc <- err
	}()
	nc := <-gotRequest
	defer nc.Close()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Dial error = %v, want context.Canceled", err)
	}
}

func TestDialHandshakeTimeout(t *testing.T) {
	// A server that never answers: HandshakeTimeout ends the wait. The
	// timeout is short and the test asserts only that Dial returns, with
	// context.DeadlineExceeded.
	url := fakeServer(t, func(string) string { return "" })
	_, _, err := Dial(t.Context(), url, &DialOptions{HandshakeTimeout: 50 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Dial error = %v, want context.DeadlineExceeded", err)
	}
}

func TestDialTLS(t *testing.T) {
	u := &Upgrader{}
	ch := make(chan upgraded, 1)
	srv := newTLSServer(t, u, ch)
	pool := srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	var dialed string
	c, resp, err := Dial(t.Context(), wsURL(srv.URL), &DialOptions{
		TLSConfig: &tls.Config{RootCAs: pool, NextProtos: []string{"h2"}},
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dialed = addr
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.CloseNow()
	if resp.StatusCode != 101 || dialed != srv.Listener.Addr().String() {
		t.Errorf("status %d, dialed %q", resp.StatusCode, dialed)
	}
	tc, ok := c.NetConn().(*tls.Conn)
	if !ok {
		t.Fatalf("NetConn is a %T, want *tls.Conn", c.NetConn())
	}
	// The certificate was checked against the URL's host (an IP here,
	// which is not sent as SNI); ALPN asked for HTTP/1.1 only.
	if st := tc.ConnectionState(); !st.HandshakeComplete || st.NegotiatedProtocol != "http/1.1" {
		t.Errorf("TLS state: complete %v, ALPN %q", st.HandshakeComplete, st.NegotiatedProtocol)
	}
	up := <-ch
	if up.err != nil {
		t.Fatal(up.err)
	}
	up.c.CloseNow()

	// Without the test CA, the certificate is refused.
	if _, _, err := Dial(t.Context(), wsURL(srv.URL), nil); err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Errorf("Dial without the CA: %v, want a TLS error", err)
	}
}

func TestDialURLErrors(t *testing.T) {
	for _, tc := range []struct {
		url   string
		opts  *DialOptions
		inErr string
	}{
		{"ftp://example.com/", nil, "scheme"},
		{"example.com/ws", nil, "scheme"},
		{"ws:///path", nil, "no host"},
		{"ws://example.com/#top", nil, "fragment"},
		{"ws://exa mple.com/", nil, "invalid"},
		{"ws://example.com/", &DialOptions{Subprotocols: []string{"a b"}}, "token"},
		{"ws://example.com/", &DialOptions{Subprotocols: []string{""}}, "token"},
	} {
		_, resp, err := Dial(t.Context(), tc.url, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.inErr) || resp != nil {
			t.Errorf("Dial(%q) = %v, %v; want an error about %s", tc.url, resp, err, tc.inErr)
		}
	}
}

func TestRequestBytes(t *testing.T) {
	u, err := parseWSURL("wss://bob:secret@example.com:8443/a/b?c=d")
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{"Origin": {"https://example.com"}, "X-Bad": {"v\r\nInjected: 1"}, "Bad Name": {"x"}, "Host": {"evil"}}
	got := string(requestBytes(u, "KEY", &DialOptions{Header: h, Subprotocols: []string{"a", "b"}}))
	want := "GET /a/b?c=d HTTP/1.1\r\nHost: example.com:8443\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: KEY\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a, b\r\n" +
		"Authorization: Basic Ym9iOnNlY3JldA==\r\nOrigin: https://example.com\r\nX-Bad: v  Injected: 1\r\n\r\n"
	if got != want {
		t.Errorf("request:\n%q\nwant\n%q", got, want)
	}
	if h.Get("Authorization") != "" {
		t.Errorf("requestBytes changed the caller's header")
	}
}

// newTLSServer is upgradeServer over TLS.
func newTLSServer(t *testing.T, u *Upgrader, ch chan upgraded) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := u.Upgrade(w, r)
		ch <- upgraded{c, err, r}
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused certificate's handshake error
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}
