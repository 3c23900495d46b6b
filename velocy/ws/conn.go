package ws

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"time"
)

// THIS FILE IS A STUB: the API every part of velocy/ws builds against. The
// frames work replaces it whole.

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

// ConnOptions configures a Conn. The zero value is usable.
type ConnOptions struct {
	MaxMessageSize int64         // largest message accepted (default 1 MiB)
	WriteTimeout   time.Duration // deadline for one write (0: none)
	CloseTimeout   time.Duration // how long Close waits for the peer's close (default 5 s)
	PingInterval   time.Duration // a ping after this much silence (0: no keep-alive)
	PongTimeout    time.Duration // the peer is dead without a frame this long after a ping
}

// Conn is one WebSocket connection.
type Conn struct {
	nc          net.Conn
	br          *bufio.Reader // bytes already read from nc: the peer's first frames may be here
	server      bool
	subprotocol string
	opts        ConnOptions
}

// newConn wraps a connection whose handshake is done. br holds what was
// read from nc past the handshake, and must be read before nc.
func newConn(nc net.Conn, br *bufio.Reader, server bool, subprotocol string, opts ConnOptions) *Conn {
	return &Conn{nc: nc, br: br, server: server, subprotocol: subprotocol, opts: opts}
}

var errStub = errors.New("ws: not implemented yet")

func (c *Conn) ReadMessage() (MessageType, []byte, error) { return 0, nil, errStub }
func (c *Conn) ReadMessageContext(ctx context.Context) (MessageType, []byte, error) {
	return 0, nil, errStub
}
func (c *Conn) AppendMessage(dst []byte) (MessageType, []byte, error) { return 0, dst, errStub }
func (c *Conn) NextReader() (MessageType, io.Reader, error)           { return 0, nil, errStub }
func (c *Conn) WriteMessage(typ MessageType, data []byte) error       { return errStub }
func (c *Conn) WriteMessageContext(ctx context.Context, typ MessageType, data []byte) error {
	return errStub
}
func (c *Conn) NextWriter(typ MessageType) (io.WriteCloser, error) { return nil, errStub }
func (c *Conn) WriteControl(typ MessageType, data []byte, deadline time.Time) error {
	return errStub
}
func (c *Conn) Close() error                            { return errStub }
func (c *Conn) CloseWith(code int, reason string) error { return errStub }
func (c *Conn) CloseNow() error                         { return c.nc.Close() }
func (c *Conn) Subprotocol() string                     { return c.subprotocol }
func (c *Conn) SetReadDeadline(t time.Time) error       { return c.nc.SetReadDeadline(t) }
func (c *Conn) SetWriteDeadline(t time.Time) error      { return c.nc.SetWriteDeadline(t) }
func (c *Conn) NetConn() net.Conn                       { return c.nc }
func (c *Conn) LocalAddr() net.Addr                     { return c.nc.LocalAddr() }
func (c *Conn) RemoteAddr() net.Addr                    { return c.nc.RemoteAddr() }
