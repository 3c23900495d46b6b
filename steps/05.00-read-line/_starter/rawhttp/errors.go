package rawhttp

import "errors"

// The errors a request can be refused with. Each one stands for one status code
// (see StatusFor); the functions of this package wrap them with %w and add what
// exactly was wrong, so test them with errors.Is.
var (
	// ErrMalformed means the request breaks the HTTP/1.1 grammar: 400 Bad Request.
	ErrMalformed = errors.New("rawhttp: malformed request")
	// ErrURITooLong means the request line is longer than Limits.RequestLine: 414 URI Too Long.
	ErrURITooLong = errors.New("rawhttp: request line too long")
	// ErrHeaderTooLarge means a header field line, the number of fields or the whole
	// header section is over its limit: 431 Request Header Fields Too Large.
	ErrHeaderTooLarge = errors.New("rawhttp: request header too large")
	// ErrBodyTooLarge means the body is longer than Limits.Body: 413 Content Too Large.
	ErrBodyTooLarge = errors.New("rawhttp: request body too large")
	// ErrNotImplemented means the request uses a transfer coding this server does
	// not implement (anything but chunked): 501 Not Implemented.
	ErrNotImplemented = errors.New("rawhttp: not implemented")
	// ErrVersionNotSupported means the request's major version is not 1: 505 HTTP Version Not Supported.
	ErrVersionNotSupported = errors.New("rawhttp: HTTP version not supported")

	// ErrInvalidHeader means a response header field cannot be sent safely: its
	// name is not a token, or its value holds CR, LF or another control byte that
	// would let it end the field early (header injection).
	ErrInvalidHeader = errors.New("rawhttp: invalid response header field")
	// ErrBodyNotAllowed is returned by ResponseWriter.Write when the request or the
	// status code does not allow a body (HEAD, 1xx, 204, 304).
	ErrBodyNotAllowed = errors.New("rawhttp: response status does not allow a body")

	// errLineTooLong is readLine's answer to a line over its limit. Callers turn it
	// into ErrURITooLong or ErrHeaderTooLarge, depending on which line it was.
	errLineTooLong = errors.New("rawhttp: line too long")
)
