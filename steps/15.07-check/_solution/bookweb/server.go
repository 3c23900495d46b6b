package bookweb

import (
	"log/slog"
	"net/http"
)

// Options configures the web edition's pages.
type Options struct {
	// Logger receives the access log and the panics (step 15.03); nil means slog.Default().
	Logger *slog.Logger
}

// New returns the web edition of b with no services: the pages, the files and GET /me, and a
// check button that answers 503. It is Edition(b, opts, Services{}).
func New(b *Book, opts Options) http.Handler {
	return Edition(b, opts, Services{})
}
