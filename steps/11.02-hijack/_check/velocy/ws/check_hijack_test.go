package ws

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// hsWait bounds every blocking call of these tests: only a hang reaches it.
const hsWait = 10 * time.Second

// hsSpyConn records the deadlines set on the connection it wraps.
type hsSpyConn struct {
	net.Conn
	mu            sync.Mutex
	read, written time.Time // the deadlines in force
}

func (c *hsSpyConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	c.read, c.written = t, t
	c.mu.Unlock()
	return c.Conn.SetDeadline(t)
}

func (c *hsSpyConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.read = t
	c.mu.Unlock()
	return c.Conn.SetReadDeadline(t)
}

func (c *hsSpyConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.written = t
	c.mu.Unlock()
	return c.Conn.SetWriteDeadline(t)
}

func (c *hsSpyConn) deadlines() (read, written time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.read, c.written
}

// hsSpyListener wraps every connection it accepts in a hsSpyConn.
type hsSpyListener struct{ net.Listener }

func (l hsSpyListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &hsSpyConn{Conn: c}, nil
}

// hsUnwrapWriter is a middleware's writer: it has Unwrap, not Hijack.
type hsUnwrapWriter struct {
	w http.ResponseWriter
}

func (w *hsUnwrapWriter) Header() http.Header         { return w.w.Header() }
func (w *hsUnwrapWriter) Write(p []byte) (int, error) { return w.w.Write(p) }
func (w *hsUnwrapWriter) WriteHeader(code int)        { w.w.WriteHeader(code) }
func (w *hsUnwrapWriter) Unwrap() http.ResponseWriter { return w.w }

// hsUpgraded is what Upgrade returned on the server.
type hsUpgraded struct {
	c   *Conn
	err error
}

// hsUpgradeServer serves u.Upgrade behind a middleware's writer, with the
// request header X-Hs-Echo copied to the response before the upgrade.
// Each Upgrade's result goes to the channel it returns.
func hsUpgradeServer(t *testing.T, u *Upgrader) (addr string, results chan hsUpgraded) {
	t.Helper()
	results = make(chan hsUpgraded, 4)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				results <- hsUpgraded{nil, fmt.Errorf("Upgrade panicked: %v", p)}
			}
		}()
		w.Header().Set("X-Hs-Echo", r.Header.Get("X-Hs-Echo"))
		c, err := u.Upgrade(&hsUnwrapWriter{w}, r)
		results <- hsUpgraded{c, err}
	}))
	srv.Listener = hsSpyListener{srv.Listener}
	// Timeouts as a production server has them: net/http sets deadlines.
	srv.Config.ReadTimeout = time.Minute
	srv.Config.WriteTimeout = time.Minute
	srv.Start()
	t.Cleanup(func() {
		// Close waits for the handlers: bound the wait, so that an
		// Upgrade that never returns fails the test instead of hanging it.
		closed := make(chan struct{})
		go func() { srv.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(hsWait):
			t.Errorf("the test server could not shut down within %v: Upgrade is still running", hsWait)
		}
	})
	return srv.Listener.Addr().String(), results
}

// hsRawHandshake dials addr and writes, in one write, an upgrade request
// with key, version and header line extra (may be ""), then early.
func hsRawHandshake(t *testing.T, addr, key, version, extra string, early []byte) (net.Conn, *bufio.Reader) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, hsWait)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(hsWait))
	req := "GET /chat HTTP/1.1\r\nHost: " + addr + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: " + version + "\r\n" + extra + "\r\n"
	if _, err := nc.Write(append([]byte(req), early...)); err != nil {
		t.Fatal(err)
	}
	return nc, bufio.NewReader(nc)
}

// hsResult waits for what Upgrade returned.
func hsResult(t *testing.T, results <-chan hsUpgraded) hsUpgraded {
	t.Helper()
	select {
	case r := <-results:
		if r.c != nil {
			t.Cleanup(func() { r.c.nc.Close() })
		}
		return r
	case <-time.After(hsWait):
		t.Fatalf("Upgrade did not return within %v", hsWait)
	}
	return hsUpgraded{}
}

