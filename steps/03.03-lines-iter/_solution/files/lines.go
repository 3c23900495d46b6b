package files

import (
	"bufio"
	"fmt"
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
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), maxLineLength)
		for sc.Scan() {
			if !yield(sc.Text(), nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield("", fmt.Errorf("files: read lines: %w", err))
		}
	}
}
