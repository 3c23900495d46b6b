package ws

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

func TestBroadcastReachesRoomMembersInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		// a: c0 c1 c2; b: c2 c3; c4 in no room.
		rooms := [][]string{{"a"}, {"a"}, {"a", "b"}, {"b"}, nil}
		fakes := make([]*hubFake, len(rooms))
		for i, rs := range rooms {
			fakes[i] = newHubFake()
			mustJoin(t, mustAdd(t, h, fakes[i]), rs...)
		}
		if got := h.Rooms(); !slices.Equal(got, []string{"a", "b"}) {
			t.Errorf("Rooms = %q", got)
		}
		if h.Members("a") != 3 || h.Members("b") != 2 || h.Members("none") != 0 {
			t.Errorf("Members a=%d b=%d none=%d, want 3 2 0", h.Members("a"), h.Members("b"), h.Members("none"))
		}
		want := make([][]string, len(rooms))
		for i := range 20 {
			room := "a"
			if i%3 == 0 {
				room = "b"
			}
			m := fmt.Sprintf("%s%d", room, i)
			n := h.Broadcast(room, TextMessage, []byte(m))
			if n != h.Members(room) {
				t.Fatalf("Broadcast to %s sent to %d", room, n)
			}
			for j, rs := range rooms {
				if slices.Contains(rs, room) {
					want[j] = append(want[j], m)
				}
			}
		}
		if n := h.Broadcast("none", TextMessage, []byte("lost")); n != 0 {
			t.Errorf("Broadcast to a room nobody joined sent to %d", n)
		}
		if n := h.BroadcastAll(TextMessage, []byte("all")); n != len(rooms) {
			t.Errorf("BroadcastAll sent to %d, want %d", n, len(rooms))
		}
		synctest.Wait()
		for j, f := range fakes {
			w := append(want[j], "all")
			if got := f.received(); !slices.Equal(got, w) {
				t.Errorf("client %d (rooms %q) received %q, want %q", j, rooms[j], got, w)
			}
		}
		h.Close()
	})
}

func TestJoinLeaveDeletesEmptyRooms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(HubOptions{})
		c1, c2 := mustAdd(t, h, newHubFake()), mustAdd(t, h, newHubFake())
		mustJoin(t, c1, "x", "y")
		mustJoin(t, c1, "x") // twice: once a member
		mustJoin(t, c2, "x")
		if h.Members("x") != 2 || h.Members("y") != 1 {
			t.Fatalf("Members x=%d y=%d, want 2 1", h.Members("x"), h.Members("y"))
		}
		c1.Leave("y")
		c1.Leave("y") // not a member: nothing
		c1.Leave("nowhere")
		if got := h.Rooms(); !slices.Equal(got, []string{"x"}) {
			t.Errorf("Rooms after the last member of y left = %q", got)
		}
		c1.Leave("x")
		c2.Leave("x")
		if got := h.Rooms(); len(got) != 0 {
			t.Errorf("Rooms after everybody left = %q", got)
		}
		if len(h.rooms) != 0 {
			t.Errorf("the hub keeps %d empty rooms", len(h.rooms))
		}
		mustJoin(t, c2, "x") // a deleted room comes back
		if h.Members("x") != 1 {
			t.Errorf("Members after joining a deleted room again = %d", h.Members("x"))
		}
		h.Close()
	})
}

// hubSeqPeer checks that the messages of each sender reach it in the order
// they were sent: a message is "sender:seq".
type hubSeqPeer struct {
	mu   sync.Mutex
	last map[string]int
	bad  string
}

func (p *hubSeqPeer) WriteMessage(typ MessageType, data []byte) error {
	sender, seq, _ := strings.Cut(string(data), ":")
	n, _ := strconv.Atoi(seq)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		p.last = make(map[string]int)
	}
	if last, ok := p.last[sender]; ok && n <= last && p.bad == "" {
		p.bad = fmt.Sprintf("%s's message %d after %d", sender, n, last)
	}
	p.last[sender] = n
	return nil
}
func (p *hubSeqPeer) CloseWith(int, string) error { return nil }
func (p *hubSeqPeer) CloseNow() error             { return nil }

// TestConcurrentRoomsStress runs joins, leaves, broadcasts, removes and
// adds side by side; -race checks the locking, and the peers the order of
// each broadcaster's messages.
func TestConcurrentRoomsStress(t *testing.T) {
	h := NewHub(HubOptions{QueueSize: 8}) // small: hubDrops happen too
	rooms := []string{"r0", "r1", "r2", "r3"}
	const nClients, nBroadcasters, rounds = 32, 3, 1500

	var mu sync.Mutex
	var peers []*hubSeqPeer
	clients := make([]*Client, nClients)
	add := func(i int) {
		p := &hubSeqPeer{}
		mu.Lock()
		peers = append(peers, p)
		mu.Unlock()
		clients[i] = h.addPeer(p)
	}
	for i := range clients {
		add(i)
	}

	var wg sync.WaitGroup
	// Members: join and leave rooms; now and then one is removed and a new
	// client takes its place.
	for g := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			mine := clients[g*nClients/4 : (g+1)*nClients/4]
			for range rounds {
				i := rng.IntN(len(mine))
				c := mine[i]
				switch r := rooms[rng.IntN(len(rooms))]; rng.IntN(10) {
				case 0:
					h.Remove(c)
					mu.Lock()
					p := &hubSeqPeer{}
					peers = append(peers, p)
					mu.Unlock()
					mine[i] = h.addPeer(p)
				case 1, 2, 3, 4:
					c.Leave(r)
				default:
					c.Join(r) // ErrClientClosed after a drop: fine
				}
			}
		})
	}
	for b := range nBroadcasters {
		wg.Go(func() {
			sender := fmt.Sprintf("b%d", b)
			for i := range rounds {
				msg := []byte(fmt.Sprintf("%s:%d", sender, i))
				if i%5 == 0 {
					h.BroadcastAll(TextMessage, msg)
				} else {
					h.Broadcast(rooms[i%len(rooms)], TextMessage, msg)
				}
				h.Members(rooms[i%len(rooms)])
			}
		})
	}
	wg.Go(func() {
		for range rounds / 4 {
			h.Rooms()
		}
	})
	wg.Wait()

	if err := h.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if h.Len() != 0 || len(h.Rooms()) != 0 {
		t.Errorf("after Close: Len %d, Rooms %q", h.Len(), h.Rooms())
	}
	mu.Lock()
	defer mu.Unlock()
	for i, p := range peers {
		p.mu.Lock()
		if p.bad != "" {
			t.Errorf("peer %d: %s", i, p.bad)
		}
		p.mu.Unlock()
	}
}
