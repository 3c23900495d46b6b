package naivestore

import "errors"

// ErrCorrupt is what Open's error wraps when the store's file is there
// but does not hold a store: cut short by a crash in the middle of a
// write, damaged, or written by something else. Open leaves such a file
// as it is; starting empty instead would overwrite it at the next save.
var ErrCorrupt = errors.New("not a store file (corrupt?)")
