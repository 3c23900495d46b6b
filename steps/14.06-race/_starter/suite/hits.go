package suite

import (
	"maps"
	"sync"
)

// Hits counts requests per path. It is safe for concurrent use.
type Hits struct {
	mu     sync.Mutex
	counts map[string]int
}

// Add counts one request for path.
func (h *Hits) Add(path string) {
	h.mu.Lock()
	if h.counts == nil {
		h.counts = map[string]int{}
	}
	h.counts[path]++
	h.mu.Unlock()
}

// Count returns the number of requests counted for path.
func (h *Hits) Count(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.counts[path]
}

// Snapshot returns a copy of every count, which the caller may keep and read while Add runs.
func (h *Hits) Snapshot() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.counts)
}