func TestHsUpgrade101(t *testing.T) {
	addr, results := hsUpgradeServer(t, &Upgrader{})
	var kb [16]byte
	for i := range kb {
		kb[i] = byte(rand.IntN(256))
	}
	key := base64.StdEncoding.EncodeToString(kb[:])
	echo := fmt.Sprintf("req-%d", rand.IntN(1e9))
	// Bytes the client sends right behind its request, as a client that
	// does not wait for the 101 sends its first frames.
	early := fmt.Appendf(nil, "early-%d-%s", rand.IntN(1e9), bytes.Repeat([]byte{'e'}, rand.IntN(40)))
	nc, br := hsRawHandshake(t, addr, key, "13", "X-Hs-Echo: "+echo+"\r\n", early)

	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		r := hsResult(t, results)
		t.Fatalf("reading the response to a valid handshake: %v (Upgrade returned %v): hijack, then write the 101 yourself on the connection", err, r.err)
	}
	r := hsResult(t, results)
	if r.err != nil || r.c == nil {
		t.Fatalf("Upgrade of a valid handshake behind a middleware's writer = %v, %v; want a Conn: take the connection with http.NewResponseController(w).Hijack(), which follows Unwrap", r.c, r.err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Proto != "HTTP/1.1" {
		t.Fatalf("the response to a valid handshake is %q, want \"HTTP/1.1 101 Switching Protocols\"", resp.Proto+" "+resp.Status)
	}
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	want := map[string]string{
		"Upgrade":              "websocket",
		"Connection":           "Upgrade",
		"Sec-WebSocket-Accept": base64.StdEncoding.EncodeToString(sum[:]),
		"X-Hs-Echo":            echo,
	}
	for k, v := range want {
		if got := resp.Header.Values(k); len(got) != 1 || got[0] != v {
			why := ""
			if k == "X-Hs-Echo" {
				why = ": headers set on w.Header() before Upgrade go out with the 101 (writeExtraHeader)"
			}
			t.Fatalf("the 101 has %s: %q, want %q%s", k, got, v, why)
		}
	}
	if got := resp.Header.Values("Sec-WebSocket-Protocol"); len(got) > 0 {
		t.Fatalf("the 101 names the subprotocol %q, but none was offered: send the header only when one is chosen", got)
	}

	c := r.c
	if !c.server || c.subprotocol != "" {
		t.Fatalf("Upgrade returned a Conn with server=%v, subprotocol=%q; want true and \"\"", c.server, c.subprotocol)
	}
	spy, ok := c.nc.(*hsSpyConn)
	if !ok {
		t.Fatalf("Conn.nc is a %T, want the connection Hijack returned", c.nc)
	}
	if rd, wd := spy.deadlines(); !rd.IsZero() || !wd.IsZero() {
		t.Fatalf("after Upgrade the connection keeps a read deadline %v and a write deadline %v, want none: clear the one you set for the 101 (nc.SetDeadline(time.Time{}))", rd, wd)
	}

	// What the client sent right behind its request is in the server's
	// bufio.Reader, not in the socket any more. More comes after it (and
	// is longer, so that a Conn that lost the early bytes reads these).
	later := fmt.Appendf(nil, "later-%d-%s", rand.IntN(1e9), bytes.Repeat([]byte{'l'}, 64))
	if _, err := nc.Write(later); err != nil {
		t.Fatal(err)
	}
	_ = c.nc.SetReadDeadline(time.Now().Add(hsWait))
	got := make([]byte, len(early))
	if _, err := io.ReadFull(c.br, got); err != nil || string(got) != string(early) {
		t.Fatalf("reading the %d bytes the client sent right after its request from Conn.br: %q, %v; want %q: pass brw.Reader from Hijack to newConn, it holds them", len(early), got, err, early)
	}
	got = make([]byte, len(later))
	if _, err := io.ReadFull(c.br, got); err != nil || string(got) != string(later) {
		t.Fatalf("reading what the client sent after the 101 from Conn.br: %q, %v; want %q", got, err, later)
	}
}

func TestHsUpgradeRefuses(t *testing.T) {
	addr, results := hsUpgradeServer(t, &Upgrader{})
	version := fmt.Sprint(rand.IntN(13))
	_, br := hsRawHandshake(t, addr, "dGhlIHNhbXBsZSBub25jZQ==", version, "", nil)
	resp, err := http.ReadResponse(br, nil)
	r := hsResult(t, results)
	if err != nil {
		t.Fatalf("reading the response to a handshake of version %s: %v; want a 426 (Upgrade returned %v)", version, err, r.err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUpgradeRequired {
		t.Fatalf("the response to a handshake of version %s is %s, want 426: Upgrade calls validate, and on a refusal refuse(w, herr)", version, resp.Status)
	}
	var herr *HandshakeError
	if r.c != nil || !errors.As(r.err, &herr) || herr.Status != http.StatusUpgradeRequired {
		t.Fatalf("Upgrade of a handshake of version %s = %v, %v; want nil and the *HandshakeError of validate (426)", version, r.c, r.err)
	}
}

// hsNoHijackWriter can neither hijack nor unwrap.
type hsNoHijackWriter struct{ http.ResponseWriter }

func TestHsUpgradeCannotHijack(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/chat", nil)
	r.Header.Set("Upgrade", "websocket")
	r.Header.Set("Connection", "Upgrade")
	r.Header.Set("Sec-WebSocket-Version", "13")
	r.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "%016d", rand.IntN(1e9))))
	rec := httptest.NewRecorder()
	c, err := func() (c *Conn, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("Upgrade panicked: %v", p)
			}
		}()
		var u Upgrader
		return u.Upgrade(hsNoHijackWriter{rec}, r)
	}()
	var herr *HandshakeError
	if c != nil || !errors.As(err, &herr) || herr.Status != http.StatusInternalServerError {
		t.Fatalf("Upgrade through a writer that cannot hijack = %v, %v; want nil and a *HandshakeError with Status 500", c, err)
	}
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("Upgrade through a writer that cannot hijack answered %d, want 500 (refuse(w, herr))", rec.Code)
	}
}

func TestHsUpgradeDial(t *testing.T) {
	addr, results := hsUpgradeServer(t, &Upgrader{})
	ctx, cancel := context.WithTimeout(context.Background(), hsWait)
	defer cancel()
	cc, resp, err := Dial(ctx, "ws://"+addr+"/chat", nil)
	r := hsResult(t, results)
	if err != nil {
		t.Fatalf("Dial of the server = %v (Upgrade returned %v); want a connection", err, r.err)
	}
	defer cc.nc.Close()
	if resp.StatusCode != http.StatusSwitchingProtocols || r.err != nil {
		t.Fatalf("Dial: status %d, Upgrade returned %v; want 101 and a Conn", resp.StatusCode, r.err)
	}
	if got, want := r.c.RemoteAddr().String(), cc.LocalAddr().String(); got != want {
		t.Fatalf("the server's Conn talks to %s, want the client at %s", got, want)
	}
}
