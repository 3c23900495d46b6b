package ws

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func numbered(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("m%d", i)
	}
	return out
}

func TestBlockedClientDoesNotDelayOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueSize: 16})
		blocked := newBlockedHubFake()
		free := []*hubFake{newHubFake(), newHubFake(), newHubFake()}
		mustJoin(t, mustAdd(t, h, blocked), "room")
		for _, f := range free {
			mustJoin(t, mustAdd(t, h, f), "room")
		}
		want := numbered(10)
		for _, m := range want {
			if n := h.Broadcast("room", TextMessage, []byte(m)); n != 4 {
				t.Fatalf("Broadcast sent to %d clients, want 4", n)
			}
		}
		// Every goroutine of the bubble is now blocked: the blocked
		// client's writer inside its first write, the others idle.
		synctest.Wait()
		for i, f := range free {
			if got := f.received(); !slices.Equal(got, want) {
				t.Errorf("free client %d received %q while another was blocked, want %q", i, got, want)
			}
		}
		if got := blocked.received(); len(got) != 0 {
			t.Errorf("blocked client received %q", got)
		}

		close(blocked.gate) // it reads again
		synctest.Wait()
		if got := blocked.received(); !slices.Equal(got, want) {
			t.Errorf("blocked client received %q once unblocked, want %q", got, want)
		}
		h.Close()
	})
}

func TestSlowClientDropped(t *testing.T) {
	for _, stalled := range []bool{false, true} {
		name := "slow"
		if stalled {
			name = "stalled"
		}
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) { testSlowClientDropped(t, stalled) })
		})
	}
}

// testSlowClientDropped fills a blocked client's queue of 4, then sends one
// more. A slow client reads again after that (its close frame goes
// through); a stalled one never does (CloseTimeout closes its connection).
func testSlowClientDropped(t *testing.T, stalled bool) {
	var d hubDrops
	h := NewHub(HubOptions{QueueSize: 4, CloseTimeout: 3 * time.Second, OnDrop: d.record})
	slow := newBlockedHubFake()
	other := newHubFake()
	cs := mustAdd(t, h, slow)
	co := mustAdd(t, h, other)
	mustJoin(t, cs, "room")
	mustJoin(t, co, "room")

	h.Broadcast("room", TextMessage, []byte("in flight"))
	synctest.Wait() // the writer took it and waits in WriteMessage
	for i := range 4 {
		if n := h.Broadcast("room", TextMessage, fmt.Appendf(nil, "q%d", i)); n != 2 {
			t.Fatalf("Broadcast %d sent to %d, want 2", i, n)
		}
		synctest.Wait() // the other client keeps up
	}
	if n := cs.Queued(); n != 4 {
		t.Fatalf("Queued = %d, want 4 (full)", n)
	}
	start := time.Now()
	if n := h.Broadcast("room", TextMessage, []byte("overflow")); n != 1 {
		t.Fatalf("Broadcast over a full queue sent to %d, want 1 (the slow client dropped)", n)
	}
	if n := cs.Queued(); n != 0 {
		t.Errorf("Queued after the drop = %d, want 0 (discarded)", n)
	}
	if err := cs.Send(TextMessage, []byte("again")); !errors.Is(err, ErrClientClosed) {
		t.Errorf("Send after the drop = %v, want ErrClientClosed", err)
	}

	if !stalled {
		slow.gate <- struct{}{} // the write in flight ends
	}
	<-cs.Done()
	closes, nows := slow.closeCalls()
	if want := []hubCloseCall{{CloseTryAgainLater, slowReason}}; !slices.Equal(closes, want) {
		t.Errorf("CloseWith calls %v, want %v", closes, want)
	}
	if stalled {
		if nows == 0 {
			t.Error("a stalled client's connection was not closed at once")
		}
		if waited := time.Since(start); waited != 3*time.Second {
			t.Errorf("the stalled client was closed after %v (fake time), want CloseTimeout", waited)
		}
	} else {
		if nows != 0 {
			t.Errorf("CloseNow called %d times on a client whose close frame went through", nows)
		}
		if got := slow.received(); !slices.Equal(got, []string{"in flight"}) {
			t.Errorf("slow client received %q, want only the message in flight", got)
		}
	}
	if errs := d.of(cs); len(errs) != 1 || !errors.Is(errs[0], ErrSlowClient) {
		t.Errorf("OnDrop calls for the slow client: %v, want one ErrSlowClient", errs)
	}
	if d.total() != 1 {
		t.Errorf("OnDrop called %d times, want 1", d.total())
	}
	if !errors.Is(cs.Err(), ErrSlowClient) {
		t.Errorf("Err = %v, want ErrSlowClient", cs.Err())
	}
	if n := h.Members("room"); n != 1 {
		t.Errorf("Members after the drop = %d, want 1", n)
	}
	synctest.Wait()
	want := []string{"in flight", "q0", "q1", "q2", "q3", "overflow"}
	if got := other.received(); !slices.Equal(got, want) {
		t.Errorf("the other client received %q, want %q", got, want)
	}
	h.Close()
}

func TestWriteErrorDropsClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var d hubDrops
		h := NewHub(HubOptions{OnDrop: d.record})
		broken := errors.New("broken pipe")
		f := newHubFake()
		f.writeErr = broken
		c := mustAdd(t, h, f)
		mustJoin(t, c, "room")
		if err := c.Send(BinaryMessage, []byte{1}); err != nil {
			t.Fatalf("Send = %v; the failure is the writer's to find", err)
		}
		<-c.Done()
		if errs := d.of(c); len(errs) != 1 || !errors.Is(errs[0], broken) {
			t.Errorf("OnDrop calls %v, want one with the write error", errs)
		}
		if !errors.Is(c.Err(), broken) {
			t.Errorf("Err = %v, want the write error", c.Err())
		}
		closes, nows := f.closeCalls()
		if len(closes) != 0 || nows != 1 {
			t.Errorf("closed with %v and %d CloseNow, want CloseNow alone", closes, nows)
		}
		if h.Members("room") != 0 || h.Len() != 0 {
			t.Error("a client whose write failed is still in the hub")
		}
		h.Close()
	})
}

func TestQueueBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueSize: 8})
		f := newBlockedHubFake()
		c := mustAdd(t, h, f)
		c.Send(TextMessage, []byte("in flight"))
		synctest.Wait()
		for i := range 8 {
			if err := c.Send(TextMessage, []byte("x")); err != nil {
				t.Fatalf("Send %d = %v", i, err)
			}
			c.mu.Lock()
			n, size := c.n, len(c.buf)
			c.mu.Unlock()
			if n > 8 || size > 8 {
				t.Fatalf("queue of %d messages in a buffer of %d, limit 8", n, size)
			}
		}
		if err := c.Send(TextMessage, []byte("x")); !errors.Is(err, ErrSlowClient) {
			t.Fatalf("Send over the limit = %v, want ErrSlowClient", err)
		}
		close(f.gate)
		h.Close()
	})
}

func TestQueueBytes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{QueueBytes: 10})
		f := newBlockedHubFake()
		c := mustAdd(t, h, f)
		c.Send(TextMessage, []byte("in flight"))
		synctest.Wait()
		// One message larger than the bound goes into an empty queue.
		if err := c.Send(BinaryMessage, make([]byte, 100)); err != nil {
			t.Fatalf("a large message into an empty queue: %v", err)
		}
		f.gate <- struct{}{} // in flight
		f.gate <- struct{}{} // the large one
		synctest.Wait()
		for i := range 2 {
			if err := c.Send(TextMessage, []byte("four")); err != nil {
				t.Fatalf("Send %d (%d bytes queued) = %v", i, 4*i, err)
			}
		}
		if err := c.Send(TextMessage, []byte("four")); !errors.Is(err, ErrSlowClient) {
			t.Fatalf("Send past 10 bytes = %v, want ErrSlowClient", err)
		}
		close(f.gate)
		h.Close()
	})
}

func TestSendRejectsControlTypes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		f := newHubFake()
		c := mustAdd(t, h, f)
		mustJoin(t, c, "room")
		for _, typ := range []MessageType{CloseMessage, PingMessage, PongMessage, 0, 3} {
			if err := c.Send(typ, nil); err == nil {
				t.Errorf("Send(%d) = nil, want an error", typ)
			}
			if n := h.Broadcast("room", typ, nil); n != 0 {
				t.Errorf("Broadcast(%d) sent to %d", typ, n)
			}
			if n := h.BroadcastAll(typ, nil); n != 0 {
				t.Errorf("BroadcastAll(%d) sent to %d", typ, n)
			}
		}
		if c.Err() != nil {
			t.Errorf("a refused type ended the client: %v", c.Err())
		}
		synctest.Wait()
		if got := f.received(); len(got) != 0 {
			t.Errorf("received %q", got)
		}
		c.Close()
		c.Close()
		<-c.Done()
		h.Close()
	})
}

// TestOnDropMayUseTheHub tells the room who left from OnDrop: it runs on
// the dropped client's writer, which holds no lock of the hub.
func TestOnDropMayUseTheHub(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var h *Hub
		h = NewHub(HubOptions{QueueSize: 1, OnDrop: func(c *Client, reason error) {
			h.Broadcast("room", TextMessage, []byte("somebody left"))
			c.Close() // nothing: the client already ended
		}})
		slow, other := newBlockedHubFake(), newHubFake()
		cs, co := mustAdd(t, h, slow), mustAdd(t, h, other)
		mustJoin(t, cs, "room")
		mustJoin(t, co, "room")
		for _, m := range []string{"a", "b", "c"} { // a in flight, b queued, c too many
			h.Broadcast("room", TextMessage, []byte(m))
			synctest.Wait()
		}
		slow.gate <- struct{}{}
		<-cs.Done()
		synctest.Wait()
		if got, want := other.received(), []string{"a", "b", "c", "somebody left"}; !slices.Equal(got, want) {
			t.Errorf("the other client received %q, want %q", got, want)
		}
		h.Close()
	})
}
