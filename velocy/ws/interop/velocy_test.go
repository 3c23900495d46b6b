package interop

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// underTest is the library every pair of the interop tests has on one side.
const underTest = "velocy"

func init() {
	clientKinds["velocy"] = clientKind{name: "velocy", dial: dialVelocy}
	serverKinds["velocy"] = serverKind{name: "velocy", handler: velocyHandler}
	closeInfos = append(closeInfos, func(err error) (int, string, bool) {
		var ce *ws.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Reason, true
		}
		return 0, "", false
	})
}

// pongTimeout is velocy's ConnOptions.PongTimeout in the tests. velocy
// sends its next keep-alive ping no sooner than PongTimeout after the last
// one, so TestKeepAlive's run is about two of these; it is long enough that
// a pong delayed by a loaded machine is not taken for a dead peer.
const pongTimeout = 2 * time.Second

// velocyClient is a velocy/ws client connection (ws.Dial).
type velocyClient struct {
	c *ws.Conn
	r recorder
}

func dialVelocy(ctx context.Context, url string, cfg dialConfig) (client, *http.Response, error) {
	h := http.Header{}
	if cfg.origin != "" {
		h.Set("Origin", cfg.origin)
	}
	c, resp, err := ws.Dial(ctx, url, &ws.DialOptions{
		Subprotocols: cfg.subprotocols,
		Header:       h,
		TLSConfig:    cfg.tls,
		ConnOptions: ws.ConnOptions{
			MaxMessageSize: cmp(cfg.maxMessage, 2*defaultMax),
			PingInterval:   cfg.keepAlive,
			PongTimeout:    pongTimeout,
		},
	})
	if err != nil {
		return nil, resp, err
	}
	c.SetReadDeadline(time.Now().Add(hang)) // hang protection only
	return &velocyClient{c: c}, resp, nil
}

func (v *velocyClient) write(typ int, data []byte) error {
	return v.c.WriteMessage(ws.MessageType(typ), data)
}

// writeFragmented writes through NextWriter in writes of chunk bytes;
// velocy sends a frame each time its write buffer (ConnOptions.
// WriteBufferSize, 4096 by default) is full, and a ping between writes goes
// out between two frames.
func (v *velocyClient) writeFragmented(typ int, data []byte, chunk int, pingMid string) error {
	w, err := v.c.NextWriter(ws.MessageType(typ))
	if err != nil {
		return err
	}
	return writeChunks(w, data, chunk, pinger(v, pingMid))
}

func (v *velocyClient) read() (int, []byte, error) {
	typ, data, err := v.c.ReadMessage()
	return int(typ), data, err
}

func (v *velocyClient) ping(p string) error {
	return v.c.WriteControl(ws.PingMessage, []byte(p), time.Now().Add(hang))
}

// closeHandshake sends the close frame with WriteControl and reads until
// the peer's, to learn the code it echoed. (CloseWith, which does the same
// but does not tell the code, is tried by TestVelocyCloseWith.)
func (v *velocyClient) closeHandshake(code int, reason string) (int, error) {
	if err := v.c.WriteControl(ws.CloseMessage, closePayload(code, reason), time.Now().Add(hang)); err != nil {
		return -1, err
	}
	for {
		if _, _, err := v.c.ReadMessage(); err != nil {
			var ce *ws.CloseError
			if errors.As(err, &ce) {
				return ce.Code, nil
			}
			return -1, err
		}
	}
}

// closePayload is a close frame's payload: the code, big-endian, then the
// reason.
func closePayload(code int, reason string) []byte {
	if code == ws.CloseNoStatus {
		return nil // 1005 means "no code": an empty close frame
	}
	return append([]byte{byte(code >> 8), byte(code)}, reason...)
}

func (v *velocyClient) subprotocol() string { return v.c.Subprotocol() }
func (v *velocyClient) rec() *recorder      { return &v.r }
func (v *velocyClient) closeNow()           { v.c.CloseNow() }

// velocyHandler is velocy's echo server: AppendMessage into a reused
// buffer (the zero-allocation read), WriteMessage back.
func velocyHandler(cfg serverConfig, rec *recorder, done chan<- serverResult) http.Handler {
	up := &ws.Upgrader{
		Subprotocols: cfg.subprotocols,
		Origins:      cfg.origins,
		ConnOptions: ws.ConnOptions{
			MaxMessageSize:  cfg.maxMessage,
			PingInterval:    cfg.keepAlive,
			PongTimeout:     pongTimeout,
			WriteBufferSize: cfg.fragment,
		},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r)
		if err != nil {
			return // Upgrade has answered the request
		}
		defer c.CloseNow()
		if cfg.pingFirst != "" {
			c.WriteControl(ws.PingMessage, []byte(cfg.pingFirst), time.Now().Add(hang))
		}
		err = velocyEcho(c, cfg.fragment, cfg.burst)
		report(done, serverResult{subprotocol: c.Subprotocol(), err: err})
	})
}

