package ws

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"slices"
	"testing"
	"time"
)

// These tests run the hub over real Conns on net.Pipe: what the browser on
// the far side reads, and which close code it gets.

// pipePair returns a server Conn for the hub and the client Conn of the
// browser on the far side.
func pipePair(t *testing.T) (server, browser *Conn) {
	t.Helper()
	s, b := net.Pipe()
	t.Cleanup(func() { s.Close(); b.Close() })
	opts := ConnOptions{CloseTimeout: 10 * time.Second} // hang protection only
	return newConn(s, bufio.NewReader(s), true, "", opts), newConn(b, bufio.NewReader(b), false, "", opts)
}

// browse reads messages until the connection ends, and sends what it read
// and the error it ended with.
type browseResult struct {
	msgs []string
	err  error
}

func browse(c *Conn) <-chan browseResult {
	out := make(chan browseResult, 1)
	go func() {
		var r browseResult
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				r.err = err
				out <- r
				return
			}
			r.msgs = append(r.msgs, string(msg))
		}
	}()
	return out
}

// wantClose checks that err is a *CloseError with code and reason.
func wantClose(t *testing.T, err error, code int, reason string) {
	t.Helper()
	var ce *CloseError
	if !errors.As(err, &ce) {
		t.Errorf("the browser's read ended with %v, want a close %d %q", err, code, reason)
		return
	}
	if ce.Code != code || ce.Reason != reason {
		t.Errorf("the browser's read ended with close %d %q, want %d %q", ce.Code, ce.Reason, code, reason)
	}
}

func TestHubConnBroadcastAndClose(t *testing.T) {
	h := NewHub(HubOptions{})
	var results []<-chan browseResult
	for range 3 {
		server, browser := pipePair(t)
		c, err := h.Add(server)
		if err != nil {
			t.Fatal(err)
		}
		mustJoin(t, c, "room")
		results = append(results, browse(browser))
	}
	want := numbered(5)
	for _, m := range want {
		if n := h.Broadcast("room", TextMessage, []byte(m)); n != 3 {
			t.Fatalf("Broadcast sent to %d", n)
		}
	}
	if err := h.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	for i, res := range results {
		r := <-res
		if !slices.Equal(r.msgs, want) {
			t.Errorf("browser %d read %q, want %q", i, r.msgs, want)
		}
		wantClose(t, r.err, CloseGoingAway, "going away")
	}
}

func TestHubConnSlowBrowserGets1013(t *testing.T) {
	var d hubDrops
	h := NewHub(HubOptions{QueueSize: 2, CloseTimeout: 10 * time.Second, OnDrop: d.record})
	defer h.Close()
	server, browser := pipePair(t)
	c, err := h.Add(server)
	if err != nil {
		t.Fatal(err)
	}
	// The browser reads nothing yet: a write on net.Pipe waits for a
	// reader, so the queue fills.
	var sent []string
	for i := 0; ; i++ {
		m := fmt.Sprintf("m%d", i)
		err := c.Send(TextMessage, []byte(m))
		if errors.Is(err, ErrSlowClient) {
			break
		}
		if err != nil || i > 10 {
			t.Fatalf("Send %d = %v; want the client dropped after at most 4", i, err)
		}
		sent = append(sent, m)
	}
	r := <-browse(browser)
	// What was in flight arrives (at most the first message); the queue
	// was discarded.
	if len(r.msgs) > 1 || !slices.Equal(r.msgs, sent[:len(r.msgs)]) {
		t.Errorf("the slow browser read %q of %q", r.msgs, sent)
	}
	wantClose(t, r.err, CloseTryAgainLater, slowReason)
	<-c.Done()
	if errs := d.of(c); len(errs) != 1 || !errors.Is(errs[0], ErrSlowClient) {
		t.Errorf("OnDrop calls %v, want one ErrSlowClient", errs)
	}
}

// TestHubConnBrowserLeaves runs the handler loop of the package example:
// when the browser closes, the read fails and the client leaves its rooms.
func TestHubConnBrowserLeaves(t *testing.T) {
	h := NewHub(HubOptions{})
	defer h.Close()
	server, browser := pipePair(t)
	c, err := h.Add(server)
	if err != nil {
		t.Fatal(err)
	}
	mustJoin(t, c, "room")
	handlerDone := make(chan error, 1)
	go func() {
		defer c.Close()
		for {
			_, msg, err := server.ReadMessage()
			if err != nil {
				handlerDone <- err
				return
			}
			h.Broadcast("room", TextMessage, msg)
		}
	}()
	if err := browser.WriteMessage(TextMessage, []byte("echo")); err != nil {
		t.Fatal(err)
	}
	if _, msg, err := browser.ReadMessage(); err != nil || string(msg) != "echo" {
		t.Fatalf("browser read %q, %v; want its message back", msg, err)
	}
	if err := browser.Close(); err != nil {
		t.Fatalf("browser Close = %v", err)
	}
	wantClose(t, <-handlerDone, CloseNormal, "")
	<-c.Done()
	if n := h.Members("room"); n != 0 {
		t.Errorf("Members after the browser left = %d", n)
	}
}
