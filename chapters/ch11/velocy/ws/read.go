package ws

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// errStaleReader is returned by a reader from NextReader used after the next
// call to NextReader, AppendMessage or ReadMessage.
var errStaleReader = errors.New("ws: reader used after the next message was requested")

// appendChunk caps how much AppendMessage grows its buffer ahead of the bytes
// that arrived: a header announcing a large frame (under MaxMessageSize)
// costs memory only as its payload comes in.
const appendChunk = 1 << 20

// ReadMessage reads the next data message whole. It answers pings and the
// close handshake on the way; once the peer closed it returns *CloseError.
func (c *Conn) ReadMessage() (MessageType, []byte, error) {
	return c.AppendMessage(nil)
}

// AppendMessage reads the next data message and appends its payload to dst,
// returning the extended slice (dst unchanged on error, but its spare
// capacity may have been written). With enough capacity in dst it does not
// allocate.
func (c *Conn) AppendMessage(dst []byte) (MessageType, []byte, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if err := c.startMessage(); err != nil {
		return 0, dst, err
	}
	typ, base := c.rType, len(dst)
	for c.rInMsg {
		if c.rRemain == 0 {
			if err := c.advance(); err != nil {
				return 0, dst[:base], err
			}
			continue
		}
		want := min(c.rRemain, appendChunk)
		dst = slices.Grow(dst, int(want))
		free := dst[len(dst):cap(dst)]
		if int64(len(free)) > c.rRemain {
			free = free[:c.rRemain]
		}
		n, err := c.br.Read(free)
		if n > 0 {
			if err := c.gotPayload(free[:n]); err != nil {
				return 0, dst[:base], err
			}
			dst = dst[:len(dst)+n]
		}
		if err != nil {
			return 0, dst[:base], c.readFailed(err, true)
		}
	}
	return typ, dst, nil
}

// NextReader returns the next data message's type and a reader of its
// payload, which streams the message across its fragments (and ends with
// io.EOF). The reader is good until the next call to NextReader,
// AppendMessage or ReadMessage, which first skip what is left of it.
func (c *Conn) NextReader() (MessageType, io.Reader, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if err := c.startMessage(); err != nil {
		return 0, nil, err
	}
	return c.rType, &messageReader{c: c, seq: c.rSeq}, nil
}

// messageReader is the reader NextReader returns.
type messageReader struct {
	c   *Conn
	seq uint64
}

func (r *messageReader) Read(p []byte) (int, error) {
	c := r.c
	c.rmu.Lock()
	defer c.rmu.Unlock()
	for {
		if r.seq != c.rSeq {
			return 0, errStaleReader
		}
		if !c.rInMsg {
			return 0, io.EOF
		}
		if c.rErr != nil {
			return 0, c.rErr
		}
		if c.rRemain > 0 {
			break
		}
		if err := c.advance(); err != nil {
			return 0, err
		}
	}
	if len(p) == 0 {
		return 0, nil
	}
	if int64(len(p)) > c.rRemain {
		p = p[:c.rRemain]
	}
	n, err := c.br.Read(p)
	if n > 0 {
		if err := c.gotPayload(p[:n]); err != nil {
			return 0, err
		}
	}
	if err != nil {
		return n, c.readFailed(err, true)
	}
	return n, nil
}

// startMessage skips what is left of an unfinished message and reads up to
// the first frame of the next one. The caller holds rmu.
func (c *Conn) startMessage() error {
	if c.rErr != nil {
		return c.rErr
	}
	c.rSeq++
	for c.rInMsg {
		if c.rRemain == 0 {
			if err := c.advance(); err != nil {
				return err
			}
			continue
		}
		p := c.rDiscard[:min(c.rRemain, int64(len(c.rDiscard)))]
		n, err := c.br.Read(p)
		if n > 0 {
			if err := c.gotPayload(p[:n]); err != nil {
				return err
			}
		}
		if err != nil {
			return c.readFailed(err, true)
		}
	}
	return c.advance()
}

// advance reads frames until the header of a data frame, answering the
// control frames before it, and checks the data frame against the message
// state: a continuation needs a started message, a new message needs none,
// and the message must stay under MaxMessageSize. The caller holds rmu.
func (c *Conn) advance() error {
	for {
		h, err := c.readHeader()
		if err != nil {
			return err
		}
		if isControl(h.op) {
			if err := c.control(h); err != nil {
				return err
			}
			continue
		}
		if h.op == opContinuation {
			if !c.rInMsg {
				return c.fail(errContinuation)
			}
		} else {
			if c.rInMsg {
				return c.fail(errInterleaved)
			}
			c.rInMsg, c.rType, c.rSize, c.rUTF8 = true, MessageType(h.op), 0, utf8State{}
		}
		if c.maxSize >= 0 && h.length > c.maxSize-c.rSize {
			return c.fail(errMessageTooBig)
		}
		c.rSize += h.length
		c.rRemain, c.rFin, c.rKey, c.rKeyPos = h.length, h.fin, h.key, 0
		if c.rRemain == 0 {
			return c.endFrame()
		}
		return nil
	}
}

