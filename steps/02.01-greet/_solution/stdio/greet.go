// Package stdio is the code of chapter 2: a first program's input and output,
// made testable.
//
// Greet and Run write to an io.Writer instead of straight to os.Stdout, so a
// test can hand them a bytes.Buffer and read what they wrote. CollectProcInfo
// gathers what a running process knows about itself, and PrefixWriter shows
// how one writer wraps another: it labels every line and counts the bytes.
package stdio

import (
	"fmt"
	"io"
	"strings"
)

// Greet writes a one-line greeting for name to w, such as "Hello, Ada!\n".
// Spaces around name are dropped, and an empty name greets the world:
// "Hello, world!\n". It returns the error from w, if there is one.
func Greet(w io.Writer, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "world"
	}
	if _, err := fmt.Fprintf(w, "Hello, %s!\n", name); err != nil {
		return fmt.Errorf("stdio: greet: %w", err)
	}
	return nil
}
