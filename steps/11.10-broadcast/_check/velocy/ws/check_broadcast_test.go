package ws

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// hubBcastPeer stands for a connection: it records each message and the
// address of its first byte. With a gate, each write waits for the gate to
// open or the connection to close.
type hubBcastPeer struct {
	gate   chan struct{}
	closed chan struct{}
	once   sync.Once

	mu   sync.Mutex
	msgs []string
	ptrs []*byte
}

func newHubBcastPeer(gated bool) *hubBcastPeer {
	p := &hubBcastPeer{closed: make(chan struct{})}
	if gated {
		p.gate = make(chan struct{})
	}
	return p
}

func (p *hubBcastPeer) WriteMessage(typ MessageType, data []byte) error {
	if p.gate != nil {
		select {
		case <-p.gate:
		case <-p.closed:
			return net.ErrClosed
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, fmt.Sprintf("%d:%s", typ, data))
	p.ptrs = append(p.ptrs, &data[0])
	return nil
}

func (p *hubBcastPeer) CloseWith(int, string) error { p.kill(); return nil }
func (p *hubBcastPeer) CloseNow() error             { p.kill(); return nil }
func (p *hubBcastPeer) kill()                       { p.once.Do(func() { close(p.closed) }) }

func (p *hubBcastPeer) received() ([]string, []*byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.msgs), slices.Clone(p.ptrs)
}

// hubBcastEnd closes the clients and their connections, and waits for the
// writers, so that no goroutine is left in the bubble.
func hubBcastEnd(clients []*Client, peers []*hubBcastPeer) {
	for i, c := range clients {
		c.Close()
		peers[i].kill()
	}
	for _, c := range clients {
		select {
		case <-c.Done():
		case <-time.After(time.Hour):
		}
	}
}

// hubBcastAdd adds n clients with their own peers.
func hubBcastAdd(h *Hub, n int) ([]*Client, []*hubBcastPeer) {
	var clients []*Client
	var peers []*hubBcastPeer
	for range n {
		p := newHubBcastPeer(false)
		peers = append(peers, p)
		clients = append(clients, h.addPeer(p))
	}
	return clients, peers
}

// hubBcastMsg returns a random message and how a peer records it.
func hubBcastMsg(i int) (MessageType, []byte, string) {
	typ := TextMessage
	if rand.IntN(3) == 0 {
		typ = BinaryMessage
	}
	data := fmt.Appendf(nil, "msg-%d-%x", i, rand.Uint64())
	return typ, data, fmt.Sprintf("%d:%s", typ, data)
}

// hubBcastCheck compares what each peer received with want, and the
// addresses of the data with those of the slices sent.
func hubBcastCheck(t *testing.T, peers []*hubBcastPeer, want [][]string, addr map[string]*byte) {
	t.Helper()
	for i, p := range peers {
		got, ptrs := p.received()
		if !slices.Equal(got, want[i]) {
			t.Fatalf("client %d received %d messages %q,\nwant %d, in order: %q", i, len(got), got, len(want[i]), want[i])
		}
		for j, m := range got {
			if ptrs[j] != addr[m] {
				t.Fatalf("client %d received a copy of %q, not the slice that was broadcast: queue the same data for every member (one message, many queues)", i, m)
			}
		}
	}
}

