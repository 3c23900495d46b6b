package logtar

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Retention of rolled files (Config.WithMaxBackups, WithMaxAge) runs in a
// goroutine of its own, the cleaner, so that a roll never makes a logging
// call wait while a directory of thousands of files is listed. After every
// roll the file output wakes the cleaner, which lists the directory and,
// newest file first, deletes the files beyond the newest MaxBackups, and
// those whose last record (their modification time) is older than MaxAge.
//
// It only touches files whose names isRolledName recognises, and never
// the file being written. Close waits for the cleaner to finish what the
// rolls so far asked of it.

// rolledStampLayout parses the stamps of both stampLayout (UTC, "Z") and
// localStampLayout (an offset such as "+0200").
const rolledStampLayout = "2006-01-02T15-04-05.000Z0700"

// isRolledName reports whether name is the name of a log file written by a
// Logger with this prefix: the prefix, a stamp, an optional sequence number,
// and ".log", possibly compressed to ".log.gz". The cleaner touches no other
// file: a library that deletes files must be sure they are its own.
func isRolledName(prefix, name string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, ".gz")
	if rest, ok = strings.CutSuffix(rest, ".log"); !ok {
		return false
	}
	if i := strings.LastIndexByte(rest, '_'); i >= 0 {
		seq := rest[i+1:]
		if len(seq) != 6 || strings.Trim(seq, "0123456789") != "" {
			return false
		}
		rest = rest[:i]
	}
	_, err := time.Parse(rolledStampLayout, rest)
	return err == nil
}

// cleaner deletes and compresses rolled files.
type cleaner struct {
	dir        string
	prefix     string
	maxBackups int
	maxAge     time.Duration
	now        func() time.Time
	onError    func(error)

	wakeCh chan struct{} // a pass is wanted; holds at most one request
	stopCh chan struct{} // closed by stop
	done   chan struct{} // closed when the goroutine returns

	mu       sync.Mutex
	current  string // the file being written, never touched
	errCount int    // problems since the last report
	firstErr error
}

// startCleaner starts a cleaner for cfg, if cfg asks for retention, and
// asks it for a first pass over what earlier runs left.
func startCleaner(cfg Config, current string) *cleaner {
	if cfg.maxBackups == 0 && cfg.maxAge == 0 {
		return nil
	}
	c := &cleaner{
		dir:        cfg.dir,
		prefix:     cfg.filePrefix,
		maxBackups: cfg.maxBackups,
		maxAge:     cfg.maxAge,
		now:        cfg.clock,
		onError:    cfg.onError,
		wakeCh:     make(chan struct{}, 1),
		stopCh:     make(chan struct{}),
		done:       make(chan struct{}),
	}
	if c.now == nil {
		c.now = time.Now
	}
	go c.run()
	c.wake(current)
	return c
}

// wake asks for a pass, telling the cleaner which file is being written.
// It never waits: a pass already asked for covers this one too.
func (c *cleaner) wake(current string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.current = current
	c.mu.Unlock()
	select {
	case c.wakeCh <- struct{}{}:
	default:
	}
}

// run is the cleaner goroutine.
func (c *cleaner) run() {
	defer close(c.done)
	for {
		select {
		case <-c.wakeCh:
			c.pass()
		case <-c.stopCh:
			select {
			case <-c.wakeCh:
				c.pass() // asked for before stop: finish it
			default:
			}
			return
		}
	}
}

// stop waits for the cleaner to finish and returns what it has not
// reported yet.
func (c *cleaner) stop() error {
	if c == nil {
		return nil
	}
	close(c.stopCh)
	<-c.done
	return c.report()
}

// fail counts a problem and tells the error handler.
func (c *cleaner) fail(err error) {
	c.mu.Lock()
	c.errCount++
	if c.firstErr == nil {
		c.firstErr = err
	}
	c.mu.Unlock()
	callErrorHandler(c.onError, err)
}

// report describes the problems since the last report, or returns nil.
func (c *cleaner) report() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.errCount == 0 {
		return nil
	}
	err := fmt.Errorf("logtar: %s deleting or compressing rolled log files since the last Sync; the first: %w",
		problems(c.errCount), c.firstErr)
	c.errCount, c.firstErr = 0, nil
	return err
}

// problems returns "1 problem" or "n problems".
func problems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}

// rolled is a rolled file found in the directory.
type rolled struct {
	name string
	info fs.FileInfo
}

// pass deletes what the settings say, once.
func (c *cleaner) pass() {
	c.mu.Lock()
	current := c.current
	c.mu.Unlock()
	files, err := c.list(current)
	if err != nil {
		c.fail(err)
		return
	}
	now := c.now()
	kept := 0
	for _, r := range files { // newest first
		tooMany := c.maxBackups > 0 && kept >= c.maxBackups
		tooOld := c.maxAge > 0 && now.Sub(r.info.ModTime()) > c.maxAge
		switch {
		case tooMany || tooOld:
			if err := os.Remove(filepath.Join(c.dir, r.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				c.fail(fmt.Errorf("logtar: delete rolled log file: %w", err))
			}
		default:
			kept++
		}
	}
}

// list returns the rolled files in the directory, newest first.
//
// current may be stale: the Logger can roll again between wake and this
// pass. Without an active file, the file being written is then newer
// than current, and counting it as a backup would delete one backup too
// many. So a file whose name sorts after current is left for the pass
// that the newer roll asked for.
func (c *cleaner) list(current string) ([]rolled, error) {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return nil, fmt.Errorf("logtar: list log directory: %w", err)
	}
	stamped := isRolledName(c.prefix, current) // no active file
	var files []rolled
	for _, e := range entries {
		name := e.Name()
		if name == current || !e.Type().IsRegular() {
			continue
		}
		if !isRolledName(c.prefix, name) || stamped && name > current {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since ReadDir
		}
		files = append(files, rolled{name, info})
	}
	// Names sort in time order (lesson 4.2).
	slices.SortFunc(files, func(a, b rolled) int { return strings.Compare(b.name, a.name) })
	return files, nil
}
