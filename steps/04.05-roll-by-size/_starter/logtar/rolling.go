package logtar

import (
	"time"
)

// Rolling means closing the current log file and starting a new one, so
// that no single file grows without end. logtar rolls before a record is
// written, if it would take the file past the rolling size. Checking
// before the write, not after, keeps every file at or below the limit. The
// one exception is a record bigger than the whole limit: it goes alone into
// a fresh file, because rolling again would not make it fit.

// shouldRoll reports whether a record of n bytes with time t must go to a
// new file.
func (f *fileOutput) shouldRoll(t time.Time, n int) bool {
	// TODO(04.05-roll-by-size): give fileOutput a maxSize field (set from
	// cfg.rollingSize in openFileOutput). Roll when rolling by size is on,
	// the file is not empty, and n more bytes would take it past maxSize.
	// Then, in file.go, make write call roll first when shouldRoll says so.
	return false
}

// roll opens a new file and then closes the old one. Opening first means
// that if the new file cannot be created, the old one is still there to
// write to.
func (f *fileOutput) roll(t time.Time) error {
	// TODO(04.05-roll-by-size): keep the current file, open a new one with
	// f.open(t) (on error, return it: the old file stays in use), then
	// close the old one ("logtar: close rolled log file: %w").
	return nil
}
