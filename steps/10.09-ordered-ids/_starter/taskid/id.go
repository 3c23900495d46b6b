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
	// TODO(10.09): put the clock's milliseconds (s.now().UnixMilli()) in
	// 6 bytes, big endian, then 5 bytes from crypto/rand, and return the
	// 11 bytes as 22 hex digits. Under s.mu: if those 6 bytes of time do
	// not sort after the first 6 of s.last, use s.last plus one instead.
	// Either way, remember the new id in s.last.
	return ""
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
