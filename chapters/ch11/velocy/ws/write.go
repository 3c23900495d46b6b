package ws

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
)

// errWriterClosed is returned by a NextWriter writer used after its Close.
var errWriterClosed = errors.New("ws: write to a closed message writer")

// WriteMessage sends data as one message in one frame. A control type
// (ping, pong, close) goes through WriteControl without a deadline. Up to
// WriteBufferSize bytes, the header and the payload leave in one write call;
// larger server messages leave in one writev (net.Buffers), larger client
// messages in masked chunks of that size. Text is not checked for UTF-8.
func (c *Conn) WriteMessage(typ MessageType, data []byte) error {
	switch typ {
	case TextMessage, BinaryMessage:
	case CloseMessage, PingMessage, PongMessage:
		return c.WriteControl(typ, data, time.Time{})
	default:
		return errInvalidType
	}
	c.msgMu.Lock()
	err := c.writeFrame(byte(typ), true, data)
	c.msgMu.Unlock()
	return err
}

// WriteControl sends a ping, pong or close frame (payload at most 125 bytes)
// with a write deadline, which may be zero for none. A close frame's payload
// is the code (2 bytes, big endian) and the reason; after it, writes return
// ErrCloseSent. Control frames may go out between the fragments of a
// message being written by NextWriter.
func (c *Conn) WriteControl(typ MessageType, data []byte, deadline time.Time) error {
	switch typ {
	case CloseMessage, PingMessage, PongMessage:
	default:
		return errInvalidType
	}
	return c.writeControl(byte(typ), data, deadline)
}

// writable reports why nothing may be written any more. The caller holds wmu.
func (c *Conn) writable() error {
	if c.closeSent {
		return ErrCloseSent
	}
	return c.wErr
}

// wrote records a failed write: the stream may hold half a frame, so no
// other frame may follow.
func (c *Conn) wrote(err error) error {
	if err != nil {
		c.wErr = fmt.Errorf("ws: write: %w", err)
		return c.wErr
	}
	return nil
}

// setWriteDeadline applies the earliest of the user's deadline, WriteTimeout
// and d (zero: none) before a write, and reports whether it changed the
// connection's deadline from the user's. The caller holds wmu.
func (c *Conn) setWriteDeadline(d time.Time) bool {
	if c.opts.WriteTimeout > 0 {
		if t := time.Now().Add(c.opts.WriteTimeout); d.IsZero() || t.Before(d) {
			d = t
		}
	}
	if d.IsZero() {
		return false
	}
	if !c.wDeadline.IsZero() && c.wDeadline.Before(d) {
		d = c.wDeadline
	}
	c.nc.SetWriteDeadline(d)
	return true
}

// newKey returns a fresh masking key. The caller holds wmu.
func (c *Conn) newKey() (k [4]byte) {
	binary.LittleEndian.PutUint32(k[:], uint32(c.maskRand.Uint64()))
	return k
}

// writeFrame sends one data frame. The caller holds msgMu, so c.wbuf is its
// own.
func (c *Conn) writeFrame(op byte, fin bool, data []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.writable(); err != nil {
		return err
	}
	if c.setWriteDeadline(time.Time{}) && c.opts.WriteTimeout == 0 {
		defer c.nc.SetWriteDeadline(c.wDeadline)
	}
	h := frameHeader{fin: fin, op: op, length: int64(len(data)), masked: !c.server}
	if h.masked {
		h.key = c.newKey()
	}
	buf := c.wbuf
	start := maxHeaderLen - encodedHeaderLen(h.length, h.masked)
	putHeader(buf[start:], h)
	payload := buf[maxHeaderLen:]
	if len(data) <= len(payload) {
		payload = payload[:copy(payload, data)]
		if h.masked {
			maskBytes(h.key, 0, payload)
		}
		_, err := c.nc.Write(buf[start : maxHeaderLen+len(data)])
		return c.wrote(err)
	}
	if !h.masked {
		c.wbufArr[0], c.wbufArr[1] = buf[start:maxHeaderLen], data
		c.wbufs = c.wbufArr[:]
		_, err := c.wbufs.WriteTo(c.nc)
		c.wbufArr[1] = nil // do not keep the caller's bytes
		return c.wrote(err)
	}
	// A client must not mask the caller's bytes in place: mask a buffer
	// full at a time, the first one behind the header.
	pos, from := 0, start
	for len(data) > 0 {
		n := copy(payload, data)
		pos = maskBytes(h.key, pos, payload[:n])
		if _, err := c.nc.Write(buf[from : maxHeaderLen+n]); err != nil {
			return c.wrote(err)
		}
		data, from = data[n:], maxHeaderLen
	}
	return nil
}

