package bookweb

import (
	"log/slog"
	"net/http"

	"workspace/velocy"
)

// Options configures the web edition.
type Options struct {
	// Logger receives the access log and the panics (step 15.03); nil means slog.Default().
	Logger *slog.Logger
}

// New returns the web edition of b, on velocy: GET / and GET of every page's url show the page
// inside the layout; paths under assets/ and static/ serve the directory's files; anything else
// is 404, and velocy answers other methods with 405.
func New(b *Book, opts Options) http.Handler {
	r := velocy.New()
	// TODO(15.02): one route, GET /{path...}. An empty path is b.Index.Home. A page's url:
	// render it (into a buffer first, so a failure can still be a 500) as text/html. A file
	// under assets/ or static/ (not a folder): serve it from b.fsys. Anything else: 404.
	return r
}
