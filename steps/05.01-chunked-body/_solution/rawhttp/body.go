package rawhttp

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readBody reads the body of r, framed the way its header says (RFC 9112 §6.3):
//
//   - Transfer-Encoding: chunked: chunks up to the last, zero-length one;
//   - Content-Length: n: exactly n bytes;
//   - neither: no body at all (a request is never delimited by closing).
//
// A request with both fields is refused, because two framings that disagree are
// how request smuggling works. So is any transfer coding but chunked
// (ErrNotImplemented), and a body longer than lim.Body (ErrBodyTooLarge).
func readBody(br *bufio.Reader, r *Request, lim Limits) ([]byte, error) {
	n, hasLength, err := contentLength(r.Header)
	if err != nil {
		return nil, err
	}
	if codings := r.Header.Values("Transfer-Encoding"); len(codings) > 0 {
		if hasLength {
			return nil, fmt.Errorf("%w: both Transfer-Encoding and Content-Length", ErrMalformed)
		}
		if r.Major == 1 && r.Minor == 0 {
			return nil, fmt.Errorf("%w: Transfer-Encoding in an HTTP/1.0 request", ErrMalformed)
		}
		if err := checkChunked(codings); err != nil {
			return nil, err
		}
		return readChunked(br, lim)
	}
	if !hasLength || n == 0 {
		return nil, nil
	}
	if n > lim.Body {
		return nil, fmt.Errorf("%w: Content-Length %d, limit %d", ErrBodyTooLarge, n, lim.Body)
	}
	body := make([]byte, n)
	if got, err := io.ReadFull(br, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("rawhttp: body ended after %d of %d bytes: %w", got, n, err)
	}
	return body, nil
}

// contentLength returns the value of the Content-Length fields and whether there
// is one. Every value must be plain decimal digits: no sign, no spaces, no hex.
// Repeated fields (or a list "5, 5") are accepted only if they all agree.
func contentLength(h Header) (n int64, ok bool, err error) {
	for _, field := range h.Values("Content-Length") {
		for _, v := range strings.Split(field, ",") {
			v = trimOWS(v)
			if v == "" || strings.TrimLeft(v, "0123456789") != "" {
				return 0, false, fmt.Errorf("%w: Content-Length %q is not a number", ErrMalformed, field)
			}
			m, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return 0, false, fmt.Errorf("%w: Content-Length %q is out of range", ErrMalformed, field)
			}
			if ok && m != n {
				return 0, false, fmt.Errorf("%w: Content-Length fields disagree: %d and %d", ErrMalformed, n, m)
			}
			n, ok = m, true
		}
	}
	return n, ok, nil
}

// checkChunked accepts a Transfer-Encoding of exactly "chunked". Another coding
// before it (gzip, ...) is ErrNotImplemented; chunked missing from the end or sent
// twice leaves the body's length unknown, which is ErrMalformed.
func checkChunked(fields []string) error {
	var codings []string
	for _, field := range fields {
		for _, c := range strings.Split(field, ",") {
			if c = trimOWS(c); c != "" {
				codings = append(codings, strings.ToLower(c))
			}
		}
	}
	last := len(codings) - 1
	switch {
	case last < 0 || codings[last] != "chunked":
		return fmt.Errorf("%w: Transfer-Encoding %q does not end in chunked", ErrMalformed, strings.Join(fields, ", "))
	case last > 0:
		for _, c := range codings[:last] {
			if c == "chunked" {
				return fmt.Errorf("%w: chunked applied twice", ErrMalformed)
			}
		}
		return fmt.Errorf("%w: transfer coding %q", ErrNotImplemented, codings[0])
	}
	return nil
}