func TestHubBroadcastRooms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueSize: 1000})
		names := map[string]bool{}
		for len(names) < 2+rand.IntN(3) {
			names[fmt.Sprintf("room-%x", rand.Uint32())] = true
		}
		rooms := slices.Sorted(maps.Keys(names))
		clients, peers := hubBcastAdd(h, 3+rand.IntN(8))
		defer hubBcastEnd(clients, peers)
		members := map[string][]int{}
		for i, c := range clients {
			for _, name := range rooms {
				if rand.IntN(2) == 0 {
					if err := c.Join(name); err != nil {
						t.Fatalf("Join(%q) = %v", name, err)
					}
					members[name] = append(members[name], i)
				}
			}
		}
		want := make([][]string, len(clients))
		addr := map[string]*byte{}
		for i := range 10 + rand.IntN(40) {
			name := rooms[rand.IntN(len(rooms))]
			if i%7 == 6 {
				name = "nobody-here"
			}
			typ, data, rec := hubBcastMsg(i)
			addr[rec] = &data[0]
			if got := h.Broadcast(name, typ, data); got != len(members[name]) {
				t.Fatalf("Broadcast(%q, ...) = %d, want %d, the members that took the message", name, got, len(members[name]))
			}
			for _, m := range members[name] {
				want[m] = append(want[m], rec)
			}
		}
		for _, typ := range []MessageType{PingMessage, CloseMessage} {
			if got := h.Broadcast(rooms[0], typ, []byte("x")); got != 0 {
				t.Fatalf("Broadcast(%q, MessageType(%d), ...) = %d, want 0: a hub broadcasts text and binary messages only", rooms[0], typ, got)
			}
		}
		synctest.Wait() // every writer has written its queue
		hubBcastCheck(t, peers, want, addr)
	})
}

func TestHubBroadcastNeverWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		size := 2 + rand.IntN(10)
		h := NewHub(HubOptions{QueueSize: size})
		free, peers := hubBcastAdd(h, 1+rand.IntN(5))
		stuck := newHubBcastPeer(true) // its client stopped reading
		slow := h.addPeer(stuck)
		clients := append(free, slow)
		defer hubBcastEnd(clients, append(peers, stuck))
		name := fmt.Sprintf("room-%x", rand.Uint32())
		for _, c := range clients {
			if err := c.Join(name); err != nil {
				t.Fatalf("Join = %v", err)
			}
		}
		want := make([][]string, len(free))
		addr := map[string]*byte{}
		for i := range size + 2 + rand.IntN(10) {
			typ, data, rec := hubBcastMsg(i)
			addr[rec] = &data[0]
			var got int
			done := make(chan struct{})
			go func() {
				got = h.Broadcast(name, typ, data)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(time.Minute):
				t.Fatalf("Broadcast %d waited for a member whose connection takes nothing: Broadcast only queues (enqueue), the writers write", i)
			}
			// The slow client's writer holds message 0; its queue takes
			// size more; the next one drops it.
			wantSent := len(clients)
			if i > size {
				wantSent = len(free)
			}
			if got != wantSent {
				t.Fatalf("Broadcast %d to %d members, one of them stuck with QueueSize %d, = %d, want %d: count the members whose enqueue returned nil", i, len(clients), size, got, wantSent)
			}
			for m := range free {
				want[m] = append(want[m], rec)
			}
			synctest.Wait()
		}
		hubBcastCheck(t, peers, want, addr)
		if !errors.Is(slow.Err(), ErrSlowClient) {
			t.Fatalf("the stuck client's Err() = %v, want ErrSlowClient", slow.Err())
		}
	})
}

func TestHubBroadcastAll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueSize: 1000})
		clients, peers := hubBcastAdd(h, 2+rand.IntN(10))
		defer hubBcastEnd(clients, peers)
		// Rooms do not matter to BroadcastAll.
		for _, c := range clients[:rand.IntN(len(clients))] {
			c.Join("some-room")
		}
		want := make([][]string, len(clients))
		addr := map[string]*byte{}
		// The last client leaves halfway.
		gone := len(clients) - 1
		count := 4 + rand.IntN(30)
		for i := range count {
			if i == count/2 {
				clients[gone].Close()
			}
			typ, data, rec := hubBcastMsg(i)
			addr[rec] = &data[0]
			wantSent := len(clients)
			if i >= count/2 {
				wantSent--
			}
			if got := h.BroadcastAll(typ, data); got != wantSent {
				t.Fatalf("BroadcastAll %d = %d, want %d, the clients in the hub", i, got, wantSent)
			}
			for m := range clients {
				if m != gone || i < count/2 {
					want[m] = append(want[m], rec)
				}
			}
		}
		if got := h.BroadcastAll(PongMessage, []byte("x")); got != 0 {
			t.Fatalf("BroadcastAll(PongMessage, ...) = %d, want 0: a hub broadcasts text and binary messages only", got)
		}
		synctest.Wait()
		hubBcastCheck(t, peers, want, addr)
	})
}
