package cache

import (
	"sync"
	"time"
)

// entry is one key with its value, and its place in its shard's recency
// list.
type entry[K comparable, V any] struct {
	key   K
	value V
	// expires is the shard's clock (see shard.now) from which the entry
	// is dead; 0 means never.
	expires int64
	// size is what the entry counts against the shard's maxBytes.
	size       int64
	prev, next *entry[K, V]
}

// shard is one part of a Cache: a map to find an entry by its key, and a
// circular doubly linked list of the entries in order of use, to find the
// one to evict. One mutex guards both.
//
//	root ⇄ most recent ⇄ … ⇄ least recent ⇄ (back to root)
//	root.next                 root.prev
type shard[K comparable, V any] struct {
	mu sync.Mutex
	// The counters sit beside the mutex, on the cache line an operation
	// writes anyway.
	hits, misses, evictions uint64
	items                   map[K]*entry[K, V]
	root                    entry[K, V] // sentinel: never in items
	// maxEntries and maxBytes bound the shard; 0 means no bound.
	maxEntries int
	maxBytes   int64
	size       func(K, V) int64
	bytes      int64
	// calls are the loads in flight, by key (GetOrLoad).
	calls map[K]*call[V]
	// base is when the shard was made: its clock counts from there.
	base time.Time
	// The padding keeps two shards off one cache line, where each
	// core's writes would keep taking the line from the other.
	_ [64]byte
}

// newShard returns an empty shard that holds at most maxEntries entries
// (0: no limit).
func newShard[K comparable, V any](maxEntries int) *shard[K, V] {
	s := &shard[K, V]{items: make(map[K]*entry[K, V]), maxEntries: maxEntries, base: time.Now()}
	s.root.next = &s.root
	s.root.prev = &s.root
	return s
}

// now is the shard's clock: nanoseconds since base, from the monotonic
// clock (one read, where time.Now takes two: wall and monotonic).
func (s *shard[K, V]) now() int64 {
	return int64(time.Since(s.base))
}

// get returns the value under key, and makes it the most recently used.
// An expired entry is removed on the way: it is a miss.
func (s *shard[K, V]) get(key K) (V, bool) {
	s.mu.Lock()
	e, ok := s.items[key]
	if ok && (e.expires == 0 || s.now() < e.expires) {
		s.hits++
		s.toFront(e)
		v := e.value
		s.mu.Unlock()
		return v, true
	}
	if ok {
		s.remove(e) // expired
	}
	s.misses++
	s.mu.Unlock()
	var zero V
	return zero, false
}

// live returns the entry under key if it has not expired, removing it if
// it has. The caller holds s.mu.
func (s *shard[K, V]) live(key K) *entry[K, V] {
	e, ok := s.items[key]
	if !ok {
		return nil
	}
	if e.expires != 0 && s.now() >= e.expires {
		s.remove(e)
		return nil
	}
	return e
}

// set stores value under key for ttl (0: no expiry), as the most recently
// used entry, and evicts what no longer fits.
func (s *shard[K, V]) set(key K, value V, ttl time.Duration) {
	expires := s.deadline(ttl)
	s.mu.Lock()
	s.forget(key)
	s.put(key, value, expires)
	s.mu.Unlock()
}

// deadline returns the expiry of an entry stored now for ttl.
func (s *shard[K, V]) deadline(ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	return s.now() + int64(ttl)
}

// put stores value under key until expires. A value larger than
// the whole shard is not stored, and the old one under key goes. The
// caller holds s.mu.
func (s *shard[K, V]) put(key K, value V, expires int64) {
	var size int64
	if s.size != nil {
		size = s.size(key, value)
	}
	e, ok := s.items[key]
	if s.maxBytes > 0 && size > s.maxBytes {
		if ok {
			s.remove(e)
		}
		return
	}
	if ok {
		e.value, e.expires = value, expires
		s.bytes += size - e.size
		e.size = size
		s.toFront(e)
	} else {
		e = &entry[K, V]{key: key, value: value, expires: expires, size: size}
		s.items[key] = e
		s.pushFront(e)
		s.bytes += size
	}
	s.trim()
}

// trim drops the expired entries at the tail of the list, then evicts the
// least recently used entries while the shard is over a bound. The entry
// just stored is at the head and fits, so it stays.
func (s *shard[K, V]) trim() {
	var now int64
	for t := s.root.prev; t != &s.root && t.expires != 0; t = s.root.prev {
		if now == 0 {
			now = s.now()
		}
		if now < t.expires {
			break
		}
		s.remove(t)
	}
	for s.root.prev != &s.root &&
		(s.maxEntries > 0 && len(s.items) > s.maxEntries ||
			s.maxBytes > 0 && s.bytes > s.maxBytes) {
		s.remove(s.root.prev)
		s.evictions++
	}
}

// delete removes key, if it is there.
func (s *shard[K, V]) delete(key K) {
	s.mu.Lock()
	s.forget(key)
	if e, ok := s.items[key]; ok {
		s.remove(e)
	}
	s.mu.Unlock()
}

// forget detaches a load in flight for key, if any: it started before
// this set or delete, so what it returns may be older, and must not be
// stored over it. Its waiters still get its result; the next GetOrLoad
// starts afresh. The caller holds s.mu.
func (s *shard[K, V]) forget(key K) {
	delete(s.calls, key)
}

// len returns the number of entries, expired ones not yet dropped
// included.
func (s *shard[K, V]) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// remove takes e out of the map and the list. The caller holds s.mu.
func (s *shard[K, V]) remove(e *entry[K, V]) {
	delete(s.items, e.key)
	e.prev.next = e.next
	e.next.prev = e.prev
	e.prev, e.next = nil, nil
	s.bytes -= e.size
}

// pushFront puts e at the head of the list. The caller holds s.mu.
func (s *shard[K, V]) pushFront(e *entry[K, V]) {
	e.prev = &s.root
	e.next = s.root.next
	s.root.next.prev = e
	s.root.next = e
}

// toFront moves e, already in the list, to its head. The caller holds
// s.mu.
func (s *shard[K, V]) toFront(e *entry[K, V]) {
	if s.root.next == e {
		return
	}
	e.prev.next = e.next
	e.next.prev = e.prev
	s.pushFront(e)
}
