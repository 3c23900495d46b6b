package interop

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/coder/websocket"
)

func init() {
	clientKinds["coder"] = clientKind{name: "coder", dial: dialCoder, seesPongs: true, seesPings: true, ownPingPayload: true}
	serverKinds["coder"] = serverKind{name: "coder", handler: coderHandler, seesPongs: true, seesPings: true, ownPingPayload: true}
	closeInfos = append(closeInfos, func(err error) (int, string, bool) {
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			return int(ce.Code), ce.Reason, true
		}
		return 0, "", false
	})
}

// coderClient is a coder/websocket client connection.
type coderClient struct {
	c *websocket.Conn
	r recorder
}

func dialCoder(ctx context.Context, url string, cfg dialConfig) (client, *http.Response, error) {
	k := &coderClient{}
	h := http.Header{}
	if cfg.origin != "" {
		h.Set("Origin", cfg.origin)
	}
	var hc *http.Client
	if cfg.tls != nil {
		hc = &http.Client{Transport: &http.Transport{TLSClientConfig: cfg.tls}}
	}
	c, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{
		HTTPClient:      hc,
		HTTPHeader:      h,
		Subprotocols:    cfg.subprotocols,
		CompressionMode: coderCompression(cfg.compression),
		OnPingReceived: func(_ context.Context, p []byte) bool {
			k.r.add("ping", string(p))
			return true
		},
	})
	if err != nil {
		return nil, resp, err
	}
	k.c = c
	c.SetReadLimit(cmp(cfg.maxMessage, 2*defaultMax))
	return k, resp, nil
}

// coderCompression is coder's compression mode: context takeover when on.
func coderCompression(on bool) websocket.CompressionMode {
	if on {
		return websocket.CompressionContextTakeover
	}
	return websocket.CompressionDisabled
}

// ctx is a context for one operation; its deadline is hang protection
// only (coder closes the connection when it passes).
func (k *coderClient) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), hang)
}

func (k *coderClient) write(typ int, data []byte) error {
	ctx, cancel := k.ctx()
	defer cancel()
	return k.c.Write(ctx, websocket.MessageType(typ), data)
}

// writeFragmented writes through Writer: coder sends each Write as one
// frame, and Close as an empty final frame.
func (k *coderClient) writeFragmented(typ int, data []byte, chunk int, pingMid string) error {
	ctx, cancel := k.ctx()
	defer cancel()
	w, err := k.c.Writer(ctx, websocket.MessageType(typ))
	if err != nil {
		return err
	}
	return writeChunks(w, data, chunk, pinger(k, pingMid))
}

func (k *coderClient) read() (int, []byte, error) {
	ctx, cancel := k.ctx()
	defer cancel()
	typ, data, err := k.c.Read(ctx)
	return int(typ), data, err
}

// ping uses coder's Ping, which picks its own payload and returns once a
// reader saw the matching pong; the pong is recorded under p then.
func (k *coderClient) ping(p string) error {
	go func() {
		ctx, cancel := k.ctx()
		defer cancel()
		if k.c.Ping(ctx) == nil {
			k.r.add("pong", p)
		}
	}()
	return nil
}

// closeHandshake uses coder's Close, which sends the close frame, reads
// until the peer's, and returns nil only if the peer echoed the same code.
func (k *coderClient) closeHandshake(code int, reason string) (int, error) {
	err := k.c.Close(websocket.StatusCode(code), reason)
	if err == nil {
		return code, nil
	}
	if got := websocket.CloseStatus(err); got != -1 {
		return int(got), nil
	}
	return -1, err
}

func (k *coderClient) subprotocol() string { return k.c.Subprotocol() }
func (k *coderClient) rec() *recorder      { return &k.r }
func (k *coderClient) closeNow()           { k.c.CloseNow() }

// coderHandler is coder's echo server: Reader read into a reused buffer,
// Write back.
func coderHandler(cfg serverConfig, rec *recorder, done chan<- serverResult) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{
			Subprotocols:    cfg.subprotocols,
			OriginPatterns:  cfg.origins,
			CompressionMode: coderCompression(cfg.compression),
			OnPingReceived: func(_ context.Context, p []byte) bool {
				rec.add("ping", string(p))
				return true
			},
		})
		if err != nil {
			return // Accept has answered the request
		}
		defer c.CloseNow()
		c.SetReadLimit(cmp(cfg.maxMessage, defaultMax))
		ctx := r.Context()
		if cfg.pingFirst != "" {
			go func() {
				if c.Ping(ctx) == nil {
					rec.add("pong", cfg.pingFirst)
				}
			}()
		}
		err = coderEcho(ctx, c, cfg.fragment)
		report(done, serverResult{subprotocol: c.Subprotocol(), err: err})
	})
}

// coderEcho echoes messages until reading fails, and returns why; with
// fragment set, through Writer in writes (so frames) of that many bytes.
func coderEcho(ctx context.Context, c *websocket.Conn, fragment int) error {
	buf := make([]byte, 0, 4096)
	for {
		typ, r, err := c.Reader(ctx)
		if err != nil {
			return err
		}
		if buf, err = readInto(buf, r); err != nil {
			return err
		}
		if typ == textMessage && string(buf) == closePlease {
			// Close returns nil once the client echoed the same code.
			return c.Close(serverCloseCode, serverCloseReason)
		}
		if fragment > 0 {
			var w io.WriteCloser
			if w, err = c.Writer(ctx, typ); err == nil {
				err = writeChunks(w, buf, fragment, nil)
			}
		} else {
			err = c.Write(ctx, typ, buf)
		}
		if err != nil {
			return err
		}
	}
}
