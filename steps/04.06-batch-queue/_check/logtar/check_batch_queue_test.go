package logtar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// batchStepWriter keeps every Write call apart, and can fail the call
// numbered failAt (from 1) after taking its first cut bytes, as a full disk
// does.
type batchStepWriter struct {
	mu     sync.Mutex
	calls  []string
	failAt int
	cut    int
}

var errBatchStepFull = errors.New("no space left on device")

func (w *batchStepWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.calls)+1 == w.failAt {
		w.calls = append(w.calls, string(p[:w.cut]))
		return w.cut, errBatchStepFull
	}
	w.calls = append(w.calls, string(p))
	return len(p), nil
}

func (w *batchStepWriter) written() (calls int, data string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.calls), strings.Join(w.calls, "")
}

func TestBatchQueueGathersABurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &batchStepWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		n := 20 + rand.IntN(200)
		for i := range n {
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait() // every goroutine of the test is blocked: time stands still
		if calls, _ := w.written(); calls != 0 {
			t.Fatalf("%d records logged at once: %d Write calls before batchDelay passed, want none: the writer waits batchDelay for records to gather", n, calls)
		}
		time.Sleep(batchDelay)
		synctest.Wait()
		calls, data := w.written()
		if calls != 1 {
			t.Fatalf("%d records logged at once took %d Write calls once batchDelay passed, want 1: take everything queued into the batch, then call l.writeBatch once", n, calls)
		}
		asyncStepNumbered(t, data, n)

		// Sync does not wait for a batch to gather: it wakes the writer.
		m := 1 + rand.IntN(20)
		for i := range m {
			l.Info(fmt.Sprint(n + i))
		}
		start := time.Now()
		if err := l.Sync(); err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("Sync waited %v for the batch to gather, want 0: requestFlush should wake the writer (a send on l.wake that does not block)", waited)
		}
		calls, data = w.written()
		if calls != 2 {
			t.Errorf("%d more records then Sync: %d Write calls in all, want 2", m, calls)
		}
		asyncStepNumbered(t, data, n+m)
	})
}

func TestBatchQueueBurstPastTheQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &batchStepWriter{}
		size := 4 + rand.IntN(12)
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(size))
		if err != nil {
			t.Fatal(err)
		}
		n := size*10 + rand.IntN(100)
		start := time.Now()
		for i := range n {
			l.Info(fmt.Sprint(i))
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("%d records logged at once through a queue of %d waited %v for room, want 0: the queue filled while the writer slept on its timer. In emit, when the queue is half full or more, wake the writer (a send on l.wake that does not block) before the record goes onto the queue", n, size, waited)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		_, data := w.written()
		asyncStepNumbered(t, data, n)
	})
}

func TestBatchQueueStopsAtMaxBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &batchStepWriter{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(4096))
		if err != nil {
			t.Fatal(err)
		}
		pad := strings.Repeat("x", 500+rand.IntN(1500))
		n := 150 + rand.IntN(150)
		for i := range n {
			l.Info(fmt.Sprint(i), "pad", pad)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		calls, data := w.written()
		w.mu.Lock()
		for i, c := range w.calls {
			if len(c) > maxBatch {
				t.Errorf("Write call %d wrote %d bytes, want at most maxBatch (%d): write the batch before a record would take it past maxBatch", i, len(c), maxBatch)
				break
			}
			if !strings.HasSuffix(c, "\n") {
				t.Errorf("Write call %d does not end with a whole record: %q", i, c[max(0, len(c)-20):])
				break
			}
		}
		w.mu.Unlock()
		most := len(data)/(maxBatch-len(pad)-100) + 1
		if calls > most {
			t.Errorf("%d records of about %d bytes took %d Write calls, want at most %d: fill each batch up to maxBatch", n, len(pad)+60, calls, most)
		}
		asyncStepNumbered(t, data, n)
	})
}

func TestBatchQueueCutLosesOnlyTheRest(t *testing.T) {
	n := 3 + rand.IntN(10)
	var b batch
	for i := range n {
		b.add(time.Time{}, []byte(fmt.Sprintf(`{"msg":"%d"}`+"\n", i)))
	}
	keep := rand.IntN(n - 1)                             // records written whole
	cut := b.start(keep) + 1 + rand.IntN(b.size(keep)-1) // and part of the next
	partial := cut - b.start(keep)
	w := &batchStepWriter{failAt: 1, cut: cut}
	o := &writerOutput{w: w}
	lost, err := o.writeBatch(&b)
	if lost != n-keep || !errors.Is(err, errBatchStepFull) {
		t.Errorf("writeBatch of %d records, with the Write cut after %d bytes (inside record %d) = %d lost, %v; want %d, %v: one Write for the batch, and the records it did not finish are lost", n, cut, keep, lost, err, n-keep, errBatchStepFull)
	}
	b.reset()
	b.add(time.Time{}, []byte(`{"msg":"next"}`+"\n"))
	if lost, err := o.writeBatch(&b); lost != 0 || err != nil {
		t.Errorf("the next writeBatch = %d, %v; want 0, nil", lost, err)
	}
	_, data := w.written()
	var want strings.Builder
	for i := range keep {
		fmt.Fprintf(&want, `{"msg":"%d"}`+"\n", i)
	}
	want.WriteString(fmt.Sprintf(`{"msg":"%d"}`+"\n", keep)[:partial])
	want.WriteString("\n" + `{"msg":"next"}` + "\n")
	if data != want.String() {
		t.Errorf("after a Write cut inside record %d, the writer holds\n%q\nwant\n%q\n(the records before the cut, the cut one ended by a newline, then the next)", keep, data, want.String())
	}
}
