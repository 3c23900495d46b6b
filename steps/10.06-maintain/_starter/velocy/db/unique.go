package db

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
	// TODO(10.06-unique): refuse the Put if a unique index holds one of its
	// keys for another id, or another id's queued write claims it; else
	// claim the keys.
	return nil
}

// releaseClaims drops the claims of a batch's writes once the batch is
// published or has failed. The caller holds db.qmu.
func (db *DB) releaseClaims(ops []op) {
	// TODO(10.06-unique): drop one claim of each op's keys.
}
