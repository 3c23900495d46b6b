package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Check is a readiness dependency check: it returns nil when the
// dependency answers. It must give up when ctx is done; the readiness
// probe does not wait for it past its timeout either way.
type Check func(ctx context.Context) error

// Health holds the readiness checks and the draining flag. Its methods are
// safe for concurrent use. The zero value is not usable: call [New].
type Health struct {
	draining atomic.Bool

	mu         sync.Mutex
	checks     []*check
	cacheFor   time.Duration
	showErrors bool
	logger     *slog.Logger
}

// check is one registered check and its last result.
type check struct {
	name    string
	timeout time.Duration
	run     Check

	mu   sync.Mutex
	at   time.Time // when the cached result was made; zero: none
	last Result
}

// New returns a Health with no checks that is not draining: Ready answers
// 200 until a check fails or SetDraining is called.
func New() *Health {
	return &Health{}
}

// AddCheck adds a readiness check under name, given timeout to answer (0
// or less: no timeout of its own; the probe's request still bounds it).
// Checks are usually added at start-up; adding one later is safe. AddCheck
// panics if name is empty or already used, or c is nil: these are
// programming errors, found when the program starts.
func (h *Health) AddCheck(name string, timeout time.Duration, c Check) {
	if name == "" || c == nil {
		panic(fmt.Sprintf("health: AddCheck(%q): empty name or nil check", name))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if slices.ContainsFunc(h.checks, func(c *check) bool { return c.name == name }) {
		panic(fmt.Sprintf("health: AddCheck(%q): a check of that name exists", name))
	}
	h.checks = append(h.checks, &check{name: name, timeout: timeout, run: c})
}

// SetCacheFor makes a check's result serve the probes of the next d after
// it was made, instead of running the check for each. A readiness probe
// every few seconds from each of a few load balancers is cheap; a storm of
// them (many balancers, a misconfigured interval, someone's loop) would
// otherwise turn into as many queries to the database the check pings.
// The price is that a dependency that fails is seen up to d late, so keep
// d short: about one probe interval (a second or two). 0, the default,
// runs the checks for every probe. Probes that arrive together while no
// result is cached each run the check; a result made for a probe that
// hung up before it was ready is not cached.
func (h *Health) SetCacheFor(d time.Duration) {
	h.mu.Lock()
	h.cacheFor = d
	h.mu.Unlock()
}

// SetShowErrors makes Ready write each failing check's error text in its
// answer. By default it writes only "failed" or "timeout": the errors come
// from the application's dependencies and may name hosts, users or
// queries, and a readiness endpoint is sometimes reachable from outside
// (a load balancer probes it). Turn it on when the endpoint is on an
// admin listener only, or log the errors instead with [Health.SetLogger].
func (h *Health) SetShowErrors(show bool) {
	h.mu.Lock()
	h.showErrors = show
	h.mu.Unlock()
}

// SetLogger makes Ready log each failing check, with its error, at level
// Warn. nil (the default) logs nothing.
func (h *Health) SetLogger(l *slog.Logger) {
	h.mu.Lock()
	h.logger = l
	h.mu.Unlock()
}

// SetDraining makes readiness fail from now on, at once and without
// running the checks: the graceful shutdown has begun and the load
// balancer must stop sending requests. There is no way back: a process
// that drains exits.
func (h *Health) SetDraining() { h.draining.Store(true) }

// Draining reports whether SetDraining was called.
func (h *Health) Draining() bool { return h.draining.Load() }

// The statuses of a [Report] and a [Result].
const (
	StatusOK       = "ok"
	StatusFail     = "fail"
	StatusDraining = "draining"
)

// Report is the answer of [Health.Status] and the JSON body Ready writes.
type Report struct {
	Status string            `json:"status"` // StatusOK, StatusFail or StatusDraining
	Checks map[string]Result `json:"checks,omitempty"`
}

// Result is the outcome of one check.
type Result struct {
	Status string `json:"status"`          // StatusOK or StatusFail
	Error  string `json:"error,omitempty"` // why it failed: "timeout", "failed", or the error's text with SetShowErrors
	err    error  // the check's own error, for the log
}

// errPanic is the error of a check that panicked.
var errPanic = errors.New("check panicked")

// Status runs every check concurrently, each under its own timeout and ctx,
// and reports the outcome: StatusOK if all passed, StatusFail if one
// failed, StatusDraining at once, with no checks run, after SetDraining.
// A check that does not return within its timeout counts as failed
// ("timeout") and is left to finish on its own; one that panics counts as
// failed too.
func (h *Health) Status(ctx context.Context) Report {
	if h.Draining() {
		return Report{Status: StatusDraining}
	}
	h.mu.Lock()
	checks := slices.Clone(h.checks)
	cacheFor, show, logger := h.cacheFor, h.showErrors, h.logger
	h.mu.Unlock()

	results := make([]Result, len(checks))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() { results[i] = c.result(ctx, cacheFor) })
	}
	wg.Wait()

	rep := Report{Status: StatusOK}
	if len(checks) > 0 {
		rep.Checks = make(map[string]Result, len(checks))
	}
	for i, c := range checks {
		r := results[i]
		if r.Status != StatusOK {
			rep.Status = StatusFail
			if logger != nil {
				logger.WarnContext(ctx, "readiness check failed", "check", c.name, "error", r.err)
			}
			if show && r.err != nil {
				r.Error = r.err.Error()
			}
		}
		rep.Checks[c.name] = r
	}
	return rep
}

