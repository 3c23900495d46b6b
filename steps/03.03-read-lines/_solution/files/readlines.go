package files

import (
	"bufio"
	"fmt"
	"os"
)

// maxLineLength is the longest line ReadLines and Lines accept, in bytes.
// bufio.Scanner's own default is 64 KiB, which real files (minified
// JavaScript, a JSON document on one line, a long log line) exceed.
const maxLineLength = 1 << 20

// ReadLines returns the lines of the file at path without their line
// endings; both "\n" and "\r\n" end a line. A last line without a newline is
// still a line, and an empty file has no lines. Lines up to 1 MiB long are
// read; a longer one is an error wrapping bufio.ErrTooLong.
//
// ReadLines holds the whole file in memory as strings. For large files, use
// Lines, which hands out one line at a time.
func ReadLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	defer f.Close()

	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineLength)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("files: read %s: %w", path, err)
	}
	return lines, nil
}
