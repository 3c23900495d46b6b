package logtar

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
//     file was opened. In local time, intervals that divide a day count
//     from local midnight instead.
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
// if rolling by time is off. Multiples are counted from midnight UTC, or,
// in a zone other than UTC and for an interval that divides a day, from
// midnight in that zone, on its wall clock: a daily file starts at local
// midnight even on the days that daylight saving time makes 23 or 25
// hours long.
func nextRoll(t time.Time, interval time.Duration, loc *time.Location) time.Time {
	if interval <= 0 {
		return time.Time{}
	}
	if loc == nil || loc == time.UTC || (24*time.Hour)%interval != 0 {
		return t.Truncate(interval).Add(interval)
	}
	local := t.In(loc)
	year, month, day := local.Date()
	hour, minute, sec := local.Clock()
	wall := time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(local.Nanosecond())
	next := time.Date(year, month, day, 0, 0, 0, int(wall.Truncate(interval)+interval), loc)
	for !next.After(t) {
		next = next.Add(interval) // a wall clock that fell back: the hour came twice
	}
	return next
}

// Retrying a failed roll on every record would cost an open (or a rename)
// per record while the directory stays unusable, which it usually does for
// a while: a full disk, a read-only remount. So a failure waits before the
// next try, twice as long each time, from minRollRetry up to maxRollRetry.
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
		attempts(f.rollFails), f.currentName(), f.size, over, f.firstRollErr)
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

// roll starts a new file and then closes the old one. Opening first means
// that if the new file cannot be created, the old one is still there to
// write to. With a fixed active name, the old file must first make way:
// it is renamed to its stamped name, and only then can a new file take
// the fixed one.
func (f *fileOutput) roll(t time.Time) error {
	old := f.file
	if f.active != "" && !f.renamed {
		if err := f.renameCurrent(); err != nil {
			return err
		}
		f.renamed = true // if open fails now, the next try skips this
	}
	if err := f.open(t); err != nil {
		return err
	}
	if err := old.Close(); err != nil {
		f.closeErr = errors.Join(f.closeErr, fmt.Errorf("logtar: close rolled log file: %w", err))
		callErrorHandler(f.onError, err)
	}
	f.cleaner.wake(f.currentName())
	return nil
}

// renameCurrent renames the file under the active name to the stamped name
// it was given when it was opened, or the next free number of that stamp.
func (f *fileOutput) renameCurrent() error {
	name, seq, err := f.freeName(f.lastStamp, f.lastSeq)
	if err != nil {
		return err
	}
	err = os.Rename(filepath.Join(f.dir, f.active), filepath.Join(f.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // someone deleted it: there is nothing to keep
	}
	if err != nil {
		return fmt.Errorf("logtar: roll log file: %w", err)
	}
	f.lastSeq = seq
	return nil
}

// freeName returns the first stamped name from seq on that no file has.
// (rename, unlike create with O_EXCL, replaces a file that has the name, so
// the name is checked first.)
func (f *fileOutput) freeName(stamp string, seq int) (string, int, error) {
	for ; seq < maxSameStamp; seq++ {
		name := fileName(f.prefix, stamp, seq)
		_, err := os.Lstat(filepath.Join(f.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name, seq, nil
		}
		if err != nil {
			return "", 0, fmt.Errorf("logtar: roll log file: %w", err)
		}
	}
	return "", 0, fmt.Errorf("logtar: roll log file: %d files already named %s%s*", maxSameStamp, f.prefix, stamp)
}

// setAsideLeftover renames a file that an earlier run left under the
// active name, so that this run starts a file of its own. The file is
// stamped with the time it was last written, which sorts it after the
// files rolled before it and before the one this run opens.
func (f *fileOutput) setAsideLeftover() error {
	info, err := os.Lstat(filepath.Join(f.dir, f.active))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("logtar: active log file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("logtar: active log file %s is not a regular file", filepath.Join(f.dir, f.active))
	}
	f.lastStamp, f.lastSeq = f.stampOf(info.ModTime()), 0
	return f.renameCurrent()
}
