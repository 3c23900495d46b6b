package graceful

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// opsLog records which stages ran, in order, and whether each found its
// context done.
type opsLog struct {
	mu    sync.Mutex
	names []string
	done  []bool
}

func (l *opsLog) add(name string, ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = append(l.names, name)
	l.done = append(l.done, ctx.Err() != nil)
}

// opsRun runs seq and returns its error, or fails the test if Run has not
// returned after limit of the bubble's fake time.
func opsRun(t *testing.T, seq *Sequence, ctx context.Context, limit time.Duration) (error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	start := time.Now()
	go func() { errc <- seq.Run(ctx) }()
	select {
	case err := <-errc:
		return err, time.Since(start)
	case <-time.After(limit):
		cancel() // let the stages that wait for their context end
		<-errc
		t.Fatalf("Sequence.Run has not returned after %v (Timeout %v): a stage that waits for its context must be given one that ends at the deadline", limit, seq.Timeout)
		return nil, 0
	}
}

// opsStageErrors returns the *StageError values err joins, in order.
func opsStageErrors(t *testing.T, err error) []*StageError {
	t.Helper()
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	var out []*StageError
	for _, e := range errs {
		var se *StageError
		if !errors.As(e, &se) {
			t.Fatalf("Run returned %v among its errors, want each a *StageError naming its stage", e)
		}
		out = append(out, se)
	}
	return out
}

func TestOpsSequenceOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log opsLog
		var want []string
		var stages []Stage
		for i := range 3 + rand.IntN(6) {
			name := fmt.Sprintf("stage-%d-%x", i, rand.Uint32())
			want = append(want, name)
			stages = append(stages, Stage{Name: name, Run: func(ctx context.Context) error {
				log.add(name, ctx)
				return nil
			}})
		}
		seq := &Sequence{Timeout: time.Duration(1+rand.IntN(30)) * time.Second, Stages: stages}
		err, _ := opsRun(t, seq, context.Background(), time.Hour)
		if err != nil {
			t.Fatalf("Run with stages that all succeed = %v, want nil", err)
		}
		if !slices.Equal(log.names, want) {
			t.Fatalf("Run ran %q, want %q: every stage, in order", log.names, want)
		}
	})
}

func TestOpsSequenceEveryStageRuns(t *testing.T) {
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			var log opsLog
			var names, failing []string
			causes := map[string]error{}
			var stages []Stage
			for i := range 3 + rand.IntN(6) {
				name := fmt.Sprintf("s%d", i)
				names = append(names, name)
				kind := rand.IntN(4)
				if i == 0 {
					kind = 1 // the first stage always fails
				}
				var run func(context.Context) error
				switch kind {
				case 0, 3:
					run = func(ctx context.Context) error { log.add(name, ctx); return nil }
				case 1:
					cause := fmt.Errorf("cause %d", rand.IntN(1000))
					causes[name] = cause
					failing = append(failing, name)
					run = func(ctx context.Context) error { log.add(name, ctx); return cause }
				case 2:
					failing = append(failing, name)
					run = func(ctx context.Context) error { log.add(name, ctx); panic("boom in " + name) }
				}
				stages = append(stages, Stage{Name: name, Run: run})
			}
			if rand.IntN(2) == 0 {
				i := rand.IntN(len(stages) + 1)
				stages = slices.Insert(stages, i, Stage{Name: "nil run"})
			}
			err, _ := opsRun(t, &Sequence{Timeout: time.Minute, Stages: stages}, context.Background(), time.Hour)
			if !slices.Equal(log.names, names) {
				t.Fatalf("Run ran %q, want %q: every stage runs, even after one failed or panicked, and a stage whose Run is nil is skipped", log.names, names)
			}
			ses := opsStageErrors(t, err)
			var got []string
			for _, se := range ses {
				got = append(got, se.Stage)
				if cause := causes[se.Stage]; cause != nil && !errors.Is(se, cause) {
					t.Fatalf("the StageError of %s = %v, want it to wrap the stage's own error %v", se.Stage, se, cause)
				}
			}
			if !slices.Equal(got, failing) {
				t.Fatalf("Run's error names the stages %q, want %q: join one *StageError per failed stage, in order (a panic is a failure)", got, failing)
			}
		})
	}
}

