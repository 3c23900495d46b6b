package ws

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// hubRoomsPeer is a connection that takes everything.
type hubRoomsPeer struct{}

func (hubRoomsPeer) WriteMessage(MessageType, []byte) error { return nil }
func (hubRoomsPeer) CloseWith(int, string) error            { return nil }
func (hubRoomsPeer) CloseNow() error                        { return nil }

// hubRoomsNames returns n distinct random room names.
func hubRoomsNames(n int) []string {
	names := map[string]bool{}
	for len(names) < n {
		names[fmt.Sprintf("room-%x", rand.Uint32())] = true
	}
	return slices.Sorted(maps.Keys(names))
}

// hubRoomsEnd closes the clients and waits for their writers.
func hubRoomsEnd(t *testing.T, clients ...*Client) {
	t.Helper()
	for _, c := range clients {
		c.Close()
	}
	deadline := time.After(5 * time.Second)
	for i, c := range clients {
		select {
		case <-c.Done():
		case <-deadline:
			t.Fatalf("client %d: Done not closed 5s after Close", i)
		}
	}
}

// hubRoomsMapLen returns the number of rooms in the hub's map.
func hubRoomsMapLen(h *Hub) int {
	h.roomsMu.RLock()
	defer h.roomsMu.RUnlock()
	return len(h.rooms)
}

func TestHubRoomsJoinLeave(t *testing.T) {
	h := NewHub(HubOptions{})
	names := hubRoomsNames(2 + rand.IntN(5))
	clients := make([]*Client, 3+rand.IntN(10))
	for i := range clients {
		clients[i] = h.addPeer(hubRoomsPeer{})
	}
	defer hubRoomsEnd(t, clients...)
	model := map[string]map[*Client]bool{}
	for _, name := range names {
		model[name] = map[*Client]bool{}
	}
	check := func(when string) {
		t.Helper()
		var want []string
		for _, name := range names {
			if got, want := h.Members(name), len(model[name]); got != want {
				t.Fatalf("%s: Members(%q) = %d, want %d", when, name, got, want)
			}
			if len(model[name]) > 0 {
				want = append(want, name)
			}
		}
		if got := h.Rooms(); !slices.Equal(got, want) {
			t.Fatalf("%s: Rooms() = %q, want %q (the rooms with members, sorted)", when, got, want)
		}
		if n := hubRoomsMapLen(h); n != len(want) {
			t.Fatalf("%s: h.rooms holds %d rooms, want %d: a room left empty is deleted from the map", when, n, len(want))
		}
	}
	check("before any Join")

	for _, c := range clients {
		for _, name := range names {
			if rand.IntN(2) == 0 {
				continue
			}
			for range 1 + rand.IntN(2) { // joining twice does nothing
				if err := c.Join(name); err != nil {
					t.Fatalf("Join(%q) = %v, want nil", name, err)
				}
			}
			model[name][c] = true
		}
	}
	check("after the Joins (some twice)")

	for round := range 3 {
		for _, c := range clients {
			name := names[rand.IntN(len(names))]
			c.Leave(name) // also a room the client is not in
			delete(model[name], c)
		}
		check(fmt.Sprintf("after Leave round %d", round))
	}

	// A closed client leaves every room, and may join none.
	for _, c := range clients[:1+rand.IntN(len(clients)-1)] {
		c.Close()
		for _, name := range names {
			delete(model[name], c)
		}
		if err := c.Join(names[0]); !errors.Is(err, ErrClientClosed) {
			t.Fatalf("Join after Close = %v, want ErrClientClosed", err)
		}
	}
	check("after some clients closed (hub.detach leaves their rooms)")

	for _, c := range clients {
		for _, name := range names {
			c.Leave(name)
			delete(model[name], c)
		}
	}
	check("after every client left every room")
}

// hubRoomsBlockedInJoin reports whether a goroutine waits for a lock
// inside Client.Join.
func hubRoomsBlockedInJoin() bool {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(g, "(*Client).Join(") && (strings.Contains(header, "[sync.") || strings.Contains(header, "[semacquire")) {
			return true
		}
	}
	return false
}

