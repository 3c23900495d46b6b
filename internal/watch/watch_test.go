package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func expectBatch(t *testing.T, w *Watcher, want string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case batch := <-w.C:
			for _, p := range batch {
				if p == want {
					return
				}
			}
		case <-deadline:
			t.Fatalf("no change reported for %s within 10s (polling=%v)", want, w.Polling)
		}
	}
}

func testWatch(t *testing.T, opts Options) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "files"), 0o755)
	os.MkdirAll(filepath.Join(root, ".learn"), 0o755)
	w, err := Start(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	// An edit to a Go file in a sub-folder is reported.
	f := filepath.Join(root, "files", "lines.go")
	os.WriteFile(f, []byte("package files\n"), 0o644)
	expectBatch(t, w, f)

	// A folder created after the start is watched too.
	os.MkdirAll(filepath.Join(root, "logtar"), 0o755)
	g := filepath.Join(root, "logtar", "level.go")
	os.WriteFile(g, []byte("package logtar\n"), 0o644)
	expectBatch(t, w, g)

	// Progress writes under .learn and non-Go files are not reported.
	os.WriteFile(filepath.Join(root, ".learn", "x.go"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "files", "notes.txt"), []byte("x"), 0o644)
	select {
	case batch := <-w.C:
		t.Errorf("reported %v, want nothing for hidden folders and non-Go files", batch)
	case <-time.After(3 * opts.Interval):
	}
}

func TestWatchNotify(t *testing.T) {
	testWatch(t, Options{Debounce: 20 * time.Millisecond, Interval: 100 * time.Millisecond})
}

func TestWatchPoll(t *testing.T) {
	testWatch(t, Options{Debounce: 20 * time.Millisecond, Interval: 30 * time.Millisecond, Poll: true})
}

func TestCloseClosesC(t *testing.T) {
	w, err := Start(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, ok := <-w.C; ok {
		t.Error("C still open after Close")
	}
}
