package ws

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"errors"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// MessageType is a frame's opcode as the API sees it.
type MessageType int

// The message types of RFC 6455, section 5.2.
const (
	TextMessage   MessageType = 1
	BinaryMessage MessageType = 2
	CloseMessage  MessageType = 8
	PingMessage   MessageType = 9
	PongMessage   MessageType = 10
)

// Close codes of RFC 6455, section 7.4.1.
const (
	CloseNormal             = 1000
	CloseGoingAway          = 1001
	CloseProtocolError      = 1002
	CloseUnsupportedData    = 1003
	CloseNoStatus           = 1005
	CloseAbnormal           = 1006
	CloseInvalidPayload     = 1007
	ClosePolicyViolation    = 1008
	CloseMessageTooBig      = 1009
	CloseMandatoryExtension = 1010
	CloseInternalError      = 1011
	CloseTryAgainLater      = 1013
)

// Defaults of ConnOptions' zero fields.
const (
	DefaultMaxMessageSize  = 1 << 20
	DefaultCloseTimeout    = 5 * time.Second
	DefaultWriteBufferSize = 4096
)

// ConnOptions configures a Conn. The zero value is usable.
type ConnOptions struct {
	// MaxMessageSize is the largest message accepted, in bytes (0: 1 MiB;
	// negative: no limit, which lets a peer make the reader buffer
	// anything). A frame that would take the message past it is refused
	// from its header, before its payload is read, with close 1009.
	MaxMessageSize int64
	WriteTimeout   time.Duration // deadline for one write (0: none)
	CloseTimeout   time.Duration // how long Close waits for the peer's close (default 5 s)
	PingInterval   time.Duration // a ping after this much silence (0: no keep-alive)
	PongTimeout    time.Duration // the peer is dead without a frame this long after a ping (0: PingInterval)
	// WriteBufferSize is the payload size of one frame of NextWriter, and
	// the largest WriteMessage sent in a single write call (0: 4096).
	WriteBufferSize int
}

// Conn is one WebSocket connection.
//
// One goroutine may read (ReadMessage, AppendMessage, NextReader and the
// reader it returns); any number may write: WriteMessage, NextWriter,
// WriteControl and CloseWith are serialized inside. Control frames (pings,
// pongs, close) may go out between the fragments of a NextWriter message;
// data messages never interleave.
type Conn struct {
	nc          net.Conn
	br          *bufio.Reader // bytes already read from nc: the peer's first frames may be here
	server      bool
	subprotocol string
	opts        ConnOptions

	maxSize int64 // opts.MaxMessageSize with the default applied (<0: none)

	// Read side, used by the one reader (and by CloseWith when no reader
	// runs: rmu).
	rmu      sync.Mutex
	rErr     error       // sticky: once set every read returns it
	rInMsg   bool        // a data message is started and not finished
	rType    MessageType // its type
	rFin     bool        // the current frame is the message's last
	rRemain  int64       // payload bytes of the current frame not read yet
	rSize    int64       // bytes of the message so far (frames whose header was read)
	rMasked  bool
	rKey     [4]byte
	rKeyPos  int
	rUTF8    utf8State
	rSeq     uint64                  // counts messages; a NextReader reader works while it matches
	rDiscard [512]byte               // scratch for skipping an unread message
	rCtrl    [maxControlPayload]byte // payload of a control frame
	peerDone atomic.Bool             // the peer's close frame arrived

	rdMu      sync.Mutex
	rDeadline time.Time // the user's read deadline, restored by ReadMessageContext

	// Write side. msgMu keeps data messages whole (held from NextWriter to
	// the writer's Close); wmu serializes frames on the wire.
	msgMu     sync.Mutex
	wmu       sync.Mutex
	wbuf      []byte // maxHeaderLen bytes of room for a header, then payload
	wctl      [maxHeaderLen + maxControlPayload]byte
	wbufs     net.Buffers
	wErr      error // sticky: a write failed, the stream may hold half a frame
	closeSent bool
	wDeadline time.Time // the user's write deadline, restored after WriteControl's
	maskRand  *rand.ChaCha8
	wbufArr   [2][]byte

	closeRecv     chan struct{} // closed when the reader stops (peer's close, or an error)
	closeRecvOnce sync.Once

	ka *keepalive // nil without PingInterval
}

