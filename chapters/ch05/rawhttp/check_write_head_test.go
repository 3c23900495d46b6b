package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// writeHeadBytes runs writeHead and returns what it wrote.
func writeHeadBytes(code int, h Header) (string, error) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	err := writeHead(bw, code, h)
	bw.Flush()
	return buf.String(), err
}

func TestWriteHeadBytes(t *testing.T) {
	tests := []struct {
		code int
		h    Header
		want string
	}{
		{200, Header{}, "HTTP/1.1 200 OK\r\n\r\n"},
		{404, Header{"Content-Type": {"text/plain"}, "Content-Length": {"0"}},
			"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nContent-Type: text/plain\r\n\r\n"},
		{201, Header{"Location": {"/users/7"}, "Date": {"Sun, 01 Mar 2026 08:30:05 GMT"}},
			"HTTP/1.1 201 Created\r\nDate: Sun, 01 Mar 2026 08:30:05 GMT\r\nLocation: /users/7\r\n\r\n"},
		{200, Header{"Set-Cookie": {"a=1", "b=2"}}, "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n"},
		{200, Header{"X-Tab": {"a\tb"}, "X-Empty": {""}}, "HTTP/1.1 200 OK\r\nX-Empty: \r\nX-Tab: a\tb\r\n\r\n"},
		{599, Header{}, "HTTP/1.1 599 \r\n\r\n"},
	}
	for _, tt := range tests {
		got, err := writeHeadBytes(tt.code, tt.h)
		if got != tt.want || err != nil {
			t.Errorf("writeHead(%d, %v) wrote %q, %v\nwant %q, nil", tt.code, tt.h, got, err, tt.want)
		}
	}
}

func TestWriteHeadRefusesInjection(t *testing.T) {
	tests := []struct {
		code int
		h    Header
		why  string
	}{
		{200, Header{"X-Name": {"a\r\nSet-Cookie: admin=1"}}, "CRLF in a value would start a field of its own"},
		{200, Header{"Location": {"/a\nb"}}, "a bare LF ends the line for lenient clients"},
		{200, Header{"X-Nul": {"a\x00"}}, "NUL is a control byte"},
		{200, Header{"Bad Name": {"a"}}, "a field name is a token: no spaces"},
		{200, Header{"X-Ok": {"fine"}, "X-Evil\r\nSet-Cookie": {"admin=1"}}, "CRLF in a name"},
		{99, Header{}, "a status code has three digits"},
		{1000, Header{}, "a status code has three digits"},
	}
	for _, tt := range tests {
		got, err := writeHeadBytes(tt.code, tt.h)
		if got != "" || !errors.Is(err, ErrInvalidHeader) {
			t.Errorf("writeHead(%d, %q) wrote %q, %v, want nothing written and an error wrapping ErrInvalidHeader (%s)", tt.code, tt.h, got, err, tt.why)
		}
	}
}

// writeHeadPick returns n random bytes from alphabet.
func writeHeadPick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func TestWriteHeadRandom(t *testing.T) {
	codes := []int{200, 201, 204, 301, 404, 418, 431, 503, 299, 999}
	for range 10 {
		code := codes[rand.IntN(len(codes))]
		h := Header{}
		for range 2 + rand.IntN(6) {
			name := "X-" + writeHeadPick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-", 1+rand.IntN(10))
			for range 1 + rand.IntN(2) {
				h[name] = append(h[name], writeHeadPick("abc xyz 0123456789,;=/\t\"", rand.IntN(20)))
			}
		}
		want := "HTTP/1.1 " + strconv.Itoa(code) + " " + StatusText(code) + "\r\n"
		for _, name := range slices.Sorted(maps.Keys(h)) {
			for _, v := range h[name] {
				want += name + ": " + v + "\r\n"
			}
		}
		want += "\r\n"
		if got, err := writeHeadBytes(code, h); got != want || err != nil {
			t.Fatalf("writeHead(%d, %q) wrote\n%q, %v\nwant\n%q, nil: the fields sorted by name, one line per value", code, h, got, err, want)
		}

		// The same header with CR, LF or NUL in one value: nothing may be written.
		for name := range h {
			v := h[name][0]
			at := rand.IntN(len(v) + 1)
			bad := v[:at] + []string{"\r\n", "\n", "\r", "\x00"}[rand.IntN(4)] + v[at:]
			h[name] = append([]string{bad}, h[name][1:]...)
			if got, err := writeHeadBytes(code, h); got != "" || !errors.Is(err, ErrInvalidHeader) {
				t.Fatalf("writeHead(%d, %q) wrote %q, %v, want nothing written and an error wrapping ErrInvalidHeader: %s has a control byte",
					code, h, got, err, name)
			}
			break
		}
	}
}
