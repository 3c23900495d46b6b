package stdio

import (
	"bytes"
	"io"
)

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

	midLine bool // the last byte passed on was not '\n': the next byte continues its line
}

// Write passes p on to W, line by line, with Prefix before every line that
// starts in p. It returns how many bytes of p W accepted and, if that is
// fewer than len(p), W's error unchanged (or io.ErrShortWrite when W
// reported none). A line is only ever prefixed once, even when it arrives
// over several calls.
func (w *PrefixWriter) Write(p []byte) (int, error) {
	written := 0 // bytes of p that W has accepted
	for written < len(p) {
		if !w.midLine && w.Prefix != "" {
			n, err := io.WriteString(w.W, w.Prefix)
			w.N += int64(n)
			if err == nil && n < len(w.Prefix) {
				err = io.ErrShortWrite
			}
			if err != nil {
				return written, err // none of p went out with a partial prefix
			}
		}
		w.midLine = true
		line := p[written:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1] // up to and including the newline
		}
		n, err := w.W.Write(line)
		w.N += int64(n)
		written += n
		if err == nil && n < len(line) {
			err = io.ErrShortWrite
		}
		if err != nil {
			return written, err
		}
		w.midLine = line[len(line)-1] != '\n'
	}
	return written, nil
}
