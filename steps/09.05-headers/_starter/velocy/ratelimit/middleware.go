package ratelimit

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// Options configures [Middleware].
type Options struct {
	// Backend makes the decisions. nil means a new [Memory] table with
	// its default options, private to this middleware.
	Backend Backend
	// Policy is the limit of every key.
	Policy Policy
	// PolicyFor, if set, chooses the policy per request instead of
	// Policy: a stricter one for POST /login, a looser one for a paying
	// customer. Give different policies different keys (a prefix in Key):
	// one key has one TAT, and two policies reading it disagree on what
	// it means.
	PolicyFor func(*http.Request) Policy
	// Key returns the key a request is counted under. nil means
	// [ByClientIP] with no function, which is the connection's address.
	// A request whose key is "" is not limited.
	Key KeyFunc
	// FailClosed answers 503 Service Unavailable when the Backend returns
	// an error. The default, false, fails open: the request goes on,
	// unlimited, and the error is logged.
	//
	// Open is the default because a limiter guards a service against
	// some clients: when the limiter's store is down, refusing everyone
	// turns the store's outage into a complete one, for every client,
	// the well-behaved included. Fail closed where a limit guards
	// something that abuse would hurt more than an outage does:
	// password attempts, sending mail or text messages, paid calls to
	// another API.
	FailClosed bool
	// Logger receives the Backend's errors. nil means slog.Default().
	Logger *slog.Logger
}

// Middleware returns middleware that asks opts.Backend about every request
// and tells the client where it stands, in the RateLimit headers; a
// refused request gets 429 Too Many Requests with Retry-After.
func Middleware(opts Options) func(http.Handler) http.Handler {
	// TODO(09.05-headers): default the Backend and the Key; for each
	// request with a key, ask the Backend (a Backend error lets the
	// request through), set RateLimit-Limit, RateLimit-Remaining and
	// RateLimit-Reset, and answer a refusal with Retry-After and
	// writeProblem(w, r, 429, ...) instead of calling next.
	return func(next http.Handler) http.Handler { return next }
}

// ceilSeconds returns d in whole seconds, rounded up: a client told "0"
// while a fraction remains would come back too early.
func ceilSeconds(d time.Duration) int64 {
	// TODO(09.05-headers): round up; 0 for a d that is not positive.
	return 0
}

// problem is an RFC 9457 problem details object, the members this
// package sends. The package writes its own rather than import
// velocy/middleware's Problem, so that it serves any router, as that
// package does; the bytes on the wire are the same.
type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// writeProblem answers with status and a problem details body.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	body, _ := json.Marshal(problem{Title: http.StatusText(status), Status: status, Detail: detail})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}
