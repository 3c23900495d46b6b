package rawhttp

import "net"

// Serve accepts connections on l and serves each one in its own goroutine,
// until l is closed. It then returns the error Accept gave, which wraps net.ErrClosed.
//
// Connections that are open when l closes keep being served until they end.
func (s *Server) Serve(l net.Listener) error {
	// TODO(05.00-serve): loop on l.Accept(); give every connection its own
	// goroutine running s.ServeConn; return when Accept fails with
	// net.ErrClosed.
	return nil
}
