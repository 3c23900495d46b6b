package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"
	"reflect"
	"strings"
	"testing"
)

var readRequestTests = []struct {
	name string
	in   string
	lim  Limits
	want *Request
	err  error
}{
	{"curl", "GET /hello?name=go HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n", Limits{},
		&Request{Method: "GET", Target: "/hello?name=go", Major: 1, Minor: 1, Path: "/hello", RawQuery: "name=go", Host: "127.0.0.1:8080",
			Header: Header{"Host": {"127.0.0.1:8080"}, "User-Agent": {"curl/8.5.0"}, "Accept": {"*/*"}}}, nil},
	{"http/1.0 without host", "GET / HTTP/1.0\r\n\r\n", Limits{},
		&Request{Method: "GET", Target: "/", Major: 1, Minor: 0, Path: "/", Header: Header{}}, nil},
	{"leading empty line", "\r\nGET / HTTP/1.0\r\n\r\n", Limits{},
		&Request{Method: "GET", Target: "/", Major: 1, Minor: 0, Path: "/", Header: Header{}}, nil},
	{"absolute form", "GET http://example.com?x=1 HTTP/1.1\r\nHost: other\r\n\r\n", Limits{},
		&Request{Method: "GET", Target: "http://example.com?x=1", Major: 1, Minor: 1, Path: "/", RawQuery: "x=1", Host: "example.com", Header: Header{"Host": {"other"}}}, nil},
	{"asterisk", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", Limits{},
		&Request{Method: "OPTIONS", Target: "*", Major: 1, Minor: 1, Path: "*", Host: "a", Header: Header{"Host": {"a"}}}, nil},
	{"content-length body", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", Limits{},
		&Request{Method: "POST", Target: "/p", Major: 1, Minor: 1, Path: "/p", Host: "a", Header: Header{"Host": {"a"}, "Content-Length": {"5"}}, Body: []byte("hello")}, nil},
	{"chunked body", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n", Limits{},
		&Request{Method: "POST", Target: "/p", Major: 1, Minor: 1, Path: "/p", Host: "a", Header: Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}}, Body: []byte("hello!")}, nil},
	{"empty", "", Limits{}, nil, io.EOF},
	{"cut in header", "GET / HTTP/1.1\r\nHost: a\r\n", Limits{}, nil, io.ErrUnexpectedEOF},
	{"no host", "GET / HTTP/1.1\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"two hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"bad host", "GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"long request line", "GET /" + strings.Repeat("a", 100) + " HTTP/1.1\r\nHost: a\r\n\r\n", Limits{RequestLine: 64}, nil, ErrURITooLong},
	{"http/2", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", Limits{}, nil, ErrVersionNotSupported},
	{"bare lf", "GET / HTTP/1.1\nHost: a\n\n", Limits{}, nil, ErrMalformed},
	{"negative length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"plus length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", Limits{}, nil, ErrMalformed},
	{"hex length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello", Limits{}, nil, ErrMalformed},
	{"huge length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"lengths disagree", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", Limits{}, nil, ErrMalformed},
	{"length list disagrees", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!", Limits{}, nil, ErrMalformed},
	{"lengths agree", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", Limits{},
		&Request{Method: "POST", Target: "/", Major: 1, Minor: 1, Path: "/", Host: "a", Header: Header{"Host": {"a"}, "Content-Length": {"5", "5"}}, Body: []byte("hello")}, nil},
	{"length and chunked", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"gzip then chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", Limits{}, nil, ErrNotImplemented},
	{"chunked not last", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"chunked in 1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Limits{}, nil, ErrMalformed},
	{"body too large", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world", Limits{Body: 10}, nil, ErrBodyTooLarge},
	{"chunked too large", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", Limits{Body: 10}, nil, ErrBodyTooLarge},
	{"short body", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhello", Limits{}, nil, io.ErrUnexpectedEOF},
}

func TestReadRequest(t *testing.T) {
	for _, tt := range readRequestTests {
		got, err := ReadRequest(bufio.NewReader(strings.NewReader(tt.in)), tt.lim)
		if !reflect.DeepEqual(got, tt.want) || !errors.Is(err, tt.err) {
			t.Errorf("%s: ReadRequest(%q) = %+v, %v, want %+v, %v", tt.name, tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestReadChunked(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"0\r\n\r\n", "", nil},
		{"5\r\nhello\r\n0\r\n\r\n", "hello", nil},
		{"A\r\n0123456789\r\n0\r\n\r\n", "0123456789", nil},
		{"a\r\n0123456789\r\n0\r\n\r\n", "0123456789", nil},
		{"5 ;name=value\r\nhello\r\n0\r\n\r\n", "hello", nil},
		{"5\r\nhello\r\n0\r\nExpires: never\r\n\r\n", "hello", nil},
		{"0005\r\nhello\r\n0\r\n\r\n", "hello", nil},
		{"5\r\nhello0\r\n\r\n", "", ErrMalformed},
		{"5\r\nhelloXY0\r\n\r\n", "", ErrMalformed},
		{"x\r\nhello\r\n0\r\n\r\n", "", ErrMalformed},
		{"-5\r\nhello\r\n0\r\n\r\n", "", ErrMalformed},
		{"0x5\r\nhello\r\n0\r\n\r\n", "", ErrMalformed},
		{"\r\nhello\r\n0\r\n\r\n", "", ErrMalformed},
		{"10000000000000000\r\n", "", ErrMalformed},
		{"ffffffffffffffff\r\n", "", ErrBodyTooLarge},
		{"5\nhello\r\n0\r\n\r\n", "", ErrMalformed},
		{"5\r\nhel", "", io.ErrUnexpectedEOF},
		{"5\r\nhello\r\n", "", io.ErrUnexpectedEOF},
		{"5\r\nhello\r\n0\r\n", "", io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		got, err := readChunked(bufio.NewReader(strings.NewReader(tt.in)), Limits{}.withDefaults())
		if string(got) != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("readChunked(%q) = %q, %v, want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzReadRequest feeds the same bytes to ReadRequest and to net/http's
// http.ReadRequest. ReadRequest may refuse more (it is stricter, on purpose), but
// on every input both accept they must read the same request.
func FuzzReadRequest(f *testing.F) {
	for _, tt := range readRequestTests {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte("GET / HTTP/1.1\r\nHost: a\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n"))
	f.Add([]byte("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, err := ReadRequest(bufio.NewReader(bytes.NewReader(data)), Limits{})
		if err != nil {
			if code := StatusFor(err); code != 0 && (code < 400 || code > 505) {
				t.Fatalf("ReadRequest(%q) error %v maps to status %d", data, err, code)
			}
			return
		}
		theirs, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			return
		}
		theirBody, err := io.ReadAll(theirs.Body)
		if err != nil {
			return
		}
		if ours.Method != theirs.Method || ours.Target != theirs.RequestURI ||
			ours.Major != theirs.ProtoMajor || ours.Minor != theirs.ProtoMinor {
			t.Fatalf("input %q: we read %s %s %s, net/http read %s %s %s",
				data, ours.Method, ours.Target, ours.Proto(), theirs.Method, theirs.RequestURI, theirs.Proto)
		}
		if ours.Host != theirs.Host {
			t.Fatalf("input %q: Host = %q, net/http says %q", data, ours.Host, theirs.Host)
		}
		if !bytes.Equal(ours.Body, theirBody) {
			t.Fatalf("input %q: body = %q, net/http read %q", data, ours.Body, theirBody)
		}
		for name, values := range ours.Header {
			switch name {
			case "Host", "Content-Length", "Transfer-Encoding": // net/http moves or rewrites these
				continue
			}
			if !reflect.DeepEqual(values, theirs.Header[name]) {
				t.Fatalf("input %q: %s = %q, net/http read %q", data, name, values, theirs.Header[name])
			}
		}
		if len(ours.Header)-len(theirs.Header) > 3 || len(theirs.Header) > len(ours.Header) {
			t.Fatalf("input %q: header %v, net/http read %v", data, ours.Header, theirs.Header)
		}
	})
}

// FuzzReadChunked compares readChunked with net/http/httputil's chunked reader on
// every input both accept.
func FuzzReadChunked(f *testing.F) {
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"))
	f.Add([]byte("3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nT: 1\r\n\r\n"))
	f.Add([]byte("5\r\nhello0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, err := readChunked(bufio.NewReader(bytes.NewReader(data)), Limits{}.withDefaults())
		if err != nil {
			return
		}
		theirs, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(data)))
		if err != nil {
			return
		}
		if !bytes.Equal(ours, theirs) {
			t.Fatalf("readChunked(%q) = %q, httputil read %q", data, ours, theirs)
		}
	})
}
