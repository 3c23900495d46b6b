package state

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"hash/maphash"
	"strconv"
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ttl < 0 {
		return nil, ErrNegativeTTL
	}
	s := &m.shards[maphash.String(m.seed, key)&m.mask]
	s.mu.Lock()
	return s, nil
}

// live returns key's item if it has not expired, dropping it if it has,
// and makes it the most recently used.
func (s *memShard) live(key string) *memItem {
	el, ok := s.items[key]
	if !ok {
		return nil
	}
	it := el.Value.(*memItem)
	if !it.expires.IsZero() && !time.Now().Before(it.expires) {
		s.lru.Remove(el)
		delete(s.items, key)
		return nil
	}
	s.lru.MoveToFront(el)
	return it
}

// put stores a copy of value under key, with a new expiry from ttl unless
// keep is set, and evicts the least recently used keys over the bound.
func (s *memShard) put(key string, value []byte, ttl time.Duration, keep bool) {
	var expires time.Time
	if ttl > 0 {
		expires = time.Now().Add(ttl)
	}
	value = append([]byte{}, value...)
	if it := s.live(key); it != nil {
		it.value = value
		if !keep {
			it.expires = expires
		}
		return
	}
	s.items[key] = s.lru.PushFront(&memItem{key: key, value: value, expires: expires})
	for len(s.items) > s.max {
		back := s.lru.Back()
		s.lru.Remove(back)
		delete(s.items, back.Value.(*memItem).key)
	}
}

// Get implements [Store]; the value returned is a copy.
func (m *Memory) Get(ctx context.Context, key string) ([]byte, bool, error) {
	s, err := m.shard(ctx, key, 0)
	if err != nil {
		return nil, false, err
	}
	defer s.mu.Unlock()
	it := s.live(key)
	if it == nil {
		return nil, false, nil
	}
	return append([]byte{}, it.value...), true, nil
}

// Set implements [Store].
func (m *Memory) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	s, err := m.shard(ctx, key, ttl)
	if err != nil {
		return err
	}
	defer s.mu.Unlock()
	s.put(key, value, ttl, false)
	return nil
}

// Delete implements [Store].
func (m *Memory) Delete(ctx context.Context, key string) error {
	s, err := m.shard(ctx, key, 0)
	if err != nil {
		return err
	}
	defer s.mu.Unlock()
	if el, ok := s.items[key]; ok {
		s.lru.Remove(el)
		delete(s.items, key)
	}
	return nil
}

// errOverflow is returned by Incr when the sum does not fit an int64.
var errOverflow = errors.New("state: increment overflows int64")

// Incr implements [Store].
func (m *Memory) Incr(ctx context.Context, key string, delta int64, ttl time.Duration) (int64, error) {
	s, err := m.shard(ctx, key, ttl)
	if err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	var n int64
	it := s.live(key)
	if it != nil {
		n, err = strconv.ParseInt(string(it.value), 10, 64)
		if err != nil {
			return 0, ErrNotInteger
		}
	}
	sum := n + delta
	if (delta > 0 && sum < n) || (delta < 0 && sum > n) {
		return 0, errOverflow
	}
	s.put(key, strconv.AppendInt(nil, sum, 10), ttl, it != nil)
	return sum, nil
}

// CompareAndSwap implements [Store].
func (m *Memory) CompareAndSwap(ctx context.Context, key string, old, new []byte, ttl time.Duration) (bool, error) {
	s, err := m.shard(ctx, key, ttl)
	if err != nil {
		return false, err
	}
	defer s.mu.Unlock()
	it := s.live(key)
	if old == nil && it != nil || old != nil && (it == nil || !bytes.Equal(it.value, old)) {
		return false, nil
	}
	s.put(key, new, ttl, false)
	return true, nil
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
