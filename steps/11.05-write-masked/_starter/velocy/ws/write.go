package ws

import (
	"io"
	"time"
)

// WriteMessage sends data as one message in one frame. A control type
// (ping, pong, close) goes through WriteControl without a deadline. Up to
// WriteBufferSize bytes, the header and the payload leave in one write call;
// larger server messages leave in one writev (net.Buffers), larger client
// messages in masked chunks of that size. Text is not checked for UTF-8.
func (c *Conn) WriteMessage(typ MessageType, data []byte) error {
	// TODO(11.05): header and payload in one write; a client masks a
	// copy with a fresh key, never the caller's bytes.
	return nil
}

// WriteControl sends a ping, pong or close frame (payload at most 125 bytes)
// with a write deadline, which may be zero for none. A close frame's payload
// is the code (2 bytes, big endian) and the reason; after it, writes return
// ErrCloseSent. Control frames may go out between the fragments of a
// message being written by NextWriter.
func (c *Conn) WriteControl(typ MessageType, data []byte, deadline time.Time) error {
	// TODO(11.05): check the type, then writeControl.
	return nil
}

// writeControl sends a control frame with opcode op, with a write deadline
// (zero: none). It may run while a NextWriter message is being written.
func (c *Conn) writeControl(op byte, data []byte, deadline time.Time) error {
	// TODO(11.05): one frame, from a buffer of its own.
	return nil
}

// NextWriter returns a writer of one message of type typ (text or binary).
// Bytes are gathered in a buffer of WriteBufferSize; each time it is full and
// more come, it leaves as a frame (the first with typ's opcode, the next
// ones as continuations), and Close sends the rest as the final frame. Other
// data messages wait until Close: always close the writer.
func (c *Conn) NextWriter(typ MessageType) (io.WriteCloser, error) {
	// TODO(11.06): a writer that sends a frame each time its buffer fills.
	return nil, errInvalidType
}
