package ws

import (
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
	// TODO(11.10): under c.roomsMu: refuse a detached or closed client;
	// find or create the room under the hub's roomsMu, then add c under
	// the room's own lock (look again if the room is dead by then).
	return nil
}

// Leave takes the client out of a room; a room left empty is deleted.
// Leaving a room the client is not in does nothing.
func (c *Client) Leave(name string) {
	// TODO(11.10): under c.roomsMu, forget the room and let h.leave take c
	// out of it.
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
	// TODO(11.10): remove c from r.members in O(1) (move the last member
	// into its place); if r is now empty, delete it from h.rooms and mark
	// it dead.
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
	// TODO(11.10): the keys of h.rooms, sorted.
	return nil
}

// Members returns the number of clients in a room.
func (h *Hub) Members(name string) int {
	// TODO(11.10): the length of the room's members, or 0.
	return 0
}
