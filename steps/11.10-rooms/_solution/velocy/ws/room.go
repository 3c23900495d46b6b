package ws

import (
	"slices"
	"sync"
)

// room is a named set of clients. Its own lock guards the members, so a
// broadcast to one room holds nothing hub-wide, and broadcasts to the same
// room run side by side (read lock). The lock order is: a client's roomsMu,
// then the hub's roomsMu, then a room's mu, then a client's mu.
type room struct {
	mu      sync.RWMutex
	members []*Client       // in no particular order
	index   map[*Client]int // member → position in members
	dead    bool            // taken out of the hub's map: Join must look again
}

// Join adds the client to a room, creating the room if needed. Joining a
// room twice does nothing. It returns [ErrClientClosed] once the client is
// closed or dropped.
func (c *Client) Join(name string) error {
	c.roomsMu.Lock()
	defer c.roomsMu.Unlock()
	if c.detached || c.closed() {
		return ErrClientClosed
	}
	if _, ok := c.rooms[name]; ok {
		return nil
	}
	h := c.hub
	for {
		h.roomsMu.Lock()
		r := h.rooms[name]
		if r == nil {
			r = &room{index: make(map[*Client]int)}
			h.rooms[name] = r
		}
		h.roomsMu.Unlock()

		r.mu.Lock()
		if r.dead {
			// Emptied and deleted between the lookup and the lock.
			r.mu.Unlock()
			continue
		}
		r.index[c] = len(r.members)
		r.members = append(r.members, c)
		r.mu.Unlock()
		if c.rooms == nil {
			c.rooms = make(map[string]*room)
		}
		c.rooms[name] = r
		return nil
	}
}

// Leave takes the client out of a room; a room left empty is deleted.
// Leaving a room the client is not in does nothing.
func (c *Client) Leave(name string) {
	c.roomsMu.Lock()
	defer c.roomsMu.Unlock()
	if r, ok := c.rooms[name]; ok {
		delete(c.rooms, name)
		c.hub.leave(c, name, r)
	}
}

// closed reports whether the client is closing or dropped.
func (c *Client) closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state != clientOpen
}

// leave takes c out of r (named name), and r out of the hub if that left
// it empty. The caller holds c.roomsMu and has taken r out of c.rooms.
func (h *Hub) leave(c *Client, name string, r *room) {
	r.mu.Lock()
	i := r.index[c]
	last := len(r.members) - 1
	moved := r.members[last]
	r.members[i] = moved
	r.index[moved] = i
	r.members[last] = nil
	r.members = r.members[:last]
	delete(r.index, c)
	empty := last == 0
	r.mu.Unlock()
	if !empty {
		return
	}
	// Deleting takes the hub's lock, which comes before the room's: look
	// again under both, a Join may have come in between.
	h.roomsMu.Lock()
	r.mu.Lock()
	if len(r.members) == 0 && h.rooms[name] == r {
		delete(h.rooms, name)
		r.dead = true
	}
	r.mu.Unlock()
	h.roomsMu.Unlock()
}

// Broadcast queues a message for every member of a room and returns how
// many took it (those dropped by it, or closed, did not). It never waits
// for a client, and holds only the room's read lock while it queues. The
// data is shared by all the queues, not copied: it must not be modified
// after the call. A type other than TextMessage or BinaryMessage sends
// nothing.
func (h *Hub) Broadcast(name string, typ MessageType, data []byte) (sent int) {
	// TODO(11.10): find the room, then enqueue for each member under the
	// room's read lock, counting those that took it.
	return 0
}

// Rooms returns the names of the rooms that have members, sorted.
func (h *Hub) Rooms() []string {
	h.roomsMu.RLock()
	names := make([]string, 0, len(h.rooms))
	for name := range h.rooms {
		names = append(names, name)
	}
	h.roomsMu.RUnlock()
	slices.Sort(names)
	return names
}

// Members returns the number of clients in a room.
func (h *Hub) Members(name string) int {
	h.roomsMu.RLock()
	r := h.rooms[name]
	h.roomsMu.RUnlock()
	if r == nil {
		return 0
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.members)
}
