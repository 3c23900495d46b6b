package static

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// A file server maps a URL path to a file name. Every traversal bug in
// the history of file servers is a mapping that let a request name a file
// it should not: "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc",
// "/..\\etc" on Windows. resolve refuses all of them before anything
// touches the disk, and os.Root (serve.go) refuses whatever a symlink
// might still reach: two walls, each sufficient for what it guards.
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
// after any prefix is stripped), to a file name. Its rules:
//
//   - A segment that is not valid percent-encoding is 400.
//   - A decoded segment that holds a slash ("%2F"), a backslash, NUL or any
//     other control character, or that is not valid UTF-8, is 400: no
//     honest client sends one, and each is a way to smuggle a separator
//     past a check of the path string.
//   - A segment that is "." or ".." (also once decoded: "%2e%2e") is 400:
//     clients remove them before sending (RFC 3986, 5.2.4), so only
//     someone trying to climb out sends one.
//   - An empty segment inside the path ("a//b", and "//etc" which reads as
//     an absolute path) is 400.
//   - A segment starting with a dot (".git", ".env", "..foo") is a hidden
//     file: 404 unless allowDot, as if it did not exist.
//
// A trailing slash asks for a directory and sets dir.
func resolve(escaped string, allowDot bool) resolved {
	p := strings.TrimPrefix(escaped, "/")
	if p == "" {
		return resolved{name: ".", dir: true}
	}
	var res resolved
	if strings.HasSuffix(p, "/") {
		res.dir = true
		p = p[:len(p)-1]
	}
	// Without a '%', every segment is its own decoding and the name is p
	// itself: no copy to make.
	plain := !strings.Contains(p, "%")
	var b strings.Builder
	hidden := false
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" {
			return bad("empty path segment")
		}
		name := seg
		if !plain {
			var err error
			if name, err = url.PathUnescape(seg); err != nil {
				return bad("malformed percent-encoding")
			}
		}
		if why := badSegment(name); why != "" {
			return bad(why)
		}
		if name[0] == '.' {
			hidden = true
		}
		if !plain {
			if b.Len() > 0 {
				b.WriteByte('/')
			}
			b.WriteString(name)
		}
		res.last = seg
	}
	if hidden && !allowDot {
		return resolved{status: http.StatusNotFound, problem: "404 page not found"} // as for a missing file
	}
	res.name = p
	if !plain {
		res.name = b.String()
	}
	return res
}

// badSegment says what is wrong with a decoded path segment, or "".
func badSegment(name string) string {
	if name == "." || name == ".." {
		return "dot segment in path"
	}
	if !utf8.ValidString(name) {
		return "path is not UTF-8"
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '/':
			return "encoded slash in path segment"
		case c == '\\':
			return "backslash in path"
		case c < 0x20 || c == 0x7f:
			return "control character in path"
		}
	}
	return ""
}

func bad(why string) resolved {
	return resolved{status: http.StatusBadRequest, problem: why}
}
