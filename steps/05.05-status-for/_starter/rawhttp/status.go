package rawhttp

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
	// TODO(05.05-status-for): errors.Is against each sentinel of errors.go,
	// io.EOF, io.ErrUnexpectedEOF and os.ErrDeadlineExceeded; 500 for the
	// rest. Then let refuse (conn.go) answer with the code StatusFor gives,
	// and answer nothing when it is 0.
	return 0
}
