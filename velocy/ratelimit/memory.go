package ratelimit

import (
	"context"
	"hash/maphash"
	"runtime"
	"sync"
	"time"
)

// MemoryOptions configures [NewMemory]. The zero value is ready to use.
type MemoryOptions struct {
	// Shards is the number of independently locked parts of the table,
	// rounded up to a power of two. 0 means four per CPU (GOMAXPROCS), so
	// that parallel requests rarely wait for each other's lock.
	Shards int
	// MaxKeys bounds the number of keys the table holds; 0 means 1<<20.
	// Each shard holds at most its share, MaxKeys/Shards rounded up.
	MaxKeys int
}

// Memory is a [Backend] that keeps one number per key, its TAT, in a
// table in this process. It is exact under parallel requests (each
// decision happens under its shard's lock) and makes no allocation for a
// key it already holds.
//
// The table does not keep the keys themselves, only their 64-bit hashes
// (maphash, with a seed chosen by NewMemory): 16 bytes per key, whatever
// its length, and nothing for the garbage collector to scan. Two keys
// share a limit if their hashes are equal, which for a million keys
// happens with a probability of about one in 37 million, and which no
// client can arrange without knowing the seed.
//
// A key whose TAT has passed carries no information: GCRA treats it as a
// key it has never seen, so the table may forget it. It does when it needs
// room: when a new key arrives at a full shard, the shard looks at a few
// of its keys (eight, from a random place) and drops those whose TAT has
// passed; if none has, it evicts the one among them with the earliest
// TAT, the key nearest to a full burst anyway, whose loss forgives its
// client the least. So the table never holds more than MaxKeys keys,
// whatever the number of clients.
//
// Time is the monotonic clock (time.Since a start time taken by
// NewMemory), so a change of the wall clock does not reset or freeze the
// limits. In tests, create the Memory inside the synctest bubble.
type Memory struct {
	shards   []memShard
	mask     uint64
	seed     maphash.Seed
	perShard int
	epoch    time.Time
}

// memShard is one part of the table, padded to 64 bytes, a cache line, so
// that no two shards' locks share a line: two CPUs locking neighbouring
// shards do not pass one line back and forth.
type memShard struct {
	mu   sync.Mutex
	tats map[uint64]int64 // the key's hash -> its TAT, in ns since epoch
	_    [48]byte
}

// sample is how many keys a full shard looks at to make room.
const sample = 8

// NewMemory returns an empty table.
func NewMemory(opts MemoryOptions) *Memory {
	n := opts.Shards
	if n <= 0 {
		n = 4 * runtime.GOMAXPROCS(0)
	}
	shards := 1
	for shards < n {
		shards <<= 1
	}
	maxKeys := opts.MaxKeys
	if maxKeys <= 0 {
		maxKeys = 1 << 20
	}
	m := &Memory{
		shards:   make([]memShard, shards),
		mask:     uint64(shards - 1),
		seed:     maphash.MakeSeed(),
		perShard: max(1, (maxKeys+shards-1)/shards),
		epoch:    time.Now(),
	}
	for i := range m.shards {
		m.shards[i].tats = make(map[uint64]int64)
	}
	return m
}

// Allow decides one request for key under p. The context is not used: the
// decision takes a lock and a few instructions. The only error is
// [ErrInvalidPolicy].
//
// Measured (velocy/bench), a method without the context, called on the
// *Memory, was no faster than this one called through the interface: the
// context costs one register, so there is no such method.
func (m *Memory) Allow(_ context.Context, key string, p Policy) (Decision, error) {
	period, t, ok := emission(p, time.Nanosecond)
	if !ok {
		return Decision{}, invalid(p)
	}
	now := int64(time.Since(m.epoch))
	h := maphash.String(m.seed, key)
	s := &m.shards[h&m.mask]
	s.mu.Lock()
	tat, found := s.tats[h]
	if !found && len(s.tats) >= m.perShard {
		s.makeRoom(now)
	}
	next, d := decide(tat, now, period, t, time.Nanosecond)
	if d.Allowed {
		s.tats[h] = next
	}
	s.mu.Unlock()
	d.Limit = p.Limit
	return d, nil
}

// makeRoom frees at least one place in a full shard: it drops the expired
// keys among a few, or else the one of them with the earliest TAT. The
// caller holds s.mu.
func (s *memShard) makeRoom(now int64) {
	var (
		oldest    uint64
		oldestTAT int64
		live      bool // oldest is set
		dropped   bool
		seen      int
	)
	for k, tat := range s.tats { // map iteration starts at a random place
		switch {
		case tat <= now:
			delete(s.tats, k)
			dropped = true
		case !live || tat < oldestTAT:
			oldest, oldestTAT, live = k, tat, true
		}
		if seen++; seen == sample {
			break
		}
	}
	if !dropped && live {
		delete(s.tats, oldest)
	}
}

// Len returns the number of keys the table holds, expired or not.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.tats)
		s.mu.Unlock()
	}
	return n
}
