package ws

import (
	"bufio"
	crand "crypto/rand"
	"math/rand/v2"
	"net"
	"sync"
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
// Any number of goroutines may write: WriteMessage and WriteControl are
// serialized inside. Reading comes in section 11.6.
type Conn struct {
	nc          net.Conn
	br          *bufio.Reader // bytes already read from nc: the peer's first frames may be here
	server      bool
	subprotocol string
	opts        ConnOptions

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
}

// newConn wraps a connection whose handshake is done. br holds what was
// read from nc past the handshake, and must be read before nc.
func newConn(nc net.Conn, br *bufio.Reader, server bool, subprotocol string, opts ConnOptions) *Conn {
	if br == nil {
		br = bufio.NewReader(nc)
	}
	c := &Conn{nc: nc, br: br, server: server, subprotocol: subprotocol, opts: opts}
	if c.opts.WriteBufferSize <= 0 {
		c.opts.WriteBufferSize = DefaultWriteBufferSize
	}
	c.wbuf = make([]byte, maxHeaderLen+c.opts.WriteBufferSize)
	if !server {
		var seed [32]byte
		crand.Read(seed[:])
		c.maskRand = rand.NewChaCha8(seed)
	}
	return c
}

// Subprotocol returns the subprotocol the handshake agreed on ("" if none).
func (c *Conn) Subprotocol() string { return c.subprotocol }

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
