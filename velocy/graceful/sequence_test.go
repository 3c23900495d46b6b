package graceful

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// recorder records the stages that ran, in order.
type recorder struct {
	mu    sync.Mutex
	order []string
}

func (r *recorder) stage(name string, err error) Stage {
	return Stage{Name: name, Run: func(context.Context) error {
		r.mu.Lock()
		r.order = append(r.order, name)
		r.mu.Unlock()
		return err
	}}
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.order)
}

func TestSequenceOrder(t *testing.T) {
	var rec recorder
	errDB := errors.New("database: write failed")
	seq := &Sequence{Timeout: time.Minute, Stages: []Stage{
		rec.stage("stop accepting", nil),
		rec.stage("fail readiness", nil),
		rec.stage("drain", nil),
		rec.stage("websockets", nil),
		rec.stage("logs", nil),
		rec.stage("database", nil),
	}}
	if err := seq.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"stop accepting", "fail readiness", "drain", "websockets", "logs", "database"}
	if got := rec.got(); !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}

	// Failures and panics do not stop the sequence; the error names them.
	rec = recorder{}
	seq = &Sequence{Stages: []Stage{
		rec.stage("first", nil),
		rec.stage("fails", errDB),
		{Name: "panics", Run: func(context.Context) error { panic("boom") }},
		{Name: "nil run"},
		rec.stage("last", nil),
	}}
	err := seq.Run(context.Background())
	if got := rec.got(); !slices.Equal(got, []string{"first", "fails", "last"}) {
		t.Errorf("order %q", got)
	}
	if !errors.Is(err, errDB) {
		t.Errorf("error %v does not wrap the stage's error", err)
	}
	var se *StageError
	if !errors.As(err, &se) || se.Stage != "fails" {
		t.Errorf("error %v: first StageError %+v", err, se)
	}
	msg := err.Error()
	for _, s := range []string{`stage "fails": database: write failed`, `stage "panics": panic: boom`} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q lacks %q", msg, s)
		}
	}
	if strings.Contains(msg, "first") || strings.Contains(msg, "nil run") {
		t.Errorf("error %q names a stage that did not fail", msg)
	}
}

func TestSequenceEmpty(t *testing.T) {
	if err := (&Sequence{}).Run(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestSequenceDeadline: a stage that blocks gets a context that expires at
// the deadline; the later stages still run, with the expired context, and
// the error names the stage that ran out of time.
func TestSequenceDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var rec recorder
		var laterErr error
		start := time.Now()
		var stuckAt time.Duration
		seq := &Sequence{Timeout: 5 * time.Second, Stages: []Stage{
			rec.stage("stop accepting", nil),
			{Name: "drain", Run: func(ctx context.Context) error {
				time.Sleep(2 * time.Second) // part of the budget
				return nil
			}},
			{Name: "websockets", Run: func(ctx context.Context) error {
				<-ctx.Done() // a stage that waits for ever, but minds its context
				stuckAt = time.Since(start)
				return ctx.Err()
			}},
			{Name: "logs", Run: func(ctx context.Context) error {
				laterErr = ctx.Err()
				return nil
			}},
			rec.stage("database", nil),
		}}
		err := seq.Run(context.Background())
		if stuckAt != 5*time.Second {
			t.Errorf("the blocked stage's context ended after %v of fake time, want 5s (the whole sequence's Timeout)", stuckAt)
		}
		if !errors.Is(laterErr, context.DeadlineExceeded) {
			t.Errorf("a stage after the deadline got ctx.Err() = %v, want DeadlineExceeded", laterErr)
		}
		if got := rec.got(); !slices.Equal(got, []string{"stop accepting", "database"}) {
			t.Errorf("ran %q", got)
		}
		var se *StageError
		if !errors.As(err, &se) || se.Stage != "websockets" || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want the websockets stage's DeadlineExceeded", err)
		}
	})
}

func TestSequenceParentContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a second signal: hurry
	var got error
	seq := &Sequence{Timeout: time.Hour, Stages: []Stage{{Name: "x", Run: func(ctx context.Context) error {
		got = ctx.Err()
		return nil
	}}}}
	if err := seq.Run(ctx); err != nil {
		t.Error(err)
	}
	if !errors.Is(got, context.Canceled) {
		t.Errorf("stage saw %v, want the caller's cancellation", got)
	}
}

func TestSequenceLogs(t *testing.T) {
	var buf bytes.Buffer
	seq := &Sequence{
		Logger: slog.New(slog.NewTextHandler(&buf, nil)),
		Stages: []Stage{
			{Name: "ok", Run: func(context.Context) error { return nil }},
			{Name: "bad", Run: func(context.Context) error { return errors.New("nope") }},
		},
	}
	seq.Run(context.Background())
	out := buf.String()
	if !strings.Contains(out, `level=INFO msg="shutdown stage done" stage=ok`) ||
		!strings.Contains(out, `level=ERROR msg="shutdown stage failed" stage=bad`) || !strings.Contains(out, "nope") {
		t.Errorf("log:\n%s", out)
	}
}

func TestCloser(t *testing.T) {
	errClose := errors.New("close failed")
	if err := Closer("db", func() error { return errClose }).Run(context.Background()); err != errClose {
		t.Errorf("Closer error = %v", err)
	}
	st := Closer("db", func() error { return nil })
	if st.Name != "db" || st.Run(context.Background()) != nil {
		t.Errorf("Closer = %+v", st)
	}
	err := Closer("db", func() error { panic("boom") }).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "panic: boom") {
		t.Errorf("panicking close: %v", err)
	}
}

// TestCloserAbandons: a close that outlasts the deadline is left running,
// and the sequence ends on time.
func TestCloserAbandons(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		finished := make(chan struct{})
		seq := &Sequence{Timeout: 3 * time.Second, Stages: []Stage{
			Closer("database", func() error {
				defer close(finished)
				<-release
				return nil
			}),
		}}
		start := time.Now()
		err := seq.Run(context.Background())
		if time.Since(start) != 3*time.Second {
			t.Errorf("Run returned after %v of fake time, want 3s", time.Since(start))
		}
		if !errors.Is(err, ErrAbandoned) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), `"database"`) {
			t.Errorf("error %v", err)
		}
		close(release)
		<-finished // the close went on in the background
	})
}

func TestDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := Delay(2 * time.Second).Run(context.Background()); err != nil {
			t.Error(err)
		}
		if time.Since(start) != 2*time.Second {
			t.Errorf("Delay(2s) waited %v", time.Since(start))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start = time.Now()
		if err := Delay(time.Hour).Run(ctx); err != nil {
			t.Error(err)
		}
		if time.Since(start) != time.Second {
			t.Errorf("Delay cut short by a 1s context waited %v", time.Since(start))
		}
	})
}

type drainFlag struct{ set bool }

func (d *drainFlag) SetDraining() { d.set = true }

func TestFailReadiness(t *testing.T) {
	var d drainFlag
	st := FailReadiness(&d)
	if st.Name != "fail readiness" || st.Run(context.Background()) != nil || !d.set {
		t.Errorf("stage %q, set %v", st.Name, d.set)
	}
}
