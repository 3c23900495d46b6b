package files

import (
	"io"
	"iter"
)

// Lines returns an iterator over the lines of r, without their line endings,
// for use in a range loop:
//
//	for line, err := range files.Lines(f) {
//		if err != nil {
//			return err
//		}
//		// use line
//	}
//
// Lines reads r only as far as the loop goes: breaking out early stops the
// reading. A read error (or a line longer than 1 MiB) is yielded once, with an
// empty line, and ends the iteration.
func Lines(r io.Reader) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		// TODO(03.03): scan r with a bufio.Scanner whose buffer may grow to
		// maxLineLength (declared in readlines.go), and call
		// yield(sc.Text(), nil) for each line; return as soon as yield
		// returns false. After the loop, yield ("", err) once if sc.Err()
		// is not nil.
	}
}
