package sharedstate

import (
	"context"
	"crypto/rand"
	"net/http"
)

// requestIDKey is the context key of the request id. An unexported type
// means no other package can read or overwrite the value by accident.
type requestIDKey struct{}

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
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// RequestID returns the id WithRequestID gave the request of ctx, or ""
// outside such a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
