package sse

import "net/http"

// Stream answers r with the events it receives from events, as a
// text/event-stream response: it sends the header at once, then writes
// and flushes each event as it arrives, so that the client sees it
// without waiting for more. It returns nil when events is closed, and
// the context's error when the client goes away (r.Context() is done).
// An event [WriteEvent] refuses, or a failed write, ends the stream with
// that error.
//
// If w cannot flush (a wrapper that hides Flush and has no Unwrap, or
// a writer that never could), Stream answers 500 and returns an error
// that wraps [http.ErrNotSupported].
func Stream(w http.ResponseWriter, r *http.Request, events <-chan Event) error {
	// TODO(11.01): set Content-Type and Cache-Control, flush the header
	// with http.NewResponseController(w).Flush() (on error: answer 500
	// and return it wrapped), then loop on a select of r.Context().Done()
	// and events, writing and flushing each event.
	return nil
}
