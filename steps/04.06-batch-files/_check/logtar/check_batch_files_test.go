package logtar

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// batchFilesOutput is what the step adds: a writeBatch method on
// fileOutput. The check asks for it through an interface, so that it
// compiles before the method exists.
type batchFilesOutput interface {
	writeBatch(b *batch) (lost int, err error)
}

// batchFilesOf returns the file output of a synchronous Logger writing
// into a fresh directory, and the Logger.
func batchFilesOf(t *testing.T, cfg Config) (*Logger, *fileOutput, batchFilesOutput) {
	t.Helper()
	l, err := New(cfg.WithDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	f := l.out.(*fileOutput)
	bo, ok := any(f).(batchFilesOutput)
	if !ok {
		t.Fatal("fileOutput has no method writeBatch(b *batch) (lost int, err error): add it (in filebatch.go, say), so that the writer goroutine writes a batch into a file with one write call")
	}
	return l, f, bo
}

// batchFilesRecords returns a batch of n records "0" to "n-1" with the time
// t, each padded to about size bytes.
func batchFilesRecords(n, size int, t time.Time) *batch {
	var b batch
	for i := range n {
		line := fmt.Sprintf(`{"msg":"%d","pad":"%s"}`+"\n", i, strings.Repeat("p", max(0, size-30)))
		b.add(t, []byte(line))
	}
	return &b
}

// batchFilesWriteCalls returns how many write system calls the process has
// made, from /proc/self/io, or false where there is no such file (macOS).
func batchFilesWriteCalls() (int, bool) {
	if runtime.GOOS != "linux" {
		return 0, false
	}
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "syscw: "); ok {
			n, err := strconv.Atoi(v)
			return n, err == nil
		}
	}
	return 0, false
}

func TestBatchFilesOneWritePerBatch(t *testing.T) {
	_, f, bo := batchFilesOf(t, NewConfig().WithRollingSize(0).WithRollingInterval(0))
	n := 5 + rand.IntN(50)
	b := batchFilesRecords(n, 40+rand.IntN(200), time.Now())
	want := string(b.buf)
	before, counted := batchFilesWriteCalls()
	lost, err := bo.writeBatch(b)
	after, _ := batchFilesWriteCalls()
	if lost != 0 || err != nil {
		t.Fatalf("writeBatch of %d records into an empty file = %d lost, %v; want 0, nil", n, lost, err)
	}
	if counted && after-before != 1 {
		t.Errorf("writeBatch of %d records made %d write system calls, want 1: one f.file.Write for the whole run of records", n, after-before)
	}
	data, err := os.ReadFile(f.file.Name())
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Errorf("the file holds %d bytes, want the batch's %d, in order", len(data), len(want))
	}
	if f.size != int64(len(want)) {
		t.Errorf("after writeBatch, f.size = %d, want %d: rolling by size counts on it", f.size, len(want))
	}
}

func TestBatchFilesRollBetweenRecords(t *testing.T) {
	// A batch that crosses the rolling size goes into more than one file:
	// every file within the limit, every record whole and in order. (Per
	// record, as before the step, this already holds: the step must keep
	// it.)
	limit := 500 + rand.IntN(1500)
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(int64(limit)).WithRollingInterval(0).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	n := 30 + rand.IntN(50)
	pad := strings.Repeat("y", 40+rand.IntN(100))
	for i := range n {
		l.Info(fmt.Sprint(i), "pad", pad)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, e := range entries { // ReadDir sorts by name, and logtar's names sort by time
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > limit {
			t.Errorf("%s holds %d bytes, over the rolling size of %d: a record that would pass the limit starts a new run, in a new file", e.Name(), len(data), limit)
		}
		all.Write(data)
	}
	if len(entries) < 2 {
		t.Errorf("%d records of ~%d bytes with a rolling size of %d went into %d file, want several", n, len(pad)+70, limit, len(entries))
	}
	asyncStepNumbered(t, all.String(), n)
}