// result returns c's cached result when it is younger than cacheFor, else
// runs c.
func (c *check) result(ctx context.Context, cacheFor time.Duration) Result {
	if cacheFor > 0 {
		c.mu.Lock()
		at, last := c.at, c.last
		c.mu.Unlock()
		if !at.IsZero() && time.Since(at) < cacheFor {
			return last
		}
	}
	r := c.runOnce(ctx)
	if cacheFor > 0 && ctx.Err() == nil { // a probe that gave up says nothing of the dependency
		c.mu.Lock()
		c.at, c.last = time.Now(), r
		c.mu.Unlock()
	}
	return r
}

// runOnce runs c under its timeout and ctx, and returns without waiting
// for a check that ignores its context.
func (c *check) runOnce(ctx context.Context) Result {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	done := make(chan error, 1) // buffered: a check that returns late does not block
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("%w: %v", errPanic, v)
			}
		}()
		done <- c.run(ctx)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	switch {
	case err == nil:
		return Result{Status: StatusOK}
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return Result{Status: StatusFail, Error: "timeout", err: err}
	default:
		return Result{Status: StatusFail, Error: "failed", err: err}
	}
}

// Live returns the liveness handler: 200 with {"status":"ok"} to GET and
// HEAD, always. It checks nothing on purpose: if the process can run a
// handler, restarting it would not help.
func (h *Health) Live() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(w, r) {
			return
		}
		write(w, r, http.StatusOK, []byte(`{"status":"ok"}`+"\n"))
	})
}

// Ready returns the readiness handler. To GET and HEAD it answers 200 with
// the [Report] of [Health.Status] as JSON when every check passed, 503 with
// it otherwise:
//
//	{"status":"fail","checks":{"database":{"status":"fail","error":"timeout"},"redis":{"status":"ok"}}}
//
// and 503 with {"status":"draining"} after SetDraining. The checks run
// under the probe request's context, so a probe that hangs up stops them.
func (h *Health) Ready() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(w, r) {
			return
		}
		rep := h.Status(r.Context())
		code := http.StatusOK
		if rep.Status != StatusOK {
			code = http.StatusServiceUnavailable
		}
		body, err := json.Marshal(rep)
		if err != nil { // cannot happen: strings and maps of strings
			body = []byte(`{"status":"fail"}`)
			code = http.StatusServiceUnavailable
		}
		write(w, r, code, append(body, '\n'))
	})
}

// allowed answers 405 to methods other than GET and HEAD.
func allowed(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// write sends body as an uncacheable JSON answer, without the body to
// HEAD.
func write(w http.ResponseWriter, r *http.Request, code int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
