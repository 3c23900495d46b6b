package middleware

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/textproto"
	"sync"
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

// maxRequestIDLen is the longest incoming id RequestID keeps. A UUID takes
// 36 characters and a W3C traceparent 55.
const maxRequestIDLen = 64

// requestIDKey is the context key of the request id.
type requestIDKey struct{}

// requestIDAttr is the key under which [ContextHandler], [AccessLog] and
// [Recover] write the request id in a log record.
const requestIDAttr = "request_id"

// RequestID returns middleware that gives every request an id: a string that
// ties together every log record written while the request is served, and
// that a client can quote in a bug report. The id is sent back in the
// response header (opts.Header), and handlers read it with [RequestIDFrom].
//
// A new id is 16 characters of unpadded base64url (A-Z a-z 0-9 - _) that
// encode 12 bytes from crypto/rand: 96 random bits, so two ids never meet
// in practice, and nobody can guess the id of someone else's request.
// With opts.TrustIncoming, an id the request brings in opts.Header is kept
// if it is sane (see [RequestIDOptions]); anything else, too long or with
// a space, a quote or a control character, is replaced by a new id, so
// that it cannot forge or break a log line.
//
// RequestID passes the handler a copy of the request carrying the id in
// its context. After the handler returns, it copies the copy's Pattern
// back to the request it was given, so that a middleware around it, such
// as [AccessLog], still learns which route served the request.
func RequestID(opts RequestIDOptions) func(http.Handler) http.Handler {
	header := opts.Header
	if header == "" {
		header = "X-Request-Id"
	}
	header = textproto.CanonicalMIMEHeaderKey(header)
	trust := opts.TrustIncoming
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var id string
			if trust {
				if v := r.Header[header]; len(v) == 1 && saneRequestID(v[0]) {
					id = v[0]
				}
			}
			if id == "" {
				id = newRequestID()
			}
			w.Header()[header] = []string{id}
			r2 := r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
			next.ServeHTTP(w, r2)
			r.Pattern = r2.Pattern
		})
	}
}

// RequestIDFrom returns the request id that [RequestID] stored in ctx, or
// "" if there is none.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// newRequestID returns 12 random bytes as 16 characters of base64url.
// Asking the kernel for random bytes costs several hundred nanoseconds
// however few are asked for, so the bytes come from a buffer that holds
// the bytes of 32 ids, filled from crypto/rand when it runs out. Each
// buffer is used by one goroutine at a time, through a sync.Pool, and its
// bytes are cleared as they are used.
func newRequestID() string {
	src := idSources.Get().(*idSource)
	if src.next == len(src.buf) {
		rand.Read(src.buf[:]) // never fails: it crashes the program rather than return an error
		src.next = 0
	}
	raw := src.buf[src.next : src.next+12]
	var s [16]byte
	base64.RawURLEncoding.Encode(s[:], raw)
	clear(raw)
	src.next += 12
	idSources.Put(src)
	return string(s[:])
}

// idSource is a buffer of random bytes for newRequestID.
type idSource struct {
	buf  [32 * 12]byte
	next int // the first unused byte of buf
}

var idSources = sync.Pool{New: func() any { return &idSource{next: 32 * 12} }}

// saneRequestID reports whether an incoming id may be kept: 1 to
// maxRequestIDLen characters, each a letter, a digit or one of - _ . : + / =.
func saneRequestID(s string) bool {
	if s == "" || len(s) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '_', c == '.', c == ':', c == '+', c == '/', c == '=':
		default:
			return false
		}
	}
	return true
}
