package static

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"sync"
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

// Handler serves files from a file system: an [os.Root] (see [Root] and
// [Dir]), so that nothing outside the directory can be reached, not even
// through a symlink, or any [fs.FS], such as an embed.FS (see [FS]).
type Handler struct {
	fsys   fs.FS
	root   *os.Root // to close, when Dir opened it
	opts   Options
	hashes sync.Map // content ETags of files without a modification time
}

// FS returns a Handler serving fsys. Its files must implement
// [io.Seeker] (those of embed.FS, os.DirFS and os.Root.FS do); one that
// does not is answered 500.
func FS(fsys fs.FS, opts Options) *Handler {
	if opts.Index == "" {
		opts.Index = "index.html"
	}
	return &Handler{fsys: fsys, opts: opts}
}

// Root returns a Handler serving the files under root. The caller keeps
// root open while the handler serves and closes it after.
func Root(root *os.Root, opts Options) *Handler {
	return FS(root.FS(), opts)
}

// Dir opens dir with [os.OpenRoot] and returns a Handler serving it;
// [Handler.Close] closes it.
func Dir(dir string, opts Options) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	h := Root(root, opts)
	h.root = root
	return h, nil
}

// Close closes the directory that [Dir] opened. It does nothing for a
// Handler made by [FS] or [Root].
func (h *Handler) Close() error {
	if h.root == nil {
		return nil
	}
	return h.root.Close()
}

// ServeHTTP serves the file the request's path names.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	res := resolve(r.URL.EscapedPath(), h.opts.AllowDotfiles)
	if res.status != 0 {
		http.Error(w, res.problem, res.status)
		return
	}
	f, fi, ok := h.open(res.name)
	if !ok {
		notFound(w)
		return
	}
	name := res.name
	if fi.IsDir() {
		f.Close()
		if !res.dir && name != "." {
			redirect(w, r, "./"+res.last+"/")
			return
		}
		name = path.Join(name, h.opts.Index)
		if f, fi, ok = h.open(name); !ok {
			notFound(w)
			return
		}
	} else if res.dir {
		f.Close()
		notFound(w) // "file.txt/"
		return
	}
	defer f.Close()
	if !fi.Mode().IsRegular() {
		notFound(w)
		return
	}
	h.serveFile(w, r, name, f, fi)
}

// open opens name and stats it; false means 404.
func (h *Handler) open(name string) (fs.File, fs.FileInfo, bool) {
	f, err := h.fsys.Open(name)
	if err != nil {
		// Missing, not allowed, escaping the root, "file.txt/x" (not a
		// directory): the client learns only that there is nothing here.
		return nil, nil, false
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, false
	}
	return f, fi, true
}

// serveFile answers with the file f, named name, whose info is fi.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string, f fs.File, fi fs.FileInfo) {
	hdr := w.Header()
	if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
		hdr.Set("Content-Type", ctype)
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	tag, err := h.etag(name, rs, fi)
	if err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	hdr.Set("ETag", tag)
	http.ServeContent(w, r, name, fi.ModTime(), sized(rs, fi))
}

func notFound(w http.ResponseWriter) {
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// redirect answers 301 with a Location relative to the request's own URL,
// keeping its query. The Location is built from the client's escaped last
// segment behind "./", so it can never read as "//host" or "scheme:".
func redirect(w http.ResponseWriter, r *http.Request, loc string) {
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusMovedPermanently)
}
