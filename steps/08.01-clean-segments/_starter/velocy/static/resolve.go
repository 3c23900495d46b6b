package static

// A file server maps a URL path to a file name. Every traversal bug in
// the history of file servers is a mapping that let a request name a file
// it should not: "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc",
// "/..\\etc" on Windows. resolve refuses all of them before anything
// touches the disk.
//
// resolve works on the escaped path, as the client sent it, one segment at
// a time, and decodes each segment by itself. Decoding the whole path first
// would turn "..%2f" into "../" and lose where the client's slashes were.

// resolved is the outcome of resolve: a file name for an fs.FS, or the
// status to answer with.
type resolved struct {
	name    string // "a/b/c.txt", "." for the root; valid for fs.ValidPath
	dir     bool   // the path ended with a slash
	last    string // the last non-empty segment, still escaped (for redirects)
	status  int    // 0, or the status to answer with
	problem string // why the status, in words safe to show the client
}

// resolve maps escaped, the escaped path of a request (r.URL.EscapedPath()
// after any prefix is stripped), to a file name.
func resolve(escaped string, allowDot bool) resolved {
	// TODO(08.01-clean-segments): split escaped at "/", decode each segment
	// with url.PathUnescape, answer 400 for every segment no honest client
	// sends, and join the decoded segments into name.
	return resolved{}
}
