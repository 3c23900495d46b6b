package logtar

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestFileName(t *testing.T) {
	tests := []struct {
		prefix string
		seq    int
		want   string
	}{
		{"logtar_", 0, "logtar_2024-05-06T07-08-09.123Z.log"},
		{"", 0, "2024-05-06T07-08-09.123Z.log"},
		{"app-", 1, "app-2024-05-06T07-08-09.123Z_000001.log"},
		{"app-", 123456, "app-2024-05-06T07-08-09.123Z_123456.log"},
	}
	stamp := testTime.Format(stampLayout)
	for _, tt := range tests {
		if got := fileName(tt.prefix, stamp, tt.seq); got != tt.want {
			t.Errorf("fileName(%q, %q, %d) = %q, want %q", tt.prefix, stamp, tt.seq, got, tt.want)
		}
	}
}

func TestFileNamesSortByTime(t *testing.T) {
	// Names listed in the order the files would be opened must also be in
	// sorted order: across seconds, days and years, and for numbered files
	// (past 9, where unpadded numbers would sort 10 before 2).
	t0 := time.Date(2024, 12, 31, 23, 59, 59, 998_000_000, time.UTC)
	var names []string
	for _, step := range []time.Duration{0, time.Millisecond, time.Millisecond, time.Second, time.Hour} {
		t0 = t0.Add(step)
		stamp := t0.Format(stampLayout)
		for seq := range 12 {
			names = append(names, fileName("p_", stamp, seq))
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("file names in opening order are not sorted: %q", names)
	}
}

func TestNewCreatesDirectoryAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "logs")
	l := newTestLogger(t, NewConfig().WithDir(dir).WithClock(fixedClock))
	l.Info("hello")
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	files := logFiles(t, dir)
	want := filepath.Join(dir, "logtar_2024-05-06T07-08-09.123Z.log")
	if len(files) != 1 || files[0] != want {
		t.Fatalf("files = %q, want [%q]", files, want)
	}
	if got := decodeRecords(t, readFile(t, want)); len(got) != 1 || got[0]["msg"] != "hello" {
		t.Errorf("file holds %v, want the one record", got)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(want)
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode&^0o644 != 0 {
			t.Errorf("log file mode = %v, want at most 0644", mode)
		}
	}
}

func TestNewExistingDirectoryIsFine(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		l, err := New(NewConfig().WithDir(dir))
		if err != nil {
			t.Fatalf("New in an existing directory: %v", err)
		}
		l.Close()
	}
}

func TestNewUnusableDirectory(t *testing.T) {
	// A path below a regular file can never be a directory, even for
	// root, which ignores permission bits.
	file := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "logs")} {
		l, err := New(NewConfig().WithDir(dir))
		if err == nil {
			l.Close()
			t.Errorf("New(dir %s) error = nil, want an error", dir)
			continue
		}
		if !strings.HasPrefix(err.Error(), "logtar: ") || !strings.Contains(err.Error(), "plain.txt") {
			t.Errorf("New(dir %s) error = %q, want a logtar error naming the path", dir, err)
		}
	}
}

func TestFileHandleIsReused(t *testing.T) {
	l := newTestLogger(t, NewConfig().WithDir(t.TempDir()))
	f := l.out.(*fileOutput)
	first := f.file
	for range 100 {
		l.Info("same file")
	}
	if f.file != first {
		t.Errorf("file handle changed without a roll: the file must stay open between records")
	}
}

func TestSameMillisecondKeepsBothFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Time stands still inside the bubble until every goroutine
		// blocks, so all these files are opened in the same millisecond.
		dir := t.TempDir()
		l, err := New(NewConfig().WithDir(dir).WithRollingSize(10))
		if err != nil {
			t.Fatal(err)
		}
		const n = 25
		for i := range n {
			l.Info("record", "i", i) // each record is over 10 bytes: one file each
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		files := logFiles(t, dir)
		// The first record goes to the file New opened, which is empty (an
		// empty file never rolls); every later one rolls first.
		if len(files) != n {
			t.Fatalf("got %d files, want %d", len(files), n)
		}
		for i, path := range files {
			records := decodeRecords(t, readFile(t, path))
			if len(records) != 1 || records[0]["i"] != float64(i) {
				t.Errorf("file %d (%s) holds %v, want record %d: names must sort in opening order", i, filepath.Base(path), records, i)
			}
		}
	})
}

func TestFileNameTakenByAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	stamp := testTime.Format(stampLayout)
	for seq := range 3 {
		taken := filepath.Join(dir, fileName("logtar_", stamp, seq))
		if err := os.WriteFile(taken, []byte("not ours\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := newTestLogger(t, NewConfig().WithDir(dir).WithClock(fixedClock))
	l.Info("ours")
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, filepath.Join(dir, fileName("logtar_", stamp, 3)))
	if !strings.Contains(got, `"msg":"ours"`) {
		t.Errorf("expected the first free name to hold our record; it holds %q", got)
	}
	for seq := range 3 {
		if got := readFile(t, filepath.Join(dir, fileName("logtar_", stamp, seq))); got != "not ours\n" {
			t.Errorf("file %d was changed to %q, want it untouched", seq, got)
		}
	}
}

func TestFileStampNeverGoesBack(t *testing.T) {
	dir := t.TempDir()
	f, err := openFileOutput(NewConfig().WithDir(dir).WithRollingSize(1), testTime)
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	// Records a little older than the current file's name, where the
	// second triggers a roll, must not give a file that sorts first.
	if err := f.write(testTime.Add(-time.Second), []byte("late\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.write(testTime.Add(-2*time.Second), []byte("later\n")); err != nil {
		t.Fatal(err)
	}
	files := logFiles(t, dir)
	var contents []string
	for _, p := range files {
		contents = append(contents, readFile(t, p))
	}
	if want := []string{"late\n", "later\n"}; !slices.Equal(contents, want) {
		t.Errorf("files in name order hold %q, want %q", contents, want)
	}
}

func TestRollFailureKeepsWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(100))
	if err != nil {
		t.Fatal(err)
	}
	first := logFiles(t, dir)[0]
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
		t.Errorf("Close() = %v, want the roll errors reported", err)
	}
	moved := filepath.Join(dir+".old", filepath.Base(first))
	if got := decodeRecords(t, readFile(t, moved)); len(got) != 5 {
		t.Errorf("old file holds %d records, want all 5: a failed roll must not lose records", len(got))
	}
	var notExist *os.PathError
	if !errors.As(err, &notExist) {
		t.Errorf("Close() error %v does not carry the *os.PathError", err)
	}
}
