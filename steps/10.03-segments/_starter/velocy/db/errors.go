package db

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned by Get and AppendGet for an id the database does
// not hold. It is returned as is, not wrapped, so that a miss allocates
// nothing; compare with errors.Is all the same.
var ErrNotFound = errors.New("db: not found")

// ErrClosed is returned by every method called after [DB.Close], and by
// writes that arrive while Close runs.
var ErrClosed = errors.New("db: closed")

// ErrLocked is wrapped by the error of [Open] when another process (or
// another DB in this process) has the database open.
var ErrLocked = errors.New("database is locked by another user")

// CorruptError is returned by [Open] when a record fails its checks and
// valid data follows it, so that it cannot be a torn write at the end of
// the log, and by reads when a record fails its CRC. Open does not skip
// such a record: the data after it may depend on it, and an operator must
// decide (restore a backup, or cut the segment at Offset by hand and
// accept the loss).
type CorruptError struct {
	Segment string // the segment file's path
	Offset  int64  // where the bad record starts
	Err     error  // what is wrong with it
}

// Error describes the corruption with its place.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("db: corrupt record in %s at offset %d: %v", e.Segment, e.Offset, e.Err)
}

// Unwrap returns what is wrong with the record.
func (e *CorruptError) Unwrap() error { return e.Err }
