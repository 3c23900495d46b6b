package stdio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// A *CountingWriter must be usable wherever an io.Writer is expected.
var _ io.Writer = (*CountingWriter)(nil)

func TestCountingWriterCounts(t *testing.T) {
	var buf bytes.Buffer
	cw := &CountingWriter{W: &buf}
	fmt.Fprintf(cw, "%d apples\n", 3)
	io.WriteString(cw, "pear\n")
	cw.Write(nil)
	if got, want := buf.String(), "3 apples\npear\n"; got != want {
		t.Errorf("after three writes through a CountingWriter, the underlying writer holds %q, want %q: "+
			"Write must pass every byte on to W", got, want)
	}
	if cw.N != 14 {
		t.Errorf("after writing \"3 apples\\n\", \"pear\\n\" and nothing, N = %d, want 14", cw.N)
	}
}

func TestCountingWriterWithCopy(t *testing.T) {
	var buf bytes.Buffer
	cw := &CountingWriter{W: &buf}
	src := strings.Repeat("0123456789abcdef", 10000) // 160000 bytes, several reads' worth
	n, err := io.Copy(cw, strings.NewReader(src))
	if err != nil || n != int64(len(src)) {
		t.Fatalf("io.Copy into a CountingWriter = %d, %v; want %d, nil: Write must return how many bytes W took",
			n, err, len(src))
	}
	if cw.N != int64(len(src)) || buf.Len() != len(src) {
		t.Errorf("after io.Copy of %d bytes, N = %d and W holds %d bytes, want %d and %d",
			len(src), cw.N, buf.Len(), len(src), len(src))
	}
}

// countingErrFull is what countingTinyWriter fails with once it is full.
var countingErrFull = errors.New("device full")

// countingTinyWriter accepts at most room bytes in total, then fails.
type countingTinyWriter struct{ room int }

func (w *countingTinyWriter) Write(p []byte) (int, error) {
	if len(p) <= w.room {
		w.room -= len(p)
		return len(p), nil
	}
	n := w.room
	w.room = 0
	return n, countingErrFull
}

func TestCountingWriterShortWrite(t *testing.T) {
	cw := &CountingWriter{W: &countingTinyWriter{room: 3}}
	n, err := cw.Write([]byte("hello"))
	if n != 3 || !errors.Is(err, countingErrFull) {
		t.Errorf("Write(\"hello\") to a writer with room for 3 bytes = %d, %v; want 3, %v: "+
			"return exactly what W returned", n, err, countingErrFull)
	}
	if cw.N != 3 {
		t.Errorf("after W accepted 3 of 5 bytes, N = %d, want 3: count what W took, not len(p)", cw.N)
	}
}
