package rawhttp

import (
	"log"
	"time"
)

// Server serves HTTP/1.1 on the connections it is given. Its zero value works:
// every zero field takes its default.
type Server struct {
	// Handler answers every request. Nil answers 404 Not Found.
	Handler Handler
	// Limits bounds the size of requests (see Limits).
	Limits Limits
	// ReadTimeout bounds the time from the first byte of a request to the end of
	// its body, so that a client that sends slowly cannot hold the connection
	// forever. Default 10 seconds.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time to write one response, so that a client that
	// stops reading cannot either. Default 10 seconds.
	WriteTimeout time.Duration
	// IdleTimeout bounds the wait for the next request on a connection kept alive.
	// Default 60 seconds.
	IdleTimeout time.Duration
	// ErrorLog receives handler panics. Nil means the log package's default logger.
	ErrorLog *log.Logger
}

func (s *Server) handler() Handler {
	if s.Handler == nil {
		return HandlerFunc(func(w *ResponseWriter, r *Request) {
			w.WriteHeader(404)
			w.Write([]byte("404 Not Found\n"))
		})
	}
	return s.Handler
}

func (s *Server) readTimeout() time.Duration  { return orDefault(s.ReadTimeout, 10*time.Second) }
func (s *Server) writeTimeout() time.Duration { return orDefault(s.WriteTimeout, 10*time.Second) }
func (s *Server) idleTimeout() time.Duration  { return orDefault(s.IdleTimeout, 60*time.Second) }

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
