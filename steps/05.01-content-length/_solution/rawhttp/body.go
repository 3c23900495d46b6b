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
//   - Content-Length: n: exactly n bytes;
//   - neither Content-Length nor Transfer-Encoding: no body at all (a request is
//     never delimited by closing the connection).
//
// A body longer than lim.Body is ErrBodyTooLarge, found before a byte of it is
// read. Transfer-Encoding is not read yet (ErrNotImplemented).
func readBody(br *bufio.Reader, r *Request, lim Limits) ([]byte, error) {
	if len(r.Header.Values("Transfer-Encoding")) > 0 {
		return nil, fmt.Errorf("%w: Transfer-Encoding", ErrNotImplemented)
	}
	n, hasLength, err := contentLength(r.Header)
	if err != nil {
		return nil, err
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