// velocyEcho echoes messages until reading fails, and returns why; with
// fragment set, through NextWriter in writes of that many bytes.
func velocyEcho(c *ws.Conn, fragment int, burst bool) error {
	buf := make([]byte, 0, 4096)
	for {
		typ, b, err := c.AppendMessage(buf[:0])
		if err != nil {
			return err
		}
		buf = b
		if typ == ws.TextMessage && string(buf) == burstPlease && burst {
			if err := velocyBurst(c); err != nil {
				return err
			}
			continue
		}
		if typ == ws.TextMessage && string(buf) == closePlease {
			// CloseWith sends the close and waits for the client's.
			return c.CloseWith(serverCloseCode, serverCloseReason)
		}
		if fragment > 0 {
			var w io.WriteCloser
			if w, err = c.NextWriter(typ); err == nil {
				err = writeChunks(w, buf, fragment, nil)
			}
		} else {
			err = c.WriteMessage(typ, buf)
		}
		if err != nil {
			return err
		}
	}
}

// TestVelocyCloseWith closes velocy's client with CloseWith, the way an
// application does: it must return nil once the server answered, and the
// server must have seen the code and reason.
func TestVelocyCloseWith(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		if p.c.name != "velocy" {
			t.Skip("velocy's client only")
		}
		s := startServer(t, p.s, serverConfig{})
		c := dialT(t, p.c, s.url, dialConfig{}).(*velocyClient)
		echo(t, c, textMessage, []byte("before close"), "echo")
		if err := c.c.CloseWith(4003, "closed with CloseWith"); err != nil {
			t.Errorf("CloseWith: %v", err)
		}
		r := s.result(t)
		if code, reason, ok := closeInfo(r.err); !ok || code != 4003 || reason != "closed with CloseWith" {
			t.Errorf("the server's read ended with %T %v, want close 4003", r.err, r.err)
		}
	})
}

// velocyBurst has burstWriters goroutines write burstEach messages each to
// c at once, half of them through NextWriter in several frames: velocy
// serializes writers, and its messages must not interleave.
func velocyBurst(c *ws.Conn) error {
	var wg sync.WaitGroup
	errs := make(chan error, burstWriters)
	for w := range burstWriters {
		wg.Go(func() {
			for i := range burstEach {
				if err := writeBurst(c, w, i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// writeBurst writes message i of writer w: odd ones through NextWriter in
// writes of 700 bytes, even ones with WriteMessage.
func writeBurst(c *ws.Conn, w, i int) error {
	m := burstMessage(w, i)
	if i%2 == 1 {
		nw, err := c.NextWriter(ws.BinaryMessage)
		if err != nil {
			return err
		}
		return writeChunks(nw, m, 700, nil)
	}
	return c.WriteMessage(ws.BinaryMessage, m)
}

// TestConcurrentWriters has eight goroutines write to one velocy Conn at
// once, whole messages and fragmented ones: on the server side to a
// gorilla or coder client, on the client side to a gorilla or coder echo
// server. The other side's reader must get every message whole, each
// writer's in order.
func TestConcurrentWriters(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		switch {
		case p.s.name == "velocy":
			s := startServer(t, p.s, serverConfig{burst: true, fragment: 1000})
			c := dialT(t, p.c, s.url, dialConfig{})
			if err := c.write(textMessage, []byte(burstPlease)); err != nil {
				t.Fatal(err)
			}
			if err := checkBurst(c); err != nil {
				t.Fatalf("the burst from velocy's server: %v", err)
			}
			closeNormally(t, c, s)
		case p.c.name == "velocy":
			s := startServer(t, p.s, serverConfig{})
			c := dialT(t, p.c, s.url, dialConfig{}).(*velocyClient)
			// ConnOptions.WriteBufferSize is velocy's default, 4096:
			// the larger NextWriter messages leave in several frames.
			read := make(chan error, 1)
			go func() { read <- checkBurst(c) }()
			if err := velocyBurst(c.c); err != nil {
				t.Fatalf("writing the burst: %v", err)
			}
			if err := <-read; err != nil {
				t.Fatalf("the echoes of velocy's client's burst: %v", err)
			}
			closeNormally(t, c, s)
		}
	})
}
