package ws

import (
	"bufio"
	"context"
	"errors"
	"net"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// hubFake stands for a connection: it records what is written to it and
// how it is closed. With a gate, each write waits for a token from the gate
// (or for CloseNow, as a write on a closed socket returns).
type hubFake struct {
	gate       chan struct{} // nil: writes go through at once
	writeErr   error         // every write fails with it
	ignoreNow  bool          // CloseNow does not end a blocked write
	closedOnce sync.Once
	closed     chan struct{} // closed by CloseWith and CloseNow

	mu     sync.Mutex
	msgs   []string
	closes []hubCloseCall
	nows   int
}

type hubCloseCall struct {
	code   int
	reason string
}

func newHubFake() *hubFake { return &hubFake{closed: make(chan struct{})} }

func newBlockedHubFake() *hubFake {
	f := newHubFake()
	f.gate = make(chan struct{})
	return f
}

func (f *hubFake) WriteMessage(typ MessageType, data []byte) error {
	if f.writeErr != nil {
		return f.writeErr
	}
	if f.gate != nil {
		if f.ignoreNow {
			<-f.gate
		} else {
			select {
			case <-f.gate:
			case <-f.closed:
				return net.ErrClosed
			}
		}
	}
	select {
	case <-f.closed:
		return net.ErrClosed
	default:
	}
	f.mu.Lock()
	f.msgs = append(f.msgs, string(data))
	f.mu.Unlock()
	return nil
}

func (f *hubFake) CloseWith(code int, reason string) error {
	f.mu.Lock()
	f.closes = append(f.closes, hubCloseCall{code, reason})
	f.mu.Unlock()
	select {
	case <-f.closed:
		return net.ErrClosed
	default:
	}
	f.closedOnce.Do(func() { close(f.closed) })
	return nil
}

func (f *hubFake) CloseNow() error {
	f.mu.Lock()
	f.nows++
	f.mu.Unlock()
	f.closedOnce.Do(func() { close(f.closed) })
	return nil
}

// received returns a copy of the messages written so far.
func (f *hubFake) received() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.msgs)
}

// closeCalls returns the CloseWith calls so far and the number of CloseNow
// calls.
func (f *hubFake) closeCalls() ([]hubCloseCall, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.closes), f.nows
}

// hubDrops records OnDrop's calls.
type hubDrops struct {
	mu    sync.Mutex
	calls map[*Client][]error
}

func (d *hubDrops) record(c *Client, reason error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.calls == nil {
		d.calls = make(map[*Client][]error)
	}
	d.calls[c] = append(d.calls[c], reason)
}

func (d *hubDrops) of(c *Client) []error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.calls[c])
}

func (d *hubDrops) total() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, errs := range d.calls {
		n += len(errs)
	}
	return n
}

func mustAdd(t testing.TB, h *Hub, p peer) *Client {
	t.Helper()
	c := h.addPeer(p)
	if c == nil {
		t.Fatal("addPeer returned nil on an open hub")
	}
	return c
}

func mustJoin(t testing.TB, c *Client, rooms ...string) {
	t.Helper()
	for _, r := range rooms {
		if err := c.Join(r); err != nil {
			t.Fatalf("Join(%q) = %v", r, err)
		}
	}
}

func TestHubCloseGoingAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var d hubDrops
		h := NewHub(HubOptions{OnDrop: d.record})
		fakes := []*hubFake{newHubFake(), newHubFake(), newBlockedHubFake()}
		var clients []*Client
		for i, f := range fakes {
			c := mustAdd(t, h, f)
			mustJoin(t, c, "lobby")
			if i == 0 {
				mustJoin(t, c, "ops")
			}
			clients = append(clients, c)
		}
		h.Broadcast("lobby", TextMessage, []byte("m1"))
		h.Broadcast("lobby", TextMessage, []byte("m2"))
		synctest.Wait() // the blocked client's writer waits in m1

		if err := h.Close(); err != nil {
			t.Fatalf("Close = %v", err)
		}
		// The free clients wrote their queue, then the close frame.
		for i, f := range fakes[:2] {
			if got := f.received(); !slices.Equal(got, []string{"m1", "m2"}) {
				t.Errorf("client %d received %q, want m1 m2 before closing", i, got)
			}
			closes, nows := f.closeCalls()
			if want := []hubCloseCall{{CloseGoingAway, "going away"}}; !slices.Equal(closes, want) || nows != 0 {
				t.Errorf("client %d: CloseWith calls %v and %d CloseNow, want %v and none", i, closes, nows, want)
			}
		}
		// The blocked one never finished m1: CloseTimeout later its
		// connection was closed under the write.
		if _, nows := fakes[2].closeCalls(); nows == 0 {
			t.Error("the blocked client's connection was not closed at once after CloseTimeout")
		}
		for i, c := range clients {
			select {
			case <-c.Done():
			default:
				t.Errorf("client %d: Done not closed after Close", i)
			}
			if !errors.Is(c.Err(), ErrHubClosed) {
				t.Errorf("client %d: Err = %v, want ErrHubClosed", i, c.Err())
			}
			if err := c.Send(TextMessage, []byte("late")); !errors.Is(err, ErrClientClosed) {
				t.Errorf("client %d: Send after Close = %v, want ErrClientClosed", i, err)
			}
		}
		if n := h.Len(); n != 0 {
			t.Errorf("Len after Close = %d", n)
		}
		if rooms := h.Rooms(); len(rooms) != 0 {
			t.Errorf("Rooms after Close = %q", rooms)
		}
		if n := d.total(); n != 0 {
			t.Errorf("OnDrop called %d times by Close, want 0", n)
		}
		if c := h.addPeer(newHubFake()); c != nil {
			t.Error("addPeer after Close registered a client")
		}
		if err := h.Close(); err != nil {
			t.Errorf("second Close = %v", err)
		}
		// synctest.Test fails if any goroutine of the hub is left.
	})
}

func TestAddAfterCloseClosesConn(t *testing.T) {
	h := NewHub(HubOptions{})
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	server, remote := net.Pipe()
	defer remote.Close()
	c, err := h.Add(newConn(server, bufio.NewReader(server), true, "", ConnOptions{}))
	if c != nil || !errors.Is(err, ErrHubClosed) {
		t.Fatalf("Add after Close = %v, %v; want nil, ErrHubClosed", c, err)
	}
	// The conn was closed: a write on it fails.
	if _, err := server.Write([]byte("x")); err == nil {
		t.Error("the connection is still open after a refused Add")
	}
}

func TestShutdownGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{CloseTimeout: time.Second})
		f := newBlockedHubFake()
		f.ignoreNow = true // a write nothing can end
		c := mustAdd(t, h, f)
		c.Send(TextMessage, []byte("stuck"))
		synctest.Wait()

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := h.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Shutdown = %v, want DeadlineExceeded", err)
		}
		if _, nows := f.closeCalls(); nows == 0 {
			t.Error("the connection was not closed after CloseTimeout")
		}
		close(f.gate) // let the writer end, or the bubble never does
		<-c.Done()
		if err := h.Close(); err != nil {
			t.Errorf("Close once the writer ended = %v", err)
		}
	})
}

func TestRemove(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		f := newHubFake()
		c := mustAdd(t, h, f)
		mustJoin(t, c, "a", "b")
		c.Send(TextMessage, []byte("bye"))
		h.Remove(c)
		if h.Members("a") != 0 || h.Members("b") != 0 || h.Len() != 0 {
			t.Errorf("after Remove: members a=%d b=%d, Len %d; want all 0", h.Members("a"), h.Members("b"), h.Len())
		}
		<-c.Done()
		if got := f.received(); !slices.Equal(got, []string{"bye"}) {
			t.Errorf("received %q, want the message queued before Remove", got)
		}
		if closes, _ := f.closeCalls(); !slices.Equal(closes, []hubCloseCall{{CloseNormal, ""}}) {
			t.Errorf("CloseWith calls %v, want one CloseNormal", closes)
		}
		if !errors.Is(c.Err(), ErrClientClosed) {
			t.Errorf("Err = %v, want ErrClientClosed", c.Err())
		}
		h.Remove(c)   // twice: nothing
		h.Remove(nil) // nothing
		NewHub(HubOptions{}).Remove(c)
		if err := c.Join("a"); !errors.Is(err, ErrClientClosed) {
			t.Errorf("Join after Remove = %v, want ErrClientClosed", err)
		}
		if h.Members("a") != 0 {
			t.Error("Join after Remove added the client")
		}
		h.Close()
	})
}
