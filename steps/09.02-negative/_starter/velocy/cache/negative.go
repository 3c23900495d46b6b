package cache

import (
	"fmt"
	"time"
)

// Negative marks err, returned by a GetOrLoad loader, as an answer worth
// remembering for ttl: a row that does not exist, a user who is not
// there. GetOrLoad then stores it, and until it expires returns it to
// every caller without calling the loader. Callers get err itself, not
// the mark, so errors.Is and == work as usual. Errors that are not marked
// (a timeout, a dropped connection) are never stored: the next caller
// tries again. A nil err or a ttl <= 0 returns err unmarked.
func Negative(err error, ttl time.Duration) error {
	// TODO(09.02-negative): wrap err in a *negativeError with ttl, unless
	// err is nil or ttl <= 0. Then, in load.go, store a marked error as an
	// entry with err set (shard.go), and return it to GetOrLoad's callers.
	return err
}

// negativeError is an error marked by Negative.
type negativeError struct {
	err error
	ttl time.Duration
}

func (e *negativeError) Error() string {
	return fmt.Sprintf("%v (remembered for %v)", e.err, e.ttl)
}

func (e *negativeError) Unwrap() error { return e.err }
