package logtar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// asyncStepGate is a writer whose Write calls wait until release is called:
// a disk that has stopped answering, under the test's control.
type asyncStepGate struct {
	open chan struct{}
	once sync.Once
	mu   sync.Mutex
	buf  bytes.Buffer
}

func newAsyncStepGate() *asyncStepGate { return &asyncStepGate{open: make(chan struct{})} }

func (w *asyncStepGate) Write(p []byte) (int, error) {
	<-w.open
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *asyncStepGate) release() { w.once.Do(func() { close(w.open) }) }

func (w *asyncStepGate) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// asyncStepNumbered checks that data holds the records "0" to "n-1", in
// order.
func asyncStepNumbered(t *testing.T, data string, n int) {
	t.Helper()
	var msgs []string
	for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		var r struct{ Msg string }
		if line != "" && json.Unmarshal([]byte(line), &r) == nil {
			msgs = append(msgs, r.Msg)
		}
	}
	if len(msgs) != n {
		t.Errorf("the writer got %d records, want all %d", len(msgs), n)
		return
	}
	for i, m := range msgs {
		if m != fmt.Sprint(i) {
			t.Errorf("record %d is %q, want %q: records must be written in the order they were logged", i, m, fmt.Sprint(i))
			return
		}
	}
}

func TestAsyncQueueReturnsBeforeTheWrite(t *testing.T) {
	size := 2 + rand.IntN(10)
	n := size + 4 + rand.IntN(10)
	// Each record is bigger than any batch a writer gathers (64 KiB, from
	// step 04.06 on), so a writer that batches holds at most two records:
	// the batch it is writing, and the next it took off the queue.
	pad := strings.Repeat("p", 70<<10)
	synctest.Test(t, func(t *testing.T) {
		w := newAsyncStepGate()
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(size))
		if err != nil {
			t.Fatal(err)
		}
		var accepted atomic.Int64
		logged := make(chan struct{})
		go func() {
			defer close(logged)
			for i := range n {
				l.Info(fmt.Sprint(i), "pad", pad)
				accepted.Add(1)
			}
		}()
		// Wait until every goroutine in the bubble is blocked: the writer
		// in Write, the logging goroutine once the queue is full.
		synctest.Wait()
		got, early := accepted.Load(), w.String()
		w.release()
		<-logged
		closeErr := l.Close()

		switch {
		case got < int64(size):
			t.Errorf("while the writer was blocked, %d of %d logging calls returned, want at least %d (the queue size): in async mode a call returns once its record is on the queue", got, n, size)
		case got > int64(size)+2:
			t.Errorf("while the writer was blocked, %d of %d logging calls returned, want them to wait once the queue of %d is full (one or two more may be in the writer's hands): a bounded queue keeps memory bounded", got, n, size)
		}
		if early != "" {
			t.Errorf("the writer was blocked, yet %q was written", early)
		}
		if closeErr != nil {
			t.Errorf("Close() = %v, want nil", closeErr)
		}
		asyncStepNumbered(t, w.String(), n)
	})
}

func TestAsyncQueueCloseDrains(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newAsyncStepGate()
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(50))
		if err != nil {
			t.Fatal(err)
		}
		logged := make(chan struct{})
		go func() {
			defer close(logged)
			for i := range 50 {
				l.Info(fmt.Sprint(i))
			}
		}()
		synctest.Wait()
		select {
		case <-logged:
		default:
			t.Errorf("with a queue of 50 and the writer blocked, 50 logging calls did not all return: in async mode a call returns once its record is queued")
			w.release()
			<-logged
			l.Close()
			return
		}
		closed := make(chan error, 1)
		go func() { closed <- l.Close() }()
		synctest.Wait()
		var closeErr error
		returned := false
		select {
		case closeErr = <-closed:
			returned = true
			t.Errorf("Close returned (%v) while the queue still held records, want it to wait until the writer goroutine has written them", closeErr)
		default:
		}
		w.release()
		if !returned {
			closeErr = <-closed
		}
		if closeErr != nil {
			t.Errorf("Close() = %v, want nil", closeErr)
		}
		asyncStepNumbered(t, w.String(), 50)
		// When the bubble ends, synctest fails the test if a goroutine it
		// started, such as the writer goroutine, is still blocked.
	})
}

