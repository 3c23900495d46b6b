package interop

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

func init() {
	clientKinds["gorilla"] = clientKind{name: "gorilla", dial: dialGorilla, seesPongs: true, seesPings: true}
	serverKinds["gorilla"] = serverKind{name: "gorilla", handler: gorillaHandler, seesPongs: true, seesPings: true}
	closeInfos = append(closeInfos, func(err error) (int, string, bool) {
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Text, true
		}
		return 0, "", false
	})
}

// gorillaClient is a gorilla/websocket client connection.
type gorillaClient struct {
	c *websocket.Conn
	r recorder
}

func dialGorilla(ctx context.Context, url string, cfg dialConfig) (client, *http.Response, error) {
	d := websocket.Dialer{
		Subprotocols:      cfg.subprotocols,
		HandshakeTimeout:  hang,
		WriteBufferSize:   cfg.frame,
		EnableCompression: cfg.compression,
		TLSClientConfig:   cfg.tls,
	}
	h := http.Header{}
	if cfg.origin != "" {
		h.Set("Origin", cfg.origin)
	}
	c, resp, err := d.DialContext(ctx, url, h)
	if err != nil {
		return nil, resp, err
	}
	g := &gorillaClient{c: c}
	c.SetReadLimit(cmp(cfg.maxMessage, 2*defaultMax))
	c.SetReadDeadline(time.Now().Add(hang)) // hang protection only
	c.SetPingHandler(func(s string) error {
		g.r.add("ping", s)
		return gorillaPong(c, s)
	})
	c.SetPongHandler(func(s string) error {
		g.r.add("pong", s)
		return nil
	})
	return g, resp, nil
}

// gorillaPong answers a ping the way gorilla's default handler does: a
// pong that cannot be sent because a close was is not an error.
func gorillaPong(c *websocket.Conn, s string) error {
	err := c.WriteControl(websocket.PongMessage, []byte(s), time.Now().Add(hang))
	if errors.Is(err, websocket.ErrCloseSent) {
		return nil
	}
	return err
}

// cmp is v, or def when v is 0.
func cmp(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}

func (g *gorillaClient) write(typ int, data []byte) error { return g.c.WriteMessage(typ, data) }

// writeFragmented writes through NextWriter. gorilla sends a frame each
// time its write buffer (dialConfig.frame bytes) is full, whatever the size
// of the writes, and the rest as the final frame on Close; a ping between
// writes goes out between two of those frames.
func (g *gorillaClient) writeFragmented(typ int, data []byte, chunk int, pingMid string) error {
	w, err := g.c.NextWriter(typ)
	if err != nil {
		return err
	}
	return writeChunks(w, data, chunk, pinger(g, pingMid))
}

// pinger is a function that has c ping with p, or nil if p is empty.
func pinger(c client, p string) func() error {
	if p == "" {
		return nil
	}
	return func() error { return c.ping(p) }
}

func (g *gorillaClient) read() (int, []byte, error) { return g.c.ReadMessage() }

func (g *gorillaClient) ping(p string) error {
	return g.c.WriteControl(websocket.PingMessage, []byte(p), time.Now().Add(hang))
}

func (g *gorillaClient) closeHandshake(code int, reason string) (int, error) {
	msg := websocket.FormatCloseMessage(code, reason)
	if err := g.c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(hang)); err != nil {
		return -1, err
	}
	for {
		if _, _, err := g.c.ReadMessage(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code, nil
			}
			return -1, err
		}
	}
}

func (g *gorillaClient) subprotocol() string { return g.c.Subprotocol() }
func (g *gorillaClient) rec() *recorder      { return &g.r }
func (g *gorillaClient) closeNow()           { g.c.Close() }

// gorillaHandler is gorilla's echo server: NextReader read into a reused
// buffer, WriteMessage back.
func gorillaHandler(cfg serverConfig, rec *recorder, done chan<- serverResult) http.Handler {
	up := websocket.Upgrader{
		Subprotocols:      cfg.subprotocols,
		CheckOrigin:       func(r *http.Request) bool { return originAllowed(r, cfg.origins) },
		WriteBufferSize:   cfg.fragment,
		EnableCompression: cfg.compression,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return // Upgrade has answered the request
		}
		defer c.Close()
		c.SetReadLimit(cmp(cfg.maxMessage, defaultMax))
		c.SetPingHandler(func(s string) error {
			rec.add("ping", s)
			return gorillaPong(c, s)
		})
		c.SetPongHandler(func(s string) error {
			rec.add("pong", s)
			return nil
		})
		if cfg.pingFirst != "" {
			c.WriteControl(websocket.PingMessage, []byte(cfg.pingFirst), time.Now().Add(hang))
		}
		err = gorillaEcho(c, cfg.fragment)
		report(done, serverResult{subprotocol: c.Subprotocol(), err: err})
	})
}

// gorillaEcho echoes messages until reading fails, and returns why; with
// fragment set, through NextWriter in writes of that many bytes.
func gorillaEcho(c *websocket.Conn, fragment int) error {
	buf := make([]byte, 0, 4096)
	for {
		typ, r, err := c.NextReader()
		if err != nil {
			return err
		}
		if buf, err = readInto(buf, r); err != nil {
			return err
		}
		if typ == textMessage && string(buf) == closePlease {
			return gorillaServerClose(c)
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

// gorillaServerClose sends the server's close and reads until the
// client's; nil if it came back with the same code.
func gorillaServerClose(c *websocket.Conn) error {
	msg := websocket.FormatCloseMessage(serverCloseCode, serverCloseReason)
	if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(hang)); err != nil {
		return err
	}
	for {
		if _, _, err := c.NextReader(); err != nil {
			if code, _, ok := closeInfo(err); ok && code == serverCloseCode {
				return nil
			}
			return err
		}
	}
}

// report sends r on done unless nobody is listening.
func report(done chan<- serverResult, r serverResult) {
	select {
	case done <- r:
	default:
	}
}
