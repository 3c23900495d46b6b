package rawhttp

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseRequestLineAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want RequestLine
	}{
		{"GET / HTTP/1.1", RequestLine{Method: "GET", Target: "/", Major: 1, Minor: 1}},
		{"POST /users?id=7 HTTP/1.0", RequestLine{Method: "POST", Target: "/users?id=7", Major: 1, Minor: 0}},
		{"OPTIONS * HTTP/1.1", RequestLine{Method: "OPTIONS", Target: "*", Major: 1, Minor: 1}},
		{"CONNECT example.com:443 HTTP/1.1", RequestLine{Method: "CONNECT", Target: "example.com:443", Major: 1, Minor: 1}},
		{"GET http://example.com/a HTTP/1.1", RequestLine{Method: "GET", Target: "http://example.com/a", Major: 1, Minor: 1}},
		{"PURGE /cache HTTP/1.1", RequestLine{Method: "PURGE", Target: "/cache", Major: 1, Minor: 1}},
		{"GET /a%20b HTTP/1.9", RequestLine{Method: "GET", Target: "/a%20b", Major: 1, Minor: 9}},
	}
	for _, tt := range tests {
		got, err := ParseRequestLine(tt.in)
		if got != tt.want || err != nil {
			t.Errorf("ParseRequestLine(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRequestLineRefuses(t *testing.T) {
	tests := []struct {
		in   string
		why  string
		want error
	}{
		{"GET / HTTP/2.0", "HTTP/2 is not spoken as text: 505", ErrVersionNotSupported},
		{"GET / HTTP/0.9", "only major version 1: 505", ErrVersionNotSupported},
		{"GET /", "HTTP/0.9's one-part line is not supported", ErrMalformed},
		{"GET", "no target, no version", ErrMalformed},
		{"", "an empty line", ErrMalformed},
		{"GET  / HTTP/1.1", "two spaces", ErrMalformed},
		{"GET / HTTP/1.1 ", "a trailing space", ErrMalformed},
		{" GET / HTTP/1.1", "a leading space", ErrMalformed},
		{"GET\t/ HTTP/1.1", "a tab is not the separator", ErrMalformed},
		{"GET /a b HTTP/1.1", "a space inside the target", ErrMalformed},
		{"GET / http/1.1", "the version is case-sensitive", ErrMalformed},
		{"GET / HTTP/1.10", "one digit each side of the dot", ErrMalformed},
		{"GET / HTTP/1", "no minor version", ErrMalformed},
		{"G(T / HTTP/1.1", "( is not allowed in a token", ErrMalformed},
		{"GET index.html HTTP/1.1", "an origin-form target starts with /", ErrMalformed},
		{"GET * HTTP/1.1", "* is only for OPTIONS", ErrMalformed},
		{"GET /\x00 HTTP/1.1", "a control byte in the target", ErrMalformed},
		{"GET /caf\xc3\xa9 HTTP/1.1", "non-ASCII bytes in the target (percent-encode them)", ErrMalformed},
		{"CONNECT /x HTTP/1.1", "CONNECT takes host:port", ErrMalformed},
	}
	for _, tt := range tests {
		got, err := ParseRequestLine(tt.in)
		if !errors.Is(err, tt.want) || got != (RequestLine{}) {
			t.Errorf("ParseRequestLine(%q) = %+v, %v, want RequestLine{} and an error wrapping %v (%s)", tt.in, got, err, tt.want, tt.why)
		}
	}
}

// requestLinePick returns n random bytes from alphabet.
func requestLinePick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// requestLineTchars are the bytes a token may hold.
const requestLineTchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// requestLineVisible are the bytes an origin-form target may hold after its "/".
const requestLineVisible = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

func TestParseRequestLineRandom(t *testing.T) {
	for range 20 {
		want := RequestLine{
			Method: requestLinePick(requestLineTchars, 1+rand.IntN(10)),
			Target: "/" + requestLinePick(requestLineVisible, rand.IntN(30)),
			Major:  1,
			Minor:  rand.IntN(10),
		}
		line := fmt.Sprintf("%s %s HTTP/%d.%d", want.Method, want.Target, want.Major, want.Minor)
		got, err := ParseRequestLine(line)
		if got != want || err != nil {
			t.Fatalf("ParseRequestLine(%q) = %s, %v\nwant %s, nil: any token is a method, any visible ASCII after / is a target", line, requestLineShow(got), err, requestLineShow(want))
		}

		// The same line, broken in one place.
		major := 2 + rand.IntN(8)
		bad := fmt.Sprintf("%s %s HTTP/%d.%d", want.Method, want.Target, major, want.Minor)
		if got, err := ParseRequestLine(bad); !errors.Is(err, ErrVersionNotSupported) || got != (RequestLine{}) {
			t.Fatalf("ParseRequestLine(%q) = %s, %v, want RequestLine{} and an error wrapping ErrVersionNotSupported (major version %d)", bad, requestLineShow(got), err, major)
		}
		at := 1 + rand.IntN(len(want.Target))
		ctl := []string{"\x00", "\x01", "\t", "\x7f", "\xff", " "}[rand.IntN(6)]
		bad = want.Method + " " + want.Target[:at] + ctl + want.Target[at:] + " HTTP/1.1"
		if got, err := ParseRequestLine(bad); !errors.Is(err, ErrMalformed) || got != (RequestLine{}) {
			t.Fatalf("ParseRequestLine(%q) = %s, %v, want RequestLine{} and an error wrapping ErrMalformed: byte %q in the target", bad, requestLineShow(got), err, ctl)
		}
		bad = strings.Replace(line, " ", "  ", 1+rand.IntN(2))
		if got, err := ParseRequestLine(bad); !errors.Is(err, ErrMalformed) || got != (RequestLine{}) {
			t.Fatalf("ParseRequestLine(%q) = %s, %v, want RequestLine{} and an error wrapping ErrMalformed: exactly one space between the parts", bad, requestLineShow(got), err)
		}
	}
}

// requestLineShow formats rl with its strings quoted, control bytes visible.
func requestLineShow(rl RequestLine) string {
	return fmt.Sprintf("{Method: %q, Target: %q, Major: %d, Minor: %d}", rl.Method, rl.Target, rl.Major, rl.Minor)
}
