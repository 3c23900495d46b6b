package ws

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// hubSlowPeer stands for a connection whose client may stop reading: each
// write waits for a token from gate, or for the connection to close. With
// failAfter >= 0, writes after that many fail. It logs what happens to it,
// and the hub's OnDrop logs into the same list.
type hubSlowPeer struct {
	gate      chan struct{}
	failAfter int
	closed    chan struct{}
	once      sync.Once

	mu     sync.Mutex
	msgs   []string
	events []string // "close CODE REASON", "now", "drop ERR"
	drops  []error
}

var errHubSlowBroken = errors.New("connection reset (a fake)")

func newHubSlowPeer() *hubSlowPeer {
	return &hubSlowPeer{gate: make(chan struct{}), failAfter: -1, closed: make(chan struct{})}
}

func (p *hubSlowPeer) WriteMessage(typ MessageType, data []byte) error {
	if p.failAfter < 0 {
		select {
		case <-p.gate:
		case <-p.closed:
			return net.ErrClosed
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.closed:
		return net.ErrClosed
	default:
	}
	if p.failAfter >= 0 && len(p.msgs) >= p.failAfter {
		return errHubSlowBroken
	}
	p.msgs = append(p.msgs, string(data))
	return nil
}

func (p *hubSlowPeer) CloseWith(code int, reason string) error {
	p.log(fmt.Sprintf("close %d %q", code, reason))
	select {
	case <-p.closed:
		return net.ErrClosed
	default:
	}
	p.kill()
	return nil
}

func (p *hubSlowPeer) CloseNow() error {
	p.log("now")
	p.kill()
	return nil
}

func (p *hubSlowPeer) kill() { p.once.Do(func() { close(p.closed) }) }

func (p *hubSlowPeer) log(e string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events = append(p.events, e)
}

// onDrop is the hub's OnDrop for a hub of one client.
func (p *hubSlowPeer) onDrop(c *Client, reason error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drops = append(p.drops, reason)
	p.events = append(p.events, "drop")
}

func (p *hubSlowPeer) state() (msgs, events []string, drops []error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.msgs), slices.Clone(p.events), slices.Clone(p.drops)
}

// hubSlowDone waits for c.Done in the bubble, an hour of its clock at most.
func hubSlowDone(c *Client) bool {
	select {
	case <-c.Done():
		return true
	case <-time.After(time.Hour):
		return false
	}
}

// hubSlowEnd ends the client and its connection whatever happened, so that
// no goroutine is left in the bubble.
func hubSlowEnd(c *Client, p *hubSlowPeer) {
	c.Close()
	p.kill()
	hubSlowDone(c)
}

// hubSlowDropOnce checks that OnDrop was called once, with want, after the
// connection was closed.
func hubSlowDropOnce(t *testing.T, events []string, drops []error, want error) {
	t.Helper()
	if len(drops) != 1 || !errors.Is(drops[0], want) {
		t.Errorf("OnDrop was called with %v, want once with %v: finish calls c.hub.onDrop(c, c.err) for a dropped client", drops, want)
		return
	}
	if events[len(events)-1] != "drop" || events[0] == "drop" {
		t.Errorf("the connection saw %q: OnDrop must come after the connection is closed", events)
	}
}

