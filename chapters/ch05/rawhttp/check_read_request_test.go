package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// readRequestFrom runs ReadRequest on in with default limits.
func readRequestFrom(in string, lim Limits) (*Request, error) {
	return ReadRequest(bufio.NewReader(strings.NewReader(in)), lim)
}

func TestReadRequestCurl(t *testing.T) {
	in := "GET /hello?name=go HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"
	want := &Request{Method: "GET", Target: "/hello?name=go", Major: 1, Minor: 1, Path: "/hello", RawQuery: "name=go",
		Host: "127.0.0.1:8080", Header: Header{"Host": {"127.0.0.1:8080"}, "User-Agent": {"curl/8.5.0"}, "Accept": {"*/*"}}}
	got, err := readRequestFrom(in, Limits{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("ReadRequest(%q) =\n%+v, %v\nwant\n%+v, nil", in, got, err, want)
	}
}

func TestReadRequestTargets(t *testing.T) {
	tests := []struct {
		in                   string
		path, rawQuery, host string
	}{
		{"GET / HTTP/1.0\r\n\r\n", "/", "", ""},
		{"\r\nGET /after-empty-line HTTP/1.0\r\n\r\n", "/after-empty-line", "", ""},
		{"GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: a.test\r\n\r\n", "/a/b", "x=1&y=2", "a.test"},
		{"GET /q? HTTP/1.1\r\nHost: a.test\r\n\r\n", "/q", "", "a.test"},
		{"OPTIONS * HTTP/1.1\r\nHost: a.test\r\n\r\n", "*", "", "a.test"},
		{"GET http://b.test:8080/p?q=1 HTTP/1.1\r\nHost: a.test\r\n\r\n", "/p", "q=1", "b.test:8080"},
		{"GET http://b.test?q=1 HTTP/1.1\r\nHost: a.test\r\n\r\n", "/", "q=1", "b.test"},
		{"GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "/", "", "[::1]:8080"},
	}
	for _, tt := range tests {
		got, err := readRequestFrom(tt.in, Limits{})
		if err != nil || got == nil || got.Path != tt.path || got.RawQuery != tt.rawQuery || got.Host != tt.host {
			t.Errorf("ReadRequest(%q) = %+v, %v, want Path %q, RawQuery %q, Host %q", tt.in, got, err, tt.path, tt.rawQuery, tt.host)
		}
	}
}

func TestReadRequestRefuses(t *testing.T) {
	tests := []struct {
		in   string
		lim  Limits
		want error
		why  string
	}{
		{"", Limits{}, io.EOF, "no request at all: the client closed the connection"},
		{"GET / HTTP/1.1\r\nHost: a\r\n", Limits{}, io.ErrUnexpectedEOF, "the input ends before the empty line"},
		{"GET / HTTP/1.1\r\n\r\n", Limits{}, ErrMalformed, "HTTP/1.1 requires a Host field"},
		{"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Limits{}, ErrMalformed, "two Host fields"},
		{"GET / HTTP/1.1\r\nHost: a b\r\n\r\n", Limits{}, ErrMalformed, "a space in the Host"},
		{"GET http:///p HTTP/1.1\r\nHost: a\r\n\r\n", Limits{}, ErrMalformed, "an absolute-form target without a host"},
		{"GET /" + strings.Repeat("a", 100) + " HTTP/1.1\r\nHost: a\r\n\r\n", Limits{RequestLine: 64}, ErrURITooLong, "a request line over Limits.RequestLine"},
		{"GET / HTTP/2.0\r\nHost: a\r\n\r\n", Limits{}, ErrVersionNotSupported, "HTTP/2.0 in the request line"},
		{"GET / HTTP/1.1\nHost: a\n\n", Limits{}, ErrMalformed, "bare LF line endings"},
		{"GET / HTTP/1.1\r\nX-Big: " + strings.Repeat("a", 100) + "\r\n\r\n", Limits{FieldLine: 64}, ErrHeaderTooLarge, "a field line over Limits.FieldLine"},
	}
	for _, tt := range tests {
		got, err := readRequestFrom(tt.in, tt.lim)
		if got != nil || !errors.Is(err, tt.want) {
			t.Errorf("ReadRequest(%.90q) = %+v, %v, want nil and an error wrapping %v (%s)", tt.in, got, err, tt.want, tt.why)
		}
	}
}

func TestReadRequestDefaultLimits(t *testing.T) {
	in := "GET /" + strings.Repeat("a", 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n"
	if _, err := readRequestFrom(in, Limits{}); !errors.Is(err, ErrURITooLong) {
		t.Errorf("ReadRequest(a 9000-byte request line, Limits{}) error = %v, want ErrURITooLong: a zero Limits field means the default, 8 KiB (lim.withDefaults())", err)
	}
}

// readRequestPick returns n random bytes from alphabet.
func readRequestPick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func TestReadRequestRandom(t *testing.T) {
	const word = "abcdefghijklmnopqrstuvwxyz0123456789-._~"
	for range 10 {
		host := readRequestPick(word, 1+rand.IntN(12)) + "." + readRequestPick("abcdefghijklmnopqrstuvwxyz", 2+rand.IntN(3))
		if rand.IntN(2) == 0 {
			host += fmt.Sprintf(":%d", 1+rand.IntN(65535))
		}
		path := "/" + readRequestPick(word+"/%!$&'()*+,;=:@", rand.IntN(20))
		query := ""
		if rand.IntN(3) > 0 {
			query = readRequestPick(word+"=&%+/?", rand.IntN(20))
		}
		target := path
		if query != "" {
			target += "?" + query
		}
		field := readRequestPick(word, 1+rand.IntN(8))
		in := "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nX-" + field + ": 1\r\n\r\n"
		got, err := readRequestFrom(in, Limits{})
		if err != nil || got == nil || got.Path != path || got.RawQuery != query || got.Host != host || got.Target != target {
			t.Fatalf("ReadRequest(%q) = %+v, %v\nwant Target %q, Path %q, RawQuery %q, Host %q", in, got, err, target, path, query, host)
		}
		if got.Header.Get("X-"+field) != "1" {
			t.Fatalf("ReadRequest(%q): Header = %q, want it to hold the X-%s field", in, got.Header, field)
		}

		// The same request sent to a proxy: the host in the target wins.
		other := readRequestPick("abcdefghijklmnopqrstuvwxyz", 3+rand.IntN(5)) + ".test"
		in = "GET http://" + other + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
		got, err = readRequestFrom(in, Limits{})
		if err != nil || got == nil || got.Path != path || got.RawQuery != query || got.Host != other {
			t.Fatalf("ReadRequest(%q) = %+v, %v\nwant Path %q, RawQuery %q, Host %q: in absolute form, the host in the target wins over the Host field",
				in, got, err, path, query, other)
		}
	}
}
