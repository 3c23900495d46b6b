package logtar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
)

// rollSizeFiles returns the contents of the files in dir, in name order.
func rollSizeFiles(t *testing.T, dir string) (names, contents []string) {
	t.Helper()
	for _, name := range logFilesStepList(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		contents = append(contents, string(data))
	}
	return names, contents
}

// rollSizeRecord returns a message that makes a record of exactly n bytes,
// as a Logger with logFilesStepClock writes it at level Info.
func rollSizeRecord(t *testing.T, n int) string {
	t.Helper()
	base := len(appendHeader(nil, logFilesStepClock(), LevelInfo, "")) + len("}\n")
	if n < base {
		t.Fatalf("a record cannot be shorter than %d bytes", base)
	}
	return strings.Repeat("x", n-base)
}

func TestRollBySizeExactly(t *testing.T) {
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithClock(logFilesStepClock).WithRollingSize(300))
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{150, 150, 100, 250, 500, 80}
	for _, n := range sizes {
		l.Info(rollSizeRecord(t, n))
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	_, contents := rollSizeFiles(t, dir)
	var got []int
	for _, c := range contents {
		got = append(got, len(c))
	}
	want := []int{300, 100, 250, 500, 80}
	if len(got) != len(want) {
		t.Fatalf("records of %v bytes with a rolling size of 300 made files of %v bytes, want %v:\n"+
			"150+150 fills the first file exactly; 100 would pass 300, so it starts a new file; 250 would "+
			"pass again; 500 is bigger than any file may be, so it goes alone into a new one; and 80 after it rolls once more",
			sizes, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("records of %v bytes with a rolling size of 300 made files of %v bytes, want %v", sizes, got, want)
		}
	}
}

func TestRollBySizeNeverPassesTheLimit(t *testing.T) {
	const limit = 1000
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	const n = 600
	for i := range n {
		size := rng.IntN(300)
		if i%100 == 99 {
			size = 2 * limit // bigger than a whole file
		}
		l.Info("record", "i", i, "pad", strings.Repeat("x", size))
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	names, contents := rollSizeFiles(t, dir)
	if len(names) < 50 {
		t.Fatalf("%d records of up to 400 bytes with a rolling size of %d made %d files, want many more: roll before a record would pass the size", n, limit, len(names))
	}
	next := 0
	for i, data := range contents {
		lines := strings.SplitAfter(data, "\n")
		lines = lines[:len(lines)-1]
		if len(data) > limit && len(lines) != 1 {
			t.Errorf("%s is %d bytes with %d records; only a single record bigger than the limit may pass it", names[i], len(data), len(lines))
		}
		if i+1 < len(contents) {
			first := contents[i+1][:strings.IndexByte(contents[i+1], '\n')+1]
			if len(data)+len(first) <= limit {
				t.Errorf("%s (%d bytes) was rolled although the next record (%d bytes) fit", names[i], len(data), len(first))
			}
		}
		for _, r := range loggerStepRecords(t, data) {
			if r["i"] != float64(next) {
				t.Fatalf("%s: record %v, want %d: records lost or out of order", names[i], r["i"], next)
			}
			next++
		}
	}
	if next != n {
		t.Errorf("the files hold %d records, want %d", next, n)
	}
}

func TestRollBySizeClosesOldFiles(t *testing.T) {
	l, err := New(NewConfig().WithDir(t.TempDir()).WithRollingSize(1))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	f := logFilesStepOutput(t, l)
	var seen []*os.File
	for range 5 {
		seen = append(seen, f.file)
		l.Info("roll")
	}
	// The first record goes to the empty file New opened; every later one
	// is too big for a 1-byte file and rolls first.
	if seen[2] == seen[1] || seen[4] == seen[3] {
		t.Fatalf("with a rolling size of 1 byte, the fileOutput kept the same *os.File from one record to the next, want a new file for every record after the first")
	}
	for i, file := range seen[1:] {
		if file == f.file {
			continue
		}
		if _, err := file.Write([]byte("x")); err == nil {
			t.Errorf("log file %d is still open after the roll that replaced it, want it closed: an open descriptor per roll is a leak", i+1)
		}
	}
}

func TestRollBySizeFailureKeepsWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(100))
	if err != nil {
		t.Fatal(err)
	}
	first := logFilesStepList(t, dir)[0]
	// Replace the directory by a file: no new log file can be created in
	// it, but the open file can still be written.
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		l.Info("keep going", "i", i, "pad", strings.Repeat("x", 50))
	}
	err = l.Close()
	if err == nil || !strings.Contains(err.Error(), "create log file") {
		t.Errorf("Close() after 4 rolls that could not create a file = %v, want their errors reported", err)
	}
	var pathErr *os.PathError
	if err != nil && !errors.As(err, &pathErr) {
		t.Errorf("Close() error %v does not carry the *os.PathError: wrap with %%w", err)
	}
	data, _ := os.ReadFile(filepath.Join(dir+".old", first))
	if got := strings.Count(string(data), "\n"); got != 5 {
		t.Errorf("the old log file holds %d records, want all 5: when the new file cannot be opened, keep writing to the old one", got)
	}
}

func TestRollBySizeSameMillisecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// In a synctest bubble the clock stands still until every
		// goroutine is blocked, so all these files open in the same
		// millisecond and need sequence numbers.
		dir := t.TempDir()
		l, err := New(NewConfig().WithDir(dir).WithRollingSize(10))
		if err != nil {
			t.Fatal(err)
		}
		const n = 25
		for i := range n {
			l.Info("record", "i", i) // each is over 10 bytes: one file each
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		names, contents := rollSizeFiles(t, dir)
		if len(names) != n {
			t.Fatalf("%d records over the 10-byte rolling size made %d files, want %d (the first goes to the empty file New opened)", n, len(names), n)
		}
		for i, c := range contents {
			records := loggerStepRecords(t, c)
			if len(records) != 1 || records[0]["i"] != float64(i) {
				t.Errorf("file %d (%s) holds %v, want record %d: names must sort in the order the files were opened", i, names[i], records, i)
			}
		}
	})
}

func TestRollBySizeRandomSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	base := len(appendHeader(nil, logFilesStepClock(), LevelInfo, "")) + len("}\n")
	limit := 250 + rng.IntN(350)
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithClock(logFilesStepClock).WithRollingSize(int64(limit)))
	if err != nil {
		t.Fatal(err)
	}
	var sizes, want []int
	current := 0 // New opened an empty file
	for range 8 + rng.IntN(8) {
		n := base + rng.IntN(limit-base+1)
		if rng.IntN(8) == 0 {
			n = limit + 1 + rng.IntN(limit) // bigger than any file may be
		}
		sizes = append(sizes, n)
		l.Info(rollSizeRecord(t, n))
		if current > 0 && current+n > limit {
			want = append(want, current)
			current = 0
		}
		current += n
	}
	want = append(want, current)
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	_, contents := rollSizeFiles(t, dir)
	var got []int
	for _, c := range contents {
		got = append(got, len(c))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records of %v bytes with a rolling size of %d made files of %v bytes, want %v: roll before a record that would take a non-empty file past the size", sizes, limit, got, want)
	}
}
