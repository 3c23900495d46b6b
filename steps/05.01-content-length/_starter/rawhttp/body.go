package rawhttp

import "bufio"

// readBody reads the body of r, framed the way its header says (RFC 9112 §6.3):
//
//   - Content-Length: n: exactly n bytes;
//   - neither Content-Length nor Transfer-Encoding: no body at all (a request is
//     never delimited by closing the connection).
//
// A body longer than lim.Body is ErrBodyTooLarge, found before a byte of it is
// read. Transfer-Encoding is not read yet (ErrNotImplemented).
func readBody(br *bufio.Reader, r *Request, lim Limits) ([]byte, error) {
	// TODO(05.01-content-length): refuse Transfer-Encoding for now; get the
	// length from contentLength; no length or 0 means no body; over lim.Body
	// is ErrBodyTooLarge; then io.ReadFull exactly n bytes. And call readBody
	// at the end of ReadRequest (request.go).
	return nil, nil
}

// contentLength returns the value of the Content-Length fields and whether there
// is one. Every value must be plain decimal digits: no sign, no spaces, no hex.
// Repeated fields (or a list "5, 5") are accepted only if they all agree.
func contentLength(h Header) (n int64, ok bool, err error) {
	// TODO(05.01-content-length): go through h.Values("Content-Length"), split
	// each at commas, trimOWS, insist on digits only, strconv.ParseInt, and
	// refuse values that disagree.
	return 0, false, nil
}
