package stdio

import "io"

// PrefixWriter is an io.Writer that passes everything on to W with Prefix in
// front of every line, the way a build tool labels the output of each of its
// jobs ("[api] ", "[db] ") or a report indents a quoted block. A line starts
// with the first byte ever written and after every '\n'. The prefix goes out
// together with the first byte of its line, never earlier, so output that
// ends with a newline ends there, without a prefix dangling after it.
//
// N counts the bytes W has accepted, prefixes included: how much the
// destination has grown. Write's own result counts bytes of p, as the
// io.Writer contract requires, so the two differ as soon as there is a
// prefix.
//
// The zero value with W set passes bytes through unchanged and counts them.
// A PrefixWriter is not safe for use by several goroutines at once.
type PrefixWriter struct {
	W      io.Writer // where the bytes go
	Prefix string    // written before the first byte of every line
	N      int64     // bytes W has accepted so far, prefixes included

	// TODO(02.04): a line can start in one call to Write and end in the
	// next. Add a field that remembers where the last call stopped, chosen
	// so that the zero value means "at the start of a line".
}

// Write passes p on to W, line by line, with Prefix before every line that
// starts in p. It returns how many bytes of p W accepted and, if that is
// fewer than len(p), W's error unchanged (or io.ErrShortWrite when W
// reported none). A line is only ever prefixed once, even when it arrives
// over several calls.
func (w *PrefixWriter) Write(p []byte) (int, error) {
	// TODO(02.04): cut p after each '\n'. Before a piece that starts a line,
	// write Prefix to W. Add every byte W accepts to N, and return how many
	// bytes of p got through, with W's error.
	return 0, nil
}
