package ws

import (
	"errors"
	"sync"
	"time"
)

// ErrSlowClient is what Send returns, and what OnDrop reports, when a
// client's queue is full: the client was dropped rather than waited for.
var ErrSlowClient = errors.New("ws: client too slow, dropped")

// ErrClientClosed is what Send and Join return once a client is closed,
// dropped or removed.
var ErrClientClosed = errors.New("ws: client closed")

// errSendType is Send's answer to a control or unknown message type: the
// hub queues data messages only, the Conn handles pings and closes itself.
var errSendType = errors.New("ws: a hub sends TextMessage or BinaryMessage only")

// slowReason is the reason a dropped client's close frame carries.
const slowReason = "slow consumer"

// peer is what a Client needs of its connection. *Conn satisfies it; tests
// use fakes that block or fail.
type peer interface {
	WriteMessage(typ MessageType, data []byte) error
	CloseWith(code int, reason string) error
	CloseNow() error
}

// queuedMsg is one message waiting in a client's queue. data is shared with
// whoever sent it (a broadcast hands the same slice to every member).
type queuedMsg struct {
	typ  MessageType
	data []byte
}

// clientState is where a client is in its life. It only moves forward:
// open, then closing (flush the queue, then the close frame) or dropped
// (discard the queue, close with CloseTryAgainLater or at once).
type clientState uint8

const (
	clientOpen clientState = iota
	clientClosing
	clientDropped
)

// Client is one connection registered with a [Hub]. Its messages go through
// a bounded queue that one goroutine, the client's writer, drains into the
// connection, so a sender never waits for the network.
//
// All methods are safe for concurrent use. The connection itself still
// belongs to the caller for reading: the usual handler reads in a loop and
// closes the client when the read fails.
type Client struct {
	hub  *Hub
	peer peer
	conn *Conn // nil for a test's fake peer

	mu     sync.Mutex
	buf    []queuedMsg // ring: n messages from head, len(buf) <= hub.queueSize
	head   int
	n      int
	bytes  int64 // sum of len(data) over the queue
	state  clientState
	idle   bool // the writer waits on wake
	code   int  // the close frame's code, once closing
	reason string
	err    error       // why the client ended: a drop's reason, or ErrClientClosed/ErrHubClosed
	dog    *time.Timer // closes the connection if closing takes longer than CloseTimeout

	wake chan struct{} // capacity 1: one token per idle writer
	done chan struct{} // closed when the writer has ended

	roomsMu  sync.Mutex
	rooms    map[string]*room // the rooms joined; nil until the first Join
	detached bool             // removed from the hub and its rooms: Join refuses

	index int // position in hub.clients, guarded by hub.clientsMu
}

// Send queues a message for the client and returns at once; it never waits
// for the network. The data is not copied: it must not be modified after
// Send.
//
// When the queue is full (HubOptions.QueueSize messages, or QueueBytes
// bytes), the client is dropped: its queue is discarded, its writer closes
// the connection with CloseTryAgainLater, OnDrop is called, and Send returns
// [ErrSlowClient]. Once the client is closed or dropped, Send returns
// [ErrClientClosed].
func (c *Client) Send(typ MessageType, data []byte) error {
	if typ != TextMessage && typ != BinaryMessage {
		return errSendType
	}
	return c.enqueue(typ, data)
}

// enqueue is Send without the type check; Broadcast checks the type once.
func (c *Client) enqueue(typ MessageType, data []byte) error {
	c.mu.Lock()
	if c.state != clientOpen {
		c.mu.Unlock()
		return ErrClientClosed
	}
	size := int64(len(data))
	full := c.n == c.hub.queueSize ||
		// A message larger than QueueBytes still goes into an empty queue:
		// the bound is against a client falling behind, not against the
		// sender's message size.
		(c.hub.queueBytes > 0 && c.n > 0 && c.bytes+size > c.hub.queueBytes)
	if full {
		c.dropLocked(ErrSlowClient)
		c.mu.Unlock()
		return ErrSlowClient
	}
	c.pushLocked(queuedMsg{typ, data})
	wake := c.idle
	c.idle = false
	c.mu.Unlock()
	if wake {
		c.signal()
	}
	return nil
}

