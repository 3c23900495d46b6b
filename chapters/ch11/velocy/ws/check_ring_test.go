package ws

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// hubRingClient returns a client with no writer, whose hub allows size
// messages in its queue.
func hubRingClient(size int) *Client {
	return &Client{hub: &Hub{queueSize: size}}
}

// hubRingMsg returns a message of 1 to 40 random bytes (never nil data).
func hubRingMsg() queuedMsg {
	data := make([]byte, 1+rand.IntN(40))
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	typ := TextMessage
	if rand.IntN(2) == 0 {
		typ = BinaryMessage
	}
	return queuedMsg{typ, data}
}

// hubRingCheck compares the ring with the messages it should hold, in
// order, and says what differs, or "".
func hubRingCheck(c *Client, want []queuedMsg, peak int) string {
	var bytes int64
	for _, m := range want {
		bytes += int64(len(m.data))
	}
	switch {
	case c.n != len(want):
		return fmt.Sprintf("c.n = %d, want %d messages queued", c.n, len(want))
	case c.bytes != bytes:
		return fmt.Sprintf("c.bytes = %d, want %d (the sum of len(data) over the queue)", c.bytes, bytes)
	case len(c.buf) > c.hub.queueSize:
		return fmt.Sprintf("len(c.buf) = %d, more than queueSize %d: the ring grows up to the queue's limit, no further", len(c.buf), c.hub.queueSize)
	case len(c.buf) > max(4, 2*peak):
		return fmt.Sprintf("len(c.buf) = %d with at most %d messages ever queued: grow the ring only when it is full, doubling it (starting at 4), so a client that keeps up keeps a small buffer", len(c.buf), peak)
	case len(want) > 0 && (c.head < 0 || c.head >= len(c.buf)):
		return fmt.Sprintf("c.head = %d, outside the ring of %d slots", c.head, len(c.buf))
	}
	for i, m := range want {
		got := c.buf[(c.head+i)%len(c.buf)]
		if got.typ != m.typ || string(got.data) != string(m.data) {
			return fmt.Sprintf("message %d from the head, c.buf[(c.head+%d)%%len(c.buf)], is %v %q, want %v %q: the ring keeps the messages in order from c.head, wrapping around", i, i, got.typ, got.data, m.typ, m.data)
		}
	}
	for i := len(want); i < len(c.buf); i++ {
		j := (c.head + i) % len(c.buf)
		if got := c.buf[j]; got.data != nil || got.typ != 0 {
			return fmt.Sprintf("c.buf[%d], a free slot, still holds %v %q: clear a slot when its message leaves (queuedMsg{}), or the ring keeps the data alive", j, got.typ, got.data)
		}
	}
	return ""
}

func TestHubRingOrder(t *testing.T) {
	for round := range 5 {
		size := 5 + rand.IntN(60)
		c := hubRingClient(size)
		var want []queuedMsg
		peak := 0
		// Fill and drain to random levels, so that the ring grows, wraps
		// around, fills up and empties.
		for phase := range 12 {
			target := rand.IntN(size + 1)
			if phase%2 == 1 {
				target = rand.IntN(len(want) + 1)
			}
			for len(want) < target {
				m := hubRingMsg()
				c.pushLocked(m)
				want = append(want, m)
				peak = max(peak, len(want))
				if msg := hubRingCheck(c, want, peak); msg != "" {
					t.Fatalf("round %d, queue size %d: after pushLocked of message %d: %s", round, size, len(want), msg)
				}
			}
			for len(want) > target {
				got := c.popLocked()
				if got.typ != want[0].typ || string(got.data) != string(want[0].data) {
					t.Fatalf("round %d, queue size %d: popLocked() = %v %q, want %v %q, the oldest message (first in, first out)", round, size, got.typ, got.data, want[0].typ, want[0].data)
				}
				want = want[1:]
				if msg := hubRingCheck(c, want, peak); msg != "" {
					t.Fatalf("round %d, queue size %d: after popLocked: %s", round, size, msg)
				}
			}
		}
	}
}

func TestHubRingStartsSmall(t *testing.T) {
	size := 100 + rand.IntN(1000)
	c := hubRingClient(size)
	m := hubRingMsg()
	c.pushLocked(m)
	if c.n != 1 || len(c.buf) == 0 {
		t.Fatalf("after one pushLocked on a new client: c.n = %d, len(c.buf) = %d; want 1 message in a ring of a few slots", c.n, len(c.buf))
	}
	if len(c.buf) > 4 {
		t.Errorf("after one pushLocked with queueSize %d: len(c.buf) = %d, want at most 4: allocate the ring as it fills (doubling), not the whole queue at once", size, len(c.buf))
	}
	// A ring at its limit stays there.
	small := 1 + rand.IntN(3)
	c = hubRingClient(small)
	for range small {
		c.pushLocked(hubRingMsg())
	}
	if len(c.buf) != small {
		t.Errorf("queueSize %d, %d messages pushed: len(c.buf) = %d, want %d: the ring never grows past the queue's limit", small, small, len(c.buf), small)
	}
}

func TestHubRingDiscard(t *testing.T) {
	size := 8 + rand.IntN(40)
	c := hubRingClient(size)
	var want []queuedMsg
	// Move the head away from 0 first, so the queue wraps around.
	first := 1 + rand.IntN(size)
	for range first {
		c.pushLocked(hubRingMsg())
	}
	for range first {
		c.popLocked()
	}
	for range 1 + rand.IntN(size) {
		m := hubRingMsg()
		c.pushLocked(m)
		want = append(want, m)
	}
	if msg := hubRingCheck(c, want, size); msg != "" {
		t.Fatalf("before discardLocked: %s", msg)
	}
	c.discardLocked()
	if msg := hubRingCheck(c, nil, size); msg != "" {
		t.Fatalf("after discardLocked of %d messages: %s", len(want), msg)
	}
	// The ring still works.
	m := hubRingMsg()
	c.pushLocked(m)
	if got := c.popLocked(); string(got.data) != string(m.data) {
		t.Fatalf("pushLocked then popLocked after discardLocked = %q, want %q", got.data, m.data)
	}
}
