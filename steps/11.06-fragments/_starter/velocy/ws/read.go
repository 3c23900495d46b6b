package ws

import "io"

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
	// TODO(11.06): read headers (parseHeader on br.Peek), skip control
	// frames, join the fragments of one message into dst.
	return 0, dst, nil
}

// NextReader returns the next data message's type and a reader of its
// payload, which streams the message across its fragments (and ends with
// io.EOF). The reader is good until the next call to NextReader,
// AppendMessage or ReadMessage, which first skip what is left of it.
func (c *Conn) NextReader() (MessageType, io.Reader, error) {
	// TODO(11.06): the same reading, one Read at a time.
	return 0, nil, nil
}
