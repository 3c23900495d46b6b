package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// hang bounds every wait of these tests: a deadline against hanging, not a
// timing assertion.
const hang = 20 * time.Second

// testServer is the chat on a loopback listener.
type testServer struct {
	t   *testing.T
	app *App
	srv *httptest.Server
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{t: t, app: New(Options{})}
	ts.srv = httptest.NewServer(ts.app.Handler())
	t.Cleanup(func() {
		ts.app.Close() // the sockets first: httptest waits for its connections
		ts.srv.Close()
	})
	return ts
}

// wsURL is the WebSocket URL of room.
func (ts *testServer) wsURL(room string) string {
	return "ws" + strings.TrimPrefix(ts.srv.URL, "http") + "/ws?room=" + url.QueryEscape(room)
}

// login signs in as nick and returns the session cookie, "session=ID".
func (ts *testServer) login(nick string) string {
	ts.t.Helper()
	res, err := http.PostForm(ts.srv.URL+"/login", url.Values{"nickname": {nick}})
	if err != nil {
		ts.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		ts.t.Fatalf("login %q: %d", nick, res.StatusCode)
	}
	return sessionCookie(ts.t, res)
}

// sessionCookie returns the response's session cookie as a Cookie header.
func sessionCookie(t *testing.T, res *http.Response) string {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == "session" && c.Value != "" {
			return c.Name + "=" + c.Value
		}
	}
	t.Fatalf("no session cookie in %v", res.Header["Set-Cookie"])
	return ""
}

// dial opens a WebSocket with the headers given as name, value pairs.
func (ts *testServer) dial(room string, header ...string) (*ws.Conn, error) {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	ctx, cancel := contextWithHang(ts.t)
	defer cancel()
	conn, _, err := ws.Dial(ctx, ts.wsURL(room), &ws.DialOptions{Header: h})
	return conn, err
}

// join signs in as nick, opens room's WebSocket, and reads the notice of
// its own arrival: from then on, the hub sends it everything said there.
func (ts *testServer) join(nick, room string) *chatter {
	ts.t.Helper()
	return ts.joinAs(ts.login(nick), nick, room)
}

func (ts *testServer) joinAs(cookie, nick, room string) *chatter {
	ts.t.Helper()
	conn, err := ts.dial(room, "Cookie", cookie)
	if err != nil {
		ts.t.Fatalf("dial %s as %s: %v", room, nick, err)
	}
	c := &chatter{t: ts.t, nick: nick, room: room, conn: conn}
	ts.t.Cleanup(func() { conn.CloseNow() })
	c.expect(TypeJoin, nick, nick+" joined")
	return c
}

// chatter is one test client.
type chatter struct {
	t          *testing.T
	nick, room string
	conn       *ws.Conn
}

// say sends text.
func (c *chatter) say(text string) {
	c.t.Helper()
	b, _ := json.Marshal(incoming{Text: text})
	if err := c.conn.WriteMessage(ws.TextMessage, b); err != nil {
		c.t.Fatalf("%s: write: %v", c.nick, err)
	}
}

// next reads the next message.
func (c *chatter) next() Message {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(hang))
	typ, data, err := c.conn.ReadMessage()
	if err != nil {
		c.t.Fatalf("%s: read: %v", c.nick, err)
	}
	if typ != ws.TextMessage {
		c.t.Fatalf("%s: a message of type %d", c.nick, typ)
	}
	var m Message
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		c.t.Fatalf("%s: %q: %v", c.nick, data, err)
	}
	if m.At.IsZero() {
		c.t.Errorf("%s: %q has no time", c.nick, data)
	}
	return m
}

// expect reads the next message and checks it.
func (c *chatter) expect(typ, from, text string) Message {
	c.t.Helper()
	m := c.next()
	if m.Type != typ || m.From != from || m.Text != text || m.Room != c.room {
		c.t.Fatalf("%s got %+v, want %s from %q in %s: %q", c.nick, m, typ, from, c.room, text)
	}
	return m
}

// closeCode reads until the connection ends and returns the close code
// the server sent.
func (c *chatter) closeCode() int {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(hang))
	for {
		_, _, err := c.conn.ReadMessage()
		if err == nil {
			continue
		}
		var ce *ws.CloseError
		if !errors.As(err, &ce) {
			c.t.Fatalf("%s: read: %v, want a close", c.nick, err)
		}
		return ce.Code
	}
}

// handshakeStatus returns the HTTP status of a refused handshake.
func handshakeStatus(t *testing.T, err error) int {
	t.Helper()
	var he *ws.HandshakeError
	if !errors.As(err, &he) {
		t.Fatalf("dial: %v, want a refused handshake", err)
	}
	return he.Status
}

// syncBuffer is a bytes.Buffer that the program's goroutines write while
// the test may read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// contextWithHang is the test's context with the hang deadline.
func contextWithHang(t *testing.T) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), hang)
}
