package rawhttp

import "bufio"

// maxChunkLine bounds a chunk-size line: 16 hex digits and room for extensions.
const maxChunkLine = 4096

// readChunked reads a body sent in the chunked transfer coding (RFC 9112 §7.1)
// and returns it with the coding removed:
//
//	5\r\nhello\r\n    a chunk: its size in hex, CRLF, the data, CRLF
//	0\r\n             the last chunk has size zero
//	\r\n              then optional trailer fields and an empty line
//
// Chunk extensions (";name=value" after the size) are allowed and ignored, and so
// are trailer fields. A body over lim.Body wraps ErrBodyTooLarge, found before
// the chunk that would cross the limit is read; every other defect wraps
// ErrMalformed. lim must already hold its defaults.
func readChunked(br *bufio.Reader, lim Limits) ([]byte, error) {
	// TODO(05.01-chunked-body): loop: read the size line (readLine with
	// maxChunkLine), parseChunkSize, stop at size 0 after reading the trailer
	// section with readHeader; check the size against what lim.Body leaves,
	// io.ReadFull the data, then insist on "\r\n". Then, in body.go, send
	// Transfer-Encoding: chunked requests here.
	return nil, nil
}

// parseChunkSize parses the hexadecimal size at the start of a chunk line,
// before any ";extension".
func parseChunkSize(line string) (uint64, error) {
	// TODO(05.01-chunked-body): cut at ';', trim spaces and tabs before it,
	// accept 1 to 16 hex digits, strconv.ParseUint(hex, 16, 64).
	return 0, nil
}
