package rawhttp

import (
	"io"
	"net"
	"time"
)

// Lingering close: how long and how much to drain after a last response.
const (
	lingerTimeout = time.Second
	lingerBytes   = 256 << 10
)

// lingerClose shuts the writing half of c and reads what the client still sends,
// for a short while, before the caller closes c. Closing a socket that has unread
// input makes the kernel send a reset instead of a clean end, and a reset can
// destroy the response before the client has read it.
func lingerClose(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.SetReadDeadline(time.Now().Add(lingerTimeout))
	io.Copy(io.Discard, io.LimitReader(c, lingerBytes))
}
