package graceful

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Stage is one step of a shutdown. Run gets the sequence's context, whose
// deadline is the whole shutdown's; a Run that waits must give up when it
// ends, and return an error that says so.
type Stage struct {
	Name string
	Run  func(ctx context.Context) error
}

// Sequence is a shutdown: stages run one after the other under one
// deadline.
type Sequence struct {
	// Timeout bounds the whole sequence, all stages together. 0 or less:
	// no deadline but the context given to Run.
	Timeout time.Duration
	// Stages run in order.
	Stages []Stage
	// Logger, when not nil, gets one record per stage: Info when it
	// succeeded, Error when it failed, with its name and duration.
	Logger *slog.Logger
}

// StageError is the error of one stage, as [Sequence.Run] returns it.
type StageError struct {
	Stage string // the stage's Name
	Err   error
}

func (e *StageError) Error() string {
	return fmt.Sprintf("graceful: stage %q: %v", e.Stage, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

// Run runs the stages in order, each with a context that ends at the
// deadline (Timeout after Run began) or when ctx ends, whichever is first.
// Pass a context that is not the one that began the shutdown (that one is
// done already): context.Background(), or one that a second signal cancels
// to hurry things up.
//
// Every stage runs, even after an earlier one failed or the deadline
// passed: a stage that then finds its context done can give up at once,
// and the later stages, such as flushing the logs, still get their chance.
// A stage that panics counts as failed, and the sequence goes on; a stage
// whose Run is nil is skipped.
//
// Run returns nil if every stage succeeded, else the stages' errors joined
// (errors.Join), each a *[StageError] naming its stage.
func (s *Sequence) Run(ctx context.Context) error {
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	var errs []error
	for _, st := range s.Stages {
		if st.Run == nil {
			continue
		}
		start := time.Now()
		err := runStage(ctx, st)
		if err != nil {
			errs = append(errs, &StageError{Stage: st.Name, Err: err})
		}
		if s.Logger != nil {
			if err != nil {
				s.Logger.LogAttrs(ctx, slog.LevelError, "shutdown stage failed",
					slog.String("stage", st.Name), slog.Duration("duration", time.Since(start)), slog.Any("error", err))
			} else {
				s.Logger.LogAttrs(ctx, slog.LevelInfo, "shutdown stage done",
					slog.String("stage", st.Name), slog.Duration("duration", time.Since(start)))
			}
		}
	}
	return errors.Join(errs...)
}

// runStage runs st, turning a panic into an error.
func runStage(ctx context.Context, st Stage) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return st.Run(ctx)
}
