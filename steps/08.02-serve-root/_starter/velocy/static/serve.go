package static

import (
	"io/fs"
	"net/http"
	"os"
)

// Options configures a [Handler]. The zero value serves index.html for
// directories and hides dotfiles.
type Options struct {
	// Index is the file served for a directory; "" means "index.html". A
	// directory without one is 404: there are no listings.
	Index string
	// AllowDotfiles serves files and directories whose name starts with a
	// dot (.env, .git/config, .well-known/...), which are 404 otherwise.
	AllowDotfiles bool
}

// Handler serves the files of a directory, opened as an [os.Root], so
// that nothing outside it can be reached, not even through a symlink.
type Handler struct {
	root   *os.Root // the files served
	opened bool     // Dir opened root, and Close closes it
	opts   Options
}

// FS returns a Handler serving fsys.
func FS(fsys fs.FS, opts Options) *Handler {
	// TODO(08.02-any-fs): serve any fs.FS, such as an embed.FS.
	return nil
}

// Root returns a Handler serving the files under root. The caller keeps
// root open while the handler serves and closes it after.
func Root(root *os.Root, opts Options) *Handler {
	// TODO(08.02-serve-root): keep root and opts in a Handler.
	return nil
}

// Dir opens dir with [os.OpenRoot] and returns a Handler serving it;
// [Handler.Close] closes it.
func Dir(dir string, opts Options) (*Handler, error) {
	// TODO(08.02-serve-root): open dir as an os.Root.
	return nil, nil
}

// Close closes the directory that [Dir] opened. It does nothing for a
// Handler made by [Root].
func (h *Handler) Close() error {
	// TODO(08.02-serve-root): close the root if Dir opened it.
	return nil
}

// ServeHTTP serves the file the request's path names.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// TODO(08.02-serve-root): 405 for methods other than GET and HEAD;
	// resolve r.URL.EscapedPath(); open the file through the root; answer
	// 404 for anything but a regular file; send it.
}
