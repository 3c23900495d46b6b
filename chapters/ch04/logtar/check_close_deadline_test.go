package logtar

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// closeStepStuck is a writer whose Write blocks until release, the way a
// write to a disk that stopped answering (a dead network file system)
// blocks.
type closeStepStuck struct {
	*asyncStepGate
}

func TestCloseDeadlineGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &closeStepStuck{newAsyncStepGate()}
		var mu sync.Mutex
		var late []error
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(64).
			WithErrorHandler(func(err error) { mu.Lock(); late = append(late, err); mu.Unlock() }))
		if err != nil {
			t.Fatal(err)
		}
		n := 2 + rand.IntN(20)
		for i := range n {
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait() // the writer is stuck on the first record
		wait := time.Duration(1+rand.IntN(30)) * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		returned := make(chan error, 1)
		start := time.Now()
		go func() { returned <- l.CloseContext(ctx) }()
		time.Sleep(wait) // the fake clock moves once everything is blocked
		synctest.Wait()
		select {
		case err := <-returned:
			if took := time.Since(start); took != wait {
				t.Errorf("CloseContext returned after %v, want the %v of its context", took, wait)
			}
			// The writer is stuck on the first record, or, once it
			// writes in batches (step 04.06-batch-queue), on all n.
			want := fmt.Sprintf("%s still queued", syncCloseRecords(n-1))
			batched := fmt.Sprintf("%s still queued", syncCloseRecords(n))
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), want) && !strings.Contains(err.Error(), batched) {
				t.Errorf("CloseContext() with the writer stuck and %d records queued = %v, want an error that wraps context.DeadlineExceeded and says %q", n-1, err, want)
			}
		default:
			w.release()
			<-returned
			t.Fatalf("with the writer stuck, CloseContext had not returned %v after its %v deadline: run the close in a goroutine and stop waiting when ctx is done", time.Since(start), wait)
		}
		// The disk answers again: the Logger finishes closing in the
		// background, and writes everything that was queued.
		w.release()
		synctest.Wait()
		asyncStepNumbered(t, w.String(), n)
		mu.Lock()
		if len(late) != 0 {
			t.Errorf("the error handler heard %v, want nothing: the background close met no problem", late)
		}
		mu.Unlock()
		if err := l.Close(); err != nil {
			t.Errorf("Close() after CloseContext gave up and the background close finished = %v, want nil", err)
		}
	})
}

func TestCloseDeadlineSyncModeStuckWrite(t *testing.T) {
	// In sync mode, a write that is stuck holds the Logger's lock, and
	// closing must wait for that lock. (Real time here: a goroutine that
	// waits for a mutex is not "durably blocked" for synctest.)
	w := &closeStepStuck{newAsyncStepGate()}
	entered := make(chan struct{})
	l, err := New(NewConfig().WithWriter(closeStepEntered{w, entered}))
	if err != nil {
		t.Fatal(err)
	}
	logged := make(chan struct{})
	go func() { l.Info("stuck"); close(logged) }()
	<-entered // the logging call holds the lock, stuck in Write
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	returned := make(chan error, 1)
	go func() { returned <- l.CloseContext(ctx) }()
	select {
	case err := <-returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("CloseContext() with a write stuck in sync mode = %v, want an error that wraps context.DeadlineExceeded", err)
		}
	case <-time.After(10 * time.Second):
		w.release()
		t.Fatalf("with a write stuck in sync mode, CloseContext with a 20 ms deadline had not returned after 10 s")
	}
	w.release()
	<-logged
	if err := l.Close(); err != nil {
		t.Errorf("Close() after CloseContext gave up = %v, want nil", err)
	}
	if got := w.String(); !strings.Contains(got, "stuck") {
		t.Errorf("the record stuck in Write was %q once written, want it whole", got)
	}
}

func TestCloseDeadlineLateErrorsReachTheHandler(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &closeStepStuck{newAsyncStepGate()}
		failing := &syncCloseStepFull{} // fails every write
		var mu sync.Mutex
		var late []error
		l, err := New(NewConfig().WithWriter(closeStepPipe{w, failing}).WithAsync(true).
			WithErrorHandler(func(err error) { mu.Lock(); late = append(late, err); mu.Unlock() }))
		if err != nil {
			t.Fatal(err)
		}
		l.Info("stuck, then fails")
		l.Info("fails")
		synctest.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		returned := make(chan error, 1)
		go func() { returned <- l.CloseContext(ctx) }()
		time.Sleep(time.Second)
		synctest.Wait()
		w.release()
		synctest.Wait()
		<-returned
		mu.Lock()
		defer mu.Unlock()
		var text []string
		for _, e := range late {
			text = append(text, e.Error())
		}
		all := strings.Join(text, " | ")
		if !strings.Contains(all, "2 records met write errors") {
			t.Errorf("after CloseContext gave up, the background close found 2 failed writes: the error handler heard %q, want the error close returned (\"2 records met write errors ...\"): nobody else is left to hear it", all)
		}
	})
}

// closeStepPipe waits on the gate, then fails.
type closeStepPipe struct {
	gate *closeStepStuck
	fail *syncCloseStepFull
}

func (p closeStepPipe) Write(b []byte) (int, error) {
	<-p.gate.open
	return p.fail.Write(b)
}

// closeStepEntered closes entered when its first Write starts, then writes
// to w.
type closeStepEntered struct {
	w       *closeStepStuck
	entered chan struct{}
}

func (e closeStepEntered) Write(p []byte) (int, error) {
	close(e.entered)
	return e.w.Write(p)
}

func TestCloseDeadlineFileOutputCanAbandon(t *testing.T) {
	if _, ok := any(&fileOutput{}).(interface{ abandon() }); !ok {
		t.Error("*fileOutput has no method abandon(): in file.go, give it one that tells the cleaner to stop; CloseContext calls it when it gives up")
	}
}
