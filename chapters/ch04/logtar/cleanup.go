package logtar

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Retention and compression of rolled files (Config.WithMaxBackups,
// WithMaxAge, WithCompress) run in a goroutine of their own, the cleaner,
// so that a roll never makes a logging call wait while a 100 MiB file is
// compressed. After every roll the file output wakes the cleaner, which
// lists the directory and, newest file first:
//
//   - deletes the files beyond the newest MaxBackups, and those whose last
//     record (their modification time) is older than MaxAge;
//   - compresses the others that are not compressed yet, into a temporary
//     file that is renamed to name.log.gz only when it is complete, so a
//     crash never leaves a half-written .gz that looks whole.
//
// It only touches files whose names isRolledName recognises, and never
// the file being written. Close waits for the cleaner to finish what the
// rolls so far asked of it; CloseContext can make it stop between two
// chunks of a compression, keeping the uncompressed file.

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
	compress   bool
	now        func() time.Time
	onError    func(error)

	wakeCh    chan struct{} // a pass is wanted; holds at most one request
	stopCh    chan struct{} // closed by stop
	done      chan struct{} // closed when the goroutine returns
	abandoned atomic.Bool   // stop as soon as possible

	mu       sync.Mutex
	current  string // the file being written, never touched
	errCount int    // problems since the last report
	firstErr error
}

// errAbandoned stops a compression that Close ran out of time for.
var errAbandoned = errors.New("logtar: compression abandoned")

// startCleaner starts a cleaner for cfg, if cfg asks for retention or
// compression, and asks it for a first pass over what earlier runs left.
func startCleaner(cfg Config, current string) *cleaner {
	if cfg.maxBackups == 0 && cfg.maxAge == 0 && !cfg.compress {
		return nil
	}
	c := &cleaner{
		dir:        cfg.dir,
		prefix:     cfg.filePrefix,
		maxBackups: cfg.maxBackups,
		maxAge:     cfg.maxAge,
		compress:   cfg.compress,
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

// abandon makes a compression in progress stop at its next chunk.
func (c *cleaner) abandon() {
	if c != nil {
		c.abandoned.Store(true)
	}
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

// pass deletes and compresses what the settings say, once.
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
	var compress []rolled
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
			if c.compress && !strings.HasSuffix(r.name, ".gz") {
				compress = append(compress, r)
			}
		}
	}
	for _, r := range slices.Backward(compress) { // oldest first
		if c.abandoned.Load() {
			return
		}
		if err := c.compressFile(r); err != nil && !errors.Is(err, errAbandoned) {
			c.fail(fmt.Errorf("logtar: compress rolled log file: %w", err))
		}
	}
}

// list returns the rolled files in the directory, newest first. It also
// tidies up after a compression that a crash interrupted: a leftover
// temporary file is deleted, and a file that exists both compressed and
// not keeps only its compressed copy (renamed into place only when whole).
//
// current may be stale: the Logger can roll again between wake and this
// pass. Without an active file, the file being written is then newer
// than current: counting it as a backup would delete one backup too many,
// and compressing it would delete the file being written. So a file whose
// name sorts after current is left for the pass that the newer roll asked
// for.
func (c *cleaner) list(current string) ([]rolled, error) {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return nil, fmt.Errorf("logtar: list log directory: %w", err)
	}
	stamped := isRolledName(c.prefix, current) // no active file
	compressed := map[string]bool{}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".gz"); ok {
			compressed[name] = true
		}
	}
	var files []rolled
	for _, e := range entries {
		name := e.Name()
		if name == current || !e.Type().IsRegular() {
			continue
		}
		if tmp, ok := strings.CutSuffix(name, ".tmp"); ok {
			if isRolledName(c.prefix, tmp) && strings.HasSuffix(tmp, ".gz") {
				os.Remove(filepath.Join(c.dir, name))
			}
			continue
		}
		if !isRolledName(c.prefix, name) || stamped && name > current {
			continue
		}
		if compressed[name] {
			os.Remove(filepath.Join(c.dir, name)) // its .gz is complete
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since ReadDir
		}
		files = append(files, rolled{name, info})
	}
	// Names sort in time order; a compressed name sorts where its
	// uncompressed one did, since ".log" is followed by ".gz" or nothing.
	slices.SortFunc(files, func(a, b rolled) int { return strings.Compare(b.name, a.name) })
	return files, nil
}

// compressFile compresses r into r.name + ".gz", with r's mode and
// modification time, then deletes r.
func (c *cleaner) compressFile(r rolled) (err error) {
	src := filepath.Join(c.dir, r.name)
	dst := src + ".gz"
	tmp := dst + ".tmp"
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, r.info.Mode().Perm())
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(tmp)
		}
	}()
	zw := gzip.NewWriter(out)
	zw.Name, zw.ModTime = r.name, r.info.ModTime()
	buf := make([]byte, 64<<10)
	for {
		if c.abandoned.Load() {
			return errAbandoned
		}
		n, rerr := in.Read(buf)
		if _, err := zw.Write(buf[:n]); err != nil {
			return err
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := out.Chmod(r.info.Mode().Perm()); err != nil { // the umask may have taken bits
		return err
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Chtimes(tmp, r.info.ModTime(), r.info.ModTime()); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	return os.Remove(src)
}
