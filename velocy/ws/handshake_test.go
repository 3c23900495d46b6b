package ws

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// upgradeRequest returns a valid handshake request for host.
func upgradeRequest(host string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "http://"+host+"/ws", nil)
	r.Header.Set("Connection", "Upgrade")
	r.Header.Set("Upgrade", "websocket")
	r.Header.Set("Sec-WebSocket-Version", "13")
	r.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
	return r
}

type statusErr struct{ code int }

func (e statusErr) Error() string   { return "status error" }
func (e statusErr) StatusCode() int { return e.code }

func TestUpgradeRefusals(t *testing.T) {
	errNoToken := errors.New("no token")
	for _, tc := range []struct {
		name   string
		u      Upgrader
		edit   func(r *http.Request)
		status int
		header map[string]string // response fields that must be there
	}{
		{"POST", Upgrader{}, func(r *http.Request) { r.Method = http.MethodPost }, 405, map[string]string{"Allow": "GET"}},
		{"HTTP/1.0", Upgrader{}, func(r *http.Request) { r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.0", 1, 0 }, 400, nil},
		{"body", Upgrader{}, func(r *http.Request) { r.ContentLength = 5; r.Body = io.NopCloser(strings.NewReader("hello")) }, 400, nil},
		{"chunked body", Upgrader{}, func(r *http.Request) { r.ContentLength = -1; r.TransferEncoding = []string{"chunked"} }, 400, nil},
		{"no Connection", Upgrader{}, func(r *http.Request) { r.Header.Del("Connection") }, 400, nil},
		{"Connection keep-alive", Upgrader{}, func(r *http.Request) { r.Header.Set("Connection", "keep-alive") }, 400, nil},
		{"Connection upgraded", Upgrader{}, func(r *http.Request) { r.Header.Set("Connection", "upgraded") }, 400, nil},
		{"no Upgrade", Upgrader{}, func(r *http.Request) { r.Header.Del("Upgrade") }, 400, nil},
		{"Upgrade h2c", Upgrader{}, func(r *http.Request) { r.Header.Set("Upgrade", "h2c") }, 400, nil},
		{"no version", Upgrader{}, func(r *http.Request) { r.Header.Del("Sec-WebSocket-Version") }, 426, map[string]string{"Sec-WebSocket-Version": "13"}},
		{"version 8", Upgrader{}, func(r *http.Request) { r.Header.Set("Sec-WebSocket-Version", "8") }, 426, map[string]string{"Sec-WebSocket-Version": "13"}},
		{"two versions", Upgrader{}, func(r *http.Request) { r.Header.Add("Sec-WebSocket-Version", "13") }, 426, nil},
		{"no key", Upgrader{}, func(r *http.Request) { r.Header.Del("Sec-WebSocket-Key") }, 400, nil},
		{"short key", Upgrader{}, func(r *http.Request) { r.Header.Set("Sec-WebSocket-Key", "c2hvcnQ=") }, 400, nil},
		{"key not base64", Upgrader{}, func(r *http.Request) { r.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25j!Q==") }, 400, nil},
		{"two keys", Upgrader{}, func(r *http.Request) { r.Header.Add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==") }, 400, nil},
		{"cross origin", Upgrader{}, func(r *http.Request) { r.Header.Set("Origin", "https://evil.net") }, 403, nil},
		{"null origin", Upgrader{}, func(r *http.Request) { r.Header.Set("Origin", "null") }, 403, nil},
		{"Check refuses", Upgrader{Check: func(*http.Request) error { return errNoToken }}, nil, 403, nil},
		{"Check 401", Upgrader{Check: func(*http.Request) error { return statusErr{401} }}, nil, 401, nil},
		{"Check bad status", Upgrader{Check: func(*http.Request) error { return statusErr{200} }}, nil, 403, nil},
		{"cannot hijack", Upgrader{}, nil, 500, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := upgradeRequest("example.com")
			if tc.edit != nil {
				tc.edit(r)
			}
			w := httptest.NewRecorder()
			c, err := tc.u.Upgrade(w, r)
			if c != nil {
				t.Fatalf("Upgrade returned a Conn")
			}
			var herr *HandshakeError
			if !errors.As(err, &herr) {
				t.Fatalf("Upgrade error = %v, want a *HandshakeError", err)
			}
			if herr.StatusCode() != tc.status || w.Code != tc.status {
				t.Errorf("status: error says %d, response %d, want %d", herr.StatusCode(), w.Code, tc.status)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type = %q, want text/plain", ct)
			}
			if body := w.Body.String(); !strings.Contains(body, herr.Reason) || len(body) > 200 {
				t.Errorf("body = %q, want a short text with the reason %q", body, herr.Reason)
			}
			for k, v := range tc.header {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if w.Header().Get("Sec-WebSocket-Accept") != "" {
				t.Errorf("a refusal carries Sec-WebSocket-Accept")
			}
		})
	}
}

func TestCheckErrorIsKept(t *testing.T) {
	errNoToken := errors.New("no token")
	u := Upgrader{Check: func(*http.Request) error { return errNoToken }}
	w := httptest.NewRecorder()
	_, err := u.Upgrade(w, upgradeRequest("example.com"))
	if !errors.Is(err, errNoToken) {
		t.Fatalf("Upgrade error = %v, want one wrapping the Check error", err)
	}
	if strings.Contains(w.Body.String(), "no token") {
		t.Errorf("the Check error's text reached the client: %q", w.Body.String())
	}
}

func TestUpgradeAcceptsTokenLists(t *testing.T) {
	r := upgradeRequest("example.com")
	r.Header.Del("Connection")
	r.Header.Add("Connection", "keep-alive")
	r.Header.Add("Connection", "foo,  UPGRADE ")
	r.Header.Set("Upgrade", "h2c, WebSocket")
	r.Header.Set("Sec-WebSocket-Version", " 13 ")
	w := httptest.NewRecorder()
	_, err := (&Upgrader{}).Upgrade(w, r)
	// A recorder cannot be hijacked: reaching that step means every check passed.
	var herr *HandshakeError
	if !errors.As(err, &herr) || herr.Status != 500 || !errors.Is(err, http.ErrNotSupported) {
		t.Fatalf("Upgrade error = %v, want the hijack failure", err)
	}
}

func TestChooseSubprotocol(t *testing.T) {
	for _, tc := range []struct {
		server []string
		lines  []string
		want   string
	}{
		{nil, []string{"chat"}, ""},
		{[]string{"chat"}, nil, ""},
		{[]string{"chat"}, []string{"chat"}, "chat"},
		{[]string{"chat", "superchat"}, []string{"superchat, chat"}, "chat"},
		{[]string{"superchat", "chat"}, []string{"chat", "superchat"}, "superchat"},
		{[]string{"v2", "v1"}, []string{" v1 ,", ", v3"}, "v1"},
		{[]string{"Chat"}, []string{"chat"}, ""}, // subprotocols are case-sensitive
		{[]string{"a"}, []string{"b, c"}, ""},
	} {
		r := upgradeRequest("example.com")
		for _, l := range tc.lines {
			r.Header.Add("Sec-WebSocket-Protocol", l)
		}
		u := &Upgrader{Subprotocols: tc.server}
		if got := u.chooseSubprotocol(r); got != tc.want {
			t.Errorf("server %q, offered %q: chose %q, want %q", tc.server, tc.lines, got, tc.want)
		}
	}
}

func TestHeaderTokens(t *testing.T) {
	h := http.Header{}
	h.Add("X", "a, b,,c ")
	h.Add("X", "\td\t, ")
	h.Add("X", "")
	if got, want := headerTokens(h, "X"), []string{"a", "b", "c", "d"}; !reflect.DeepEqual(got, want) {
		t.Errorf("headerTokens = %q, want %q", got, want)
	}
	if !headerHasToken(h, "x", "D") || headerHasToken(h, "X", "e") || headerHasToken(h, "X", "") {
		t.Errorf("headerHasToken disagrees with headerTokens %q", headerTokens(h, "X"))
	}
}

func FuzzHeaderTokens(f *testing.F) {
	for _, s := range []string{"", "upgrade", "keep-alive, Upgrade", " , ,", "a,\tb", "websocket/13, h2c", "\x00,\xff"} {
		f.Add(s, "upgrade")
	}
	f.Fuzz(func(t *testing.T, line, token string) {
		h := http.Header{"X": {line, line}}
		toks := headerTokens(h, "X")
		found := false
		for _, tok := range toks {
			if tok == "" || strings.Contains(tok, ",") || strings.Trim(tok, " \t") != tok {
				t.Fatalf("token %q from %q", tok, line)
			}
			if strings.EqualFold(tok, token) {
				found = true
			}
		}
		if len(toks)%2 != 0 {
			t.Fatalf("two equal lines gave %d tokens", len(toks))
		}
		trimmed := strings.Trim(token, " \t")
		if trimmed != "" && !strings.Contains(token, ",") && headerHasToken(h, "X", token) != found {
			t.Fatalf("headerHasToken(%q, %q) = %v, tokens %q", line, token, !found, toks)
		}
	})
}

// upgradeServer serves Upgrade with u and hands each Conn, or error, to
// the returned channel.
type upgraded struct {
	c   *Conn
	err error
	r   *http.Request
}

func upgradeServer(t *testing.T, u *Upgrader, before func(w http.ResponseWriter)) (*httptest.Server, chan upgraded) {
	t.Helper()
	ch := make(chan upgraded, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if before != nil {
			before(w)
		}
		c, err := u.Upgrade(w, r)
		ch <- upgraded{c, err, r}
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func TestUpgradeOverTheWire(t *testing.T) {
	u := &Upgrader{Subprotocols: []string{"chat", "superchat"}, ConnOptions: ConnOptions{MaxMessageSize: 1234}}
	srv, ch := upgradeServer(t, u, func(w http.ResponseWriter) {
		w.Header().Set("Set-Cookie", "a=b")
		w.Header().Set("Content-Length", "99")
		w.Header().Set("Sec-WebSocket-Extensions", "permessage-deflate")
		w.Header().Set("X-Bad", "one\r\nInjected: yes")
	})
	nc, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	_ = nc.SetDeadline(time.Now().Add(time.Minute)) // hang protection only

	// The request and the client's first bytes go in one write: the
	// server's reader takes them in together, and Upgrade must keep them.
	req := "GET /ws HTTP/1.1\r\nHost: " + srv.Listener.Addr().String() + "\r\n" +
		"Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n" +
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
		"Sec-WebSocket-Protocol: superchat\r\nSec-WebSocket-Protocol: chat\r\n" +
		"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" +
		"Origin: " + srv.URL + "\r\n\r\n" +
		"early bytes"
	if _, err := io.WriteString(nc, req); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(nc)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	if resp.StatusCode != 101 || resp.Proto != "HTTP/1.1" {
		t.Fatalf("status line = %s %s, want HTTP/1.1 101", resp.Proto, resp.Status)
	}
	for k, v := range map[string]string{
		"Upgrade":                  "websocket",
		"Connection":               "Upgrade",
		"Sec-Websocket-Accept":     "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
		"Sec-Websocket-Protocol":   "chat",
		"Set-Cookie":               "a=b",
		"Content-Length":           "",
		"Sec-Websocket-Extensions": "",
		"X-Bad":                    "one  Injected: yes",
		"Injected":                 "",
	} {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("response %s = %q, want %q", k, got, v)
		}
	}

	up := <-ch
	if up.err != nil {
		t.Fatalf("Upgrade: %v", up.err)
	}
	c := up.c
	defer c.CloseNow()
	if !c.server || c.subprotocol != "chat" || c.Subprotocol() != "chat" || c.opts.MaxMessageSize != 1234 {
		t.Errorf("conn: server %v, subprotocol %q, opts %+v", c.server, c.subprotocol, c.opts)
	}
	got := make([]byte, len("early bytes"))
	if _, err := io.ReadFull(c.br, got); err != nil || string(got) != "early bytes" {
		t.Fatalf("c.br gave %q, %v, want the bytes sent after the request", got, err)
	}
	// The hijacked connection is the client's: what the server writes on
	// it follows the 101.
	if _, err := c.nc.Write([]byte("from server")); err != nil {
		t.Fatal(err)
	}
	got = make([]byte, len("from server"))
	if _, err := io.ReadFull(br, got); err != nil || string(got) != "from server" {
		t.Fatalf("client read %q, %v after the 101", got, err)
	}
	if c.RemoteAddr().String() != nc.LocalAddr().String() {
		t.Errorf("RemoteAddr = %v, want the client's %v", c.RemoteAddr(), nc.LocalAddr())
	}
}

func TestUpgradeClearsServerDeadlines(t *testing.T) {
	// The server's ReadTimeout would cut a long-lived connection; after
	// Upgrade the Conn has no deadline. A read that does not fail at the
	// server's deadline shows it, without measuring time: the client
	// writes only after the server has had its deadline pass.
	u := &Upgrader{}
	srv := httptest.NewUnstartedServer(nil)
	ch := make(chan upgraded, 1)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := u.Upgrade(w, r)
		ch <- upgraded{c, err, r}
	})
	srv.Config.ReadTimeout = time.Second
	srv.Config.WriteTimeout = time.Second
	srv.Start()
	defer srv.Close()

	c, _, err := Dial(t.Context(), "ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	up := <-ch
	if up.err != nil {
		t.Fatal(up.err)
	}
	defer up.c.CloseNow()
	done := make(chan string, 1)
	go func() {
		b := make([]byte, 2)
		_, err := io.ReadFull(up.c.br, b)
		if err != nil {
			done <- err.Error()
			return
		}
		done <- string(b)
	}()
	time.Sleep(1500 * time.Millisecond) // past the server's deadlines; not an assertion on time
	if _, err := c.nc.Write([]byte("ok")); err != nil {
		t.Fatal(err)
	}
	if got := <-done; got != "ok" {
		t.Fatalf("server read %q, want ok: a server deadline is still set", got)
	}
}

// unwrapOnly hides every method of the writer underneath but Unwrap, as a
// careless middleware would; http.ResponseController still reaches it.
type unwrapOnly struct{ w http.ResponseWriter }

func (u unwrapOnly) Header() http.Header         { return u.w.Header() }
func (u unwrapOnly) Write(p []byte) (int, error) { return u.w.Write(p) }
func (u unwrapOnly) WriteHeader(code int)        { u.w.WriteHeader(code) }
func (u unwrapOnly) Unwrap() http.ResponseWriter { return u.w }

func TestUpgradeThroughUnwrap(t *testing.T) {
	u := &Upgrader{}
	ch := make(chan upgraded, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := u.Upgrade(unwrapOnly{w}, r)
		ch <- upgraded{c, err, r}
	}))
	defer srv.Close()
	c, _, err := Dial(t.Context(), wsURL(srv.URL), nil)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	c.CloseNow()
	up := <-ch
	if up.err != nil {
		t.Fatalf("Upgrade through a writer with only Unwrap: %v", up.err)
	}
	up.c.CloseNow()
}

func BenchmarkAcceptKey(b *testing.B) {
	for b.Loop() {
		AcceptKey("dGhlIHNhbXBsZSBub25jZQ==")
	}
}

func BenchmarkOriginWildcard(b *testing.B) {
	r := upgradeRequest("api.example.org")
	r.Header.Set("Origin", "https://app.example.com")
	u := &Upgrader{Origins: []string{"https://a.example.net", "https://*.example.com"}}
	for b.Loop() {
		if !u.originAllowed(r) {
			b.Fatal("refused")
		}
	}
}

// BenchmarkHandshake measures a whole loopback handshake: TCP connect,
// request, checks, hijack, 101, response checks, close.
func BenchmarkHandshake(b *testing.B) {
	u := &Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := u.Upgrade(w, r); err == nil {
			c.CloseNow()
		}
	}))
	defer srv.Close()
	url := wsURL(srv.URL)
	for b.Loop() {
		c, _, err := Dial(context.Background(), url, nil)
		if err != nil {
			b.Fatal(err)
		}
		c.CloseNow()
	}
}