func TestHubRoomsDeadRoom(t *testing.T) {
	h := NewHub(HubOptions{})
	c := h.addPeer(hubRoomsPeer{})
	other := h.addPeer(hubRoomsPeer{})
	defer hubRoomsEnd(t, c, other)
	names := hubRoomsNames(2)
	name := names[0]

	// A room found in the map, whose lock someone holds.
	r := &room{index: make(map[*Client]int)}
	h.roomsMu.Lock()
	h.rooms[name] = r
	h.roomsMu.Unlock()
	r.mu.Lock()
	locked := true
	defer func() {
		if locked {
			r.mu.Unlock()
		}
	}()
	joined := make(chan error, 1)
	go func() { joined <- c.Join(name) }()
	deadline := time.Now().Add(5 * time.Second)
	for !hubRoomsBlockedInJoin() {
		select {
		case err := <-joined:
			t.Fatalf("Join(%q) = %v returned while the room's lock was held: Join adds the client under the room's own lock (r.mu)", name, err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("Join(%q) did not wait for the room's lock within 5s", name)
		}
		runtime.Gosched()
	}

	// While Join waits for that room, the others work.
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := other.Join(names[1]); err != nil {
			t.Errorf("Join(%q) = %v", names[1], err)
		}
		if n := h.Members(names[1]); n != 1 {
			t.Errorf("Members(%q) = %d, want 1", names[1], n)
		}
		other.Leave(names[1])
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("while Join(%q) waited for that room's lock, Join, Members and Leave on room %q waited too (5s): look the room up under h.roomsMu, then release it before locking the room", name, names[1])
	}

	// The room empties and is deleted before Join gets its lock.
	h.roomsMu.Lock()
	delete(h.rooms, name)
	r.dead = true
	h.roomsMu.Unlock()
	r.mu.Unlock()
	locked = false
	select {
	case err := <-joined:
		if err != nil {
			t.Fatalf("Join(%q) = %v, want nil", name, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("Join(%q) did not return within 5s of getting the room's lock", name)
	}
	h.roomsMu.RLock()
	now := h.rooms[name]
	h.roomsMu.RUnlock()
	if now == nil || now == r || len(r.members) != 0 {
		t.Fatalf("Join(%q) added the client to a room that was deleted meanwhile (r.dead): the client is in no room the hub knows. Under the room's lock, a dead room means: look it up again", name)
	}
	if n := h.Members(name); n != 1 {
		t.Fatalf("Members(%q) after Join = %d, want 1", name, n)
	}
}

func TestHubRoomsConcurrent(t *testing.T) {
	h := NewHub(HubOptions{})
	names := hubRoomsNames(2 + rand.IntN(3))
	clients := make([]*Client, 4+rand.IntN(5))
	for i := range clients {
		clients[i] = h.addPeer(hubRoomsPeer{})
	}
	defer hubRoomsEnd(t, clients...)
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			in := map[string]bool{}
			for range 100 + rand.IntN(200) {
				name := names[rand.IntN(len(names))]
				if in[name] {
					c.Leave(name)
					delete(in, name)
					continue
				}
				if err := c.Join(name); err != nil {
					t.Errorf("Join(%q) = %v", name, err)
					return
				}
				in[name] = true
				if n := h.Members(name); n < 1 {
					t.Errorf("Members(%q) = %d right after a Join, want at least 1", name, n)
					return
				}
			}
			for name := range in {
				c.Leave(name)
			}
		})
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("concurrent Joins and Leaves did not finish within 10s: a deadlock? (lock order: the client's roomsMu, the hub's roomsMu, the room's mu)")
	}
	if rooms := h.Rooms(); len(rooms) != 0 || hubRoomsMapLen(h) != 0 {
		t.Fatalf("every client left every room, but Rooms() = %q and h.rooms holds %d", rooms, hubRoomsMapLen(h))
	}
}
