package logtar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// errorHandlerStepHeard collects what an error handler is told.
type errorHandlerStepHeard struct {
	mu    sync.Mutex
	errs  []error
	panic bool // panic after each call, as a buggy handler might
}

func (h *errorHandlerStepHeard) handle(err error) {
	h.mu.Lock()
	h.errs = append(h.errs, err)
	h.mu.Unlock()
	if h.panic {
		panic("a handler with a bug")
	}
}

func (h *errorHandlerStepHeard) heard() []error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]error(nil), h.errs...)
}

// errorHandlerStepRecords is a writer with room for ok records: a Write
// that would go past them writes the whole records that fit and fails, as
// a full disk does, and so does every Write after it.
type errorHandlerStepRecords struct {
	mu    sync.Mutex
	ok    int
	calls int
}

func (w *errorHandlerStepRecords) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls++
	n := 0
	for w.ok > 0 && n < len(p) {
		end := strings.IndexByte(string(p[n:]), '\n')
		if end < 0 {
			break
		}
		n += end + 1
		w.ok--
	}
	if n == len(p) {
		return n, nil
	}
	return n, fmt.Errorf("write %d: %w", w.calls, syncCloseStepErrFull)
}

func TestErrorHandlerHearsWriteErrors(t *testing.T) {
	for _, async := range []bool{false, true} {
		ok, lost := rand.IntN(4), 1+rand.IntN(6)
		h := &errorHandlerStepHeard{panic: rand.IntN(2) == 0}
		l, err := New(NewConfig().WithWriter(&errorHandlerStepRecords{ok: ok}).WithAsync(async).WithErrorHandler(h.handle))
		if err != nil {
			t.Fatal(err)
		}
		for range ok + lost {
			l.Info("r")
		}
		err = l.Close()
		heard := h.heard()
		// One error per failed Write: one per record in sync mode; in
		// async mode, from lesson 4.6 on, one Write may carry many.
		if !async && len(heard) != lost || async && (len(heard) < 1 || len(heard) > lost) {
			t.Fatalf("async %v, a handler that panics: %v: %d good writes, then %d failed ones: the handler heard %d errors, want %d: writeRecord reports each failed write with l.report",
				async, h.panic, ok, lost, len(heard), lost)
		}
		for i, e := range heard {
			if !errors.Is(e, syncCloseStepErrFull) || !strings.Contains(e.Error(), "write ") {
				t.Errorf("async %v: error %d the handler heard = %v, want the write's own error (write N: disk full)", async, i+1, e)
			}
		}
		if err == nil || !strings.Contains(err.Error(), syncCloseRecords(lost)+" met write errors") {
			t.Errorf("async %v: Close() = %v, want the %s still reported: the handler hears of problems at once, Sync and Close still count them", async, err, syncCloseRecords(lost))
		}
	}
}

func TestErrorHandlerHearsFailedRolls(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	var now atomic.Int64
	clock := func() time.Time { return logFilesStepClock().Add(time.Duration(now.Load()) * time.Second) }
	h := &errorHandlerStepHeard{}
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithClock(clock).WithErrorHandler(h.handle))
	if err != nil {
		t.Fatal(err)
	}
	rollFailuresBreakDir(t, dir)
	seconds := 20 + rand.IntN(40)
	for sec := range seconds {
		now.Store(int64(sec))
		l.Info("r")
	}
	err = l.Close()
	m := rollFailuresReport.FindStringSubmatch(fmt.Sprint(err))
	if m == nil {
		t.Fatalf("Close() = %v, want the failed rolls reported", err)
	}
	heard := h.heard()
	if fmt.Sprint(len(heard)) != m[1] {
		t.Errorf("%d seconds of records due to roll into an unusable directory: Close reports %s failed attempts, and the handler heard %d errors, want one for each attempt: tryRoll passes each failure to callErrorHandler(f.onError, err)", seconds, m[1], len(heard))
	}
	for _, e := range heard {
		if !strings.Contains(e.Error(), "create log file") {
			t.Errorf("the handler heard %v, want the roll's error (create log file)", e)
		}
	}
}
