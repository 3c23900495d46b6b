package rawhttp

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadLine(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  []string // lines read in order
		err   error    // the error after them
	}{
		{"GET / HTTP/1.1\r\n", 100, []string{"GET / HTTP/1.1"}, io.EOF},
		{"a\r\nb\r\n\r\n", 100, []string{"a", "b", ""}, io.EOF},
		{"", 100, nil, io.EOF},
		{"abc", 100, nil, io.ErrUnexpectedEOF},
		{"abc\r", 100, nil, io.ErrUnexpectedEOF},
		{"abc\n", 100, nil, ErrMalformed},
		{"ok\r\nbad\n", 100, []string{"ok"}, ErrMalformed},
		{"a\rb\r\n", 100, []string{"a\rb"}, io.EOF}, // bare CR is the caller's to refuse
		{"12345\r\n", 5, []string{"12345"}, io.EOF},
		{"123456\r\n", 5, nil, errLineTooLong},
		{"123456\n", 5, nil, errLineTooLong},
		{strings.Repeat("x", 40) + "\r\n", 64, []string{strings.Repeat("x", 40)}, io.EOF},
		{strings.Repeat("x", 100) + "\r\n", 64, nil, errLineTooLong},
		{strings.Repeat("x", 100), 64, nil, errLineTooLong},
	}
	for _, tt := range tests {
		br := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
		var got []string
		var err error
		for {
			var line string
			if line, err = readLine(br, tt.limit); err != nil {
				break
			}
			got = append(got, line)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || !errors.Is(err, tt.err) {
			t.Errorf("readLine(%q, %d) = %q then %v, want %q then %v", tt.in, tt.limit, got, err, tt.want, tt.err)
		}
	}
}

// endless is a reader that never ends and never sends a newline.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestReadLineStopsAtLimit(t *testing.T) {
	br := bufio.NewReader(endless{})
	if _, err := readLine(br, 1<<20); !errors.Is(err, errLineTooLong) {
		t.Fatalf("readLine(endless, 1 MiB) error = %v, want errLineTooLong", err)
	}
}
