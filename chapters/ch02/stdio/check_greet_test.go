package stdio

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// greetNames are names the check picks from, so that a table of the check's
// own answers cannot pass; "100% Ada" is one that fmt.Fprintf must not read
// as a format.
var greetNames = []string{"Ada", "Grace", "Linus", "Barbara Liskov", "Ken", "Gopher 世界", "100% Ada", "O'Neil"}

func TestGreetWritesOneLine(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Ada", "Hello, Ada!\n"},
		{"  Grace\t", "Hello, Grace!\n"},
		{"", "Hello, world!\n"},
		{"   ", "Hello, world!\n"},
		{"Gopher 世界", "Hello, Gopher 世界!\n"},
		{"100% Ada", "Hello, 100% Ada!\n"},
	}
	space := []string{"", " ", "  ", "\t", "\n", " \t "}
	for range 5 {
		name := greetNames[rand.IntN(len(greetNames))]
		padded := space[rand.IntN(len(space))] + name + space[rand.IntN(len(space))]
		tests = append(tests, struct{ name, want string }{padded, "Hello, " + name + "!\n"})
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := Greet(&buf, tt.name)
		got := buf.String()
		switch {
		case got+"\n" == tt.want:
			t.Errorf("Greet(w, %q) wrote %q, want %q: the line must end with a newline \"\\n\"", tt.name, got, tt.want)
		case strings.Contains(got, "%!"):
			t.Errorf("Greet(w, %q) wrote %q, want %q: fmt read the name as part of the format; "+
				"pass it as an argument, fmt.Fprintf(w, \"Hello, %%s!\\n\", name)", tt.name, got, tt.want)
		case got != tt.want || err != nil:
			t.Errorf("Greet(w, %q) wrote %q and returned %v, want %q and nil", tt.name, got, err, tt.want)
		}
	}
}

// greetErrDiskFull is the error greetBrokenWriter fails with.
var greetErrDiskFull = errors.New("disk full")

// greetBrokenWriter fails every write, like a full disk or a closed pipe.
type greetBrokenWriter struct{}

func (greetBrokenWriter) Write(p []byte) (int, error) { return 0, greetErrDiskFull }

func TestGreetReturnsWriteError(t *testing.T) {
	err := Greet(greetBrokenWriter{}, "Ada")
	if !errors.Is(err, greetErrDiskFull) {
		t.Errorf("Greet(w, \"Ada\") with a writer that fails with %q returned %v, "+
			"want that error (wrapped with %%w is fine): a program must notice when its output is lost",
			greetErrDiskFull, err)
	}
}
