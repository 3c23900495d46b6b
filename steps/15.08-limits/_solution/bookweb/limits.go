package bookweb

import (
	"net/http"
	"time"

	"workspace/velocy/ratelimit"
)

// DefaultCheckLimit is each learner's budget of checks when Services.CheckLimit is zero: a check
// runs the go toolchain for seconds, so a button pressed in a loop must not take the machine.
var DefaultCheckLimit = ratelimit.Policy{Limit: 10, Period: time.Minute}

// limit returns the rate limit on the check button: CheckLimit per learner, not per address,
// since every learner of an edition on this machine comes from 127.0.0.1.
func (e *edition) limit() func(http.Handler) http.Handler {
	p := e.svc.CheckLimit
	if p == (ratelimit.Policy{}) {
		p = DefaultCheckLimit
	}
	return ratelimit.Middleware(ratelimit.Options{Policy: p, Logger: e.logger,
		Key: func(r *http.Request) string { return "check/" + learner(r) }})
}
