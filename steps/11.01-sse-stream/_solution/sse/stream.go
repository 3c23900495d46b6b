package sse

import (
	"fmt"
	"net/http"
)

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
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	if err := rc.Flush(); err != nil {
		h.Del("Content-Type")
		h.Del("Cache-Control")
		http.Error(w, "this server cannot stream events", http.StatusInternalServerError)
		return fmt.Errorf("sse: %w", err)
	}
	for {
		select {
		case <-r.Context().Done():
			return r.Context().Err()
		case e, ok := <-events:
			if !ok {
				return nil
			}
			if err := WriteEvent(w, e); err != nil {
				return err
			}
			if err := rc.Flush(); err != nil {
				return err
			}
		}
	}
}
