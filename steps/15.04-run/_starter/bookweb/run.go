package bookweb

import (
	"context"
	"errors"
	"io"
	"time"
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

// Run loads the book, builds the logger on logtar, listens on cfg.Addr and serves New until ctx
// is done, then shuts down gracefully. It returns nil after a clean shutdown; a book that does
// not load, or an address it cannot listen on, is an error before anything is served.
func Run(ctx context.Context, cfg Config) error {
	// TODO(15.04): Load(os.DirFS(cfg.Book)); logtar.New(logtar.NewConfig().WithWriter(...)),
	// closed when Run returns; net.Listen; cfg.Ready(the listener's address); then
	// velocy.Serve(ctx, ln, New(book, Options{Logger: slog.New(lt.Handler())})).
	return errors.New("bookweb: Run is not written yet")
}
