package rawhttp

import (
	"bufio"
	"errors"
	"io"
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
	return lines[:3], errReadLineNoEnd
}

// errReadLineNoEnd is readLineAll's complaint about a readLine that never fails.
var errReadLineNoEnd = errors.New("readLine went on returning lines with a nil error after the input was used up; at the end of the input it must return io.EOF")

// readLineStop ends the test at once when readLine never reports the end of the
// input: every other message would only repeat that.
func readLineStop(t *testing.T, in string, err error) {
	t.Helper()
	if errors.Is(err, errReadLineNoEnd) {
		t.Fatalf("reading %.80q: %v", in, err)
	}
}

func TestReadLineCRLF(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"GET / HTTP/1.1\r\n", []string{"GET / HTTP/1.1"}},
		{"Host: a\r\nAccept: */*\r\n\r\n", []string{"Host: a", "Accept: */*", ""}},
		{"\r\n", []string{""}},
		{strings.Repeat("x", 40) + "\r\n", []string{strings.Repeat("x", 40)}},
		{"tab\tand\rcr\r\n", []string{"tab\tand\rcr"}},
	}
	for _, tt := range tests {
		got, err := readLineAll(tt.in, 100)
		readLineStop(t, tt.in, err)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || err != io.EOF {
			t.Errorf("reading %q with readLine(br, 100) until it fails = lines %q then error %v, want lines %q then io.EOF",
				tt.in, got, err, tt.want)
		}
	}
}

func TestReadLineBareLF(t *testing.T) {
	for _, in := range []string{"GET / HTTP/1.1\n", "\n", "ok\r\nbad\n"} {
		_, err := readLineAll(in, 100)
		readLineStop(t, in, err)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("reading %q with readLine: error %v, want one wrapping ErrMalformed: a line must end in \"\\r\\n\", and a lone \"\\n\" is refused", in, err)
		}
	}
}

func TestReadLineEOF(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", io.EOF},
		{"GET / HTT", io.ErrUnexpectedEOF},
		{"GET / HTTP/1.1\r", io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		_, err := readLineAll(tt.in, 100)
		readLineStop(t, tt.in, err)
		if err != tt.want {
			t.Errorf("reading %q with readLine: error %v, want %v (io.EOF only when not one byte of the line came)", tt.in, err, tt.want)
		}
	}
}

func TestReadLineLimit(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		ok    bool
	}{
		{"12345\r\n", 5, true},
		{"123456\r\n", 5, false},
		{"123456\n", 5, false},
		{strings.Repeat("x", 64) + "\r\n", 64, true},
		{strings.Repeat("x", 65) + "\r\n", 64, false},
		{strings.Repeat("x", 500), 64, false},
	}
	for _, tt := range tests {
		got, err := readLineAll(tt.in, tt.limit)
		readLineStop(t, tt.in, err)
		if tt.ok && (len(got) != 1 || err != io.EOF) {
			t.Errorf("reading %.80q with readLine(br, %d) = lines %.80q then %v, want the one line: it is exactly at the limit", tt.in, tt.limit, got, err)
		}
		if !tt.ok && (len(got) != 0 || !errors.Is(err, errLineTooLong)) {
			t.Errorf("reading %.80q with readLine(br, %d) = lines %.80q then %v, want errLineTooLong and no line", tt.in, tt.limit, got, err)
		}
	}
}

// readLineEndless never ends and never sends a newline: a client that sends
// bytes forever.
type readLineEndless struct{}

func (readLineEndless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestReadLineStopsReading(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		_, err := readLine(bufio.NewReader(readLineEndless{}), 1<<20)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errLineTooLong) {
			t.Errorf("readLine(endless input without a newline, limit 1 MiB) error = %v, want errLineTooLong", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readLine(endless input without a newline, limit 1 MiB) had not returned after 5s: " +
			"it must give up once the line is longer than the limit, or one client can fill the server's memory")
	}
}
