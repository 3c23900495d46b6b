package netbasics

import (
	"net"
)

// ServeHello answers one HTTP/1.1 request on conn with a 200 OK whose body is
// "hello\n", then closes conn.
//
// It reads the whole request head first: the request line and every header
// line, up to the blank line that ends them. Answering before that would
// leave unread bytes in the socket, and closing a socket that still holds
// unread bytes makes the kernel reset the connection, which the client may
// see instead of the answer.
func ServeHello(conn net.Conn) error {
	// TODO(01.03): close conn when done; read lines with a bufio.Reader until
	// the blank line that ends the head; then write the status line, the
	// Content-Type, Content-Length and Connection headers, a blank line and
	// the body "hello\n". Every line of the head ends in "\r\n".
	return nil
}
