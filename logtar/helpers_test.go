package logtar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// testTime is the fixed time tests log at, unless they need a moving clock.
var testTime = time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC)

func fixedClock() time.Time { return testTime }

// newTestLogger creates a Logger and closes it when the test ends, failing
// the test if Close reports an error.
func newTestLogger(t *testing.T, cfg Config) *Logger {
	t.Helper()
	l, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%v) error: %v", cfg, err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
	})
	return l
}

// syncBuffer is a bytes.Buffer that is safe for concurrent use, for tests
// that read output while a writer goroutine may be writing.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// decodeRecords parses JSON lines, failing the test on a line that is not a
// JSON object.
func decodeRecords(t *testing.T, data string) []map[string]any {
	t.Helper()
	var records []map[string]any
	sc := bufio.NewScanner(bytes.NewBufferString(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", sc.Text(), err)
		}
		records = append(records, m)
	}
	return records
}

// logFiles returns the paths of the log files in dir, sorted by name.
func logFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	slices.Sort(paths)
	return paths
}

// readFile returns a file's contents as a string, failing the test on error.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
