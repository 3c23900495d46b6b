package middleware

import (
	"context"
	"net/http"
)

// RequestIDOptions configures [RequestID]. The zero value is ready to use:
// header X-Request-Id, and incoming ids ignored.
type RequestIDOptions struct {
	// Header is the header that carries the id, in the response and, when
	// TrustIncoming is set, in the request. Empty means "X-Request-Id".
	Header string
	// TrustIncoming makes RequestID keep the id a request arrives with,
	// when it is sane: 1 to 64 characters among letters, digits and
	// - _ . : + / =. Set it only when every request comes through a proxy
	// or a gateway you run, which sets or checks the header: otherwise any
	// client chooses the id your logs file its request under.
	TrustIncoming bool
}

// requestIDKey is the context key of the request id.
type requestIDKey struct{}

// requestIDAttr is the key under which [ContextHandler], [AccessLog] and
// [Recover] write the request id in a log record.
const requestIDAttr = "request_id"

// RequestID returns middleware that gives every request an id, sends it
// back in the response header opts.Header (default X-Request-Id), and
// stores it in the request's context for [RequestIDFrom].
func RequestID(opts RequestIDOptions) func(http.Handler) http.Handler {
	// TODO(07.04-request-id): return middleware that makes a new id with
	// newRequestID, sets it in the response header (canonicalize the name
	// once, here), passes next a copy of the request whose context holds
	// the id under requestIDKey{}, and then copies the copy's Pattern back.
	return func(next http.Handler) http.Handler { return next }
}

// RequestIDFrom returns the request id that [RequestID] stored in ctx, or
// "" if there is none.
func RequestIDFrom(ctx context.Context) string {
	// TODO(07.04-request-id): read the value under requestIDKey{}.
	return ""
}

// newRequestID returns 12 random bytes from crypto/rand as 16 characters
// of unpadded base64url.
func newRequestID() string {
	// TODO(07.04-request-id): read 12 bytes with crypto/rand's Read and
	// encode them with base64.RawURLEncoding. (The reference keeps a
	// buffer of 32 ids' bytes in a sync.Pool: one Read per 32 ids.)
	return ""
}
