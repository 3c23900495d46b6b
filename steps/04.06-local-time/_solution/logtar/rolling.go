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

// roll starts a new file and then closes the old one. Opening first means
// that if the new file cannot be created, the old one is still there to
// write to. With a fixed active name, the old file must first make way:
// it is renamed to its stamped name, and only then can a new file take
// the fixed one. The roll has happened even if the old file then fails to
// close: that is kept for the next sync to report, not counted as a
// failed roll.
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
	return nil
}
