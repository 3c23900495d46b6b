package rawhttp

import "net"

// ServeConn reads one request from c, answers it and closes c. A request that
// cannot be read is answered with 400 Bad Request.
func (s *Server) ServeConn(c net.Conn) {
	// TODO(05.00-serve): defer c.Close(); wrap c in a bufio.Reader and a
	// bufio.Writer; ReadRequest with s.Limits; on an error other than io.EOF
	// write a 400 response with "Connection: close"; otherwise run
	// s.handler().ServeHTTP on a newResponseWriter and finish it.
}