func TestHubSlowClientDropped(t *testing.T) {
	for _, stalled := range []bool{false, true} {
		name := "reads-again"
		if stalled {
			name = "stalled"
		}
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				size := 2 + rand.IntN(20)
				timeout := time.Duration(1+rand.IntN(10)) * time.Second
				p := newHubSlowPeer()
				h := NewHub(HubOptions{QueueSize: size, CloseTimeout: timeout, OnDrop: p.onDrop})
				c := h.addPeer(p)
				defer hubSlowEnd(c, p)
				if err := c.Send(TextMessage, []byte("in flight")); err != nil {
					t.Fatalf("Send = %v", err)
				}
				synctest.Wait() // the writer waits inside WriteMessage
				for i := range size {
					if err := c.Send(TextMessage, fmt.Appendf(nil, "q%d", i)); err != nil {
						t.Fatalf("Send %d of %d with QueueSize %d = %v, want nil", i+1, size, size, err)
					}
				}
				start := time.Now()
				if err := c.Send(TextMessage, []byte("overflow")); !errors.Is(err, ErrSlowClient) {
					t.Fatalf("Send to a full queue = %v, want ErrSlowClient", err)
				}
				if !stalled {
					p.gate <- struct{}{} // the write in flight ends
				}
				if !hubSlowDone(c) {
					if stalled {
						t.Fatalf("a dropped client whose write never returns never ended (Done not closed an hour after the drop, CloseTimeout %v): endLocked arms a watchdog, time.AfterFunc(c.hub.closeTimeout, ...), that closes the connection under the write (c.peer.CloseNow)", timeout)
					}
					t.Fatal("Done() not closed after the drop, once the write in flight returned")
				}
				msgs, events, drops := p.state()
				hubSlowDropOnce(t, events, drops, ErrSlowClient)
				if stalled {
					if !slices.Contains(events, "now") {
						t.Errorf("the connection saw %q, want a CloseNow: the watchdog closes it at once", events)
					}
					if waited := time.Since(start); waited != timeout {
						t.Errorf("the stalled client was closed %v after the drop (the bubble's clock), want CloseTimeout, %v", waited, timeout)
					}
					return
				}
				if want := []string{"in flight"}; !slices.Equal(msgs, want) {
					t.Errorf("the slow client received %q, want only %q: a dropped client's queue is discarded, never written", msgs, want)
				}
				wantClose := fmt.Sprintf("close %d %q", CloseTryAgainLater, slowReason)
				if !slices.Equal(events, []string{wantClose, "drop"}) {
					t.Errorf("the connection saw %q, want %q then OnDrop: a slow client that reads again gets the close frame, and no CloseNow", events, wantClose)
				}
			})
		})
	}
}

func TestHubSlowClientCloseUnsticks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		timeout := time.Duration(1+rand.IntN(30)) * time.Second
		p := newHubSlowPeer()
		h := NewHub(HubOptions{CloseTimeout: timeout, OnDrop: p.onDrop})
		c := h.addPeer(p)
		defer hubSlowEnd(c, p)
		for i := range 1 + rand.IntN(5) {
			c.Send(BinaryMessage, []byte{byte(i)})
		}
		synctest.Wait() // the writer waits inside WriteMessage
		start := time.Now()
		c.Close()
		if !hubSlowDone(c) {
			t.Fatalf("Close on a client whose write never returns: Done not closed an hour later (CloseTimeout %v): the watchdog that endLocked arms closes the connection (c.peer.CloseNow), which ends the write", timeout)
		}
		if waited := time.Since(start); waited != timeout {
			t.Errorf("the client ended %v after Close (the bubble's clock), want CloseTimeout, %v", waited, timeout)
		}
		_, events, drops := p.state()
		if len(events) == 0 || events[0] != "now" {
			t.Errorf("the connection saw %q, want CloseNow first", events)
		}
		if len(drops) != 0 {
			t.Errorf("OnDrop called with %v after Close, want no call: a closed client was not dropped", drops)
		}
		if !errors.Is(c.Err(), ErrClientClosed) {
			t.Errorf("Err() = %v, want ErrClientClosed", c.Err())
		}
	})
}

func TestHubSlowClientWriteError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newHubSlowPeer()
		p.failAfter = rand.IntN(4)
		h := NewHub(HubOptions{OnDrop: p.onDrop})
		c := h.addPeer(p)
		defer hubSlowEnd(c, p)
		for i := range p.failAfter + 1 {
			c.Send(TextMessage, []byte(strings.Repeat("x", i+1)))
		}
		if !hubSlowDone(c) {
			t.Fatal("Done() not closed after a write failed")
		}
		_, events, drops := p.state()
		hubSlowDropOnce(t, events, drops, errHubSlowBroken)
		if !errors.Is(c.Err(), errHubSlowBroken) {
			t.Errorf("Err() = %v, want the write's error", c.Err())
		}
	})
}
