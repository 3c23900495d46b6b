package stdio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// A *PrefixWriter must be usable wherever an io.Writer is expected.
var _ io.Writer = (*PrefixWriter)(nil)

// prefixWant is what W must hold once in has gone through a PrefixWriter with
// the given prefix, whatever the pieces it came in: prefix before the first
// byte of every line.
func prefixWant(prefix, in string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(in); i++ {
		if start {
			b.WriteString(prefix)
		}
		b.WriteByte(in[i])
		start = in[i] == '\n'
	}
	return b.String()
}

// prefixPrefixes are the prefixes the checks pick from.
var prefixPrefixes = []string{"> ", "[api] ", "\t", "| ", "#", "job-7: ", "·· "}

// prefixText returns a few random lines, some of them empty, with or without
// a final newline.
func prefixText() string {
	words := []string{"GET", "/users", "200", "ok", "", "retry", "über", "12ms", "%d", "x"}
	var b strings.Builder
	for range 2 + rand.IntN(6) {
		for j := range rand.IntN(4) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rand.IntN(len(words))])
		}
		b.WriteByte('\n')
	}
	s := b.String()
	if rand.IntN(2) == 0 {
		s += "no newline at the end"
	}
	return s
}

// prefixCut cuts s into pieces at random places: some pieces are empty, and
// some end exactly at a newline or start right after one.
func prefixCut(s string) []string {
	var pieces []string
	for len(s) > 0 {
		n := rand.IntN(min(len(s), 12) + 1)
		if rand.IntN(3) == 0 {
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				n = i + 1
			}
		}
		pieces = append(pieces, s[:n])
		s = s[n:]
	}
	return pieces
}

func TestPrefixWriterPrefixesEveryLine(t *testing.T) {
	type tc struct {
		prefix string
		pieces []string
	}
	tests := []tc{{"> ", []string{"hello\nwor", "ld\n", "\n", "bye"}}}
	for range 6 {
		tests = append(tests, tc{prefixPrefixes[rand.IntN(len(prefixPrefixes))], prefixCut(prefixText())})
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := &PrefixWriter{W: &buf, Prefix: tt.prefix}
		for _, piece := range tt.pieces {
			n, err := w.Write([]byte(piece))
			if n != len(piece) || err != nil {
				why := "pass p on to W and return how many bytes of p went through"
				if n > len(piece) {
					why = "Write reports how many bytes of p went through, not how many it wrote to W"
				}
				t.Fatalf("with Prefix %q, Write(%q) = %d, %v; want %d, nil: %s (pieces: %q)",
					tt.prefix, piece, n, err, len(piece), why, tt.pieces)
			}
		}
		want := prefixWant(tt.prefix, strings.Join(tt.pieces, ""))
		if got := buf.String(); got != want {
			t.Errorf("with Prefix %q, writing the pieces %q left W holding\n\t%q\nwant\n\t%q\n"+
				"(the prefix goes before the first byte of every line, once, even when a line "+
				"arrives in several pieces; no prefix after the last newline)", tt.prefix, tt.pieces, got, want)
			return // one example is enough to work from
		}
		if w.N != int64(len(want)) {
			t.Errorf("with Prefix %q, after writing the pieces %q, N = %d, want %d: "+
				"N counts every byte W accepted, prefixes included", tt.prefix, tt.pieces, w.N, len(want))
		}
	}
}

func TestPrefixWriterZeroPrefixCounts(t *testing.T) {
	var buf bytes.Buffer
	w := &PrefixWriter{W: &buf} // no prefix: a plain counting writer
	text := prefixText()
	fmt.Fprintf(w, "%d apples\n", len(text))
	io.WriteString(w, text)
	w.Write(nil)
	want := fmt.Sprintf("%d apples\n", len(text)) + text
	if got := buf.String(); got != want || w.N != int64(len(want)) {
		t.Errorf("through a PrefixWriter with no prefix, W holds %q and N = %d, want %q and %d: "+
			"without a prefix, bytes pass through unchanged and are counted", got, w.N, want, len(want))
	}
}

