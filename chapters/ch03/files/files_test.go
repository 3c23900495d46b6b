package files

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

func TestCreateExclusiveRace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	const n = 16
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners []int
	)
	for i := range n {
		wg.Go(func() {
			if err := CreateExclusive(path, []byte{byte('a' + i)}, 0o644); err == nil {
				mu.Lock()
				winners = append(winners, i)
				mu.Unlock()
			} else if !errors.Is(err, fs.ErrExist) {
				t.Errorf("CreateExclusive #%d = %v, want nil or fs.ErrExist", i, err)
			}
		})
	}
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("%d of %d racing CreateExclusive calls succeeded, want exactly 1", len(winners), n)
	}
	if data, _ := os.ReadFile(path); string(data) != string(rune('a'+winners[0])) {
		t.Errorf("the file holds %q, want the winner's %q", data, string(rune('a'+winners[0])))
	}
}

func TestAppendLineToDirectory(t *testing.T) {
	err := AppendLine(t.TempDir(), "x")
	if err == nil {
		t.Error("AppendLine(a directory) = nil, want an error")
	}
}

func TestReadLinesTooLong(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.txt")
	os.WriteFile(path, []byte(strings.Repeat("x", maxLineLength+1)+"\n"), 0o644)
	if _, err := ReadLines(path); !errors.Is(err, bufio.ErrTooLong) {
		t.Errorf("ReadLines(a line of 1 MiB + 1) = %v, want bufio.ErrTooLong", err)
	}
}

func TestLinesMatchesReadLines(t *testing.T) {
	for _, content := range []string{"", "a", "a\n", "a\r\nb", "\n\n", "x\ny\r\n\r\nz"} {
		path := filepath.Join(t.TempDir(), "in.txt")
		os.WriteFile(path, []byte(content), 0o644)
		want, err := ReadLines(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for line, err := range Lines(strings.NewReader(content)) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, line)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Lines(%q) = %q, ReadLines = %q; want the same", content, got, want)
		}
	}
}

func TestCountLinesAgreesWithLines(t *testing.T) {
	for _, content := range []string{"", "a", "a\n", "a\nb", "\n", "\n\n", "a\r\nb\r\n"} {
		n, err := CountLines(iotest.HalfReader(strings.NewReader(content)))
		if err != nil {
			t.Fatal(err)
		}
		count := 0
		for range Lines(strings.NewReader(content)) {
			count++
		}
		if n != count {
			t.Errorf("CountLines(%q) = %d, Lines yields %d lines", content, n, count)
		}
	}
}

func TestChunksRoundTrip(t *testing.T) {
	in := strings.Repeat("0123456789", 1000)
	for _, size := range []int{1, 7, 10, 4096, 20000} {
		chunks, err := Chunks(iotest.HalfReader(strings.NewReader(in)), size)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, c := range chunks {
			if i < len(chunks)-1 && len(c) != size {
				t.Errorf("Chunks(size %d): piece %d has %d bytes", size, i, len(c))
			}
			b.Write(c)
		}
		if b.String() != in {
			t.Errorf("Chunks(size %d) pieces do not rejoin to the input", size)
		}
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncd\n\nef")
	tests := []struct {
		i         int64
		line, col int
	}{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {6, 3, 1}, {8, 4, 2}, {-4, 1, 1}, {100, 4, 3},
	}
	for _, tt := range tests {
		if line, col := position(data, tt.i); line != tt.line || col != tt.col {
			t.Errorf("position(%q, %d) = %d, %d; want %d, %d", data, tt.i, line, col, tt.line, tt.col)
		}
	}
}

func TestLoadConfigPrefixEscape(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.json")
	os.WriteFile(path, []byte(`{"prefix": "../../etc/passwd"}`), 0o644)
	_, err := LoadConfig(path)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "prefix" {
		t.Errorf("LoadConfig with a prefix that climbs out of dir = %v, want a FieldError for prefix", err)
	}
}

func FuzzOpenFlags(f *testing.F) {
	for _, m := range []string{"r", "r+", "w", "w+", "wx", "wx+", "a", "a+", "ax", "ax+", "", "rw", "R", "r+x"} {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, mode string) {
		flags, err := OpenFlags(mode)
		if err != nil {
			if !errors.Is(err, ErrBadMode) || flags != 0 {
				t.Fatalf("OpenFlags(%q) = %d, %v", mode, flags, err)
			}
			return
		}
		if mode[0] == 'r' && flags&(os.O_CREATE|os.O_TRUNC) != 0 {
			t.Fatalf("OpenFlags(%q) may create or truncate", mode)
		}
		if strings.Contains(mode, "x") != (flags&os.O_EXCL != 0) {
			t.Fatalf("OpenFlags(%q): O_EXCL set = %v", mode, flags&os.O_EXCL != 0)
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	for _, seed := range []string{
		`{"level": "debug", "prefix": "shop", "dir": "/var/log/shop", "max_bytes": 4096}`,
		`{"level": "warn"}`, `{"levle": "debug"}`, `{"max_bytes": "a lot"}`,
		"{\n  \"level\": \"debug\",\n  \"prefix\": \"shop\"\n  \"dir\": \"logs\"\n}",
		`{"level": "debug"} {"level": "error"}`, "", `["debug"]`, `{"level": "debug"`, `null`, `{} x`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parseConfig(data)
		if err != nil {
			if cfg != (Config{}) {
				t.Fatalf("parseConfig(%q) returned %+v with the error %v, want the zero Config", data, cfg, err)
			}
			return
		}
		_ = cfg.Validate() // must not panic on anything that decodes
	})
}

// errReader fails every read.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestLinesErrorEndsIteration(t *testing.T) {
	calls := 0
	for _, err := range Lines(errReader{}) {
		calls++
		if !errors.Is(err, io.ErrClosedPipe) {
			t.Errorf("Lines(failing reader) yielded %v, want io.ErrClosedPipe", err)
		}
	}
	if calls != 1 {
		t.Errorf("Lines(failing reader) yielded %d times, want 1", calls)
	}
}