// writeControl sends a control frame from c.wctl, so it may run while a
// NextWriter message holds c.wbuf.
func (c *Conn) writeControl(op byte, data []byte, deadline time.Time) error {
	if len(data) > maxControlPayload {
		return errControlTooLong
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.writable(); err != nil {
		return err
	}
	if c.setWriteDeadline(deadline) {
		defer c.nc.SetWriteDeadline(c.wDeadline)
	}
	h := frameHeader{fin: true, op: op, length: int64(len(data)), masked: !c.server}
	if h.masked {
		h.key = c.newKey()
	}
	n := putHeader(c.wctl[:], h)
	copy(c.wctl[n:], data)
	if h.masked {
		maskBytes(h.key, 0, c.wctl[n:n+len(data)])
	}
	if op == opClose {
		c.closeSent = true
	}
	_, err := c.nc.Write(c.wctl[:n+len(data)])
	return c.wrote(err)
}

// NextWriter returns a writer of one message of type typ (text or binary).
// Bytes are gathered in a buffer of WriteBufferSize; each time it is full and
// more come, it leaves as a frame (the first with typ's opcode, the next
// ones as continuations), and Close sends the rest as the final frame. Other
// data messages wait until Close: always close the writer.
func (c *Conn) NextWriter(typ MessageType) (io.WriteCloser, error) {
	if typ != TextMessage && typ != BinaryMessage {
		return nil, errInvalidType
	}
	c.msgMu.Lock()
	c.wmu.Lock()
	err := c.writable()
	c.wmu.Unlock()
	if err != nil {
		c.msgMu.Unlock()
		return nil, err
	}
	return &messageWriter{c: c, op: byte(typ)}, nil
}

// messageWriter is the writer NextWriter returns. Its bytes wait in
// c.wbuf[maxHeaderLen:], after room for the header.
type messageWriter struct {
	c      *Conn
	op     byte // the next frame's opcode: the type, then continuation
	n      int  // bytes waiting in the buffer
	err    error
	closed bool
}

func (w *messageWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, errWriterClosed
	}
	if w.err != nil {
		return 0, w.err
	}
	buf := w.c.wbuf[maxHeaderLen:]
	total := 0
	for len(p) > 0 {
		if w.n == len(buf) {
			if w.err = w.flush(false); w.err != nil {
				return total, w.err
			}
		}
		k := copy(buf[w.n:], p)
		w.n += k
		total += k
		p = p[k:]
	}
	return total, nil
}

// Close sends the final frame and lets other messages go out.
func (w *messageWriter) Close() error {
	if w.closed {
		return errWriterClosed
	}
	w.closed = true
	defer w.c.msgMu.Unlock()
	if w.err != nil {
		return w.err
	}
	return w.flush(true)
}

// flush sends the buffered bytes as one frame, header written in front of
// them in place.
func (w *messageWriter) flush(fin bool) error {
	c := w.c
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.writable(); err != nil {
		return err
	}
	if c.setWriteDeadline(time.Time{}) && c.opts.WriteTimeout == 0 {
		defer c.nc.SetWriteDeadline(c.wDeadline)
	}
	h := frameHeader{fin: fin, op: w.op, length: int64(w.n), masked: !c.server}
	if h.masked {
		h.key = c.newKey()
		maskBytes(h.key, 0, c.wbuf[maxHeaderLen:maxHeaderLen+w.n])
	}
	start := maxHeaderLen - encodedHeaderLen(h.length, h.masked)
	putHeader(c.wbuf[start:], h)
	_, err := c.nc.Write(c.wbuf[start : maxHeaderLen+w.n])
	w.n, w.op = 0, opContinuation
	return c.wrote(err)
}