// newConn wraps a connection whose handshake is done. br holds what was
// read from nc past the handshake, and must be read before nc.
func newConn(nc net.Conn, br *bufio.Reader, server bool, subprotocol string, opts ConnOptions) *Conn {
	if br == nil {
		br = bufio.NewReader(nc)
	}
	c := &Conn{nc: nc, br: br, server: server, subprotocol: subprotocol, opts: opts}
	c.maxSize = opts.MaxMessageSize
	if c.maxSize == 0 {
		c.maxSize = DefaultMaxMessageSize
	}
	if c.opts.CloseTimeout <= 0 {
		c.opts.CloseTimeout = DefaultCloseTimeout
	}
	if c.opts.WriteBufferSize <= 0 {
		c.opts.WriteBufferSize = DefaultWriteBufferSize
	}
	c.wbuf = make([]byte, maxHeaderLen+c.opts.WriteBufferSize)
	if !server {
		var seed [32]byte
		crand.Read(seed[:])
		c.maskRand = rand.NewChaCha8(seed)
	}
	c.closeRecv = make(chan struct{})
	if opts.PingInterval > 0 {
		c.startKeepalive()
	}
	return c
}

// Subprotocol returns the subprotocol the handshake agreed on ("" if none).
func (c *Conn) Subprotocol() string { return c.subprotocol }

// SetReadDeadline sets the deadline of reads on the underlying connection. A
// read that times out before any byte of a message arrived leaves the Conn
// usable; one that times out inside a message ends the reading side.
func (c *Conn) SetReadDeadline(t time.Time) error {
	c.rdMu.Lock()
	defer c.rdMu.Unlock()
	c.rDeadline = t
	return c.nc.SetReadDeadline(t)
}

// SetWriteDeadline sets the deadline of writes. WriteTimeout, when set, is
// applied on top of it to each write (the earlier of the two wins).
func (c *Conn) SetWriteDeadline(t time.Time) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.wDeadline = t
	return c.nc.SetWriteDeadline(t)
}

// NetConn returns the underlying connection. Reading from it bypasses the
// bytes the Conn has buffered; it is meant for addresses, TLS state and the
// like.
func (c *Conn) NetConn() net.Conn { return c.nc }

// LocalAddr returns the local network address.
func (c *Conn) LocalAddr() net.Addr { return c.nc.LocalAddr() }

// RemoteAddr returns the peer's network address.
func (c *Conn) RemoteAddr() net.Addr { return c.nc.RemoteAddr() }

// pastDeadline is a deadline already over: setting it wakes a blocked read or
// write at once.
var pastDeadline = time.Unix(1, 0)

// ReadMessageContext is ReadMessage that gives up when ctx is done: it sets
// a past read deadline on the connection to wake the read, then puts back
// the one SetReadDeadline set. The cost is a context.AfterFunc registration per call (a few
// allocations, ~0.3 µs); ReadMessage has none. If ctx ends before any byte
// of a message arrived, the error is ctx's and the Conn stays usable; if it
// ends inside a message, the reading side is done.
func (c *Conn) ReadMessageContext(ctx context.Context) (MessageType, []byte, error) {
	if ctx.Done() == nil {
		return c.ReadMessage()
	}
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		c.nc.SetReadDeadline(pastDeadline)
		close(done)
	})
	typ, p, err := c.ReadMessage()
	if !stop() {
		<-done
		c.rdMu.Lock()
		c.nc.SetReadDeadline(c.rDeadline)
		c.rdMu.Unlock()
		if err != nil && isTimeout(err) {
			err = ctx.Err()
		}
	}
	return typ, p, err
}

// WriteMessageContext is WriteMessage that gives up when ctx is done, by the
// same past-deadline trick as ReadMessageContext (then the user's write
// deadline is put back). A write cut this way may have sent half a frame, so
// the Conn refuses further writes afterwards; close it. The deadline is the
// connection's: a cancellation that lands as the write ends can cut another
// goroutine's write instead. Cost as for ReadMessageContext.
func (c *Conn) WriteMessageContext(ctx context.Context, typ MessageType, data []byte) error {
	if ctx.Done() == nil {
		return c.WriteMessage(typ, data)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		c.nc.SetWriteDeadline(pastDeadline)
		close(done)
	})
	err := c.WriteMessage(typ, data)
	if !stop() {
		<-done
		c.wmu.Lock()
		c.nc.SetWriteDeadline(c.wDeadline)
		c.wmu.Unlock()
		if err != nil && isTimeout(err) {
			err = ctx.Err()
		}
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
