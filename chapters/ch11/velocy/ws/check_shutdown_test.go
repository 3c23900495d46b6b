package ws

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// hubShutPeer stands for a connection: it records messages and close
// frames. With a gate, each write waits for a token from the gate, and, if
// deaf, ignores the connection closing under it.
type hubShutPeer struct {
	gate   chan struct{}
	deaf   bool
	closed chan struct{}
	once   sync.Once

	mu     sync.Mutex
	msgs   []string
	closes []string
	nows   int
}

func newHubShutPeer(gated bool) *hubShutPeer {
	p := &hubShutPeer{closed: make(chan struct{})}
	if gated {
		p.gate = make(chan struct{})
	}
	return p
}

func (p *hubShutPeer) WriteMessage(typ MessageType, data []byte) error {
	if p.gate != nil {
		if p.deaf {
			<-p.gate
		} else {
			select {
			case <-p.gate:
			case <-p.closed:
				return net.ErrClosed
			}
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.closed:
		return net.ErrClosed
	default:
	}
	p.msgs = append(p.msgs, string(data))
	return nil
}

func (p *hubShutPeer) CloseWith(code int, reason string) error {
	p.mu.Lock()
	p.closes = append(p.closes, fmt.Sprintf("%d %q", code, reason))
	p.mu.Unlock()
	select {
	case <-p.closed:
		return net.ErrClosed
	default:
	}
	p.kill()
	return nil
}

func (p *hubShutPeer) CloseNow() error {
	p.mu.Lock()
	p.nows++
	p.mu.Unlock()
	p.kill()
	return nil
}

func (p *hubShutPeer) kill() { p.once.Do(func() { close(p.closed) }) }

func (p *hubShutPeer) state() (msgs, closes []string, nows int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.msgs), slices.Clone(p.closes), p.nows
}

// hubShutEnd ends every client and connection whatever happened, so that
// no goroutine is left in the bubble.
func hubShutEnd(clients []*Client, peers []*hubShutPeer) {
	for i, c := range clients {
		c.Close()
		peers[i].kill()
		if peers[i].deaf {
			select {
			case <-peers[i].gate:
			default:
				close(peers[i].gate)
			}
		}
	}
	for _, c := range clients {
		select {
		case <-c.Done():
		case <-time.After(time.Hour):
		}
	}
}

// hubShutCall runs f and returns its error, or fails the test, saying
// why, if f has not returned after limit on the bubble's clock.
func hubShutCall(t *testing.T, what, why string, limit time.Duration, f func() error) error {
	t.Helper()
	var err error
	done := make(chan struct{})
	go func() {
		err = f()
		close(done)
	}()
	select {
	case <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("%s had not returned after %v (the bubble's clock): %s", what, limit, why)
		return nil
	}
}

func TestHubShutdownGoingAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		timeout := time.Duration(1+rand.IntN(10)) * time.Second
		var dropped []error
		var dmu sync.Mutex
		h := NewHub(HubOptions{CloseTimeout: timeout, OnDrop: func(c *Client, err error) {
			dmu.Lock()
			dropped = append(dropped, err)
			dmu.Unlock()
		}})
		var clients []*Client
		var peers []*hubShutPeer
		n := 2 + rand.IntN(6)
		for i := range n {
			p := newHubShutPeer(i == n-1) // the last one stopped reading
			peers = append(peers, p)
			clients = append(clients, h.addPeer(p))
		}
		defer hubShutEnd(clients, peers)
		name := fmt.Sprintf("room-%x", rand.Uint32())
		var want []string
		for _, c := range clients {
			c.Join(name)
		}
		for i := range 1 + rand.IntN(10) {
			m := fmt.Sprintf("m%d-%x", i, rand.Uint32())
			h.Broadcast(name, TextMessage, []byte(m))
			want = append(want, m)
		}
		synctest.Wait() // the stuck writer waits inside its first write

		start := time.Now()
		if err := hubShutCall(t, "Close", "each writer ends within CloseTimeout (the watchdog), and Close waits for them with a deadline of twice that", 3*timeout, h.Close); err != nil {
			t.Fatalf("Close = %v, want nil (every writer ended within CloseTimeout)", err)
		}
		if waited := time.Since(start); waited > timeout {
			t.Errorf("Close returned %v after it was called (the bubble's clock), more than CloseTimeout %v", waited, timeout)
		}
		going := fmt.Sprintf("%d %q", CloseGoingAway, "going away")
		for i, p := range peers[:n-1] {
			msgs, closes, nows := p.state()
			if !slices.Equal(msgs, want) {
				t.Errorf("client %d received %q before closing, want everything queued, %q", i, msgs, want)
			}
			if !slices.Equal(closes, []string{going}) || nows != 0 {
				t.Errorf("client %d: CloseWith %v and %d CloseNow, want CloseWith %s alone: Shutdown closes each client with c.close(CloseGoingAway, \"going away\", ErrHubClosed)", i, closes, nows, going)
			}
		}
		if _, _, nows := peers[n-1].state(); nows == 0 {
			t.Errorf("the client that stopped reading was not closed at once after CloseTimeout")
		}
		for i, c := range clients {
			select {
			case <-c.Done():
			default:
				t.Fatalf("client %d: Done() not closed when Close returned: Shutdown waits for every writer (h.wg)", i)
			}
			if !errors.Is(c.Err(), ErrHubClosed) {
				t.Errorf("client %d: Err() = %v, want ErrHubClosed", i, c.Err())
			}
		}
		if len(dropped) != 0 {
			t.Errorf("OnDrop called with %v during Close, want no call: closing the hub drops nobody", dropped)
		}
		if n, rooms := h.Len(), h.Rooms(); n != 0 || len(rooms) != 0 {
			t.Errorf("after Close: Len() = %d, Rooms() = %q; want 0 and none", n, rooms)
		}
		late := newHubShutPeer(false)
		if c := h.addPeer(late); c != nil {
			clients = append(clients, c)
			peers = append(peers, late)
			t.Errorf("addPeer after Close registered a client: once h.closed is set, addPeer returns nil (and Add closes the connection with ErrHubClosed)")
		}
		if err := hubShutCall(t, "a second Close", "closing a closed hub has no writer to wait for", time.Minute, h.Close); err != nil {
			t.Errorf("a second Close = %v, want nil", err)
		}
		// synctest.Test fails if a goroutine of the hub is still running.
	})
}

func TestHubShutdownContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		timeout := time.Duration(1+rand.IntN(5)) * time.Second
		h := NewHub(HubOptions{CloseTimeout: timeout})
		p := newHubShutPeer(true)
		p.deaf = true // a write that nothing can end
		c := h.addPeer(p)
		defer hubShutEnd([]*Client{c}, []*hubShutPeer{p})
		c.Send(TextMessage, []byte("stuck"))
		synctest.Wait()

		wait := timeout + time.Duration(1+rand.IntN(10))*time.Second
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		err := hubShutCall(t, "Shutdown(ctx)", "wait for h.wg or ctx.Done(), whichever comes first (h.wg.Wait in a goroutine that closes a channel)", 2*wait, func() error { return h.Shutdown(ctx) })
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Shutdown(ctx) with a writer that never ends = %v, want ctx.Err(), context.DeadlineExceeded: wait for h.wg or ctx.Done(), whichever comes first", err)
		}
		if _, _, nows := p.state(); nows == 0 {
			t.Error("the stuck client's connection was not closed after CloseTimeout")
		}
		close(p.gate) // the write ends at last
		<-c.Done()
		if err := hubShutCall(t, "Close once every writer ended", "no writer is left to wait for", time.Minute, h.Close); err != nil {
			t.Errorf("Close once every writer ended = %v, want nil", err)
		}
	})
}
