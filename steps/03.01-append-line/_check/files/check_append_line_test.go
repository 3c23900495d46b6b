package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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

func TestAppendLineCreatesAndAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	for _, line := range []string{"first", "second", ""} {
		if err := AppendLine(path, line); err != nil {
			t.Fatalf("AppendLine(%q, %q) = %v, want nil", path, line, err)
		}
	}
	if got, want := appendRead(t, path), "first\nsecond\n\n"; got != want {
		t.Errorf("after AppendLine with \"first\", \"second\" and \"\" on a new file, it holds %q, want %q", got, want)
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
	err := AppendLine(path, "two\nlines")
	if err == nil {
		t.Errorf("AppendLine(path, \"two\\nlines\") = nil, want an error: the line would read back as two lines")
	}
	if got := appendRead(t, path); got != "old line\n" {
		t.Errorf("after AppendLine(path, \"two\\nlines\"), the file holds %q, want it unchanged, \"old line\\n\"", got)
	}
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
