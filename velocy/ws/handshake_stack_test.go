package ws_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// recordHandler is a slog.Handler that hands every record to a channel,
// so a test can wait for AccessLog's record instead of sleeping.
type recordHandler struct{ ch chan slog.Record }

func (h recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.ch <- r.Clone()
	return nil
}
func (h recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h recordHandler) WithGroup(string) slog.Handler      { return h }

// attrs returns r's attributes as strings.
func attrs(r slog.Record) map[string]string {
	m := map[string]string{}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.String()
		return true
	})
	return m
}

// stackServer serves u at /ws behind velocy's router and the usual
// middleware, on a server configured as velocy.NewServer does (with its
// read and write timeouts). Upgraded conns go to the returned channel.
func stackServer(t *testing.T, u *ws.Upgrader) (*httptest.Server, chan slog.Record, chan *ws.Conn) {
	t.Helper()
	records := make(chan slog.Record, 16)
	logger := slog.New(recordHandler{records})
	conns := make(chan *ws.Conn, 1)
	router := velocy.New()
	router.Use(
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.AccessLog(logger),
		middleware.Recover(logger),
		middleware.Compress(middleware.CompressOptions{}),
	)
	router.Get("/ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := u.Upgrade(w, r)
		if err != nil {
			return // Upgrade has answered the client
		}
		conns <- c
	})
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = velocy.NewServer("", router)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, records, conns
}

func wsURL(srv *httptest.Server) string { return "ws" + strings.TrimPrefix(srv.URL, "http") }

func TestUpgradeThroughMiddleware(t *testing.T) {
	srv, records, conns := stackServer(t, &ws.Upgrader{Subprotocols: []string{"chat"}})
	hdr := http.Header{"Accept-Encoding": {"gzip"}}
	c, resp, err := ws.Dial(t.Context(), wsURL(srv)+"/ws", &ws.DialOptions{Header: hdr, Subprotocols: []string{"chat"}})
	if err != nil {
		t.Fatalf("Dial through the middleware: %v", err)
	}
	defer c.CloseNow()
	sc := <-conns
	defer sc.CloseNow()
	if resp.StatusCode != 101 || c.Subprotocol() != "chat" || sc.Subprotocol() != "chat" {
		t.Errorf("status %d, subprotocols %q and %q", resp.StatusCode, c.Subprotocol(), sc.Subprotocol())
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Errorf("the 101 lacks the X-Request-Id RequestID set before the upgrade")
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("the 101 has Content-Encoding %q", ce)
	}
	rec := <-records
	if a := attrs(rec); rec.Message != "request" || a["status"] != "101" || a["path"] != "/ws" || a["aborted"] == "true" {
		t.Errorf("access log: %s %v, want status 101 for /ws", rec.Message, a)
	}
}

func TestRefusalThroughMiddleware(t *testing.T) {
	srv, records, _ := stackServer(t, &ws.Upgrader{})
	hdr := http.Header{"Origin": {"https://evil.example"}}
	_, resp, err := ws.Dial(t.Context(), wsURL(srv)+"/ws", &ws.DialOptions{Header: hdr})
	var herr *ws.HandshakeError
	if !errors.As(err, &herr) || herr.Status != http.StatusForbidden {
		t.Fatalf("Dial error = %v, want a 403 HandshakeError", err)
	}
	if middleware.StatusOf(herr) != http.StatusForbidden {
		t.Errorf("middleware.StatusOf(HandshakeError) = %d", middleware.StatusOf(herr))
	}
	if resp == nil || resp.StatusCode != 403 {
		t.Fatalf("response %v", resp)
	}
	if a := attrs(<-records); a["status"] != "403" {
		t.Errorf("access log status %s, want 403", a["status"])
	}
}

// TestEcho sends a message through Upgrade and Dial and back. It skips
// while conn.go is the stub, whose methods all fail with "ws: not
// implemented yet".
func TestEcho(t *testing.T) {
	srv, _, conns := stackServer(t, &ws.Upgrader{})
	c, _, err := ws.Dial(t.Context(), wsURL(srv)+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	sc := <-conns
	var wg sync.WaitGroup
	wg.Go(func() {
		defer sc.CloseNow()
		for {
			typ, data, err := sc.ReadMessage()
			if err != nil {
				return
			}
			if err := sc.WriteMessage(typ, data); err != nil {
				return
			}
		}
	})
	defer wg.Wait()

	msg := []byte("hello, websocket")
	if err := c.WriteMessage(ws.TextMessage, msg); err != nil {
		t.Fatalf("WriteMessage: %v", err)
	}
	typ, got, err := c.ReadMessage()
	if err != nil || typ != ws.TextMessage || !bytes.Equal(got, msg) {
		t.Fatalf("ReadMessage = %v, %q, %v; want the text %q back", typ, got, err, msg)
	}
	if err := c.Close(); err != nil {
		t.Logf("Close: %v", err) // the close handshake is the frames' tests' business
	}
}
