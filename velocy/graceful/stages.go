package graceful

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// StopAccepting splits the graceful shutdown of srv into its two halves,
// as two stages that share one [http.Server.Shutdown] call:
//
//   - stop begins srv.Shutdown (with stop's context) and returns as soon as
//     srv's listeners are closed: from then on a new connection is refused,
//     while the requests in flight go on;
//   - drain waits for that Shutdown to return: every request in flight has
//     finished and every connection is closed. If the context ends first,
//     drain closes the connections still open (srv.Close) and returns an
//     error that wraps the context's.
//
// Shutdown does both halves in one call, so stop learns that the listeners
// are closed from a function it registers with srv.RegisterOnShutdown:
// Shutdown closes the listeners first and then starts those functions.
// Drain run without stop starts Shutdown itself. Running either stage a
// second time waits for the same Shutdown.
//
// Connections that were hijacked (websockets) are no longer srv's: drain
// neither waits for them nor closes them. Give them a stage of their own.
//
// The stages are named "stop accepting" and "drain", followed by srv.Addr
// in parentheses when it is set.
func StopAccepting(srv *http.Server) (stop, drain Stage) {
	s := &serverShutdown{srv: srv, closed: make(chan struct{}), done: make(chan struct{})}
	srv.RegisterOnShutdown(func() { s.closedOnce.Do(func() { close(s.closed) }) })
	suffix := ""
	if srv.Addr != "" {
		suffix = " (" + srv.Addr + ")"
	}
	return Stage{Name: "stop accepting" + suffix, Run: s.stop}, Stage{Name: "drain" + suffix, Run: s.drain}
}

// serverShutdown is the state stop and drain share.
type serverShutdown struct {
	srv        *http.Server
	start      sync.Once
	closedOnce sync.Once
	closed     chan struct{} // closed when srv's listeners are
	done       chan struct{} // closed when Shutdown returned, with err set
	err        error
}

// begin starts srv.Shutdown(ctx), once.
func (s *serverShutdown) begin(ctx context.Context) {
	s.start.Do(func() {
		go func() {
			s.err = s.srv.Shutdown(ctx)
			close(s.done)
		}()
	})
}

func (s *serverShutdown) stop(ctx context.Context) error {
	s.begin(ctx)
	select {
	case <-s.closed:
		return nil
	case <-s.done: // the hook has been started; it runs at once
		<-s.closed
		return nil
	case <-ctx.Done():
		return fmt.Errorf("listeners not closed: %w", ctx.Err())
	}
}

func (s *serverShutdown) drain(ctx context.Context) error {
	s.begin(ctx)
	select {
	case <-s.done:
		if s.err == nil {
			return nil
		}
	case <-ctx.Done():
	}
	// Shutdown gave up (its context ended) or this stage's context ended:
	// the requests still in flight are cut off.
	s.srv.Close()
	err := ctx.Err()
	if err == nil {
		<-s.done
		err = s.err
	}
	return fmt.Errorf("requests still in flight, connections closed: %w", err)
}

// Drainer is what [FailReadiness] needs: a *health.Health is one.
type Drainer interface{ SetDraining() }

// FailReadiness returns a stage named "fail readiness" that calls
// d.SetDraining(): readiness probes answer 503 from then on.
func FailReadiness(d Drainer) Stage {
	return Stage{Name: "fail readiness", Run: func(context.Context) error {
		d.SetDraining()
		return nil
	}}
}

// Delay returns a stage named "delay" that waits for d, or until its
// context ends (not an error: the deadline has come, and the next stages
// are due). It gives a load balancer time to see a failing readiness
// probe before the listeners close.
func Delay(d time.Duration) Stage {
	return Stage{Name: "delay", Run: func(ctx context.Context) error {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
		return nil
	}}
}

// ErrAbandoned is wrapped by the error of a [Closer] stage whose function
// had not returned when the context ended.
var ErrAbandoned = errors.New("still running at the deadline; left to finish in the background")

// Closer returns a stage that runs f, a close function without a context
// such as db.DB.Close, in a goroutine of its own and waits for it until
// the stage's context ends. If f has not returned by then, the stage
// returns an error wrapping [ErrAbandoned] and the context's error, and
// f goes on in the background for as long as the program lives, as
// logtar's Logger.CloseContext does: the deadline of the shutdown is kept,
// at the price of a close that may not finish. Leave the last stages room
// within Timeout.
func Closer(name string, f func() error) Stage {
	return Stage{Name: name, Run: func(ctx context.Context) error {
		done := make(chan error, 1) // buffered: a late close does not block
		go func() {
			defer func() {
				if v := recover(); v != nil {
					done <- fmt.Errorf("panic: %v", v)
				}
			}()
			done <- f()
		}()
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", ErrAbandoned, ctx.Err())
		}
	}}
}
