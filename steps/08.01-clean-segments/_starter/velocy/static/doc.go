// Package static serves files over HTTP in a way that cannot be escaped:
// the files come from an [os.Root] (or any [fs.FS], such as an embed.FS),
// and the URL path is checked segment by segment before it names a file.
//
// Chapter 8 of learn-go-hard-way builds this package. A typical use, under
// a prefix:
//
//	h, err := static.Dir("public", static.Options{})
//	if err != nil {
//		return err
//	}
//	defer h.Close()
//	mux.Handle("/static/", http.StripPrefix("/static", h))
//
// The pieces, one file each:
//
//   - resolve.go: the URL path to a file name, refusing every traversal
//     trick ("..", "%2e%2e", "..%2f", "..\", NUL, "//") with 400 and
//     hiding dotfiles with 404;
//   - serve.go: [Handler], which opens the file, redirects directories to
//     their slash, serves index files, and answers through
//     [http.ServeContent] (ranges, conditional requests, HEAD);
//   - sized.go: the file handed to ServeContent answers its two seeks for
//     the size from Stat, without system calls, and keeps sendfile;
//   - etag.go: a strong ETag without reading the file (size and time), or a
//     content hash for an embed.FS, which has no times;
//   - cachecontrol.go: Cache-Control by [CacheRule], with [Fingerprinted]
//     names immutable and HTML revalidated;
//   - precompressed.go: app.js.br and app.js.gz served to clients that
//     accept them, with the original Content-Type and Vary: Accept-Encoding.
//
// A file from an os.Root is an *os.File, and http.ServeContent copies it
// (through sized.go's wrapper, which keeps the file's SyscallConn) with
// io.Copy into the response writer's ReadFrom, so net/http sends it with
// sendfile(2), also through velocy/middleware's ResponseWriter, which
// keeps ReadFrom.
package static
