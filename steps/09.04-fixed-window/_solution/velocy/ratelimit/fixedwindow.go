package ratelimit

import (
	"context"
	"sync"
	"time"
)

// FixedWindow is the simplest limiter there is, kept for comparison: it
// counts each key's requests in windows of one Period, aligned to the
// clock, and refuses the request after Limit in a window. Lesson 9.4
// builds it first and shows where it breaks: a client may send Limit
// requests at the end of one window and Limit more at the start of the
// next, twice the limit in a moment. Use [Memory] instead.
//
// Its table only grows: a key's window is replaced when the key comes
// back, never dropped.
type FixedWindow struct {
	mu      sync.Mutex
	windows map[string]window
}

// window is one key's current window: when it started, and how many
// requests it has allowed.
type window struct {
	start time.Time
	count int
}

// NewFixedWindow returns an empty FixedWindow.
func NewFixedWindow() *FixedWindow {
	return &FixedWindow{windows: make(map[string]window)}
}

// Allow counts one request for key in the current window of p.
func (f *FixedWindow) Allow(_ context.Context, key string, p Policy) (Decision, error) {
	if _, _, ok := emission(p, time.Nanosecond); !ok {
		return Decision{}, invalid(p)
	}
	now := time.Now()
	start := now.Truncate(p.Period)
	end := start.Add(p.Period).Sub(now)
	f.mu.Lock()
	defer f.mu.Unlock()
	w := f.windows[key]
	if !w.start.Equal(start) {
		w = window{start: start}
	}
	if w.count >= p.Limit {
		return Decision{Limit: p.Limit, ResetAfter: end, RetryAfter: end}, nil
	}
	w.count++
	f.windows[key] = w
	return Decision{Allowed: true, Limit: p.Limit, Remaining: p.Limit - w.count, ResetAfter: end}, nil
}
