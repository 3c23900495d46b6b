package cache

import (
	"sync"
	"time"
)

// entry is one key with its value, and its place in its shard's recency
// list.
type entry[K comparable, V any] struct {
	key        K
	value      V
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
	// maxEntries bounds the shard; 0 means no bound.
	maxEntries int
}

// newShard returns an empty shard that holds at most maxEntries entries
// (0: no limit).
func newShard[K comparable, V any](maxEntries int) *shard[K, V] {
	s := &shard[K, V]{items: make(map[K]*entry[K, V]), maxEntries: maxEntries}
	s.root.next = &s.root
	s.root.prev = &s.root
	return s
}

// get returns the value under key, and makes it the most recently used.
func (s *shard[K, V]) get(key K) (V, bool) {
	s.mu.Lock()
	e, ok := s.items[key]
	if ok {
		s.hits++
		s.toFront(e)
		v := e.value
		s.mu.Unlock()
		return v, true
	}
	s.misses++
	s.mu.Unlock()
	var zero V
	return zero, false
}

// set stores value under key, as the most recently used entry, and
// evicts what no longer fits. The time to live, ttl, is for the next
// step: for now entries live until they are evicted.
func (s *shard[K, V]) set(key K, value V, ttl time.Duration) {
	s.mu.Lock()
	s.put(key, value)
	s.mu.Unlock()
}

// put stores value under key. The caller holds s.mu.
func (s *shard[K, V]) put(key K, value V) {
	if e, ok := s.items[key]; ok {
		e.value = value
		s.toFront(e)
	} else {
		e = &entry[K, V]{key: key, value: value}
		s.items[key] = e
		s.pushFront(e)
	}
	s.trim()
}

// trim evicts the least recently used entries while the shard is over
// its bound. The entry just stored is at the head, so it stays.
func (s *shard[K, V]) trim() {
	for s.root.prev != &s.root && s.maxEntries > 0 && len(s.items) > s.maxEntries {
		s.remove(s.root.prev)
		s.evictions++
	}
}

// delete removes key, if it is there.
func (s *shard[K, V]) delete(key K) {
	s.mu.Lock()
	if e, ok := s.items[key]; ok {
		s.remove(e)
	}
	s.mu.Unlock()
}

// len returns the number of entries.
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