// pushLocked puts m at the tail of the ring, growing the ring if it is
// full. The caller has checked that the queue may take m.
func (c *Client) pushLocked(m queuedMsg) {
	if c.n == len(c.buf) {
		c.growLocked()
	}
	c.buf[(c.head+c.n)%len(c.buf)] = m
	c.n++
	c.bytes += int64(len(m.data))
}

// popLocked takes the message at the head of the ring, which is not empty,
// and clears its slot so the ring no longer holds on to the data.
func (c *Client) popLocked() queuedMsg {
	m := c.buf[c.head]
	c.buf[c.head] = queuedMsg{}
	c.head = (c.head + 1) % len(c.buf)
	c.n--
	c.bytes -= int64(len(m.data))
	return m
}

// growLocked doubles the ring, up to the queue's limit: a client that is
// never behind keeps a small buffer.
func (c *Client) growLocked() {
	size := max(4, 2*len(c.buf))
	size = min(size, c.hub.queueSize)
	buf := make([]queuedMsg, size)
	for i := range c.n {
		buf[i] = c.buf[(c.head+i)%len(c.buf)]
	}
	c.buf, c.head = buf, 0
}

// signal wakes the writer. The channel has room: a token is sent only by
// whoever found the writer idle and cleared the flag.
func (c *Client) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// dropLocked ends the client because of err: the queue is discarded (its
// data released), and the writer closes the connection.
func (c *Client) dropLocked(err error) {
	c.discardLocked()
	c.endLocked(clientDropped, CloseTryAgainLater, slowReason, err)
}

// endLocked moves an open client to state and arms the watchdog: whatever
// the writer is doing (a blocked write, a flush, the closing handshake), the
// connection is closed CloseTimeout from now.
func (c *Client) endLocked(state clientState, code int, reason string, err error) {
	c.state, c.code, c.reason, c.err = state, code, reason, err
	// TODO(11.09): arm the watchdog: c.dog, a timer that closes the
	// connection at once (c.peer.CloseNow) after c.hub.closeTimeout.
	if c.idle {
		c.idle = false
		c.signal()
	}
}

// discardLocked empties the queue, dropping its references to the data.
func (c *Client) discardLocked() {
	for i := range c.n {
		c.buf[(c.head+i)%len(c.buf)] = queuedMsg{}
	}
	c.head, c.n, c.bytes = 0, 0, 0
}

// Close removes the client from its hub and rooms, and closes its
// connection with CloseNormal once the messages already queued are written.
// It returns at once; [Client.Done] tells when the connection is closed.
// Closing a closed client does nothing.
func (c *Client) Close() error {
	c.close(CloseNormal, "", ErrClientClosed)
	return nil
}

// close ends the client unless it already ended, then leaves its rooms.
func (c *Client) close(code int, reason string, err error) {
	// TODO(11.09): end an open client as closing (the writer flushes the
	// queue first), then detach it from the hub.
}

// Done is closed when the client's writer has ended: the connection is
// closed and, for a dropped client, OnDrop has returned.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err says why the client ended: nil while it is open, ErrSlowClient or the
// write error for a dropped client, [ErrClientClosed] after Close or
// Hub.Remove, [ErrHubClosed] after Hub.Close.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Queued returns the number of messages waiting in the client's queue (not
// counting one being written).
func (c *Client) Queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Conn returns the client's connection, for reading.
func (c *Client) Conn() *Conn { return c.conn }

// writeLoop is the client's writer: the only goroutine that writes its
// messages, in queue order. It ends by closing the connection.
func (c *Client) writeLoop() {
	// TODO(11.09): wait on c.wake while the queue is empty and the client
	// open; write the messages in order; on a write error, drop the client;
	// end with finish. Say you are done: c.hub.wg.Done(), close(c.done).
}

// finish closes the connection and reports a drop. The state is closing or
// dropped here, and the queue empty.
func (c *Client) finish() {
	// TODO(11.09): detach the client from the hub, close the connection
	// with the close frame's code and reason (or at once), and call OnDrop
	// for a dropped client.
}
