package interop

import (
	"fmt"
	"strings"
	"testing"
)

// closeNormally closes from the client with 1000 and checks that both
// sides saw a clean close.
func closeNormally(t *testing.T, c client, s *echoServer) {
	t.Helper()
	closeAndCheck(t, c, s, 1000, "")
}

// closeAndCheck closes from the client with code and reason, and checks
// the client saw the close echoed and the server saw code and reason.
func closeAndCheck(t *testing.T, c client, s *echoServer, code int, reason string) {
	t.Helper()
	echoed, err := c.closeHandshake(code, reason)
	if err != nil {
		t.Fatalf("client close handshake (%d %q): %v", code, reason, err)
	}
	if echoed != -1 && echoed != code {
		t.Errorf("client sent close %d, the server echoed %d", code, echoed)
	}
	r := s.result(t)
	gotCode, gotReason, ok := closeInfo(r.err)
	if !ok {
		t.Fatalf("the server's read ended with %T %v, want a close error %d %q", r.err, r.err, code, reason)
	}
	if gotCode != code || gotReason != reason {
		t.Errorf("the server saw close %d %q, want %d %q", gotCode, gotReason, code, reason)
	}
}

// TestClose closes from the client with a code and a reason; the server
// must see exactly them, and the client the close echoed.
func TestClose(t *testing.T) {
	cases := []struct {
		code   int
		reason string
	}{
		{1000, ""},
		{1005, ""}, // an empty close frame: no code at all
		{1001, "going away"},
		{4000, "bye, ünïcödé ✓"},
		{4999, strings.Repeat("r", 123)}, // the longest reason a control frame holds
	}
	forPairs(t, func(t *testing.T, p pair) {
		for _, tc := range cases {
			t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
				s := startServer(t, p.s, serverConfig{})
				c := dialT(t, p.c, s.url, dialConfig{})
				echo(t, c, textMessage, []byte("before close"), "echo")
				closeAndCheck(t, c, s, tc.code, tc.reason)
			})
		}
	})
}

// TestServerClose has the server close the connection itself, with a code
// and a reason: the client must read exactly them, and answer so that the
// server's close handshake completes.
func TestServerClose(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{})
		c := dialT(t, p.c, s.url, dialConfig{})
		echo(t, c, textMessage, []byte("before close"), "echo")
		if err := c.write(textMessage, []byte(closePlease)); err != nil {
			t.Fatal(err)
		}
		_, _, err := c.read()
		code, reason, ok := closeInfo(err)
		if !ok || code != serverCloseCode || reason != serverCloseReason {
			t.Errorf("the client read %T %v, want close %d %q", err, err, serverCloseCode, serverCloseReason)
		}
		if r := s.result(t); r.err != nil {
			t.Errorf("the server's close handshake: %v", r.err)
		}
	})
}
