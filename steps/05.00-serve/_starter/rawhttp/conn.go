package rawhttp

import (
	"bufio"
	"net"
)

// ServeConn reads one request from c, answers it and closes c. A request that
// cannot be read is answered with 400 Bad Request.
func (s *Server) ServeConn(c net.Conn) {
	// TODO(05.00-serve): defer c.Close(); wrap c in a bufio.Reader and a
	// bufio.Writer; ReadRequest with s.Limits; on an error, s.refuse and
	// return; otherwise run s.handler().ServeHTTP on a newResponseWriter and
	// finish it.
}

// refuse answers a request that could not be read with 400 Bad Request, a short
// explanation, and "Connection: close". When the client sent nothing at all
// (io.EOF), there is nobody to answer.
func (s *Server) refuse(c net.Conn, bw *bufio.Writer, err error) {
	// TODO(05.00-serve): nothing for io.EOF; otherwise a 400 with writeHead
	// (Date, Content-Type, Content-Length and "Connection: close"), a one-line
	// body that says what was wrong, and bw.Flush().
}
