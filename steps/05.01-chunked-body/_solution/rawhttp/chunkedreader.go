package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

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
	var body []byte
	for {
		line, err := readLine(br, maxChunkLine)
		if errors.Is(err, errLineTooLong) {
			return nil, fmt.Errorf("%w: chunk size line longer than %d bytes", ErrMalformed, maxChunkLine)
		}
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		size, err := parseChunkSize(line)
		if err != nil {
			return nil, err
		}
		if size == 0 {
			// Trailer fields follow the last chunk; read them with the header
			// limits and drop them.
			if _, err := readHeader(br, lim); err != nil {
				return nil, unexpectedEOF(err)
			}
			return body, nil
		}
		if size > uint64(lim.Body-int64(len(body))) {
			return nil, fmt.Errorf("%w: chunked body longer than %d bytes", ErrBodyTooLarge, lim.Body)
		}
		start := len(body)
		body = append(body, make([]byte, size)...)
		if _, err := io.ReadFull(br, body[start:]); err != nil {
			return nil, unexpectedEOF(err)
		}
		crlf, err := br.Peek(2)
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		if string(crlf) != "\r\n" {
			return nil, fmt.Errorf("%w: chunk data is not followed by CRLF", ErrMalformed)
		}
		br.Discard(2)
	}
}

// parseChunkSize parses the hexadecimal size at the start of a chunk line,
// before any ";extension".
func parseChunkSize(line string) (uint64, error) {
	hex, ext, _ := strings.Cut(line, ";")
	hex = strings.TrimRight(hex, " \t") // spaces may come before the ";"
	if !isFieldValue(ext) {
		return 0, fmt.Errorf("%w: chunk extension %q holds a control byte", ErrMalformed, ext)
	}
	if hex == "" || len(hex) > 16 || strings.TrimLeft(hex, "0123456789abcdefABCDEF") != "" {
		return 0, fmt.Errorf("%w: chunk size %q is not hexadecimal", ErrMalformed, hex)
	}
	return strconv.ParseUint(hex, 16, 64)
}
