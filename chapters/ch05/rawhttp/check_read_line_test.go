package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// readLineAll calls readLine until it returns an error and returns the lines and
// that error. The reader's buffer is the smallest bufio allows (16 bytes), so
// long lines arrive in pieces, the way they do from a slow network. None of the
// inputs has more than three lines, so after ten it gives up.
func readLineAll(in string, limit int) ([]string, error) {
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	var lines []string
	for range 10 {
		line, err := readLine(br, limit)
		if err != nil {
			return lines, err
		}
		lines = append(lines, line)
	}
	return lines[:4], errReadLineNoEnd
}

// errReadLineNoEnd is readLineAll's complaint about a readLine that never fails.
var errReadLineNoEnd = errors.New("no error at all, even after the input was used up (want io.EOF there)")

// readLineText returns a random line of n bytes: printable ASCII, tabs, and now
// and then a CR that is not followed by LF (it belongs to the line).
func readLineText(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :/.-_?=&\t"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
		if i < n-1 && rand.IntN(40) == 0 {
			b[i] = '\r'
		}
	}
	return string(b)
}

func TestReadLineFirstLine(t *testing.T) {
	line := "GET /" + readLineText(rand.IntN(30)) + " HTTP/1.1"
	in := line + "\r\nHost: a\r\n"
	got, err := readLine(bufio.NewReaderSize(strings.NewReader(in), 16), 100)
	if got != line || err != nil {
		t.Errorf("readLine(br, 100) on %q = %q, %v\nwant %q, nil: the first line, without its \"\\r\\n\"", in, got, err, line)
	}
}

func TestReadLineCRLF(t *testing.T) {
	tests := [][]string{
		{"GET / HTTP/1.1"},
		{"Host: a", "Accept: */*", ""},
		{""},
		{"tab\tand\rcr"},
	}
	for range 3 {
		random := make([]string, 1+rand.IntN(3))
		for i := range random {
			random[i] = readLineText(rand.IntN(60)) // longer than the 16-byte buffer, often
		}
		tests = append(tests, random)
	}
	for _, want := range tests {
		in := strings.Join(want, "\r\n") + "\r\n"
		got, err := readLineAll(in, 100)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || err != io.EOF {
			t.Errorf("reading %q with readLine(br, 100) until it fails:\ngot lines %q, then %v\nwant lines %q, then io.EOF",
				in, got, err, want)
		}
	}
}

func TestReadLineBareLF(t *testing.T) {
	for _, in := range []string{"GET / HTTP/1.1\n", "\n", "ok\r\nbad\n", readLineText(1+rand.IntN(40)) + "\n"} {
		got, err := readLineAll(in, 100)
		if !errors.Is(err, ErrMalformed) || len(got) > strings.Count(in, "\r\n") {
			t.Errorf("reading %q with readLine(br, 100) until it fails:\ngot lines %q, then %v\nwant an error wrapping ErrMalformed "+
				"at the line that ends in a lone \"\\n\": a line must end in \"\\r\\n\"", in, got, err)
		}
	}
}

func TestReadLineEOF(t *testing.T) {
	cut := readLineText(1 + rand.IntN(40))
	tests := []struct {
		in   string
		want error
	}{
		{"", io.EOF},
		{"GET / HTT", io.ErrUnexpectedEOF},
		{"GET / HTTP/1.1\r", io.ErrUnexpectedEOF},
		{cut, io.ErrUnexpectedEOF},
		{"Host: a\r\n" + cut, io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		got, err := readLineAll(tt.in, 100)
		if err != tt.want {
			t.Errorf("reading %q with readLine(br, 100) until it fails:\ngot lines %q, then %v\nwant the complete lines, then %v "+
				"(io.EOF only when not one byte of the line came)", tt.in, got, err, tt.want)
		}
	}
}

func TestReadLineLimit(t *testing.T) {
	limit := 5 + rand.IntN(200)
	at, over := readLineText(limit), readLineText(limit+1+rand.IntN(50))
	tests := []struct {
		in string
		ok bool
	}{
		{at + "\r\n", true},
		{over + "\r\n", false},
		{at + "x\n", false}, // over the limit, and a bare LF: the limit is found first
		{strings.Repeat("x", limit+500), false},
	}
	for _, tt := range tests {
		got, err := readLineAll(tt.in, limit)
		if tt.ok && (len(got) != 1 || got[0] != at || err != io.EOF) {
			t.Errorf("reading %.80q (%d bytes before the CRLF) with readLine(br, %d):\ngot lines %.80q, then %v\n"+
				"want that one line, then io.EOF: a line exactly at the limit is allowed", tt.in, len(at), limit, got, err)
		}
		if !tt.ok && (len(got) != 0 || !errors.Is(err, errLineTooLong)) {
			t.Errorf("reading %.80q (%d bytes) with readLine(br, %d):\ngot lines %.80q, then %v\nwant no line and errLineTooLong",
				tt.in, len(tt.in), limit, got, err)
		}
	}
}

// readLineEndless sends 'a' forever and never a newline: a client that sends one
// endless line. It counts what it gave out, and stops (with an error) after 16 MiB,
// so that a readLine without a limit fails the check instead of eating the memory.
type readLineEndless struct{ sent int }

func (r *readLineEndless) Read(p []byte) (int, error) {
	if r.sent >= 16<<20 {
		return 0, errors.New("the check stopped sending after 16 MiB")
	}
	for i := range p {
		p[i] = 'a'
	}
	r.sent += len(p)
	return len(p), nil
}

func TestReadLineStopsReading(t *testing.T) {
	const limit = 1 << 20
	src := &readLineEndless{}
	done := make(chan error, 1)
	go func() {
		_, err := readLine(bufio.NewReader(src), limit)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errLineTooLong) || src.sent > limit+64<<10 {
			t.Errorf("readLine(endless input without a newline, limit 1 MiB) read %s and returned %v\n"+
				"want errLineTooLong as soon as the line is longer than the limit: stop reading there, "+
				"or one client can fill the server's memory", readLineSize(src.sent), err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readLine(endless input without a newline, limit 1 MiB) had not returned after 5s: " +
			"it must give up once the line is longer than the limit, or one client can fill the server's memory")
	}
}

// readLineSize formats a byte count for a message.
func readLineSize(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}
