package files

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readLinesFile writes content to a new file and returns its path.
func readLinesFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "input.txt")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadLinesContents(t *testing.T) {
	tests := []struct {
		content string
		want    []string
		hint    string
	}{
		{"alpha\nbeta\n", []string{"alpha", "beta"}, ""},
		{"alpha\nbeta", []string{"alpha", "beta"}, "a last line without a newline is still a line"},
		{"", nil, "an empty file has no lines"},
		{"\n", []string{""}, "one newline ends one empty line"},
		{"alpha\n\nbeta\n", []string{"alpha", "", "beta"}, "empty lines in the middle are lines too"},
		{"windows\r\nline endings\r\n", []string{"windows", "line endings"}, "\"\\r\\n\" ends a line too; drop the \\r"},
		{"  spaces stay  \n", []string{"  spaces stay  "}, "do not trim the lines"},
	}
	for _, tt := range tests {
		path := readLinesFile(t, tt.content)
		got, err := ReadLines(path)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ReadLines of a file holding %q = %q, %v; want %q, nil", tt.content, got, err, tt.want)
			if tt.hint != "" {
				t.Logf("  (%s)", tt.hint)
			}
		}
	}
}

func TestReadLinesRandomFiles(t *testing.T) {
	for range 5 {
		var want []string
		var b strings.Builder
		for range rand.IntN(30) {
			line := strings.Repeat(" x-y", rand.IntN(20))
			want = append(want, line)
			b.WriteString(line)
			if rand.IntN(3) == 0 {
				b.WriteString("\r\n")
			} else {
				b.WriteString("\n")
			}
		}
		if rand.IntN(2) == 0 {
			want = append(want, "no newline at the end")
			b.WriteString("no newline at the end")
		}
		content := b.String()
		got, err := ReadLines(readLinesFile(t, content))
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("ReadLines of a file holding %q = %q, %v; want %q, nil", content, got, err, want)
		}
	}
}

func TestReadLinesLongLine(t *testing.T) {
	long := strings.Repeat("x", 100_000+rand.IntN(900_000)) // over 64 KiB, under 1 MiB
	path := readLinesFile(t, "short\n"+long+"\nend\n")
	got, err := ReadLines(path)
	if err != nil || len(got) != 3 || got[1] != long {
		lens := make([]int, len(got))
		for i, l := range got {
			lens[i] = len(l)
		}
		t.Errorf("ReadLines of a file whose second line is %d bytes long returned lines of lengths %v and the error %v, "+
			"want lengths [5 %d 3] and nil: a bufio.Scanner stops at 64 KiB unless you give it a larger buffer "+
			"(sc.Buffer(make([]byte, 0, 64*1024), maxLineLength))", len(long), lens, err, len(long))
	}
}

func TestReadLinesMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.txt")
	_, err := ReadLines(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadLines(%q) for a file that does not exist = %v, want an error wrapping fs.ErrNotExist", path, err)
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("ReadLines(%q) returned %q, want the message to name the file", path, err)
	}
}

// readLinesOpenFDs counts open file descriptors, or -1 without /proc.
func readLinesOpenFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func TestReadLinesClosesTheFile(t *testing.T) {
	if readLinesOpenFDs() < 0 {
		t.Skip("no /proc/self/fd to count open files")
	}
	path := readLinesFile(t, "a\nb\n")
	ReadLines(path)
	before := readLinesOpenFDs()
	for range 50 {
		ReadLines(path)
	}
	if leaked := readLinesOpenFDs() - before; leaked >= 25 {
		t.Errorf("after 50 calls to ReadLines, the process has %d more open files: defer f.Close() after os.Open", leaked)
	}
}
