package files

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// linesCollect ranges over seq and records every pair it yields, turning a
// panic inside the iterator into a test failure with an explanation.
func linesCollect(t *testing.T, seq func(func(string, error) bool), stopAfter int) (lines []string, errs []error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("ranging over Lines panicked: %v\n"+
				"when yield returns false the loop has ended: return at once, without calling yield again", p)
		}
	}()
	for line, err := range seq {
		lines = append(lines, line)
		errs = append(errs, err)
		if len(lines) == stopAfter {
			break
		}
	}
	return lines, errs
}

func TestLinesYieldsEveryLine(t *testing.T) {
	in := "alpha\nbeta\r\n\ngamma"
	lines, errs := linesCollect(t, Lines(strings.NewReader(in)), -1)
	want := []string{"alpha", "beta", "", "gamma"}
	if !slices.Equal(lines, want) {
		t.Errorf("ranging over Lines(%q) gave the lines %q, want %q", in, lines, want)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("ranging over Lines(%q): pair %d has the error %v, want nil", in, i, err)
		}
	}
}

func TestLinesRandomInput(t *testing.T) {
	for range 5 {
		var want []string
		var b strings.Builder
		for range 1 + rand.IntN(30) {
			line := strings.Repeat("ab ", rand.IntN(10))
			want = append(want, line)
			b.WriteString(line + []string{"\n", "\r\n"}[rand.IntN(2)])
		}
		in := b.String()
		lines, _ := linesCollect(t, Lines(iotest.HalfReader(strings.NewReader(in))), -1)
		if !slices.Equal(lines, want) {
			t.Fatalf("ranging over Lines(%q) gave the lines %q, want %q", in, lines, want)
		}
	}
}

func TestLinesLongLine(t *testing.T) {
	long := strings.Repeat("y", 100_000+rand.IntN(900_000)) // over 64 KiB, under 1 MiB
	lines, errs := linesCollect(t, Lines(strings.NewReader("short\n"+long+"\nend\n")), -1)
	lens := make([]int, len(lines))
	for i, l := range lines {
		lens[i] = len(l)
	}
	if len(lines) != 3 || lines[1] != long || errs[1] != nil {
		t.Errorf("ranging over Lines of an input whose second line is %d bytes long gave lines of lengths %v "+
			"and the errors %v, want lengths [5 %d 3] and no error: give the scanner the same buffer as "+
			"ReadLines (sc.Buffer(make([]byte, 0, 64*1024), maxLineLength))", len(long), lens, errs, len(long))
	}
}

func TestLinesEmptyInput(t *testing.T) {
	lines, _ := linesCollect(t, Lines(strings.NewReader("")), -1)
	if len(lines) != 0 {
		t.Errorf("ranging over Lines(\"\") gave %q, want no lines at all", lines)
	}
}

var linesErrBroken = errors.New("connection lost")

func TestLinesYieldsTheReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("first\n"), iotest.ErrReader(linesErrBroken))
	lines, errs := linesCollect(t, Lines(r), -1)
	if len(lines) != 2 || lines[0] != "first" || errs[0] != nil || !errors.Is(errs[1], linesErrBroken) {
		t.Errorf("ranging over Lines of a reader that fails after \"first\\n\" gave the pairs %s, "+
			"want (\"first\", nil) then (\"\", an error wrapping %q): yield sc.Err() once after the loop", linesPairs(lines, errs), linesErrBroken)
	}
}

// linesPairs formats what an iteration yielded as (line, err) pairs.
func linesPairs(lines []string, errs []error) string {
	var b strings.Builder
	for i := range lines {
		fmt.Fprintf(&b, "(%q, %v) ", lines[i], errs[i])
	}
	if b.Len() == 0 {
		return "(none)"
	}
	return strings.TrimSpace(b.String())
}

// linesCountingReader produces numbered lines forever-ish and counts the
// bytes handed out.
type linesCountingReader struct {
	next, read int
	pending    []byte
}

func (r *linesCountingReader) Read(p []byte) (int, error) {
	if r.next >= 1_000_000 && len(r.pending) == 0 {
		return 0, io.EOF
	}
	for len(r.pending) < len(p) && r.next < 1_000_000 {
		r.pending = fmt.Appendf(r.pending, "line %d\n", r.next)
		r.next++
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	r.read += n
	return n, nil
}

func TestLinesStopsWhenTheLoopBreaks(t *testing.T) {
	r := &linesCountingReader{}
	stop := 1 + rand.IntN(50)
	lines, _ := linesCollect(t, Lines(r), stop)
	var want []string
	for i := range stop {
		want = append(want, fmt.Sprintf("line %d", i))
	}
	if !slices.Equal(lines, want) {
		t.Fatalf("the first %d lines from Lines were %q, want %q", stop, lines, want)
	}
	if r.read > 1<<20 {
		t.Errorf("after the loop took %d lines and broke, Lines had read %d bytes of a 12 MB input: "+
			"read lazily, one line per yield, and stop when yield returns false", stop, r.read)
	}
}
