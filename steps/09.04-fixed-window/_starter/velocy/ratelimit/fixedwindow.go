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
	// TODO(09.04-fixed-window): refuse an invalid p (emission reports it,
	// invalid(p) is the error); find the start of the window that holds time.Now()
	// (Truncate to p.Period) and the time left until its end; under f.mu,
	// start a new count if the key's window is an older one; refuse once
	// the count has reached p.Limit, else count the request.
	return Decision{}, nil
}
