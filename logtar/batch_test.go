package logtar

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// countingWriter records every Write call, and fails the call numbered
// failAt (from 1) after writing its first cut bytes, as a full disk does.
type countingWriter struct {
	mu     sync.Mutex
	calls  []string
	failAt int
	cut    int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.calls)+1 == w.failAt {
		w.calls = append(w.calls, string(p[:w.cut]))
		return w.cut, errNoSpace
	}
	w.calls = append(w.calls, string(p))
	return len(p), nil
}

func (w *countingWriter) written() (calls int, data string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.calls), strings.Join(w.calls, "")
}

func TestAsyncWritesABurstWithOneCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &countingWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 100 {
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait()
		if calls, _ := w.written(); calls != 0 {
			t.Fatalf("%d Write calls before batchDelay passed, want 0: the writer waits for the batch to gather", calls)
		}
		time.Sleep(batchDelay)
		synctest.Wait()
		calls, data := w.written()
		if calls != 1 {
			t.Errorf("100 records logged at once took %d Write calls, want 1", calls)
		}
		checkNumbered(t, data, 100)
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

// A burst bigger than the queue must not wait for the batch to gather:
// without nudge, each time the queue fills the logging call waits out
// batchDelay with the writer asleep (in the bubble, time moves only then).
func TestAsyncBurstPastTheQueueDoesNotWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &countingWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(8))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for i := range 200 {
			l.Info(fmt.Sprint(i))
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("200 records through a queue of 8 waited %v for room, want 0: a record that finds the queue half full wakes the writer", waited)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		_, data := w.written()
		checkNumbered(t, data, 200)
	})
}

// Close must not wait for a batch to gather either. Here a burst wakes the
// writer, which gets stuck writing part of it; two more records queue
// behind, and Close is called. Once the disk answers, everything must be
// written with no time passing: the writer, back for the two, finds the
// wake-up Close left instead of sleeping batchDelay.
func TestAsyncCloseDoesNotWaitForTheBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(16))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 { // the queue half full: the writer is woken
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait() // it took what was queued, and is stuck in Write
		l.Info("10")
		l.Info("11")
		closed := make(chan error, 1)
		go func() { closed <- l.Close() }()
		synctest.Wait()
		start := time.Now()
		close(w.open)
		synctest.Wait()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatal("Close had not returned once the writer was free: the writer is waiting for a batch to gather")
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("Close took %v after the writer was free, want 0", waited)
		}
		checkNumbered(t, w.buf.String(), 12)
	})
}

func TestAsyncBatchesStayUnderMaxBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &countingWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(4096))
		if err != nil {
			t.Fatal(err)
		}
		pad := strings.Repeat("x", 1000)
		const n = 300 // about 300 KB: five batches or so
		for i := range n {
			l.Info(fmt.Sprint(i), "pad", pad)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		for i, c := range w.calls {
			if len(c) > maxBatch || !strings.HasSuffix(c, "\n") {
				t.Errorf("Write call %d wrote %d bytes ending in %q, want at most %d bytes of whole records", i, len(c), c[max(0, len(c)-3):], maxBatch)
			}
		}
		if len(w.calls) < n*1000/maxBatch {
			t.Errorf("%d Write calls for %d KB, want at least %d", len(w.calls), n, n*1000/maxBatch)
		}
		records := decodeRecords(t, strings.Join(w.calls, ""))
		for i, r := range records {
			if r["msg"] != fmt.Sprint(i) {
				t.Fatalf("record %d is %v, want %d", i, r["msg"], i)
			}
		}
		if len(records) != n {
			t.Errorf("%d records written, want %d", len(records), n)
		}
	})
}

func TestAsyncSyncDoesNotWaitForTheBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &countingWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			l.Info(fmt.Sprint(i))
		}
		start := time.Now()
		if err := l.Sync(); err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("Sync waited %v, want 0: Sync wakes a writer that is gathering a batch", waited)
		}
		_, data := w.written()
		checkNumbered(t, data, 3)
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestBatchCutByWriterLosesOnlyTheRest(t *testing.T) {
	// Three records in one Write, cut in the middle of the second: the
	// first stays, the second and third are lost, and the next record
	// starts on a line of its own.
	w := &countingWriter{failAt: 1}
	o := &writerOutput{w: w}
	var b batch
	for _, msg := range []string{"a", "b", "c"} {
		b.add(time.Time{}, []byte(`{"msg":"`+msg+`"}`+"\n"))
	}
	w.cut = b.ends[0] + 3
	lost, err := o.writeBatch(&b)
	if lost != 2 || !errors.Is(err, errNoSpace) {
		t.Errorf("writeBatch cut in the second record = %d lost, %v; want 2, %v", lost, err, errNoSpace)
	}
	b.reset()
	b.add(time.Time{}, []byte(`{"msg":"d"}`+"\n"))
	if lost, err := o.writeBatch(&b); lost != 0 || err != nil {
		t.Errorf("the next writeBatch = %d, %v; want 0, nil", lost, err)
	}
	if _, data := w.written(); data != "{\"msg\":\"a\"}\n{\"m\n{\"msg\":\"d\"}\n" {
		t.Errorf("the writer holds %q, want the first record, the cut one ended by a newline, then the next", data)
	}
}

func TestBatchCutByFullDiskIsTakenBack(t *testing.T) {
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(0).WithRollingInterval(0).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		l.Info("before", "i", i)
	}
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, logFileNames(t, dir)[0])
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// Room for 20 more bytes: one batch of four records is cut in the
	// first, and all four are lost.
	withFileSizeLimit(t, uint64(info.Size())+20, func() {
		for i := range 4 {
			l.Info("while full", "i", i)
		}
		err = l.Sync()
	})
	if err == nil || !strings.Contains(err.Error(), "4 records met write errors") {
		t.Errorf("Sync() = %v, want the 4 records of the cut batch reported", err)
	}
	for i := range 2 {
		l.Info("after", "i", i)
	}
	if err := l.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	var got []string
	for _, r := range decodeRecords(t, readFile(t, path)) {
		got = append(got, fmt.Sprint(r["msg"], r["i"]))
	}
	if want := "before0 before1 before2 after0 after1"; strings.Join(got, " ") != want {
		t.Errorf("the file holds %q, want %q: the cut batch must be taken back to its last whole record", strings.Join(got, " "), want)
	}
}

func TestBatchRollsBetweenRecords(t *testing.T) {
	// A batch that crosses the rolling size is split: every file stays
	// within the limit, and the records stay whole and in order.
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		const limit = 1000
		l, err := New(NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(0).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		const n = 40
		for i := range n {
			l.Info(fmt.Sprint(i), "pad", strings.Repeat("y", 50))
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		names := logFileNames(t, dir)
		if len(names) < 3 {
			t.Errorf("%d files for %d records of ~110 bytes with a limit of %d, want at least 3", len(names), n, limit)
		}
		for _, name := range names {
			data := readFile(t, filepath.Join(dir, name))
			if len(data) > limit {
				t.Errorf("%s holds %d bytes, over the rolling size of %d", name, len(data), limit)
			}
			all.WriteString(data)
		}
		checkNumbered(t, all.String(), n)
	})
}

func TestAsyncBatchAfterSyncStillGathers(t *testing.T) {
	// A Sync to an idle writer sends a wake-up it does not need (the
	// flush request itself wakes the writer); left behind, it would cut
	// the next batch short.
	synctest.Test(t, func(t *testing.T) {
		w := &countingWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		synctest.Wait() // the writer is idle
		if err := l.Sync(); err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait()
		if calls, _ := w.written(); calls != 0 {
			t.Fatalf("after a Sync, 20 records took %d Write calls before batchDelay passed, want none", calls)
		}
		time.Sleep(batchDelay)
		synctest.Wait()
		if calls, data := w.written(); calls != 1 {
			t.Errorf("after a Sync, 20 records took %d Write calls, want 1", calls)
		} else {
			checkNumbered(t, data, 20)
		}
	})
}
