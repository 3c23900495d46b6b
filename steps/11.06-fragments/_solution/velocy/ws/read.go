package ws

import (
	"fmt"
	"io"
	"slices"
)

// appendChunk caps how much AppendMessage grows its buffer ahead of the bytes
// that arrived: a header announcing a large frame costs memory only as its
// payload comes in.
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
	// TODO(11.06): the same reading, one Read at a time.
	return 0, nil, nil
}

// startMessage skips what is left of an unfinished message and reads up to
// the first frame of the next one. The caller holds rmu.
func (c *Conn) startMessage() error {
	if c.rErr != nil {
		return c.rErr
	}
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
// state: a continuation needs a started message, a new message needs none.
// The caller holds rmu.
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
			c.rInMsg, c.rType = true, MessageType(h.op)
		}
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
// unmasks them, and ends the frame when it is complete.
func (c *Conn) gotPayload(p []byte) error {
	if c.server {
		c.rKeyPos = maskBytes(c.rKey, c.rKeyPos, p)
	}
	c.rRemain -= int64(len(p))
	if c.rRemain == 0 {
		return c.endFrame()
	}
	return nil
}

// endFrame is called when the current frame's payload is all read: after
// the final frame the message is over.
func (c *Conn) endFrame() error {
	if !c.rFin {
		return nil
	}
	c.rInMsg = false
	return nil
}

// control reads a control frame's payload and, for now, drops it: answering
// pings and closes comes next.
func (c *Conn) control(h frameHeader) error {
	p := c.rCtrl[:h.length]
	if _, err := io.ReadFull(c.br, p); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return c.readFailed(err, true)
	}
	return nil
}

// readFailed turns an error of the underlying reader into the reader's
// error. A timeout between messages (mid false) is passed through and the
// Conn stays usable; anything else ends the reading side.
func (c *Conn) readFailed(err error, mid bool) error {
	if mid && err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	err = fmt.Errorf("ws: read: %w", err)
	if !mid && isTimeout(err) {
		return err
	}
	c.rErr = err
	return err
}
