package bookweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"workspace/logtar"
	"workspace/velocy"
	"workspace/velocy/graceful"
	"workspace/velocy/health"
	"workspace/velocy/ws"
)

// Config is how the program runs. Main (step 15.12) fills it from the command line.
type Config struct {
	Book string    // the book directory (learn export book DIR)
	Addr string    // the address to listen on: "127.0.0.1:8080", or port 0 for any
	Log  io.Writer // where logtar writes the log; nil means os.Stderr
	// Ready, when set, is called with the address Run listens on, once it does.
	Ready func(addr string)
	// Data is the folder of the progress database (step 15.11); "" means progress is not kept.
	Data string
	// Learn is the check command without the step, as learn --dir WORKSPACE check (step 15.11);
	// empty means the check button answers 503.
	Learn []string
	// CheckTimeout bounds one check (step 15.11); zero means two minutes.
	CheckTimeout time.Duration
	// ShutdownTimeout bounds the graceful shutdown (step 15.11); zero means 20 seconds.
	ShutdownTimeout time.Duration
}

// Run loads the book, opens the progress database, builds the logger on logtar, listens on
// cfg.Addr and serves Edition until ctx is done; then it shuts down in the order of stages. It
// returns nil after a clean shutdown; anything that can fail before serving (the book, the
// database, the address) is an error before anything is served.
func Run(ctx context.Context, cfg Config) error {
	b, err := Load(os.DirFS(cfg.Book))
	if err != nil {
		return err
	}
	w := cfg.Log
	if w == nil {
		w = os.Stderr
	}
	lt, err := logtar.New(logtar.NewConfig().WithWriter(w))
	if err != nil {
		return fmt.Errorf("bookweb: the log: %w", err)
	}
	defer lt.Close() // a second Close, after the shutdown's, does nothing
	logger := slog.New(lt.Handler())
	svc := Services{Hub: ws.NewHub(ws.HubOptions{}), Health: health.New()}
	if cfg.Data != "" {
		if svc.Progress, err = OpenProgress(cfg.Data); err != nil {
			return err
		}
		defer svc.Progress.Close() // on the early returns below; a second Close does nothing
	}
	checkTimeout := orDefault(cfg.CheckTimeout, 2*time.Minute)
	if len(cfg.Learn) > 0 {
		svc.Check = CommandChecker(cfg.Learn, checkTimeout)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("bookweb: %w", err)
	}
	srv := velocy.NewServer(ln.Addr().String(), Edition(b, Options{Logger: logger}, svc))
	srv.WriteTimeout = checkTimeout + 10*time.Second // a check answers late
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	select {
	case err := <-served: // the listener failed
		return fmt.Errorf("bookweb: %w", err)
	case <-ctx.Done():
	}
	seq := &graceful.Sequence{Timeout: orDefault(cfg.ShutdownTimeout, 20*time.Second), Logger: logger,
		Stages: stages(srv, svc, lt)}
	err = seq.Run(context.Background())
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}

// orDefault returns d, or def when d is zero.
func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}
