package sharedstate

import (
	"context"
	"crypto/rand"
	"net/http"
)

// currentRequestID is the id of the request being served.
//
// TODO(09.06): one variable for every request: two requests served at
// once overwrite each other's id. Put the id in the request's context
// (context.WithValue with a key of an unexported type) and read it from
// there in RequestID.
var currentRequestID string

// WithRequestID gives every request an id, the client's X-Request-Id if
// it sent one, else a random one, and passes it on in the request's
// context, where RequestID finds it. The id belongs to one request: two
// requests served at once each see their own.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = rand.Text()
		}
		w.Header().Set("X-Request-Id", id)
		currentRequestID = id
		next.ServeHTTP(w, r)
	})
}

// RequestID returns the id WithRequestID gave the request of ctx, or ""
// outside such a request.
func RequestID(ctx context.Context) string {
	return currentRequestID
}
