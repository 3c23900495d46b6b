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
// directories, hides dotfiles, uses [DefaultCacheRules] and looks for
// precompressed siblings in [DefaultEncodings].
type Options struct {
	// Index is the file served for a directory; "" means "index.html". A
	// directory without one is 404: there are no listings.
	Index string
	// AllowDotfiles serves files and directories whose name starts with a
	// dot (.env, .git/config, .well-known/...), which are 404 otherwise.
	AllowDotfiles bool
	// CacheRules give the Cache-Control header, first match wins; nil
	// means DefaultCacheRules, an empty slice no Cache-Control at all.
	CacheRules []CacheRule
	// Encodings are the content codings whose precompressed siblings
	// (name.br, name.gz, name.zst for "br", "gzip", "zstd") are served to
	// clients that accept them, in order of preference; nil means
	// DefaultEncodings, an empty slice none.
	Encodings []string
}

// Handler serves files from a file system: an [os.Root] (see [Root] and
// [Dir]), so that nothing outside the directory can be reached, not even
// through a symlink, or any [fs.FS], such as an embed.FS (see [FS]).
//
// It takes the file's path from the request's escaped path
// (r.URL.EscapedPath()), so it is mounted under a prefix with
// [http.StripPrefix] or velocy's Router.Mount, which cut the prefix from
// both Path and RawPath. What it answers:
//
//   - GET and HEAD of a regular file: the file, through
//     [http.ServeContent], which handles Range (single, suffix and
//     multiple ranges), If-Range, If-Match, If-None-Match,
//     If-Modified-Since and If-Unmodified-Since (206, 304, 412, 416),
//     with a strong ETag (see etag.go), Last-Modified when the file has a
//     time, Cache-Control from the rules, and a precompressed sibling
//     when the client accepts its encoding;
//   - a directory: its index file if the path ends with a slash;
//     otherwise 301 to the same path with a slash, as a relative
//     Location ("./docs/") that keeps any mount prefix and cannot point
//     to another host;
//   - a path that is malformed or tries to climb out (see resolve.go):
//     400; a hidden (dot) file, a missing file, a file that cannot be
//     opened, a symlink that leads out of an os.Root, a file with a
//     trailing slash, anything but a regular file: 404;
//   - another method: 405 with "Allow: GET, HEAD".
//
// Symlinks inside an os.Root that lead to files inside it are followed,
// as [os.Root] does; a symlink out of it is 404.
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
	if opts.CacheRules == nil {
		opts.CacheRules = DefaultCacheRules
	}
	if opts.Encodings == nil {
		opts.Encodings = DefaultEncodings
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

// serveFile answers with the file f, named name, whose info is fi, or with
// one of its precompressed siblings.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string, f fs.File, fi fs.FileInfo) {
	hdr := w.Header()
	if cc := cacheControl(h.opts.CacheRules, name); cc != "" {
		hdr.Set("Cache-Control", cc)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype != "" {
		hdr.Set("Content-Type", ctype)
	}
	if len(h.opts.Encodings) > 0 && ctype != "" {
		// A file whose type would be sniffed from its content is never
		// served encoded: the compressed bytes would be sniffed instead.
		addVary(hdr, "Accept-Encoding")
		if h.serveEncoded(w, r, name) {
			return
		}
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

// serveEncoded serves the precompressed sibling of name in the encoding
// the client prefers, and reports whether there was one to serve.
func (h *Handler) serveEncoded(w http.ResponseWriter, r *http.Request, name string) bool {
	accept := r.Header.Values("Accept-Encoding")
	if len(accept) == 0 {
		return false
	}
	enc := chooseEncoding(accept, h.opts.Encodings)
	if enc == "" || suffix(enc) == "" {
		return false
	}
	f, fi, ok := h.open(name + suffix(enc))
	if !ok {
		return false
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok || !fi.Mode().IsRegular() {
		return false
	}
	tag, err := h.etag(name+suffix(enc), rs, fi)
	if err != nil {
		return false
	}
	hdr := w.Header()
	hdr.Set("ETag", variantTag(tag, enc))
	hdr.Set("Content-Encoding", enc)
	http.ServeContent(&lengthWriter{w, fi.Size()}, r, name, fi.ModTime(), sized(rs, fi))
	return true
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
