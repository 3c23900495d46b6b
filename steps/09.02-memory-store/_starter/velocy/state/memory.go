package state

import (
	"container/list"
	"context"
	"hash/maphash"
	"sync"
	"time"
)

// MemoryOptions configures [NewMemory].
type MemoryOptions struct {
	// MaxEntries bounds the number of keys; when it is reached, the least
	// recently used key goes. 0 means 1<<16.
	MaxEntries int
	// Shards is the number of independently locked parts, rounded up to
	// a power of two; 0 means 16. Each holds MaxEntries/Shards keys.
	Shards int
}

// Memory is a [Store] in the memory of the process: a sharded map of keys
// with their expiry, each shard bounded and evicting the least recently
// used key. Every method on one key runs under that key's shard lock, which
// is what makes Incr and CompareAndSwap atomic. It is the default store; it
// forgets everything on restart and is not shared between processes.
type Memory struct {
	shards []memShard
	mask   uint64
	seed   maphash.Seed
}

// memShard is one part of a Memory: a map to find a key's element, and a
// list in order of use, most recent at the front.
type memShard struct {
	mu    sync.Mutex
	items map[string]*list.Element // of *memItem
	lru   list.List
	max   int
	_     [64]byte // keeps two shards' locks off one cache line
}

// memItem is one key's value and expiry (zero: never).
type memItem struct {
	key     string
	value   []byte
	expires time.Time
}

// NewMemory returns an empty Memory store.
func NewMemory(opts MemoryOptions) *Memory {
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 1 << 16
	}
	if opts.Shards <= 0 {
		opts.Shards = 16
	}
	n := 1
	for n < opts.Shards && n < opts.MaxEntries {
		n *= 2
	}
	m := &Memory{shards: make([]memShard, n), mask: uint64(n - 1), seed: maphash.MakeSeed()}
	for i := range m.shards {
		m.shards[i].items = make(map[string]*list.Element)
		m.shards[i].max = opts.MaxEntries / n
	}
	return m
}

// shard returns the shard that holds key, locked, after checking ctx and
// ttl. The caller unlocks it.
func (m *Memory) shard(ctx context.Context, key string, ttl time.Duration) (*memShard, error) {
	// TODO(09.02-memory-store): return ctx's error, or ErrNegativeTTL for
	// a negative ttl; else pick key's shard with maphash.String and lock
	// it.
	return nil, ErrNegativeTTL
}

// live returns key's item if it has not expired, dropping it if it has,
// and makes it the most recently used.
func (s *memShard) live(key string) *memItem {
	// TODO(09.02-memory-store): find key's element; drop it if it has
	// expired (time.Now is not before its expiry); else move it to the
	// front of s.lru and return its item.
	return nil
}

// put stores a copy of value under key, with an expiry from ttl, and
// evicts the least recently used keys over the bound.
func (s *memShard) put(key string, value []byte, ttl time.Duration) {
	// TODO(09.02-memory-store): store a copy of value (update the live
	// item, or push a new one to the front), then evict from the back
	// while there are more than s.max keys.
}

// Get implements [Store]; the value returned is a copy.
func (m *Memory) Get(ctx context.Context, key string) ([]byte, bool, error) {
	// TODO(09.02-memory-store): a copy of the live value.
	return nil, false, nil
}

// Set implements [Store].
func (m *Memory) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	// TODO(09.02-memory-store): put under the shard's lock.
	return nil
}

// Delete implements [Store].
func (m *Memory) Delete(ctx context.Context, key string) error {
	// TODO(09.02-memory-store): remove key from the map and the list.
	return nil
}

// Incr implements [Store].
func (m *Memory) Incr(ctx context.Context, key string, delta int64, ttl time.Duration) (int64, error) {
	// TODO(09.02-incr-cas): parse, add and store, under the shard's lock.
	return 0, nil
}

// CompareAndSwap implements [Store].
func (m *Memory) CompareAndSwap(ctx context.Context, key string, old, new []byte, ttl time.Duration) (bool, error) {
	// TODO(09.02-incr-cas): compare and set, under the shard's lock.
	return false, nil
}

// Len returns the number of keys, expired ones not yet dropped included.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.items)
		s.mu.Unlock()
	}
	return n
}