func TestOpsSequenceDeadline(t *testing.T) {
	for range 10 {
		synctest.Test(t, func(t *testing.T) {
			var log opsLog
			timeout := time.Duration(1+rand.IntN(60)) * time.Second
			n := 3 + rand.IntN(4)
			stuck := rand.IntN(n - 1) // a stage before the last waits for its context
			var stages []Stage
			var deadlines []time.Time
			start := time.Now()
			for i := range n {
				name := fmt.Sprintf("s%d", i)
				stages = append(stages, Stage{Name: name, Run: func(ctx context.Context) error {
					d, _ := ctx.Deadline()
					deadlines = append(deadlines, d)
					if i == stuck {
						<-ctx.Done()
						log.add(name, ctx)
						return ctx.Err()
					}
					log.add(name, ctx)
					return nil
				}})
			}
			err, elapsed := opsRun(t, &Sequence{Timeout: timeout, Stages: stages}, context.Background(), 10*timeout)
			if elapsed != timeout {
				t.Fatalf("Run with Timeout %v and a stage that waits for its context took %v, want %v: one deadline for the whole sequence", timeout, elapsed, timeout)
			}
			for i, d := range deadlines {
				if !d.Equal(start.Add(timeout)) {
					t.Fatalf("stage s%d ran with deadline %v after the start, want %v: every stage shares the sequence's one deadline", i, d.Sub(start), timeout)
				}
			}
			if len(log.names) != n {
				t.Fatalf("Run ran %q, want all %d stages: the stages after the deadline still run (with a context that is done)", log.names, n)
			}
			for i := stuck + 1; i < n; i++ {
				if !log.done[i] {
					t.Fatalf("stage s%d, after the deadline, ran with a context that is not done: give every stage the same context", i)
				}
			}
			ses := opsStageErrors(t, err)
			if len(ses) != 1 || ses[0].Stage != fmt.Sprintf("s%d", stuck) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Run = %v, want one StageError for s%d wrapping context.DeadlineExceeded", err, stuck)
			}
		})
	}
}

// opsRecords keeps each record's level and stage attribute.
type opsRecords struct {
	mu   sync.Mutex
	recs []string
}

func (o *opsRecords) Enabled(context.Context, slog.Level) bool { return true }
func (o *opsRecords) WithAttrs([]slog.Attr) slog.Handler       { return o }
func (o *opsRecords) WithGroup(string) slog.Handler            { return o }
func (o *opsRecords) Handle(_ context.Context, r slog.Record) error {
	stage := ""
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "stage" {
			stage = a.Value.String()
		}
		return true
	})
	o.mu.Lock()
	o.recs = append(o.recs, r.Level.String()+" "+stage)
	o.mu.Unlock()
	return nil
}

func TestOpsSequenceLogs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var recs opsRecords
		var stages []Stage
		var want []string
		for i := range 2 + rand.IntN(4) {
			name := fmt.Sprintf("s%d", i)
			fail := rand.IntN(2) == 0
			level := "INFO"
			if fail {
				level = "ERROR"
			}
			want = append(want, level+" "+name)
			stages = append(stages, Stage{Name: name, Run: func(context.Context) error {
				if fail {
					return errors.New("no")
				}
				return nil
			}})
		}
		opsRun(t, &Sequence{Stages: stages, Logger: slog.New(&recs)}, context.Background(), time.Hour)
		if !slices.Equal(recs.recs, want) {
			t.Fatalf("Run with a Logger logged %q, want %q: one record per stage, Info when it succeeded and Error when it failed, with its name as \"stage\"", recs.recs, want)
		}
	})
}
