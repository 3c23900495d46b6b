// Package taskid makes the ids of the tasks service (chapters/ch10/tasks):
// random, and ordered by the time they were made, so that a database that
// visits ids in order visits them oldest first. Lesson 10.9 writes it.
//
// An id is 22 lowercase hex digits: 12 for the milliseconds since 1970
// (enough until the year 10889), then 10 of randomness.
//
//	01a23795a72f 3ff2ca8547
//	time (ms)    random
package taskid

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"time"
)

// Len is the length of an id.
const Len = 22

// Source makes ids. Within one Source the ids only grow, even when the
// clock stands still or steps back; across restarts they grow as long as
// the clock does. Make one with New; it is safe for concurrent use.
type Source struct {
	now func() time.Time

	mu   sync.Mutex
	last [11]byte // the last id made, as bytes: 6 of time, 5 random
}

// New returns a Source that reads the time from now (time.Now in a
// program, a fake clock in a test).
func New(now func() time.Time) *Source {
	return &Source{now: now}
}

// Next returns a new id: the clock's milliseconds, then random bytes; or,
// if the clock has not moved past the last id's milliseconds, the last id
// plus one, so that ids never go back.
func (s *Source) Next() string {
	var b [11]byte
	var ms [8]byte
	binary.BigEndian.PutUint64(ms[:], uint64(s.now().UnixMilli()))
	copy(b[:6], ms[2:])
	rand.Read(b[6:]) // never fails: crypto/rand panics if the system has no randomness

	s.mu.Lock()
	defer s.mu.Unlock()
	if string(b[:6]) <= string(s.last[:6]) {
		// The same millisecond as the last id, or the clock went back:
		// one more than the last id keeps the order.
		b = s.last
		for i := len(b) - 1; i >= 0; i-- {
			b[i]++
			if b[i] != 0 {
				break
			}
		}
	}
	s.last = b
	return hex.EncodeToString(b[:])
}

// Valid reports whether id could have come from a Source: Len lowercase
// hex digits. A service can answer 404 to anything else without a look
// at its database.
func Valid(id string) bool {
	if len(id) != Len {
		return false
	}
	for i := range len(id) {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
