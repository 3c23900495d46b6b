package files

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// appendRead returns the content of path, or a note that it does not exist.
func appendRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "(no file)"
	}
	if err != nil {
		t.Fatalf("reading %s back: %v", path, err)
	}
	return string(data)
}

// appendRandomLine returns a log-like line that no solution can know in advance.
func appendRandomLine() string {
	levels := []string{"INFO", "WARN", "ERROR", "DEBUG"}
	return fmt.Sprintf("%s request %d took %dms", levels[rand.IntN(len(levels))], rand.IntN(100000), rand.IntN(900))
}

func TestAppendLineCreatesAndAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	lines := []string{appendRandomLine(), appendRandomLine(), "", appendRandomLine()}
	for _, line := range lines {
		if err := AppendLine(path, line); err != nil {
			t.Fatalf("AppendLine(%q, %q) = %v, want nil", path, line, err)
		}
	}
	if got, want := appendRead(t, path), strings.Join(lines, "\n")+"\n"; got != want {
		t.Errorf("after AppendLine with %q on a new file, it holds %q, want %q", lines, got, want)
	}
}

func TestAppendLineKeepsExistingContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	if err := os.WriteFile(path, []byte("old line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := AppendLine(path, "new line"); err != nil {
		t.Fatalf("AppendLine(%q, \"new line\") = %v, want nil", path, err)
	}
	got, want := appendRead(t, path), "old line\nnew line\n"
	switch {
	case got == "new line\n":
		t.Errorf("a file holding \"old line\\n\" holds %q after AppendLine(path, \"new line\"), want %q: "+
			"the old content is gone; open with os.O_APPEND, and without os.O_TRUNC, which empties the file", got, want)
	case got == "old line\nnew line":
		t.Errorf("a file holding \"old line\\n\" holds %q after AppendLine(path, \"new line\"), want %q: "+
			"write the newline after the line", got, want)
	case got != want:
		t.Errorf("a file holding \"old line\\n\" holds %q after AppendLine(path, \"new line\"), want %q", got, want)
	}
}

func TestAppendLineRefusesNewline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	os.WriteFile(path, []byte("old line\n"), 0o644)
	for _, line := range []string{"two\nlines", appendRandomLine() + "\n", "\n" + appendRandomLine(), "\n"} {
		if err := AppendLine(path, line); err == nil {
			t.Errorf("AppendLine(path, %q) = nil, want an error: the line would not read back as one line", line)
		}
		if got := appendRead(t, path); got != "old line\n" {
			t.Fatalf("after AppendLine(path, %q), the file holds %q, want it unchanged, \"old line\\n\": "+
				"refuse the line before opening anything", line, got)
		}
	}
}

func TestAppendLineConcurrentWriters(t *testing.T) {
	// Several goroutines append at once, as several processes writing one log
	// would. Every line must come out whole: opened with O_APPEND, and written
	// in one call, line and newline together. Interleaving depends on timing,
	// so the check tries a few times before it believes the file is right.
	for range 3 {
		if !appendConcurrently(t) {
			return
		}
	}
}

// appendConcurrently runs one round of concurrent appends to a new file and
// reports whether every line came out whole.
func appendConcurrently(t *testing.T) bool {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.log")
	const writers, each = 16, 100
	want := map[string]bool{}
	var lines [writers][]string
	for w := range writers {
		for i := range each {
			line := fmt.Sprintf("writer %d line %d %s", w, i, strings.Repeat("x", rand.IntN(200)))
			lines[w] = append(lines[w], line)
			want[line] = true
		}
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, line := range lines[w] {
				AppendLine(path, line)
			}
		}()
	}
	wg.Wait()
	content := appendRead(t, path)
	if content == "(no file)" {
		t.Errorf("after %d goroutines called AppendLine(%q, ...), there is no file: create it (os.O_CREATE)",
			writers, path)
		return false
	}
	got := strings.Split(strings.TrimSuffix(content, "\n"), "\n")
	bad := 0
	for _, line := range got {
		if !want[line] {
			if bad++; bad <= 3 {
				t.Errorf("with %d goroutines appending at once, the file holds the line %q, which nobody wrote: "+
					"open with os.O_APPEND (not a Seek to the end, which another writer can overtake) and "+
					"write the line and its newline in one call", writers, line)
			}
		}
		delete(want, line)
	}
	if len(want) > 0 && bad == 0 {
		t.Errorf("with %d goroutines appending %d lines in all, %d of them are missing from the file: "+
			"two writers at the same offset overwrite each other; open with os.O_APPEND",
			writers, writers*each, len(want))
	}
	return !t.Failed()
}

func TestAppendLineMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", "app.log")
	err := AppendLine(path, "hello")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("AppendLine(%q, \"hello\") in a folder that does not exist = %v, want an error wrapping fs.ErrNotExist "+
			"(return the error from os.OpenFile, wrapped with %%w)", path, err)
	}
}

func TestAppendLinePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	path := filepath.Join(t.TempDir(), "app.log")
	if err := AppendLine(path, "hello"); err != nil {
		t.Fatalf("AppendLine(%q, \"hello\") = %v, want nil", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("AppendLine(%q, \"hello\") returned nil, but the file is not there: %v", path, err)
	}
	if perm := info.Mode().Perm(); perm&0o600 != 0o600 || perm&0o111 != 0 {
		t.Errorf("AppendLine created a file with permissions %v, want -rw-r--r-- (0o644, less the umask): "+
			"readable and writable by its owner, executable by nobody", perm)
	}
}

// appendOpenFDs counts this process's open file descriptors, or returns -1
// where the system does not list them in /proc.
func appendOpenFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func TestAppendLineClosesTheFile(t *testing.T) {
	if appendOpenFDs() < 0 {
		t.Skip("no /proc/self/fd to count open files")
	}
	path := filepath.Join(t.TempDir(), "app.log")
	AppendLine(path, "warm up") // the first call may open files that stay open for good
	before := appendOpenFDs()
	for range 50 {
		AppendLine(path, "line")
	}
	if leaked := appendOpenFDs() - before; leaked >= 25 {
		t.Errorf("after 50 calls to AppendLine, the process has %d more open files: "+
			"close the file before returning (f.Close), or a long-running program runs out of descriptors", leaked)
	}
}
