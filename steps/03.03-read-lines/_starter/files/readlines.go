package files

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
	// TODO(03.03): os.Open the file and defer its Close; scan it with a
	// bufio.Scanner whose buffer may grow to maxLineLength (sc.Buffer);
	// append sc.Text() for each line; check sc.Err() after the loop.
	return nil, nil
}
