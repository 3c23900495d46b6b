package files

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// chunksCall calls Chunks and turns a panic into a test failure.
func chunksCall(t *testing.T, r io.Reader, size int) (chunks [][]byte, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Chunks(r, %d) panicked: %v", size, p)
		}
	}()
	return Chunks(r, size)
}

// chunksStrings shows pieces as strings for messages and comparisons.
func chunksStrings(chunks [][]byte) []string {
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = string(c)
	}
	return out
}

func chunksEqual(got [][]byte, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if string(got[i]) != want[i] {
			return false
		}
	}
	return true
}

func TestChunksCutsInput(t *testing.T) {
	tests := []struct {
		in   string
		size int
		want []string
	}{
		{"abcdefg", 3, []string{"abc", "def", "g"}},
		{"abcdef", 3, []string{"abc", "def"}},
		{"ab", 5, []string{"ab"}},
		{"", 4, nil},
		{"abc", 1, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		got, err := chunksCall(t, strings.NewReader(tt.in), tt.size)
		if err != nil || !chunksEqual(got, tt.want) {
			t.Errorf("Chunks(%q, %d) = %q, %v; want %q, nil", tt.in, tt.size, chunksStrings(got), err, tt.want)
		}
	}
}

func TestChunksRandomInputs(t *testing.T) {
	for range 10 {
		in := strings.Repeat("0123456789abcdef", 4)[:rand.IntN(64)]
		size := 1 + rand.IntN(10)
		var want []string
		for rest := in; len(rest) > 0; rest = rest[min(size, len(rest)):] {
			want = append(want, rest[:min(size, len(rest))])
		}
		got, err := chunksCall(t, iotest.HalfReader(strings.NewReader(in)), size)
		if err != nil || !chunksEqual(got, want) {
			t.Fatalf("Chunks(%q, %d) through a reader that returns half of what is asked = %q, %v; want %q, nil",
				in, size, chunksStrings(got), err, want)
		}
	}
}

func TestChunksShortReads(t *testing.T) {
	want := []string{"abc", "def", "g"}
	got, err := chunksCall(t, iotest.OneByteReader(strings.NewReader("abcdefg")), 3)
	if err != nil || !chunksEqual(got, want) {
		t.Errorf("Chunks(%q, 3) through a reader that returns one byte per Read = %q, %v; want %q, nil: "+
			"one Read may fill only part of the buffer; io.ReadFull keeps reading until it is full",
			"abcdefg", chunksStrings(got), err, want)
	}
	got, err = chunksCall(t, iotest.DataErrReader(strings.NewReader("abcdefg")), 3)
	if err != nil || !chunksEqual(got, want) {
		t.Errorf("Chunks(%q, 3) through a reader that returns its last bytes with io.EOF = %q, %v; want %q, nil",
			"abcdefg", chunksStrings(got), err, want)
	}
}

func TestChunksDoNotShareMemory(t *testing.T) {
	got, err := chunksCall(t, strings.NewReader("aaaabbbbcccc"), 4)
	want := []string{"aaaa", "bbbb", "cccc"}
	if err != nil || !chunksEqual(got, want) {
		if len(got) == 3 && string(got[0]) == "cccc" {
			t.Fatalf("Chunks(\"aaaabbbbcccc\", 4) = %q, want %q: every piece is a view of the same buffer, "+
				"which the next Read overwrites; make a new slice for each piece (or copy buf[:n])",
				chunksStrings(got), want)
		}
		t.Fatalf("Chunks(\"aaaabbbbcccc\", 4) = %q, %v; want %q, nil", chunksStrings(got), err, want)
	}
	got[0][0] = 'X'
	_ = append(got[0], "YYYY"...)
	if string(got[1]) != "bbbb" {
		t.Errorf("changing piece 0 and appending to it turned piece 1 into %q, want \"bbbb\": the pieces share "+
			"one backing array, and piece 0's spare capacity is piece 1; give each piece its own array, or cut "+
			"with a full slice expression, data[i:j:j]", got[1])
	}
}

func TestChunksBadSize(t *testing.T) {
	for _, size := range []int{0, -1} {
		type result struct {
			chunks [][]byte
			err    error
			panic  any
		}
		done := make(chan result, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					done <- result{panic: p}
				}
			}()
			chunks, err := Chunks(strings.NewReader("abc"), size)
			done <- result{chunks: chunks, err: err}
		}()
		select {
		case res := <-done:
			switch {
			case res.panic != nil:
				t.Errorf("Chunks(\"abc\", %d) panicked: %v; want an error: a piece must hold at least one byte", size, res.panic)
			case res.err == nil:
				t.Errorf("Chunks(\"abc\", %d) = %q, nil; want an error: a piece must hold at least one byte",
					size, chunksStrings(res.chunks))
			}
		case <-time.After(5 * time.Second):
			t.Errorf("Chunks(\"abc\", %d) had not returned after 5s: with an empty buffer every read returns 0 bytes "+
				"and the loop never ends; refuse a size below 1 first", size)
		}
	}
}

var chunksErrDisk = errors.New("input/output error")

func TestChunksReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("abcd"), iotest.ErrReader(chunksErrDisk))
	_, err := chunksCall(t, r, 3)
	if !errors.Is(err, chunksErrDisk) {
		t.Errorf("Chunks on a reader that fails after \"abcd\" returned the error %v, want one wrapping %q", err, chunksErrDisk)
	}
}
