package ws

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// hubDiscardPeer counts the messages written to it and keeps nothing.
type hubDiscardPeer struct{ written *atomic.Int64 }

func (p hubDiscardPeer) WriteMessage(MessageType, []byte) error { p.written.Add(1); return nil }
func (p hubDiscardPeer) CloseWith(int, string) error            { return nil }
func (p hubDiscardPeer) CloseNow() error                        { return nil }

// BenchmarkBroadcast1000 broadcasts to a room of 1,000 clients whose
// writers discard. Every 32 broadcasts it waits until the writers caught
// up, so ns/op is the cost of queueing plus delivering one message to
// 1,000 clients (on however many cores there are), and no client is ever
// dropped; allocs/op is the broadcaster's and the writers' together.
func BenchmarkBroadcast1000(b *testing.B) {
	const members, batch = 1000, 32
	var written atomic.Int64
	h := NewHub(HubOptions{QueueSize: 2 * batch})
	defer h.Close()
	for range members {
		c := h.addPeer(hubDiscardPeer{&written})
		if err := c.Join("room"); err != nil {
			b.Fatal(err)
		}
	}
	data := []byte(`{"from":"ann","text":"hello, room"}`)
	var want int64
	catchUp := func() {
		for written.Load() < want {
			runtime.Gosched()
		}
	}
	// Warm up: every ring grows to its steady size.
	for range batch {
		want += int64(h.Broadcast("room", TextMessage, data))
	}
	catchUp()

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if n := h.Broadcast("room", TextMessage, data); n != members {
			b.Fatalf("Broadcast sent to %d, want %d", n, members)
		}
		want += members
		if i%batch == batch-1 {
			catchUp()
		}
	}
	catchUp()
}

// BenchmarkBroadcastQueue1000 measures the broadcaster alone: the
// 1,000 writers are blocked, so a Broadcast only takes each client's lock
// and puts the message in its ring. The queues are emptied off the clock.
func BenchmarkBroadcastQueue1000(b *testing.B) {
	const members, depth = 1000, 64
	h := NewHub(HubOptions{QueueSize: depth})
	var clients []*Client
	gate := make(chan struct{})
	for range members {
		f := newHubFake()
		f.gate = gate
		c := h.addPeer(f)
		c.Join("room")
		clients = append(clients, c)
	}
	data := []byte(`{"from":"ann","text":"hello, room"}`)
	// Fill each ring once so it has grown, then empty it: steady state.
	fill := func() {
		for range depth - 1 {
			h.Broadcast("room", TextMessage, data)
		}
	}
	empty := func() {
		for _, c := range clients {
			c.mu.Lock()
			c.discardLocked()
			c.mu.Unlock()
		}
	}
	fill()
	empty()

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%(depth-1) == depth-2 {
			b.StopTimer()
			empty()
			b.StartTimer()
		}
		if n := h.Broadcast("room", TextMessage, data); n != members {
			b.Fatalf("Broadcast sent to %d, want %d", n, members)
		}
	}
	b.StopTimer()
	close(gate) // the writers drain their queues
	h.Close()
}
