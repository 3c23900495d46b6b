package ratelimit

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
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
// and tells the client where it stands, in the three headers of the first
// drafts of the IETF httpapi working group's rate limit fields:
//
//	RateLimit-Limit: 100        the policy's limit
//	RateLimit-Remaining: 42     requests the client may still make now
//	RateLimit-Reset: 17         seconds until it has its full burst again
//
// A refused request gets 429 Too Many Requests, a Retry-After header with
// the seconds until one request would be allowed (rounded up, at least 1),
// and a problem details body (RFC 9457); the handler is not called. A
// Backend error fails open or closed as opts.FailClosed says.
func Middleware(opts Options) func(http.Handler) http.Handler {
	if opts.Backend == nil {
		opts.Backend = NewMemory(MemoryOptions{})
	}
	if opts.Key == nil {
		opts.Key = ByClientIP(nil)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := opts.Key(r)
			if key == "" {
				next.ServeHTTP(w, r)
				return
			}
			p := opts.Policy
			if opts.PolicyFor != nil {
				p = opts.PolicyFor(r)
			}
			d, err := opts.Backend.Allow(r.Context(), key, p)
			if err != nil {
				opts.Logger.ErrorContext(r.Context(), "ratelimit: backend failed",
					"key", key, "err", err, "fail_closed", opts.FailClosed)
				if opts.FailClosed {
					writeProblem(w, r, http.StatusServiceUnavailable,
						"The rate limiter cannot decide right now.")
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Set("RateLimit-Limit", strconv.Itoa(d.Limit))
			h.Set("RateLimit-Remaining", strconv.Itoa(d.Remaining))
			h.Set("RateLimit-Reset", strconv.FormatInt(ceilSeconds(d.ResetAfter), 10))
			if !d.Allowed {
				retry := max(1, ceilSeconds(d.RetryAfter))
				h.Set("Retry-After", strconv.FormatInt(retry, 10))
				writeProblem(w, r, http.StatusTooManyRequests,
					"Too many requests: try again in "+strconv.FormatInt(retry, 10)+" s.")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// ceilSeconds returns d in whole seconds, rounded up: a client told "0"
// while a fraction remains would come back too early.
func ceilSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64((d + time.Second - 1) / time.Second)
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
