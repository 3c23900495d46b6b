package rawhttp

import (
	"errors"
	"net"
	"time"
)

// Serve accepts connections on l and serves each one in its own goroutine,
// until l is closed. It then returns the error Accept gave, which wraps net.ErrClosed.
//
// Connections that are open when l closes keep being served until they end.
func (s *Server) Serve(l net.Listener) error {
	var delay time.Duration
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			// Running out of file descriptors is temporary: wait a little,
			// longer each time, instead of spinning or giving up.
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			time.Sleep(delay)
			continue
		}
		delay = 0
		go s.ServeConn(c)
	}
}
