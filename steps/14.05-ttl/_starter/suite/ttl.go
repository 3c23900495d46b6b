package suite

import (
	"sync"
	"time"
)

// TTLCache keeps each value for a fixed time after it was last set. It reads the clock with
// time.Now, so tests drive it with testing/synctest instead of sleeping.
type TTLCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	items map[string]ttlEntry
}

type ttlEntry struct {
	value   string
	expires time.Time
}

// NewTTLCache returns an empty cache whose entries live for ttl.
func NewTTLCache(ttl time.Duration) *TTLCache {
	return &TTLCache{ttl: ttl, items: map[string]ttlEntry{}}
}

// Set stores value under key, for ttl from now (setting again starts the time again).
func (c *TTLCache) Set(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = ttlEntry{value, time.Now().Add(c.ttl)}
}

// Get returns the value under key if it was set less than ttl ago. At exactly ttl it is gone.
func (c *TTLCache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok || !time.Now().Before(e.expires) {
		delete(c.items, key)
		return "", false
	}
	return e.value, true
}
