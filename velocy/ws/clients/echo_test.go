package clients

import (
	"context"
	_ "embed"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

//go:embed testdata/echo.html
var echoPage []byte

// echoServer is an in-process server: GET / is testdata/echo.html, and
// /echo a WebSocket that sends every message back as it came.
type echoServer struct {
	*httptest.Server
	mu   sync.Mutex
	errs []error // how each echo connection ended, if not by a close
}

func startEcho(t *testing.T) *echoServer {
	t.Helper()
	s := &echoServer{}
	up := &ws.Upgrader{ConnOptions: ws.ConnOptions{MaxMessageSize: 2 << 20}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(echoPage)
	})
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		conn, err := up.Upgrade(w, r)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		for {
			typ, data, err := conn.ReadMessage()
			if err != nil {
				var ce *ws.CloseError
				var pe *ws.ProtocolError // the invalid UTF-8 the client sends on purpose
				if !errors.As(err, &ce) && !errors.As(err, &pe) {
					s.mu.Lock()
					s.errs = append(s.errs, err)
					s.mu.Unlock()
				}
				return
			}
			if err := conn.WriteMessage(typ, data); err != nil {
				s.mu.Lock()
				s.errs = append(s.errs, err)
				s.mu.Unlock()
				return
			}
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(func() {
		s.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, err := range s.errs {
			t.Errorf("an echo connection ended without a close: %v", err)
		}
	})
	return s
}

// TestNodeEcho runs node/echo-client.mjs against velocy/ws's echo: every
// length class of the framing, both ways, text and binary, fragments, a
// ping and the close handshake.
func TestNodeEcho(t *testing.T) {
	node := nodeClient(t)
	srv := startEcho(t)
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "echo-client.mjs", "ws"+strings.TrimPrefix(srv.URL, "http")+"/echo")
	cmd.Dir = "node"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node echo-client.mjs: %v\n%s", err, out)
	}
	t.Logf("node echo-client.mjs:\n%s", out)
}

// TestBrowserEcho has Chromium's own WebSocket send messages of every
// length class, up to 1 MiB, to velocy/ws's echo (testdata/echo.html).
func TestBrowserEcho(t *testing.T) {
	ctx := newBrowser(t)
	srv := startEcho(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string]("echoTest()", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("echoTest(): %v", err)
	}
	if got != "ok" {
		t.Errorf("echoTest() in Chromium: %s", got)
	}
}

// nodeClient returns the path of node, once node/node_modules holds ws.
func nodeClient(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		require(t, "node is not installed")
	}
	if _, err := os.Stat(filepath.Join("node", "node_modules", "ws", "package.json")); err != nil {
		require(t, "node/node_modules has no ws package (run npm ci in node/)")
	}
	return node
}
