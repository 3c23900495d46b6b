package suite

import (
	"sync"
	"time"
)

// Limiter is a token bucket: it holds at most burst tokens, starts full, and gains one token
// every interval. Allow spends one if there is one. It reads time.Now, so tests drive it with
// testing/synctest.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration
	burst    int
	tokens   int
	last     time.Time // when the tokens were last counted up to
}

// NewLimiter returns a full bucket of burst tokens that refills one token per interval.
func NewLimiter(interval time.Duration, burst int) *Limiter {
	return &Limiter{interval: interval, burst: burst, tokens: burst, last: time.Now()}
}

// Allow reports whether a request may go ahead now, spending a token if so.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if gained := int(now.Sub(l.last) / l.interval); gained > 0 {
		l.tokens = min(l.burst, l.tokens+gained)
		l.last = l.last.Add(time.Duration(gained) * l.interval)
	}
	if l.tokens == l.burst {
		l.last = now // a full bucket does not save up time
	}
	if l.tokens == 0 {
		return false
	}
	l.tokens--
	return true
}
