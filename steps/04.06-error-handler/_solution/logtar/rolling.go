package logtar

import (
	"errors"
	"fmt"
	"time"
)

// Rolling means closing the current log file and starting a new one, so
// that no single file grows without end. logtar rolls for two reasons:
//
//   - size: before a record is written, if it would take the file past
//     the rolling size. Checking before the write, not after, keeps every
//     file at or below the limit. The one exception is a record bigger
//     than the whole limit: it goes alone into a fresh file, because
//     rolling again would not make it fit.
//   - time: at every multiple of the rolling interval. time.Truncate counts
//     multiples from the zero time, which is a midnight UTC, so an hourly
//     interval rolls at :00 and a daily one at midnight UTC, whenever the
//     file was opened.
//
// There is no timer: the roll happens at the first record written at or
// after the boundary, and an idle logger does not create empty files.

// shouldRoll reports whether a record of n bytes with time t must go to a
// new file.
func (f *fileOutput) shouldRoll(t time.Time, n int) bool {
	if f.maxSize > 0 && f.size > 0 && f.size+int64(n) > f.maxSize {
		return true
	}
	return f.interval > 0 && !t.Before(f.rollAt)
}

// nextRoll returns the first multiple of interval after t, or the zero time
// if rolling by time is off.
func nextRoll(t time.Time, interval time.Duration) time.Time {
	if interval <= 0 {
		return time.Time{}
	}
	return t.Truncate(interval).Add(interval)
}

// roll opens a new file and then closes the old one. Opening first means
// that if the new file cannot be created, the old one is still there to
// write to. The roll has happened even if the old file fails to close:
// that is kept for the next sync to report, not counted as a failed roll.
func (f *fileOutput) roll(t time.Time) error {
	old := f.file
	if err := f.open(t); err != nil {
		return err
	}
	if err := old.Close(); err != nil {
		f.closeErr = errors.Join(f.closeErr, fmt.Errorf("logtar: close rolled log file: %w", err))
		callErrorHandler(f.onError, err)
	}
	return nil
}
