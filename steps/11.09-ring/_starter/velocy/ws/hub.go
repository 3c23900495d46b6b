package ws

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrHubClosed is what Add returns after Hub.Close, and what a client's Err
// says when Hub.Close closed it.
var ErrHubClosed = errors.New("ws: hub closed")

// The defaults of HubOptions.
const (
	hubDefaultQueueSize    = 64
	hubDefaultCloseTimeout = 5 * time.Second
)

// HubOptions configures a Hub. The zero value is usable.
type HubOptions struct {
	// QueueSize is the most messages a client's queue holds (default 64).
	// A client whose queue is full when a message comes is dropped.
	QueueSize int

	// QueueBytes, when positive, also bounds the bytes a client's queue
	// holds. A single message larger than QueueBytes is still queued if the
	// queue is empty.
	QueueBytes int64

	// CloseTimeout bounds how long a client may take to end once it is
	// closed or dropped: writing what is queued (for Close), the close frame
	// and the closing handshake. Past it the connection is closed at once,
	// which also ends a write blocked on a client that stopped reading
	// (default 5 s). Deadlines for each write belong to
	// ConnOptions.WriteTimeout.
	CloseTimeout time.Duration

	// OnDrop, if set, is called once for each client the hub dropped: with
	// ErrSlowClient when its queue was full, or with the error of a write
	// that failed. It runs on the client's writer goroutine after the
	// connection is closed, and may call the hub's methods except Close and
	// Shutdown (which wait for it).
	OnDrop func(c *Client, reason error)
}

// Hub groups clients into rooms and broadcasts to them. A broadcast only
// puts the message in each member's queue; each client has its own writer
// goroutine, so a slow client delays nobody but itself, and a client that
// falls QueueSize messages behind is dropped.
//
// A dropped client's connection is closed with CloseTryAgainLater (1013),
// which RFC 6455's registry gives to a server that ends a connection for a
// temporary condition, such as being overloaded and casting off clients: the
// client may reconnect, and must resynchronize, since it lost messages.
// ClosePolicyViolation (1008) would say the client sent something it must
// not, and a slow client sent nothing wrong.
//
// All methods are safe for concurrent use.
type Hub struct {
	queueSize    int
	queueBytes   int64
	closeTimeout time.Duration
	onDrop       func(*Client, error)

	clientsMu sync.RWMutex
	clients   []*Client // every client not yet detached, each at its index
	closed    bool
	wg        sync.WaitGroup // the writers

	roomsMu sync.RWMutex
	rooms   map[string]*room // never an empty room
}

// NewHub returns a Hub with the given options.
func NewHub(opts HubOptions) *Hub {
	h := &Hub{
		queueSize:    opts.QueueSize,
		queueBytes:   opts.QueueBytes,
		closeTimeout: opts.CloseTimeout,
		onDrop:       opts.OnDrop,
		rooms:        make(map[string]*room),
	}
	if h.queueSize <= 0 {
		h.queueSize = hubDefaultQueueSize
	}
	if h.closeTimeout <= 0 {
		h.closeTimeout = hubDefaultCloseTimeout
	}
	return h
}

// Add registers a connection whose handshake is done and starts its writer.
// The caller keeps reading from conn and closes the client when reading
// fails. After Close, Add closes conn at once and returns ErrHubClosed.
func (h *Hub) Add(conn *Conn) (*Client, error) {
	c := h.addPeer(conn)
	if c == nil {
		conn.CloseNow()
		return nil, ErrHubClosed
	}
	c.conn = conn
	return c, nil
}

// addPeer registers p and starts its writer, or returns nil if the hub is
// closed.
func (h *Hub) addPeer(p peer) *Client {
	c := &Client{
		hub:  h,
		peer: p,
		wake: make(chan struct{}, 1),
		done: make(chan struct{}),
	}
	h.clientsMu.Lock()
	// TODO(11.10): once the hub is closed (h.closed), register nothing:
	// return nil.
	c.index = len(h.clients)
	h.clients = append(h.clients, c)
	// Under clientsMu, so that Shutdown, which takes it to close the hub,
	// never waits while a writer is being added.
	h.wg.Add(1)
	h.clientsMu.Unlock()
	go c.writeLoop()
	return c
}

// Remove closes c as c.Close does. A nil client or one of another hub is
// ignored.
func (h *Hub) Remove(c *Client) {
	if c == nil || c.hub != h {
		return
	}
	c.Close()
}

// detach takes c out of its rooms and of the hub's clients, once.
func (h *Hub) detach(c *Client) {
	c.roomsMu.Lock()
	defer c.roomsMu.Unlock()
	if c.detached {
		return
	}
	c.detached = true
	// TODO(11.10): leave every room in c.rooms (h.leave), then forget them.

	h.clientsMu.Lock()
	last := len(h.clients) - 1
	moved := h.clients[last]
	h.clients[c.index] = moved
	moved.index = c.index
	h.clients[last] = nil
	h.clients = h.clients[:last]
	h.clientsMu.Unlock()
}

// Len returns the number of clients in the hub.
func (h *Hub) Len() int {
	h.clientsMu.RLock()
	defer h.clientsMu.RUnlock()
	return len(h.clients)
}

// BroadcastAll queues a message for every client of the hub and returns how
// many took it (those dropped by it, or closed, did not). It never waits for
// a client. The data is shared by all the queues, not copied: it must not
// be modified after the call. A type other than TextMessage or
// BinaryMessage sends nothing.
func (h *Hub) BroadcastAll(typ MessageType, data []byte) (sent int) {
	// TODO(11.10): as Broadcast, over h.clients under h.clientsMu's read
	// lock.
	return 0
}

// Close closes every client with CloseGoingAway (each writes what it has
// queued first) and waits for their writers to end, at most twice
// CloseTimeout. Add refuses connections from then on. It returns an error
// if some writer did not end in time.
func (h *Hub) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*h.closeTimeout)
	defer cancel()
	return h.Shutdown(ctx)
}

// Shutdown is Close with the wait bounded by ctx instead: it returns
// ctx.Err() if ctx ends before every writer did. Each writer still ends
// within CloseTimeout of the call, when the connection is closed under it.
func (h *Hub) Shutdown(ctx context.Context) error {
	// TODO(11.10): mark the hub closed, close every client with
	// CloseGoingAway, "going away" and ErrHubClosed, and wait for the
	// writers (h.wg) or for ctx, whichever ends first.
	return nil
}
