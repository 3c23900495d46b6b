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
	active   string         // the fixed name of the file being written; "" to write under stamped names
	maxSize  int64          // roll before a write would pass this size; 0 = never
	interval time.Duration  // roll at multiples of this; 0 = never
	loc      *time.Location // rolls by time are counted, and names stamped, in this zone
	mode     fs.FileMode    // the permission bits of new files
	onError  func(error)

	file      *os.File
	size      int64     // bytes written to file
	cut       bool      // file ends in part of a record that could not be cut off
	rollAt    time.Time // the next roll by time is due at this instant
	lastStamp string    // stamp of the newest file, to number the next one
	lastSeq   int       // its sequence number
	renamed   bool      // in active mode: file has been renamed to its stamped name already

	// Rolls that failed since the last sync (rolling.go).
	rollFails    int
	firstRollErr error
	retryAt      time.Time     // no roll is tried before this instant
	backoff      time.Duration // the wait before retryAt, doubled by every failure
	closeErr     error         // a rolled file that could not be closed

	cleaner *cleaner // deletes and compresses rolled files; nil if neither is on (cleanup.go)
}

// openFileOutput creates the directory if needed and opens the first file.
func openFileOutput(cfg Config, now time.Time) (*fileOutput, error) {
	if err := os.MkdirAll(cfg.dir, 0o755); err != nil {
		return nil, fmt.Errorf("logtar: create log directory: %w", err)
	}
	f := &fileOutput{
		dir:      cfg.dir,
		prefix:   cfg.filePrefix,
		active:   cfg.activeFile,
		maxSize:  cfg.rollingSize,
		interval: cfg.rollingInterval,
		loc:      time.UTC,
		mode:     cfg.fileMode,
		onError:  cfg.onError,
	}
	if cfg.localTime {
		f.loc = time.Local
	}
	if f.mode == 0 {
		f.mode = 0o644 // a Config made without NewConfig
	}
	if f.active != "" {
		if err := f.setAsideLeftover(); err != nil {
			return nil, err
		}
	}
	if err := f.open(now); err != nil {
		return nil, err
	}
	f.cleaner = startCleaner(cfg, f.currentName())
	return f, nil
}

// localStampLayout formats the time part of a file name in local time
// (Config.WithLocalTime): stampLayout with the offset from UTC after the
// milliseconds, as in 2024-05-06T09-08-09.123+0200, or Z where local time
// is UTC.
const localStampLayout = "2006-01-02T15-04-05.000Z0700"

// stampOf returns the stamp of a file opened at t: its time in f's zone,
// biggest unit first (naming.go).
func (f *fileOutput) stampOf(t time.Time) string {
	if f.loc == nil || f.loc == time.UTC {
		return t.UTC().Format(stampLayout)
	}
	return t.In(f.loc).Format(localStampLayout)
}

// open creates a new file named for now and makes it the current one. On
// error the current file, if any, stays in use.
func (f *fileOutput) open(now time.Time) error {
	stamp := f.stampOf(now)
	if stamp < f.lastStamp {
		// A clock set back, or local time falling back an hour, would
		// give a name that sorts before the last file's. Keep the last
		// stamp and number the file instead, so names stay in order.
		stamp = f.lastStamp
	}
	seq := 0
	if stamp == f.lastStamp {
		seq = f.lastSeq + 1
	}
	if f.active != "" {
		// The file takes the fixed name; stamp and seq are the name it
		// will be renamed to when it rolls.
		file, err := f.create(f.active)
		if err != nil {
			return err
		}
		f.use(file, now, stamp, seq)
		return nil
	}
	for ; seq < maxSameStamp; seq++ {
		file, err := f.create(fileName(f.prefix, stamp, seq))
		if errors.Is(err, fs.ErrExist) {
			continue // someone has this name: try the next number
		}
		if err != nil {
			return err
		}
		f.use(file, now, stamp, seq)
		return nil
	}
	return fmt.Errorf("logtar: create log file: %d files already named %s%s*", maxSameStamp, f.prefix, stamp)
}

// create creates a new file in the directory, failing if the name exists.
func (f *fileOutput) create(name string) (*os.File, error) {
	file, err := os.OpenFile(filepath.Join(f.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, f.mode)
	if err != nil {
		return nil, fmt.Errorf("logtar: create log file: %w", err)
	}
	return file, nil
}

// use makes file, just created and named for now, the current file.
func (f *fileOutput) use(file *os.File, now time.Time, stamp string, seq int) {
	f.file, f.size, f.cut, f.renamed = file, 0, false, false
	f.lastStamp, f.lastSeq = stamp, seq
	f.rollAt = nextRoll(now, f.interval, f.loc)
}

// currentName returns the name of the file being written.
func (f *fileOutput) currentName() string {
	if f.active != "" {
		return f.active
	}
	return fileName(f.prefix, f.lastStamp, f.lastSeq)
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

// sync reports what went wrong without losing a record since the last sync
// (rolls that failed, rolled files that could not be closed, compressed or
// deleted), then syncs the current file.
func (f *fileOutput) sync() error {
	closeErr := f.closeErr
	f.closeErr = nil
	return errors.Join(f.rollReport(), closeErr, f.cleaner.report(), f.file.Sync())
}

// close stops the cleaner, once it has finished with the files rolled so
// far, and closes the current file.
func (f *fileOutput) close() error {
	return errors.Join(f.cleaner.stop(), f.file.Close())
}

// abandon tells the cleaner to stop at once: Close has run out of time.
func (f *fileOutput) abandon() { f.cleaner.abandon() }
