package files

import (
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func TestCountLinesSmallInputs(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one line", 1},
		{"one line\n", 1},
		{"a\nb", 2},
		{"a\nb\n", 2},
		{"\n", 1},
		{"a\n\n", 2},
		{"\n\n\n", 3},
	}
	for _, tt := range tests {
		got, err := CountLines(strings.NewReader(tt.in))
		if got != tt.want || err != nil {
			hint := ""
			if got == tt.want-1 && !strings.HasSuffix(tt.in, "\n") {
				hint = ": a last line without a newline still counts"
			}
			t.Errorf("CountLines(%q) = %d, %v; want %d, nil%s", tt.in, got, err, tt.want, hint)
		}
	}
}

// countRandomText returns random lines, some empty, with or without a final
// newline, and how many lines that is.
func countRandomText() (string, int) {
	n := rand.IntN(40)
	var b strings.Builder
	for range n {
		b.WriteString(strings.Repeat("ab c", rand.IntN(30)))
		b.WriteByte('\n')
	}
	if rand.IntN(2) == 0 {
		b.WriteString("no newline at the end")
		n++
	}
	return b.String(), n
}

func TestCountLinesRandomInputs(t *testing.T) {
	for range 10 {
		in, want := countRandomText()
		// Cut into random pieces on the way, as a network or a pipe would.
		r := iotest.HalfReader(strings.NewReader(in))
		got, err := CountLines(r)
		if got != want || err != nil {
			t.Fatalf("CountLines(%q) = %d, %v; want %d, nil", in, got, err, want)
		}
	}
}

func TestCountLinesAwkwardReaders(t *testing.T) {
	const in = "alpha\nbeta\ngamma"
	const short = "a Read may return fewer bytes than the buffer holds, even in the middle: keep reading until io.EOF"
	tests := []struct {
		name string
		r    io.Reader
		hint string
	}{
		{"a reader that returns one byte per Read (iotest.OneByteReader)", iotest.OneByteReader(strings.NewReader(in)), short},
		{"a reader that returns half of what is asked (iotest.HalfReader)", iotest.HalfReader(strings.NewReader(in)), short},
		{"a reader that returns its last bytes together with io.EOF (iotest.DataErrReader)",
			iotest.DataErrReader(strings.NewReader(in)), "count the n bytes a Read returns before you look at its error"},
	}
	for _, tt := range tests {
		got, err := CountLines(tt.r)
		if got != 3 || err != nil {
			t.Errorf("CountLines(%q) through %s = %d, %v; want 3, nil: %s", in, tt.name, got, err, tt.hint)
		}
	}
}

func TestCountLinesManyLines(t *testing.T) {
	in := strings.Repeat("a line of text\n", 100_000) // 1.5 MB: many 32 KiB chunks
	got, err := CountLines(strings.NewReader(in))
	if got != 100_000 || err != nil {
		t.Errorf("CountLines of 100000 lines of 15 bytes = %d, %v; want 100000, nil", got, err)
	}
}

var countErrDisk = errors.New("input/output error")

func TestCountLinesReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a\nb\n"), iotest.ErrReader(countErrDisk))
	_, err := CountLines(r)
	if !errors.Is(err, countErrDisk) {
		t.Errorf("CountLines on a reader that fails after \"a\\nb\\n\" returned the error %v, want one wrapping %q: "+
			"any error other than io.EOF is a real failure", err, countErrDisk)
	}
}

// countZeros is an endless-looking reader: size bytes of short lines.
type countZeros struct{ left int }

func (z *countZeros) Read(p []byte) (int, error) {
	if z.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), z.left)
	for i := range p[:n] {
		p[i] = "0123456\n"[i%8]
	}
	z.left -= n
	return n, nil
}

func TestCountLinesConstantMemory(t *testing.T) {
	const size = 64 << 20 // 64 MiB of input
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := CountLines(&countZeros{left: size})
	runtime.ReadMemStats(&after)
	if got != size/8 || err != nil {
		t.Fatalf("CountLines of 64 MiB of 8-byte lines = %d, %v; want %d, nil", got, err, size/8)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 8<<20 {
		t.Errorf("CountLines of 64 MiB allocated %d MiB: read in fixed-size chunks into one buffer "+
			"instead of reading everything into memory (io.ReadAll)", allocated>>20)
	}
}
