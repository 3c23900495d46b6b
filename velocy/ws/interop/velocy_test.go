//go:build !novelocy

package interop

import (
	"context"
	"errors"
	"net/http"
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
		ConnOptions: ws.ConnOptions{
			MaxMessageSize: cmp(cfg.maxMessage, 2*defaultMax),
			PingInterval:   cfg.keepAlive,
			PongTimeout:    hang,
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

// writeFragmented writes through NextWriter in writes of chunk bytes.
func (v *velocyClient) writeFragmented(typ int, data []byte, chunk int) error {
	w, err := v.c.NextWriter(ws.MessageType(typ))
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n := min(chunk, len(data))
		if _, err := w.Write(data[:n]); err != nil {
			return err
		}
		data = data[n:]
	}
	return w.Close()
}

func (v *velocyClient) read() (int, []byte, error) {
	typ, data, err := v.c.ReadMessage()
	return int(typ), data, err
}

func (v *velocyClient) ping(p string) error {
	return v.c.WriteControl(ws.PingMessage, []byte(p), time.Now().Add(hang))
}

// closeHandshake uses CloseWith, which sends the close frame and waits for
// the peer's; velocy does not tell the code the peer echoed.
func (v *velocyClient) closeHandshake(code int, reason string) (int, error) {
	return -1, v.c.CloseWith(code, reason)
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
			MaxMessageSize: cfg.maxMessage,
			PingInterval:   cfg.keepAlive,
			PongTimeout:    hang,
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
		err = velocyEcho(c)
		report(done, serverResult{subprotocol: c.Subprotocol(), err: err})
	})
}

// velocyEcho echoes messages until reading fails, and returns why.
func velocyEcho(c *ws.Conn) error {
	buf := make([]byte, 0, 4096)
	for {
		typ, b, err := c.AppendMessage(buf[:0])
		if err != nil {
			return err
		}
		buf = b
		if err := c.WriteMessage(typ, buf); err != nil {
			return err
		}
	}
}
