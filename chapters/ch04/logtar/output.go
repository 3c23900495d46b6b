package logtar

import (
	"errors"
	"io"
	"syscall"
	"time"
)

// output is where encoded records go. There are two: writerOutput, for an
// io.Writer the user supplies, and fileOutput (file.go), which manages log
// files and rolls them. The Logger never uses an output from two goroutines
// at once, so outputs need no locking of their own.
type output interface {
	// write writes one record. t is the record's time, which a rolling
	// output uses to decide when to start a new file.
	write(t time.Time, line []byte) error
	// sync pushes written records to stable storage, if it can.
	sync() error
	// close releases what the output holds.
	close() error
}

// writerOutput writes records to an io.Writer, one Write call per record.
type writerOutput struct {
	w   io.Writer
	cut bool // the last Write stopped part-way: the writer holds half a line
}

// write writes one record. A Write that fails part-way, as on a full disk,
// leaves the start of a line in the writer. The next record must not be
// glued onto it, so before it a newline ends the cut line: one broken line,
// and every record after it whole. (fileOutput does better: the file is its
// own, so it cuts the half line off; see file.go.)
func (o *writerOutput) write(_ time.Time, line []byte) error {
	if o.cut {
		if _, err := o.w.Write(newline); err != nil {
			return err // still failing: this record is lost too
		}
		o.cut = false
	}
	n, err := o.w.Write(line)
	if err != nil && n > 0 && n < len(line) {
		o.cut = true
	}
	return err
}

// sync calls the writer's Sync method, if it has one (*os.File does).
// Terminals and pipes cannot be synced and say so: with EINVAL on Linux,
// with ENOTTY ("inappropriate ioctl for device") for a macOS terminal, or
// with ENOTSUP. That is not a lost record, so it is not reported.
func (o *writerOutput) sync() error {
	s, ok := o.w.(interface{ Sync() error })
	if !ok {
		return nil
	}
	err := s.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTTY) ||
		errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// close does nothing: the writer belongs to whoever passed it in.
func (o *writerOutput) close() error { return nil }
