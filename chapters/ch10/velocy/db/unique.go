package db

import "fmt"

// A unique index must refuse a Put whose value another id holds. Checking
// the index alone is not enough: two Puts of the same value by two ids
// can both be queued in one batch before either is in the index. So the
// check runs under DB.qmu, where writes are queued one at a time, and
// looks at two things: the index (what is committed) and the claims of
// the writes queued but not yet published. A queued write keeps its claim
// until the batch is over, whether it succeeded or failed.
//
// The check is conservative: while the owner of a value has a queued Put
// that moves it to another value, a Put of the old value by another id is
// refused, because the move might yet fail. Only writers that race see
// this; a writer that waited for the move's Put to return does not.

// claim is the queued writes of one value of a unique index: their id
// and how many there are.
type claim struct {
	id string
	n  int
}

// claimUnique checks that a Put of id with these keys gives no unique
// index a second id for a value, and claims the values. The caller holds
// db.qmu.
func (db *DB) claimUnique(id string, keys []string) error {
	s := db.sec
	if keys == nil {
		return nil
	}
	s.mu.RLock()
	for i, ix := range s.list {
		k := keys[i]
		if s.claims[i] == nil || k == "" {
			continue
		}
		other := ""
		if c, ok := s.claims[i][k]; ok && c.id != id {
			other = c.id
		}
		if other == "" {
			ix.t.scan(interval{lo: k, hi: k, hasLo: true, hasHi: true, loIncl: true, hiIncl: true}, false, func(e entry) bool {
				if e.id != id {
					other = e.id
				}
				return other == ""
			})
		}
		if other != "" {
			s.mu.RUnlock()
			return fmt.Errorf("db: put %q: unique index %q already holds %s for id %q: %w", id, ix.Name, formatValue(decodeKey(k)), other, ErrUnique)
		}
	}
	s.mu.RUnlock()
	for i, k := range keys {
		if s.claims[i] != nil && k != "" {
			c := s.claims[i][k]
			c.id, c.n = id, c.n+1
			s.claims[i][k] = c
		}
	}
	return nil
}

// releaseClaims drops the claims of a batch's writes once the batch is
// published or has failed. The caller holds db.qmu.
func (db *DB) releaseClaims(ops []op) {
	s := db.sec
	for _, o := range ops {
		for i, k := range o.keys {
			if s.claims[i] == nil || k == "" {
				continue
			}
			if c := s.claims[i][k]; c.n > 1 {
				c.n--
				s.claims[i][k] = c
			} else {
				delete(s.claims[i], k)
			}
		}
	}
}
