package logtar

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// fileOutput writes records to a log file in a directory, starting a new
// file when the rolling settings say so (rolling.go). It keeps the current
// file open between records: opening a file costs a system call or three,
// and a busy program logs far more often than it should pay that.
type fileOutput struct {
	dir      string
	prefix   string
	maxSize  int64         // roll before a write would pass this size; 0 = never
	interval time.Duration // roll at multiples of this; 0 = never
	onError  func(error)

	file      *os.File
	size      int64     // bytes written to file
	cut       bool      // file ends in part of a record that could not be cut off
	rollAt    time.Time // the next roll by time is due at this instant
	lastStamp string    // stamp of the newest file, to number the next one
	lastSeq   int       // its sequence number

	// Rolls that failed since the last sync (rolling.go).
	rollFails    int
	firstRollErr error
	retryAt      time.Time     // no roll is tried before this instant
	backoff      time.Duration // the wait before retryAt, doubled by every failure
	closeErr     error         // a rolled file that could not be closed
}

// openFileOutput creates the directory if needed and opens the first file.
func openFileOutput(cfg Config, now time.Time) (*fileOutput, error) {
	if err := os.MkdirAll(cfg.dir, 0o755); err != nil {
		return nil, fmt.Errorf("logtar: create log directory: %w", err)
	}
	f := &fileOutput{
		dir:      cfg.dir,
		prefix:   cfg.filePrefix,
		maxSize:  cfg.rollingSize,
		interval: cfg.rollingInterval,
		onError:  cfg.onError,
	}
	if err := f.open(now); err != nil {
		return nil, err
	}
	return f, nil
}

// open creates a new file named for now and makes it the current one. On
// error the current file, if any, stays in use.
func (f *fileOutput) open(now time.Time) error {
	stamp := now.UTC().Format(stampLayout)
	if stamp < f.lastStamp {
		// A clock set back would give a name that sorts before the last
		// file's. Keep the last stamp and number the file instead, so
		// names stay in order.
		stamp = f.lastStamp
	}
	seq := 0
	if stamp == f.lastStamp {
		seq = f.lastSeq + 1
	}
	for ; seq < maxSameStamp; seq++ {
		path := filepath.Join(f.dir, fileName(f.prefix, stamp, seq))
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // someone has this name: try the next number
		}
		if err != nil {
			return fmt.Errorf("logtar: create log file: %w", err)
		}
		f.file, f.size, f.cut = file, 0, false
		f.lastStamp, f.lastSeq = stamp, seq
		f.rollAt = nextRoll(now, f.interval)
		return nil
	}
	return fmt.Errorf("logtar: create log file: %d files already named %s%s*", maxSameStamp, f.prefix, stamp)
}

func (f *fileOutput) write(t time.Time, line []byte) error {
	if f.shouldRoll(t, len(line)) && !t.Before(f.retryAt) {
		// If the new file cannot be opened, the record still goes to the
		// current one: a file that is too big beats a lost record. The
		// failure is counted and reported by the next sync, and the next
		// try waits a while (rolling.go).
		f.tryRoll(t)
	}
	if f.cut {
		if _, err := f.file.Write(newline); err != nil {
			return err // still failing: this record is lost too
		}
		f.cut = false
		f.size++
	}
	n, err := f.file.Write(line)
	if err != nil && n > 0 && n < len(line) {
		n = f.cutBack(n)
	}
	f.size += int64(n)
	return err
}

// newline ends a line that a short write left unfinished.
var newline = []byte{'\n'}

// cutBack removes the first n bytes of a record that a failed write left at
// the end of the file (a full disk writes what fits, then fails), and
// returns how many of them stay. A half record would be invalid JSON, and
// the next record would be glued onto it. The file is ours alone, so it
// can be cut back to where the record began; if even that fails, the
// next write ends the line first (cut).
func (f *fileOutput) cutBack(n int) int {
	if err := f.file.Truncate(f.size); err == nil {
		return 0
	}
	f.cut = true
	return n
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

// sync reports what went wrong without losing a record since the last sync
// (rolls that failed, rolled files that could not be closed), then syncs
// the current file.
func (f *fileOutput) sync() error {
	closeErr := f.closeErr
	f.closeErr = nil
	return errors.Join(f.rollReport(), closeErr, f.file.Sync())
}

func (f *fileOutput) close() error { return f.file.Close() }
