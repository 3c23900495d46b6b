// Package files is the code of chapter 3: opening, creating, reading and
// parsing files with the os, io, bufio and encoding/json packages.
//
// AppendLine, OpenFlags and CreateExclusive are about opening files the right
// way: flags, permissions, and closing what you open. CountLines, ReadLines,
// Lines and Chunks read files whole, in chunks, by line and lazily. LoadConfig
// turns a JSON file into a validated Config whose errors name the file and
// the field at fault.
package files

import (
	"fmt"
	"os"
	"strings"
)

// AppendLine adds line and a newline at the end of the file at path,
// creating the file (with permissions 0644, less the umask) if it does not
// exist. What the file already holds is never touched: the file is opened
// with O_APPEND, so the write lands at the end even when another process
// appends to the same file.
//
// The line is written with a single Write call and the file is closed before
// AppendLine returns; an error from Close is reported, because for a file
// being written it can be the first sign that the data did not reach the
// disk. A line containing a newline is refused and nothing is written, since
// it would read back as two lines.
func AppendLine(path, line string) error {
	if strings.Contains(line, "\n") {
		return fmt.Errorf("files: append to %s: line %q contains a newline", path, line)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("files: append to %s: %w", path, err)
	}
	return nil
}
