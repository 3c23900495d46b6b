package graceful

import (
	"context"
	"errors"
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
	// TODO(12.11): make the channels, register a function with
	// srv.RegisterOnShutdown that closes s.closed (once), and add
	// " (" + srv.Addr + ")" to the names when srv.Addr is set.
	s := &serverShutdown{srv: srv}
	return Stage{Name: "stop accepting", Run: s.stop}, Stage{Name: "drain", Run: s.drain}
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
	// TODO(12.11): once (s.start), a goroutine that runs
	// s.srv.Shutdown(ctx), keeps its error in s.err and closes s.done.
}

func (s *serverShutdown) stop(ctx context.Context) error {
	// TODO(12.11): begin, then wait until the listeners are closed
	// (s.closed), or ctx ends (an error that wraps ctx.Err()).
	return nil
}

func (s *serverShutdown) drain(ctx context.Context) error {
	// TODO(12.11): begin, then wait for Shutdown to return (s.done). If
	// it failed, or ctx ended first, close what is left (s.srv.Close) and
	// return an error that wraps the context's (or Shutdown's) error.
	return nil
}

// Drainer is what [FailReadiness] needs: a *health.Health is one.
type Drainer interface{ SetDraining() }

// FailReadiness returns a stage named "fail readiness" that calls
// d.SetDraining(): readiness probes answer 503 from then on.
func FailReadiness(d Drainer) Stage {
	// TODO(12.11): a Run that calls d.SetDraining().
	return Stage{Name: "fail readiness", Run: func(context.Context) error { return nil }}
}

// Delay returns a stage named "delay" that waits for d, or until its
// context ends (not an error: the deadline has come, and the next stages
// are due). It gives a load balancer time to see a failing readiness
// probe before the listeners close.
func Delay(d time.Duration) Stage {
	// TODO(12.11): a Run that waits for a timer of d or the end of its
	// context, whichever comes first, and returns nil either way.
	return Stage{Name: "delay", Run: func(context.Context) error { return nil }}
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
	// TODO(12.11): a Run that calls f in a goroutine of its own (a panic
	// becomes an error) and returns its error, or, when the context ends
	// first, an error that wraps ErrAbandoned and the context's error.
	return Stage{Name: name, Run: func(context.Context) error { return nil }}
}