// prefixCopy runs io.Copy from a strings.Reader, which panics when Write
// returns more than it was given; the panic becomes an error.
func prefixCopy(w io.Writer, src string) (n int64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return io.Copy(w, strings.NewReader(src))
}

func TestPrefixWriterWithCopy(t *testing.T) {
	var buf bytes.Buffer
	prefix := prefixPrefixes[rand.IntN(len(prefixPrefixes))]
	w := &PrefixWriter{W: &buf, Prefix: prefix}
	var src strings.Builder
	for src.Len() < 100_000 { // several of io.Copy's 32 KiB reads
		src.WriteString(prefixText() + "\n")
	}
	n, err := prefixCopy(w, src.String())
	if err != nil || n != int64(src.Len()) {
		t.Fatalf("io.Copy of %d bytes into a PrefixWriter = %d, %v; want %d, nil: Write must return "+
			"how many bytes of p went through; more than len(p) is an invalid count",
			src.Len(), n, err, src.Len())
	}
	if want := prefixWant(prefix, src.String()); buf.String() != want {
		t.Errorf("after io.Copy of %d bytes with Prefix %q, W holds %d bytes, want %d", src.Len(), prefix,
			buf.Len(), len(want))
	}
}

// prefixErrFull is what prefixTinyWriter fails with once it is full.
var prefixErrFull = errors.New("device full")

// prefixTinyWriter accepts at most room bytes in total, then fails. It keeps
// what it accepted in got.
type prefixTinyWriter struct {
	got  bytes.Buffer
	room int
}

func (w *prefixTinyWriter) Write(p []byte) (int, error) {
	n := min(len(p), w.room)
	w.room -= n
	w.got.Write(p[:n])
	if n < len(p) {
		return n, prefixErrFull
	}
	return n, nil
}

// prefixThrough returns how many bytes of in are among the first room bytes
// that a PrefixWriter with prefix writes for it.
func prefixThrough(prefix, in string, room int) int {
	out, through, start := 0, 0, true
	for i := 0; i < len(in); i++ {
		if start {
			out += len(prefix)
		}
		out++
		if out > room {
			break
		}
		through++
		start = in[i] == '\n'
	}
	return through
}

func TestPrefixWriterShortWrite(t *testing.T) {
	for range 5 {
		prefix := prefixPrefixes[rand.IntN(len(prefixPrefixes))]
		in := prefixText()
		full := prefixWant(prefix, in)
		room := rand.IntN(len(full)) // W fills up somewhere in the middle
		tiny := &prefixTinyWriter{room: room}
		w := &PrefixWriter{W: tiny, Prefix: prefix}
		n, err := w.Write([]byte(in))
		wantN := prefixThrough(prefix, in, room)
		switch {
		case !errors.Is(err, prefixErrFull):
			t.Errorf("with Prefix %q, Write(%q) to a W with room for %d bytes returned the error %v, "+
				"want W's error, %q", prefix, in, room, err, prefixErrFull)
		case tiny.got.String() != full[:room]:
			t.Errorf("with Prefix %q, Write(%q) to a W with room for %d bytes left W holding %q, want %q: "+
				"stop at W's first error", prefix, in, room, tiny.got.String(), full[:room])
		case n != wantN:
			t.Errorf("with Prefix %q, Write(%q) to a W with room for %d bytes = %d, want %d: "+
				"count the bytes of p that W accepted, not the prefixes, and not len(p)",
				prefix, in, room, n, wantN)
		case w.N != int64(room):
			t.Errorf("with Prefix %q, after W accepted %d bytes, N = %d, want %d: "+
				"count what W took, not what was offered", prefix, room, w.N, room)
		}
		if t.Failed() {
			return // one example is enough to work from
		}
	}
}
