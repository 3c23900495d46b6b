package rawhttp

import (
	"errors"
	"io"
	"os"
)

// StatusFor returns the status code to answer a request that failed with err, or
// 0 when there is nobody to answer: the client closed the connection between requests.
//
//	ErrMalformed, io.ErrUnexpectedEOF   400 Bad Request
//	timeout (os.ErrDeadlineExceeded)    408 Request Timeout
//	ErrBodyTooLarge                     413 Content Too Large
//	ErrURITooLong                       414 URI Too Long
//	ErrHeaderTooLarge                   431 Request Header Fields Too Large
//	ErrNotImplemented                   501 Not Implemented
//	ErrVersionNotSupported              505 HTTP Version Not Supported
//	anything else                       500 Internal Server Error
func StatusFor(err error) int {
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return 0
	case errors.Is(err, ErrMalformed), errors.Is(err, io.ErrUnexpectedEOF):
		return 400
	case errors.Is(err, os.ErrDeadlineExceeded):
		return 408
	case errors.Is(err, ErrBodyTooLarge):
		return 413
	case errors.Is(err, ErrURITooLong):
		return 414
	case errors.Is(err, ErrHeaderTooLarge):
		return 431
	case errors.Is(err, ErrNotImplemented):
		return 501
	case errors.Is(err, ErrVersionNotSupported):
		return 505
	}
	return 500
}
