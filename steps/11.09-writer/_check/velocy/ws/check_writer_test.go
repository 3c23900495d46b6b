package ws

import (
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

// hubWriterPeer stands for a connection: it records what is written and
// how it is closed. With a gate, each write waits for a token from the gate
// or for the connection to close. With failAfter >= 0, writes after that
// many fail.
type hubWriterPeer struct {
	gate      chan struct{}
	failAfter int
	closed    chan struct{}
	once      sync.Once

	mu     sync.Mutex
	msgs   []string
	closes []string
	nows   int
}

var errHubWriterBroken = errors.New("broken pipe (a fake)")

func newHubWriterPeer(gated bool) *hubWriterPeer {
	p := &hubWriterPeer{failAfter: -1, closed: make(chan struct{})}
	if gated {
		p.gate = make(chan struct{})
	}
	return p
}

func (p *hubWriterPeer) WriteMessage(typ MessageType, data []byte) error {
	if p.gate != nil {
		select {
		case <-p.gate:
		case <-p.closed:
			return net.ErrClosed
		}
	}
	select {
	case <-p.closed:
		return net.ErrClosed
	default:
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failAfter >= 0 && len(p.msgs) >= p.failAfter {
		return errHubWriterBroken
	}
	p.msgs = append(p.msgs, fmt.Sprintf("%d:%s", typ, data))
	return nil
}

func (p *hubWriterPeer) CloseWith(code int, reason string) error {
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

func (p *hubWriterPeer) CloseNow() error {
	p.mu.Lock()
	p.nows++
	p.mu.Unlock()
	p.kill()
	return nil
}

// kill closes the connection: blocked writes end.
func (p *hubWriterPeer) kill() { p.once.Do(func() { close(p.closed) }) }

func (p *hubWriterPeer) state() (msgs, closes []string, nows int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.msgs), slices.Clone(p.closes), p.nows
}

// hubWriterDone waits for c.Done in the bubble: if the writer never ends,
// the bubble's clock gets there.
func hubWriterDone(c *Client) bool {
	select {
	case <-c.Done():
		return true
	case <-time.After(time.Hour):
		return false
	}
}

// hubWriterEnd ends the client and its connection whatever happened, so
// that no goroutine is left in the bubble.
func hubWriterEnd(c *Client, p *hubWriterPeer) {
	c.Close()
	p.kill()
	hubWriterDone(c)
}

// hubWriterSend queues n random messages and returns them as the peer
// records them.
func hubWriterSend(t *testing.T, c *Client, prefix string, n int) []string {
	t.Helper()
	var want []string
	for i := range n {
		typ := TextMessage
		if rand.IntN(3) == 0 {
			typ = BinaryMessage
		}
		data := fmt.Appendf(nil, "%s-%d-%x", prefix, i, rand.Uint32())
		if err := c.Send(typ, data); err != nil {
			t.Fatalf("Send(%d, %q) = %v, want nil", typ, data, err)
		}
		want = append(want, fmt.Sprintf("%d:%s", typ, data))
	}
	return want
}

func TestHubWriterOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueSize: 1000})
		p := newHubWriterPeer(false)
		c := h.addPeer(p)
		defer hubWriterEnd(c, p)
		var want []string
		for burst := range 3 + rand.IntN(4) {
			want = append(want, hubWriterSend(t, c, fmt.Sprint("burst", burst), 1+rand.IntN(30))...)
			synctest.Wait() // the writer has written everything and waits
			if got, _, _ := p.state(); !slices.Equal(got, want) {
				t.Fatalf("after burst %d the connection received %d messages %q,\nwant the %d sent, in order %q: writeLoop writes every queued message (c.peer.WriteMessage), then waits on c.wake", burst, len(got), got, len(want), want)
			}
			if n := c.Queued(); n != 0 {
				t.Fatalf("Queued() = %d once the writer caught up, want 0", n)
			}
		}
		if _, closes, nows := p.state(); len(closes) != 0 || nows != 0 {
			t.Fatalf("the connection was closed (CloseWith %v, %d CloseNow) while the client was open", closes, nows)
		}
	})
}

func TestHubWriterCloseFlushes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		p := newHubWriterPeer(true)
		c := h.addPeer(p)
		defer hubWriterEnd(c, p)
		want := hubWriterSend(t, c, "first", 1)
		synctest.Wait() // the writer is inside WriteMessage, waiting
		want = append(want, hubWriterSend(t, c, "queued", 1+rand.IntN(20))...)

		closed := make(chan struct{})
		go func() {
			c.Close()
			close(closed)
		}()
		select {
		case <-closed:
		case <-time.After(time.Minute):
			t.Fatal("Close waited for the writer: it returns at once, and Done says when the connection is closed")
		}
		if err := c.Send(TextMessage, []byte("late")); !errors.Is(err, ErrClientClosed) {
			t.Errorf("Send after Close = %v, want ErrClientClosed", err)
		}
		if !errors.Is(c.Err(), ErrClientClosed) {
			t.Errorf("Err() after Close = %v, want ErrClientClosed", c.Err())
		}
		close(p.gate) // the client reads again
		if !hubWriterDone(c) {
			t.Fatal("Done() not closed after Close once the writer could write: writeLoop ends when the queue is empty and the client is closing, and closes c.done")
		}
		got, closes, nows := p.state()
		if !slices.Equal(got, want) {
			t.Errorf("received %q, want everything queued before Close, in order: %q", got, want)
		}
		if want := []string{fmt.Sprintf("%d %q", CloseNormal, "")}; !slices.Equal(closes, want) || nows != 0 {
			t.Errorf("closed with CloseWith %v and %d CloseNow, want CloseWith %v alone, after the queue: finish sends the close frame (c.peer.CloseWith(c.code, c.reason))", closes, nows, want)
		}
		c.Close()
		if _, closes, _ := p.state(); len(closes) != 1 {
			t.Errorf("a second Close made %d CloseWith calls in all, want 1: closing a closed client does nothing", len(closes))
		}
	})
}

func TestHubWriterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		p := newHubWriterPeer(true)
		p.failAfter = rand.IntN(5)
		c := h.addPeer(p)
		defer hubWriterEnd(c, p)
		// Queue everything before the writer may write: then the failure
		// cannot come while Send is still being called.
		want := hubWriterSend(t, c, "m", p.failAfter+1+rand.IntN(10))[:p.failAfter]
		close(p.gate)
		if !hubWriterDone(c) {
			t.Fatal("Done() not closed after a write failed: a failed write drops the client (endLocked with clientDropped, code 0) and the writer ends")
		}
		got, closes, nows := p.state()
		if !slices.Equal(got, want) {
			t.Errorf("received %q, want the %d written before the failure, %q", got, p.failAfter, want)
		}
		if len(closes) != 0 || nows == 0 {
			t.Errorf("after a failed write: CloseWith %v and %d CloseNow, want CloseNow alone: a broken connection cannot take a close frame (code 0)", closes, nows)
		}
		if !errors.Is(c.Err(), errHubWriterBroken) {
			t.Errorf("Err() after a failed write = %v, want the write's error", c.Err())
		}
		if n := c.Queued(); n != 0 {
			t.Errorf("Queued() after a failed write = %d, want 0: the rest of the queue is discarded", n)
		}
		if err := c.Send(TextMessage, []byte("late")); !errors.Is(err, ErrClientClosed) {
			t.Errorf("Send after a failed write = %v, want ErrClientClosed", err)
		}
	})
}
