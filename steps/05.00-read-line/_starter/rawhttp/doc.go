// Package rawhttp is a small HTTP/1.1 server built on net and bufio alone, the
// code of chapter 5 of learn-go-hard-way. It exists to show what net/http does
// for you: every byte of a request is read and checked here, and every byte of a
// response is written here.
//
// # Reading a request
//
// ReadRequest reads one request from a bufio.Reader: the request line
// (ParseRequestLine), the header fields (into a Header) and the body, framed by
// Content-Length or by the chunked transfer coding. Every part has a size limit
// (Limits), and input that breaks the grammar is refused rather than guessed at:
// a bare LF, whitespace before a colon, folded lines, two Content-Lengths that
// disagree, Content-Length together with Transfer-Encoding.
//
// # Writing a response
//
// A Handler writes to a ResponseWriter. Short bodies are held back and sent with
// a Content-Length; long or flushed ones are streamed in chunks. Date and
// Connection are set for the handler, HEAD gets the head without the body, and a
// header value holding CR or LF is never sent (ErrInvalidHeader).
//
// # Serving connections
//
// Server.Serve accepts connections and Server.ServeConn answers the requests on
// one of them, keeping it open between requests (HTTP/1.1 keep-alive) until the
// client asks to close, stays idle too long, or sends something the server
// refuses. A refusal is answered with the status StatusFor gives its error (400,
// 408, 413, 414, 431, 501 or 505) and a closed connection.
//
// # Helpers for handlers
//
// Negotiate picks a content type from an Accept field, ParseCookies and
// Request.Cookies read cookies, SetCookie writes a Set-Cookie field, and
// ParseUserAgent splits a User-Agent into its products.
package rawhttp
