package rawhttp

import (
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
	// TODO(05.05-linger-close): CloseWrite if c has it (a *net.TCPConn does);
	// then a read deadline lingerTimeout from now, and read and discard at most
	// lingerBytes. Then call lingerClose in conn.go: in refuse once the answer
	// is flushed, and in ServeConn after a response that closes the connection.
}
