package files

import (
	"bytes"
	"fmt"
	"io"
)

// CountLines counts the lines in r: one per '\n', plus one for a last line
// that does not end in '\n'. Empty input has no lines.
//
// It reads r in 32 KiB chunks and never holds more than one chunk, so a
// 10 GB file costs no more memory than a 10 byte one. On a read error it
// returns the number of newlines seen so far and the error.
func CountLines(r io.Reader) (int, error) {
	buf := make([]byte, 32*1024)
	lines := 0
	last := byte('\n') // as if the input before the first byte ended a line
	for {
		n, err := r.Read(buf)
		if n > 0 {
			lines += bytes.Count(buf[:n], []byte{'\n'})
			last = buf[n-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return lines, fmt.Errorf("files: count lines: %w", err)
		}
	}
	if last != '\n' {
		lines++
	}
	return lines, nil
}
