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

// Retrying a failed roll on every record would cost an open per record
// while the directory stays unusable, which it usually does for a while: a
// full disk, a read-only remount. So a failure waits before the next try,
// twice as long each time, from minRollRetry up to maxRollRetry.
const (
	minRollRetry = time.Second
	maxRollRetry = time.Minute
)

// tryRoll rolls, or counts the failure and backs off.
func (f *fileOutput) tryRoll(t time.Time) {
	err := f.roll(t)
	if err == nil {
		f.backoff, f.retryAt = 0, time.Time{}
		return
	}
	f.rollFails++
	if f.firstRollErr == nil {
		f.firstRollErr = err
	}
	f.backoff = min(max(2*f.backoff, minRollRetry), maxRollRetry)
	f.retryAt = t.Add(f.backoff)
	callErrorHandler(f.onError, err)
}

// rollReport describes the rolls that failed since the last call, or
// returns nil. Those records were not lost: they went into the current
// file, which grew past its limit or its interval meanwhile.
func (f *fileOutput) rollReport() error {
	if f.rollFails == 0 {
		return nil
	}
	over := ""
	if f.maxSize > 0 && f.size > f.maxSize {
		over = fmt.Sprintf(", over the rolling size of %d", f.maxSize)
	}
	err := fmt.Errorf("logtar: %s to start a new log file failed since the last Sync; no record was lost: "+
		"they went on into %s (now %d bytes%s); the first error: %w",
		attempts(f.rollFails), fileName(f.prefix, f.lastStamp, f.lastSeq), f.size, over, f.firstRollErr)
	f.rollFails, f.firstRollErr = 0, nil
	return err
}

// attempts returns "1 attempt" or "n attempts".
func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
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
