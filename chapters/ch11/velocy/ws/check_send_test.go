package ws

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// hubSendPeer is a connection that takes everything and closes at once.
type hubSendPeer struct{}

func (hubSendPeer) WriteMessage(MessageType, []byte) error { return nil }
func (hubSendPeer) CloseWith(int, string) error            { return nil }
func (hubSendPeer) CloseNow() error                        { return nil }

// hubSendClient returns a client of a new hub with no writer running, so
// that its queue only fills.
func hubSendClient(opts HubOptions) *Client {
	return &Client{
		hub:  NewHub(opts),
		peer: hubSendPeer{},
		wake: make(chan struct{}, 1),
		done: make(chan struct{}),
	}
}

// hubSendWithin runs f, failing the test if it does not return in time:
// Send must never wait.
func hubSendWithin(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not return within 5s: Send must never wait, for the writer or for anything (a send on c.wake needs select with default)", what)
	}
}

// hubSendDropped checks the state of a client that Send just dropped.
func hubSendDropped(t *testing.T, c *Client) {
	t.Helper()
	if n := c.Queued(); n != 0 {
		t.Errorf("Queued() after the drop = %d, want 0: a dropped client's queue is discarded (discardLocked)", n)
	}
	for i, m := range c.buf {
		if m.data != nil {
			t.Errorf("c.buf[%d] still holds %q after the drop: discardLocked releases the data", i, m.data)
			break
		}
	}
	if !errors.Is(c.Err(), ErrSlowClient) {
		t.Errorf("Err() after the drop = %v, want ErrSlowClient", c.Err())
	}
	c.mu.Lock()
	state, code, reason := c.state, c.code, c.reason
	c.mu.Unlock()
	if state != clientDropped || code != CloseTryAgainLater || reason != slowReason {
		t.Errorf("after the drop: state %d, code %d, reason %q; want clientDropped (%d), CloseTryAgainLater (%d), %q: dropLocked ends the client with endLocked", state, code, reason, clientDropped, CloseTryAgainLater, slowReason)
	}
	var err error
	hubSendWithin(t, "Send after the drop", func() { err = c.Send(TextMessage, []byte("late")) })
	if !errors.Is(err, ErrClientClosed) {
		t.Errorf("Send after the drop = %v, want ErrClientClosed", err)
	}
}

func TestHubSendQueueSize(t *testing.T) {
	size := 2 + rand.IntN(40)
	c := hubSendClient(HubOptions{QueueSize: size})
	var errs []error
	hubSendWithin(t, fmt.Sprintf("%d Sends to a client whose writer does not run", size+1), func() {
		for i := range size + 1 {
			errs = append(errs, c.Send(TextMessage, fmt.Appendf(nil, "m%d", i)))
		}
	})
	for i, err := range errs[:size] {
		if err != nil {
			t.Fatalf("Send %d of %d with QueueSize %d = %v, want nil: the queue has room", i+1, size+1, size, err)
		}
	}
	if err := errs[size]; !errors.Is(err, ErrSlowClient) {
		t.Fatalf("Send %d with QueueSize %d and %d queued = %v, want ErrSlowClient: a full queue drops the client", size+1, size, size, err)
	}
	hubSendDropped(t, c)

	// The default is 64.
	c = hubSendClient(HubOptions{})
	var last error
	hubSendWithin(t, "65 Sends with the default QueueSize", func() {
		for range hubDefaultQueueSize {
			if err := c.Send(BinaryMessage, []byte{1}); err != nil {
				t.Errorf("Send with the default QueueSize, before 64 queued = %v, want nil", err)
			}
		}
		last = c.Send(BinaryMessage, []byte{1})
	})
	if !errors.Is(last, ErrSlowClient) {
		t.Errorf("Send 65 with the default QueueSize = %v, want ErrSlowClient", last)
	}
}

func TestHubSendQueueBytes(t *testing.T) {
	limit := int64(200 + rand.IntN(800))
	c := hubSendClient(HubOptions{QueueSize: 10000, QueueBytes: limit})
	var total int64
	var sent int
	var err error
	hubSendWithin(t, "Sends up to QueueBytes", func() {
		for {
			size := 1 + rand.IntN(60)
			if total+int64(size) > limit {
				err = c.Send(TextMessage, make([]byte, size))
				return
			}
			if err := c.Send(TextMessage, make([]byte, size)); err != nil {
				t.Errorf("Send of %d bytes with %d of %d queued = %v, want nil", size, total, limit, err)
				return
			}
			total += int64(size)
			sent++
		}
	})
	if t.Failed() {
		return
	}
	if !errors.Is(err, ErrSlowClient) {
		t.Fatalf("with QueueBytes %d and %d bytes in %d messages queued, a Send that goes past the limit = %v, want ErrSlowClient", limit, total, sent, err)
	}
	hubSendDropped(t, c)

	// One message larger than QueueBytes still goes into an empty queue.
	c = hubSendClient(HubOptions{QueueBytes: limit})
	hubSendWithin(t, "Send of a large message", func() { err = c.Send(BinaryMessage, make([]byte, limit+1+int64(rand.IntN(100)))) })
	if err != nil || c.Queued() != 1 {
		t.Errorf("a message larger than QueueBytes into an empty queue: Send = %v, Queued() = %d; want nil, 1: the bound is against falling behind, not against one big message", err, c.Queued())
	}
}

func TestHubSendRefusesControl(t *testing.T) {
	c := hubSendClient(HubOptions{})
	for _, typ := range []MessageType{CloseMessage, PingMessage, PongMessage, MessageType(3 + rand.IntN(5))} {
		var err error
		hubSendWithin(t, "Send", func() { err = c.Send(typ, []byte("x")) })
		if !errors.Is(err, errSendType) {
			t.Errorf("Send(MessageType(%d), ...) = %v, want errSendType: a hub queues text and binary messages only", typ, err)
		}
	}
	if n := c.Queued(); n != 0 {
		t.Errorf("Queued() after refused Sends = %d, want 0", n)
	}
	if err := c.Err(); err != nil {
		t.Errorf("Err() after refused Sends = %v, want nil: a refused type does not end the client", err)
	}
}

func TestHubSendWakesWriter(t *testing.T) {
	c := hubSendClient(HubOptions{QueueSize: 4 + rand.IntN(10)})
	hubSendWakes := func(what string, f func()) {
		t.Helper()
		c.mu.Lock()
		c.idle = true
		c.mu.Unlock()
		hubSendWithin(t, what, f)
		select {
		case <-c.wake:
		default:
			t.Fatalf("%s while the writer was idle (c.idle) left no token on c.wake: clear c.idle and signal the writer", what)
		}
		c.mu.Lock()
		idle := c.idle
		c.mu.Unlock()
		if idle {
			t.Errorf("c.idle is still true after %s woke the writer: clear it, so that only one token is ever sent", what)
		}
	}
	hubSendWakes("Send", func() { c.Send(TextMessage, []byte("first")) })

	// A busy writer (not idle) gets no token: it looks at the queue again
	// by itself.
	hubSendWithin(t, "Send", func() { c.Send(TextMessage, []byte("second")) })
	select {
	case <-c.wake:
		t.Fatal("Send put a token on c.wake while c.idle was false: signal only a writer that waits")
	default:
	}

	// A drop wakes an idle writer too: it has a connection to close.
	hubSendWakes("the Send that dropped the client", func() {
		for i := 0; i < 10000 && c.Send(TextMessage, []byte("more")) == nil; i++ {
		}
	})
}
