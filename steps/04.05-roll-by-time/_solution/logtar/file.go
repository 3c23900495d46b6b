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

	file      *os.File
	size      int64     // bytes written to file
	cut       bool      // file ends in part of a record that could not be cut off
	rollAt    time.Time // the next roll by time is due at this instant
	lastStamp string    // stamp of the newest file, to number the next one
	lastSeq   int       // its sequence number
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
		// Each record's time is read before it waits for its turn to
		// write, so the record that triggers a roll may be a moment older
		// than the one that opened the current file (and clocks can be
		// set back). A name earlier than the last would sort the new file
		// before the old one, so keep the last stamp and number the file.
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
	var rollErr error
	if f.shouldRoll(t, len(line)) {
		// If the new file cannot be opened, the record still goes to the
		// current one: a file that is too big beats a lost record. The
		// error is reported, and the next record tries again.
		rollErr = f.roll(t)
	}
	if f.cut {
		if _, err := f.file.Write(newline); err != nil {
			return errors.Join(rollErr, err) // still failing: this record is lost too
		}
		f.cut = false
		f.size++
	}
	n, err := f.file.Write(line)
	if err != nil && n > 0 && n < len(line) {
		n = f.cutBack(n)
	}
	f.size += int64(n)
	return errors.Join(rollErr, err)
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

func (f *fileOutput) sync() error { return f.file.Sync() }

func (f *fileOutput) close() error { return f.file.Close() }
