package logtar

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stampStepClock returns a clock that moves step forward on every call and
// then yields, so that a goroutine is often descheduled between reading the
// clock and writing: the window in which the records of two goroutines can
// swap places.
func stampStepClock(start time.Time, step time.Duration) func() time.Time {
	var calls atomic.Int64
	return func() time.Time {
		now := start.Add(time.Duration(calls.Add(1)) * step)
		runtime.Gosched()
		return now
	}
}

func TestStampUnderLockSlot(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	levels := []Level{LevelDebug, LevelInfo, LevelWarn + 1, LevelError, LevelCritical}
	for range 20 {
		level := levels[rng.IntN(len(levels))]
		msg := fmt.Sprintf("m%d \"q\"\n", rng.IntN(1000))
		at := time.Date(rng.IntN(10000), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
			rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		switch rng.IntN(8) {
		case 0:
			at = time.Time{} // no time at all, as slog wants for a zero time
		case 1:
			at = at.AddDate(20000, 0, 0) // a year that does not fit 4 digits
		}
		slot := appendSlotHeader(nil, level, msg)
		if !strings.HasPrefix(string(slot), timeSlot) {
			t.Fatalf("appendSlotHeader(%v, %q) = %q, want it to begin with timeSlot, %q", level, msg, slot, timeSlot)
		}
		got := string(stamp(append(slot, `,"k":1}`...), at))
		want := string(appendHeader(nil, at, level, msg)) + `,"k":1}`
		if got != want {
			t.Fatalf("stamp(appendSlotHeader(%v, %q) + fields, %s) =\n%s\nwant what appendHeader writes for that time:\n%s", level, msg, at.Format(time.RFC3339Nano), got, want)
		}
	}
	noSlot := appendHeader(nil, time.Time{}, LevelInfo, "no time")
	if got := stamp(noSlot, time.Now()); string(got) != string(noSlot) {
		t.Errorf("stamp(%q) = %q, want a record without a slot left as it is", noSlot, got)
	}
}

func TestStampUnderLockInOrder(t *testing.T) {
	for _, async := range []bool{false, true} {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithAsync(async).
			WithClock(stampStepClock(logFilesStepClock(), time.Millisecond)))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := range 200 {
					l.Info("r", "g", g, "i", i)
				}
			})
		}
		wg.Wait()
		l.Close()
		prev := ""
		for n, r := range loggerStepRecords(t, buf.String()) {
			at, _ := r["time"].(string)
			if at <= prev {
				t.Fatalf("async %v: 8 goroutines logging on a clock that ticks 1 ms per call: record %d is stamped %s after one stamped %s: read the time in emit, under the lock, and stamp it into the record's slot",
					async, n, at, prev)
			}
			prev = at
		}
	}
}

func TestStampUnderLockFilesHoldTheirHour(t *testing.T) {
	// Two goroutines meet at an hourly roll, on a clock the check drives:
	// A reads the time a moment before the hour and, still inside the
	// clock, lets B log a record after the hour and waits for B to finish.
	// If A read the time before it held the lock, B rolls the file and A's
	// earlier time lands in the next hour's file. If A reads it under the
	// lock, B cannot get in: A's wait runs out, A writes first, and each
	// record goes into its own hour's file.
	dir := t.TempDir()
	hour := time.Date(2024, 5, 6, 9+rand.IntN(8), 0, 0, 0, time.UTC).Add(time.Hour)
	before := hour.Add(-time.Duration(1+rand.IntN(59)) * time.Second)
	after := hour.Add(time.Duration(1+rand.IntN(59)) * time.Second)
	var armed, passed atomic.Bool
	bStart, bDone := make(chan struct{}), make(chan struct{})
	clock := func() time.Time {
		switch {
		case armed.CompareAndSwap(true, false): // A's record
			close(bStart)
			select {
			case <-bDone:
			case <-time.After(500 * time.Millisecond):
			}
			passed.Store(true)
			return before
		case passed.Load():
			return after
		}
		return before.Add(-time.Minute)
	}
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(0).WithRollingInterval(time.Hour).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("early")
	go func() {
		defer close(bDone)
		<-bStart
		l.Info("B")
	}()
	armed.Store(true)
	l.Info("A")
	<-bDone
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	names, contents := rollSizeFiles(t, dir)
	for i, name := range names {
		opened, err := time.Parse("logtar_"+stampLayout+".log", name)
		if err != nil {
			t.Fatalf("file %q: %v", name, err)
		}
		start := opened.Truncate(time.Hour)
		for _, r := range loggerStepRecords(t, contents[i]) {
			at, _ := time.Parse(time.RFC3339, r["time"].(string))
			if at.Before(start) || !at.Before(start.Add(time.Hour)) {
				t.Fatalf("rolling hourly: %s holds record %v stamped %s, outside %s to %s: a record whose time was read before it waited for the lock went into the next hour's file; read the time in emit, under the lock",
					filepath.Base(name), r["msg"], r["time"], start.Format("15:04"), start.Add(time.Hour).Format("15:04"))
			}
		}
	}
	if len(names) != 2 {
		t.Errorf("records stamped %s and %s, rolling hourly: %d files, want 2", before.Format("15:04:05"), after.Format("15:04:05"), len(names))
	}
}

func TestStampUnderLockEmitReadsTheClock(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, rand.IntN(1000)*1e6, time.UTC)
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	// Written this way so that this check compiles before the step too,
	// when emit still takes a time.
	emit, ok := any(l.emit).(func(*buffer))
	if !ok {
		t.Fatalf("emit is a %T, want a func(*buffer): emit reads the time itself now, under the lock, so it takes only the record", any(l.emit))
	}
	b := newBuffer()
	*b = appendSlotHeader(*b, LevelWarn, "slot")
	*b = append(*b, "}\n"...)
	emit(b)
	l.Close()
	want := string(appendHeader(nil, at, LevelWarn, "slot")) + "}\n"
	if got := buf.String(); got != want {
		t.Errorf("emit(a record with a time slot) with the clock at %s wrote %q, want %q", at.Format(time.RFC3339Nano), got, want)
	}
}
