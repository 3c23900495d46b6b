package middleware

import (
	"container/heap"
	"context"
	"sync"
	"time"
)

// Store keeps session data on the server, under the session's ID. The data
// is an opaque byte string that [Sessions] encodes and decodes itself, so a
// store never needs to understand it: a map in memory, a Redis key with a
// TTL, or a database row all fit. The methods take a context because a
// store may be across the network; they must honour its cancellation.
//
// An implementation must be safe for concurrent use. Save and Load must not
// keep data after they return: Sessions may reuse it, and so may the caller
// of Load.
type Store interface {
	// Load returns the data saved under id and found=true, or found=false
	// (and a nil error) if there is none or it has expired. An error means
	// the store could not answer, not that the session does not exist.
	Load(ctx context.Context, id string) (data []byte, found bool, err error)
	// Save stores data under id, replacing what was there, until expires.
	// After that moment Load must not return it; when the store reclaims
	// the space is its business.
	Save(ctx context.Context, id string, data []byte, expires time.Time) error
	// Delete removes id. Deleting an id that does not exist is not an
	// error.
	Delete(ctx context.Context, id string) error
}

// MemoryStore is a [Store] that keeps sessions in the memory of the process,
// bounded to a number of entries. When it is full and a new session is
// saved, it evicts the session that expires first: with an idle timeout,
// that is the one unused the longest, so the rule is close to LRU without
// tracking reads. Expired sessions are dropped as the store meets them.
//
// A MemoryStore loses everything on restart and is not shared between
// processes: use it for one server, for development and for tests. It is
// safe for concurrent use.
type MemoryStore struct {
	mu      sync.Mutex
	max     int
	entries map[string]*memEntry
	byTime  memHeap // the same entries, soonest expiry first
}

type memEntry struct {
	id      string
	data    []byte
	expires time.Time
	index   int // position in byTime
}

// NewMemoryStore returns an empty MemoryStore that holds at most max
// sessions. It panics if max is less than 1.
func NewMemoryStore(max int) *MemoryStore {
	if max < 1 {
		panic("middleware: NewMemoryStore: max must be at least 1")
	}
	return &MemoryStore{max: max, entries: make(map[string]*memEntry)}
}

// Load returns a copy of the data saved under id, unless it has expired.
func (m *MemoryStore) Load(ctx context.Context, id string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[id]
	if !ok {
		return nil, false, nil
	}
	if !time.Now().Before(e.expires) {
		m.remove(e)
		return nil, false, nil
	}
	return append([]byte(nil), e.data...), true, nil
}

// Save stores a copy of data under id until expires. An expires that is not
// in the future deletes id. When the store is full and id is new, Save
// first drops the expired sessions, then, if that is not enough, the one
// that expires soonest.
func (m *MemoryStore) Save(ctx context.Context, id string, data []byte, expires time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.byTime) > 0 && !now.Before(m.byTime[0].expires) {
		m.remove(m.byTime[0])
	}
	e, ok := m.entries[id]
	if !expires.After(now) {
		if ok {
			m.remove(e)
		}
		return nil
	}
	data = append([]byte(nil), data...)
	if ok {
		e.data, e.expires = data, expires
		heap.Fix(&m.byTime, e.index)
		return nil
	}
	if len(m.entries) >= m.max {
		m.remove(m.byTime[0])
	}
	e = &memEntry{id: id, data: data, expires: expires}
	m.entries[id] = e
	heap.Push(&m.byTime, e)
	return nil
}

// Delete removes id.
func (m *MemoryStore) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.entries[id]; ok {
		m.remove(e)
	}
	return nil
}

// Len returns the number of sessions held, counting expired ones the store
// has not dropped yet.
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// remove drops e; m.mu is held.
func (m *MemoryStore) remove(e *memEntry) {
	heap.Remove(&m.byTime, e.index)
	delete(m.entries, e.id)
}

// memHeap is a min-heap of entries by expiry, for container/heap.
type memHeap []*memEntry

var _ heap.Interface = (*memHeap)(nil)

func (h memHeap) Len() int           { return len(h) }
func (h memHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h memHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *memHeap) Push(x any) {
	e := x.(*memEntry)
	e.index = len(*h)
	*h = append(*h, e)
}

func (h *memHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}
