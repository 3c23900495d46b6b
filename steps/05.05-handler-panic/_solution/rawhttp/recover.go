package rawhttp

import "runtime/debug"

// runHandler runs the handler for r and reports whether the response can still be
// finished. A panic in the handler is logged; if nothing of the response has gone
// out yet, it becomes a 500 response, and otherwise runHandler returns false: it
// is too late to change the status, and the caller must cut the connection, so
// that the client sees the body end early instead of a body that looks complete.
// Either way the connection closes after this response.
func (s *Server) runHandler(w *ResponseWriter, r *Request) (finish bool) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		s.logf("rawhttp: panic serving %s %s: %v\n%s", r.Method, r.Target, v, debug.Stack())
		w.close = true
		if w.headSent {
			finish = false
			return
		}
		w.status, w.header = 500, Header{}
		w.header.Set("Content-Type", "text/plain; charset=utf-8")
		w.body = []byte("500 Internal Server Error\n")
		finish = true
	}()
	s.handler().ServeHTTP(w, r)
	return true
}