func TestAsyncQueueNoGoroutineLeft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, size := range []int{1, 1024} {
			l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}).WithAsync(true).WithQueueSize(size))
			if err != nil {
				t.Fatal(err)
			}
			l.Info("x")
			if err := l.Close(); err != nil {
				t.Errorf("Close() = %v, want nil", err)
			}
		}
		// A writer goroutine still running when the bubble ends makes
		// synctest.Test fail: Close must stop it.
	})
}

func TestAsyncQueueKeepsEachGoroutinesOrder(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithAsync(true).WithQueueSize(16))
	if err != nil {
		t.Fatal(err)
	}
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				l.Info("x", "g", g, "i", i)
			}
		})
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	next := make([]int, goroutines)
	for _, r := range loggerStepRecords(t, buf.String()) {
		g, i := int(r["g"].(float64)), int(r["i"].(float64))
		if i != next[g] {
			t.Fatalf("goroutine %d: record %d came after record %d, want its records in the order it logged them", g, i, next[g]-1)
		}
		next[g]++
	}
	for g, n := range next {
		if n != each {
			t.Errorf("goroutine %d: %d records written, want %d: Close must write everything queued", g, n, each)
		}
	}
}

func TestAsyncQueueWriteErrorsReachClose(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&syncCloseStepFull{}).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	n := 2 + rand.IntN(20)
	for range n {
		l.Info("lost")
	}
	if err := l.Close(); !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), syncCloseRecords(n)+" met") {
		t.Errorf("Close() after %d failed writes in async mode = %v, want an error counting %q and wrapping the first error", n, err, syncCloseRecords(n))
	}
}

func TestAsyncQueueCallerIsTheLogger(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig().WithAsync(true))
	c, f := callerInfoHere()
	l.Warn("async")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// The writer goroutine wrote the record, but it must name the code
	// that logged it: caller info is read before the hand-off.
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	callerInfoCheck(t, "Warn in async mode", records[0], c, f)
}

func TestAsyncQueueAfterClose(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("before")
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("a second Close() = %v, want nil", err)
	}
	// Logging after Close must not panic (a send on a closed channel
	// would) and is counted.
	l.Info("after 1")
	l.Error("after 2", "k", "v")
	if err := l.Close(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "2 records") {
		t.Errorf("Close() after 2 records were logged on a closed async Logger = %v, want ErrClosed counting \"2 records\"", err)
	}
	if got := loggerStepRecords(t, buf.String()); len(got) != 1 || got[0]["msg"] != "before" {
		t.Errorf("records = %v, want only \"before\"", got)
	}
}

func TestAsyncQueueCloseWhileLogging(t *testing.T) {
	for round := range 5 {
		w := &syncCloseStepLines{}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(4))
		if err != nil {
			t.Fatal(err)
		}
		const goroutines, each = 4, 300
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range each {
					l.Info("x")
				}
			})
		}
		if err := l.Close(); err != nil {
			t.Errorf("round %d: the first Close() = %v, want nil", round, err)
		}
		wg.Wait()
		dropped := 0
		if err := l.Close(); err != nil {
			m := syncCloseStepDropped.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("round %d: a later Close() = %v, want an error saying \"dropped N records\"", round, err)
			}
			dropped, _ = strconv.Atoi(m[1])
		}
		w.mu.Lock()
		written := w.lines
		w.mu.Unlock()
		if written+dropped != goroutines*each {
			t.Fatalf("round %d: written %d + dropped %d = %d, want %d: every record is written or counted", round, written, dropped, written+dropped, goroutines*each)
		}
	}
}