// readHeader reads one frame header from br and checks it, mask bit
// included. It peeks before it consumes, so a timeout while waiting for a
// header leaves the stream where it was.
func (c *Conn) readHeader() (frameHeader, error) {
	p, err := c.br.Peek(2)
	if err == nil {
		p, err = c.br.Peek(headerLen(p[1]))
	}
	if err != nil {
		if len(p) > 0 && err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return frameHeader{}, c.readFailed(err, c.rInMsg)
	}
	h, n, perr := parseHeader(p)
	c.br.Discard(n)
	if c.ka != nil {
		c.ka.touch()
	}
	switch {
	case perr != nil:
		return h, c.fail(perr)
	case c.server && !h.masked:
		return h, c.fail(errUnmasked)
	case !c.server && h.masked:
		return h, c.fail(errMasked)
	}
	return h, nil
}

// gotPayload takes n bytes of the current frame's payload just read into p:
// unmasks them, validates a text message's UTF-8 so far, and ends the frame
// when it is complete.
func (c *Conn) gotPayload(p []byte) error {
	if c.server {
		c.rKeyPos = maskBytes(c.rKey, c.rKeyPos, p)
	}
	c.rRemain -= int64(len(p))
	if c.rType == TextMessage && !c.rUTF8.feed(p) {
		return c.fail(errTextUTF8)
	}
	if c.ka != nil {
		c.ka.touch()
	}
	if c.rRemain == 0 {
		return c.endFrame()
	}
	return nil
}

// endFrame is called when the current frame's payload is all read: after
// the final frame the message is over, and a text message must end on a
// code point.
func (c *Conn) endFrame() error {
	if !c.rFin {
		return nil
	}
	c.rInMsg = false
	if c.rType == TextMessage && !c.rUTF8.complete() {
		return c.fail(errTextUTF8)
	}
	return nil
}

// control reads a control frame's payload and acts on it: a ping is answered
// with a pong of the same payload, a pong is dropped, a close ends the
// reading side through the close handshake.
func (c *Conn) control(h frameHeader) error {
	p := c.rCtrl[:h.length]
	if _, err := io.ReadFull(c.br, p); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return c.readFailed(err, true)
	}
	if h.masked {
		maskBytes(h.key, 0, p)
	}
	switch h.op {
	case opPing:
		// A failed pong shows up as a read error soon; a pong after our
		// close is not allowed and not needed.
		c.writeControl(opPong, p, time.Time{})
	case opClose:
		return c.peerClosed(p)
	}
	return nil
}

// peerClosed handles the peer's close frame: checks it, echoes its code
// (unless this side's close already went out), closes the connection and
// reports the *CloseError from then on.
func (c *Conn) peerClosed(p []byte) error {
	code, reason := CloseNoStatus, ""
	switch {
	case len(p) == 1:
		return c.fail(errCloseLen1)
	case len(p) >= 2:
		code = int(binary.BigEndian.Uint16(p))
		if !validCloseCode(code) {
			return c.fail(errCloseCode)
		}
		if !validUTF8(p[2:]) {
			return c.fail(errCloseUTF8)
		}
		reason = string(p[2:])
	}
	c.peerDone.Store(true)
	echo := p[:0]
	if code != CloseNoStatus {
		echo = p[:2]
	}
	c.writeControl(opClose, echo, time.Now().Add(c.opts.CloseTimeout))
	err := &CloseError{Code: code, Reason: reason}
	c.rErr = err
	c.closeNC()
	c.readerDone()
	return err
}

// readFailed turns an error of the underlying reader into the reader's
// error. A timeout between messages (mid false) is passed through and the
// Conn stays usable; anything else ends the reading side.
func (c *Conn) readFailed(err error, mid bool) error {
	if c.ka != nil && c.ka.dead.Load() {
		err = ErrDeadPeer
	} else {
		if mid && err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		err = fmt.Errorf("ws: read: %w", err)
		if !mid && isTimeout(err) {
			return err
		}
	}
	c.rErr = err
	c.readerDone()
	return err
}
