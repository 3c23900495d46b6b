package graceful_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/graceful"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/health"
)

// The issue's order, on a real server. In a program, Run follows
// <-ctx.Done() of a context from velocy.SignalContext; the websockets,
// logs and database stages would be hub.Shutdown, logger.CloseContext and
// db.Close.
func Example() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go srv.Serve(ln)
	probes := health.New()

	// Times and durations change from run to run: leave them out.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	}))
	stop, drain := graceful.StopAccepting(srv)
	seq := &graceful.Sequence{
		Timeout: 10 * time.Second,
		Logger:  logger,
		Stages: []graceful.Stage{
			stop,
			graceful.FailReadiness(probes),
			drain,
			{Name: "websockets", Run: func(ctx context.Context) error { return nil }},
			graceful.Closer("logs", func() error { return nil }),
			graceful.Closer("database", func() error { return fmt.Errorf("disk full") }),
		},
	}
	err = seq.Run(context.Background())
	fmt.Println("draining:", probes.Draining())
	fmt.Println(err)
	// Output:
	// level=INFO msg="shutdown stage done" stage="stop accepting"
	// level=INFO msg="shutdown stage done" stage="fail readiness"
	// level=INFO msg="shutdown stage done" stage=drain
	// level=INFO msg="shutdown stage done" stage=websockets
	// level=INFO msg="shutdown stage done" stage=logs
	// level=ERROR msg="shutdown stage failed" stage=database error="disk full"
	// draining: true
	// graceful: stage "database": disk full
}
