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
	// TODO(09.01-lru): look key up in s.items under s.mu; on a hit, move
	// the entry to the front of the list and count a hit; else a miss.
	var zero V
	return zero, false
}

// set stores value under key, as the most recently used entry, and
// evicts what no longer fits. The time to live, ttl, is for the next
// step: for now entries live until they are evicted.
func (s *shard[K, V]) set(key K, value V, ttl time.Duration) {
	// TODO(09.01-lru): put the value under s.mu.
}

// put stores value under key. The caller holds s.mu.
func (s *shard[K, V]) put(key K, value V) {
	// TODO(09.01-lru): update the entry under key and move it to the
	// front, or make a new one at the front; then trim.
}

// trim evicts the least recently used entries while the shard is over
// its bound. The entry just stored is at the head, so it stays.
func (s *shard[K, V]) trim() {
	// TODO(09.01-lru): remove the entry at the tail (s.root.prev) while
	// there are more than s.maxEntries (when that is not 0), counting
	// evictions.
}

// delete removes key, if it is there.
func (s *shard[K, V]) delete(key K) {
	// TODO(09.01-lru): remove the entry under key, if any, under s.mu.
}

// len returns the number of entries.
func (s *shard[K, V]) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// remove takes e out of the map and the list. The caller holds s.mu.
func (s *shard[K, V]) remove(e *entry[K, V]) {
	// TODO(09.01-lru): delete e from s.items and unlink it from its
	// neighbours.
}

// pushFront puts e at the head of the list. The caller holds s.mu.
func (s *shard[K, V]) pushFront(e *entry[K, V]) {
	// TODO(09.01-lru): link e between s.root and s.root.next.
}

// toFront moves e, already in the list, to its head. The caller holds
// s.mu.
func (s *shard[K, V]) toFront(e *entry[K, V]) {
	// TODO(09.01-lru): unlink e and push it to the front.
}
