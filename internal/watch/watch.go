// Package watch tells when the learner saves a Go file in their workspace, so a check can run
// again by itself.
//
// It uses the operating system's file notifications (fsnotify) and falls back to polling
// modification times when notifications are unavailable or unreliable (some network and
// virtual-machine file systems never deliver them; set LEARN_WATCH=poll to force polling).
// Bursts of events (an editor writing a temporary file, renaming it, touching the folder) are
// debounced into one notification.
package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A Watcher delivers the paths of changed Go files, in debounced batches, on C.
type Watcher struct {
	// C receives the sorted, absolute paths of .go files that changed since the last batch.
	C <-chan []string
	// Polling reports whether the watcher fell back to polling.
	Polling bool

	stop chan struct{}
	once sync.Once
	done chan struct{}
}

// Options tune a Watcher; the zero value is sensible.
type Options struct {
	Debounce time.Duration // quiet time before a batch is delivered; default 200ms
	Interval time.Duration // polling interval; default 500ms
	Poll     bool          // poll even if notifications work
}

// Start watches every folder under root (except hidden ones such as .learn) for changes to .go
// files.
func Start(root string, opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = 200 * time.Millisecond
	}
	if opts.Interval <= 0 {
		opts.Interval = 500 * time.Millisecond
	}
	if os.Getenv("LEARN_WATCH") == "poll" {
		opts.Poll = true
	}
	if _, err := os.Stat(root); err != nil {
		return nil, err
	}
	out := make(chan []string, 1)
	w := &Watcher{C: out, stop: make(chan struct{}), done: make(chan struct{})}
	raw := make(chan string, 64)
	if !opts.Poll {
		if fw, err := notifier(root); err == nil {
			go w.forward(fw, raw)
		} else {
			opts.Poll = true
		}
	}
	if opts.Poll {
		w.Polling = true
		first := snapshot(root) // taken now, so a change right after Start returns is seen
		go w.poll(root, first, opts.Interval, raw)
	}
	go w.debounce(raw, out, opts.Debounce)
	return w, nil
}

// Close stops the watcher and closes C.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.stop) })
	<-w.done
	return nil
}

func notifier(root string) (*fsnotify.Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder vanished while walking: not a reason to give up
		}
		if d.IsDir() {
			if p != root && hidden(d.Name()) {
				return filepath.SkipDir
			}
			return fw.Add(p)
		}
		return nil
	})
	if err != nil {
		fw.Close()
		return nil, err
	}
	return fw, nil
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") || name == "testdata" }

// forward turns fsnotify events into raw paths, watching new folders as they appear.
func (w *Watcher) forward(fw *fsnotify.Watcher, raw chan<- string) {
	defer fw.Close()
	for {
		select {
		case <-w.stop:
			return
		case ev, ok := <-fw.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() && !hidden(filepath.Base(ev.Name)) {
					fw.Add(ev.Name)
					// Files written into the new folder before the watch was added sent no
					// event: report what is already there.
					for p := range snapshot(ev.Name) {
						select {
						case raw <- p:
						case <-w.stop:
							return
						}
					}
				}
			}
			if strings.HasSuffix(ev.Name, ".go") && !ev.Has(fsnotify.Chmod) {
				select {
				case raw <- ev.Name:
				case <-w.stop:
					return
				}
			}
		case _, ok := <-fw.Errors:
			if !ok {
				return
			}
		}
	}
}

// poll compares the modification times and sizes of .go files every interval.
func (w *Watcher) poll(root string, prev map[string]stamp, interval time.Duration, raw chan<- string) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			cur := snapshot(root)
			var changed []string
			for p, st := range cur {
				if old, ok := prev[p]; !ok || old != st {
					changed = append(changed, p)
				}
			}
			for p := range prev {
				if _, ok := cur[p]; !ok {
					changed = append(changed, p)
				}
			}
			prev = cur
			for _, p := range changed {
				select {
				case raw <- p:
				case <-w.stop:
					return
				}
			}
		}
	}
}

type stamp struct {
	mod  time.Time
	size int64
}

func snapshot(root string) map[string]stamp {
	m := map[string]stamp{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && hidden(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".go") {
			if fi, err := d.Info(); err == nil {
				m[p] = stamp{fi.ModTime(), fi.Size()}
			}
		}
		return nil
	})
	return m
}

// debounce collects raw paths until quiet for d, then delivers them as one batch.
func (w *Watcher) debounce(raw <-chan string, out chan<- []string, d time.Duration) {
	defer close(w.done)
	defer close(out)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.stop:
			return
		case p := <-raw:
			pending[p] = true
			timer.Reset(d)
		case <-timer.C:
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			sort.Strings(batch)
			clear(pending)
			select {
			case out <- batch:
			case <-w.stop:
				return
			}
		}
	}
}
