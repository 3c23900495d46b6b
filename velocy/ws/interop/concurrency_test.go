package interop

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestConcurrentClients has 50 clients at once each echo 100 messages of
// assorted sizes and types, then close; every echo must be exact and every
// connection must end in a clean close on the server.
func TestConcurrentClients(t *testing.T) {
	const clients, messages = 50, 100
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{})
		var wg sync.WaitGroup
		for i := range clients {
			wg.Go(func() {
				if err := echoMany(p.c, s.url, i, messages); err != nil {
					t.Errorf("client %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		for range clients {
			r := s.result(t)
			if code, _, ok := closeInfo(r.err); !ok || code != 1000 {
				t.Errorf("a server connection ended with %T %v, want close 1000", r.err, r.err)
			}
		}
	})
}

// echoMany dials, echoes n messages and closes, and says what went wrong.
func echoMany(kind clientKind, url string, id, n int) (err error) {
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	c, _, err := kind.dial(ctx, url, dialConfig{})
	if err != nil {
		return err
	}
	defer c.closeNow()
	for j := range n {
		typ := textMessage + j%2
		msg := payload(typ, (id*131+j*977)%4096, uint64(id))
		if err := c.write(typ, msg); err != nil {
			return fmt.Errorf("message %d: write: %w", j, err)
		}
		gotTyp, got, err := c.read()
		if err != nil {
			return fmt.Errorf("message %d: read: %w", j, err)
		}
		if gotTyp != typ || !bytes.Equal(got, msg) {
			return fmt.Errorf("message %d: echo type %d, %s", j, gotTyp, diff(got, msg))
		}
	}
	_, err = c.closeHandshake(1000, "")
	return err
}

// TestKeepAlive has velocy's keep-alive ping a peer that is otherwise
// silent. The pings must reach the peer, and the peer's pongs must keep the
// connection alive: velocy sends a second ping only if it saw the pong to
// the first (else it closes, ErrDeadPeer). The echo and the close after
// them must work as before.
func TestKeepAlive(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		cfg, dcfg := serverConfig{}, dialConfig{}
		switch {
		case p.s.name == "velocy" && p.c.seesPings:
			cfg.keepAlive = 20 * time.Millisecond
		case p.c.name == "velocy" && p.s.seesPings:
			dcfg.keepAlive = 20 * time.Millisecond
		default:
			t.Skip("no velocy side with a peer that shows pings")
		}
		t.Parallel() // each waits about two PongTimeouts
		s := startServer(t, p.s, cfg)
		c := dialT(t, p.c, s.url, dcfg)
		pinged := func() int { return s.rec.n("ping") }
		if cfg.keepAlive != 0 {
			pinged = func() int { return c.rec().n("ping") }
		}
		// A reader runs meanwhile: pings are answered (and, on the
		// velocy side, pongs noticed) by reads.
		read := make(chan error, 1)
		go func() {
			_, msg, err := c.read()
			if err == nil && string(msg) != "after pings" {
				err = fmt.Errorf("echo %q", msg)
			}
			read <- err
		}()
		deadline := time.Now().Add(hang)
		for pinged() < 2 {
			if time.Now().After(deadline) {
				t.Fatalf("%d keep-alive pings seen", pinged())
			}
			time.Sleep(5 * time.Millisecond)
		}
		if err := c.write(textMessage, []byte("after pings")); err != nil {
			t.Fatal(err)
		}
		if err := <-read; err != nil {
			t.Fatalf("reading the echo after the pings: %v", err)
		}
		closeNormally(t, c, s)
	})
}
