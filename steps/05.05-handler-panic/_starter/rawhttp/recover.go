package rawhttp

// runHandler runs the handler for r and reports whether the response can still be
// finished. A panic in the handler is logged; if nothing of the response has gone
// out yet, it becomes a 500 response, and otherwise runHandler returns false: it
// is too late to change the status, and the caller must cut the connection, so
// that the client sees the body end early instead of a body that looks complete.
// Either way the connection closes after this response.
func (s *Server) runHandler(w *ResponseWriter, r *Request) (finish bool) {
	// TODO(05.05-handler-panic): defer a function that recovers a panic, logs
	// it with s.logf (and debug.Stack()), sets w.close, and then either returns
	// false (w.headSent: too late) or replaces the response with a 500 and
	// returns true. Then call runHandler from ServeConn (conn.go) instead of the
	// handler, and return when it says false.
	s.handler().ServeHTTP(w, r)
	return true
}
