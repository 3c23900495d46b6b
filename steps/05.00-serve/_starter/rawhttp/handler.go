package rawhttp

// Handler answers one request. It has the shape of net/http's Handler, with this
// package's types: what a handler writes to w is framed and sent after it returns
// (or as it goes, once it calls Flush).
type Handler interface {
	ServeHTTP(w *ResponseWriter, r *Request)
}

// HandlerFunc lets an ordinary function be a Handler.
type HandlerFunc func(w *ResponseWriter, r *Request)

// ServeHTTP calls f(w, r).
func (f HandlerFunc) ServeHTTP(w *ResponseWriter, r *Request) {
	f(w, r)
}
