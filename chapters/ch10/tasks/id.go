package main

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"time"
)

// idLen is the length of an id: 12 hex digits of milliseconds since 1970
// (enough until the year 10889), then 10 of randomness.
const idLen = 22

// idSource makes task ids that sort in the order they were made, so that
// DB.Range, which visits ids in order, lists tasks oldest first. Within
// one process the ids only grow, even when the clock steps back or two
// tasks are made in the same millisecond; across restarts they grow as
// long as the clock does.
type idSource struct {
	now func() time.Time

	mu   sync.Mutex
	last [11]byte // the last id made, as bytes: 6 of time, 5 random
}

// next returns a new id.
func (s *idSource) next() string {
	var b [11]byte
	var ms [8]byte
	binary.BigEndian.PutUint64(ms[:], uint64(s.now().UnixMilli()))
	copy(b[:6], ms[2:])
	rand.Read(b[6:]) // never fails (crypto/rand panics if the system cannot give randomness)

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

// validID reports whether id could have come from an idSource. A path
// that fails it is a 404 without a look at the database.
func validID(id string) bool {
	if len(id) != idLen {
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
