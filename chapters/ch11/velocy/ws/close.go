package ws

import (
	"encoding/binary"
	"errors"
	"time"
)

var (
	errBadCloseCode = errors.New("ws: close code not allowed in a close frame")
	errLongReason   = errors.New("ws: close reason over 123 bytes")
)

// Close is CloseWith(CloseNormal, "").
func (c *Conn) Close() error { return c.CloseWith(CloseNormal, "") }

// CloseWith starts the close handshake: it sends a close frame with code and
// reason (at most 123 bytes), waits up to CloseTimeout for the peer's close,
// then closes the connection. If a reader is running, it is the reader that
// sees the peer's close (and returns *CloseError); otherwise CloseWith reads
// and drops messages until it comes. If this side's close was already sent
// (the peer closed first), it only waits and closes. An invalid code or
// reason is an error and nothing is sent or closed.
func (c *Conn) CloseWith(code int, reason string) error {
	if !validCloseCode(code) {
		return errBadCloseCode
	}
	if len(reason) > maxControlPayload-2 {
		return errLongReason
	}
	var p [maxControlPayload]byte
	binary.BigEndian.PutUint16(p[:], uint16(code))
	n := 2 + copy(p[2:], reason)
	err := c.writeControl(opClose, p[:n], time.Now().Add(c.opts.CloseTimeout))
	if err != nil && err != ErrCloseSent {
		c.closeNC()
		return err
	}
	c.awaitPeerClose()
	c.closeNC()
	return nil
}

// awaitPeerClose waits up to CloseTimeout for the peer's close frame: through
// the reader when one is running, by reading itself otherwise.
func (c *Conn) awaitPeerClose() {
	if c.peerDone.Load() {
		return
	}
	if c.rmu.TryLock() {
		defer c.rmu.Unlock()
		c.nc.SetReadDeadline(time.Now().Add(c.opts.CloseTimeout))
		for c.rErr == nil {
			if err := c.startMessage(); err != nil {
				break
			}
		}
		return
	}
	t := time.NewTimer(c.opts.CloseTimeout)
	defer t.Stop()
	select {
	case <-c.closeRecv:
	case <-t.C:
	}
}

// CloseNow closes the connection at once, without the close handshake.
func (c *Conn) CloseNow() error {
	return c.closeNC()
}

// closeNC closes the connection and stops the keep-alive timer.
func (c *Conn) closeNC() error {
	if c.ka != nil {
		c.ka.stop()
	}
	return c.nc.Close()
}

// readerDone wakes a CloseWith waiting for the reader: the reader will not
// read again.
func (c *Conn) readerDone() {
	c.closeRecvOnce.Do(func() { close(c.closeRecv) })
	if c.ka != nil {
		c.ka.stop()
	}
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
	c.readerDone()
	return perr
}
