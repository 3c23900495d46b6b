package stdio

import (
	"bytes"
	"errors"
	"testing"
)

func TestGreetWritesOneLine(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Ada", "Hello, Ada!\n"},
		{"  Grace\t", "Hello, Grace!\n"},
		{"", "Hello, world!\n"},
		{"   ", "Hello, world!\n"},
		{"Gopher 世界", "Hello, Gopher 世界!\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := Greet(&buf, tt.name)
		got := buf.String()
		switch {
		case got+"\n" == tt.want:
			t.Errorf("Greet(w, %q) wrote %q, want %q: the line must end with a newline \"\\n\"", tt.name, got, tt.want)
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
