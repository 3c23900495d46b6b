package ws_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

func ExampleAcceptKey() {
	// The sample key of RFC 6455, section 1.3, and the answer it calls for.
	fmt.Println(ws.AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="))
	// Output: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
}

func ExampleUpgrader() {
	upgrader := &ws.Upgrader{
		Subprotocols: []string{"chat.v2", "chat.v1"},    // the server's preference first
		Origins:      []string{"https://*.example.com"}, // pages allowed besides same-origin ones
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := upgrader.Upgrade(w, r)
		if err != nil {
			return // Upgrade has answered: 400, 403, 426...
		}
		go func() {
			defer c.CloseNow()
			// ... read and write messages with c ...
		}()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
	c, resp, err := ws.Dial(context.Background(), url, &ws.DialOptions{
		Subprotocols: []string{"chat.v1", "chat.v2"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.CloseNow()
	fmt.Println(resp.Status)
	fmt.Println(c.Subprotocol())
	// Output:
	// 101 Switching Protocols
	// chat.v2
}

func ExampleDial_refused() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u ws.Upgrader // same-origin pages and non-browser clients only
		if _, err := u.Upgrade(w, r); err != nil {
			return
		}
	}))
	defer srv.Close()

	url := "ws" + strings.TrimPrefix(srv.URL, "http")
	_, resp, err := ws.Dial(context.Background(), url, &ws.DialOptions{
		Header: http.Header{"Origin": {"https://elsewhere.example"}},
	})
	fmt.Println(err)
	fmt.Println(resp.StatusCode)
	// Output:
	// ws: handshake: the server did not switch protocols (403 Forbidden)
	// 403
}
