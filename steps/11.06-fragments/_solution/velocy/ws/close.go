package ws

import (
	"encoding/binary"
	"time"
)

// Close is CloseWith(CloseNormal, "").
func (c *Conn) Close() error { return c.CloseWith(CloseNormal, "") }

// CloseWith starts the close handshake: it sends a close frame with code and
// reason (at most 123 bytes), waits up to CloseTimeout for the peer's close,
// then closes the connection.
func (c *Conn) CloseWith(code int, reason string) error {
	// TODO(11.08): the close handshake. For now, only close.
	return c.closeNC()
}

// CloseNow closes the connection at once, without the close handshake.
func (c *Conn) CloseNow() error {
	return c.closeNC()
}

// closeNC closes the connection.
func (c *Conn) closeNC() error {
	return c.nc.Close()
}

// fail ends the connection because the peer broke a rule: sends a close
// frame with the rule's code (unless a close went out already), closes the
// connection, and makes perr every later read's error. The caller holds rmu.
func (c *Conn) fail(perr *ProtocolError) error {
	c.rErr = perr
	// A writer stuck on a peer that does not read must not keep the close
	// frame, or this reader, waiting: bound the write.
	d := time.Now().Add(min(c.opts.CloseTimeout, time.Second))
	c.nc.SetWriteDeadline(d)
	var p [2]byte
	binary.BigEndian.PutUint16(p[:], uint16(perr.Code))
	c.writeControl(opClose, p[:], d)
	c.closeNC()
	return perr
}
