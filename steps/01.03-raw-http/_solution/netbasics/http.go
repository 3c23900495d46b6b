package netbasics

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
)

// ServeHello answers one HTTP/1.1 request on conn with a 200 OK whose body is
// "hello\n", then closes conn.
//
// It reads the whole request head first: the request line and every header
// line, up to the blank line that ends them. Answering before that would
// leave unread bytes in the socket, and closing a socket that still holds
// unread bytes makes the kernel reset the connection, which the client may
// see instead of the answer.
func ServeHello(conn net.Conn) error {
	defer conn.Close()
	if _, _, err := readHead(bufio.NewReader(conn)); err != nil {
		return err
	}
	return writeResponse(conn, "200 OK", "hello\n")
}

// readHead reads a request head: the request line, then header lines up to
// the blank line that ends the head. Line endings are dropped.
func readHead(r *bufio.Reader) (requestLine string, headers []string, err error) {
	requestLine, err = readLine(r)
	if err != nil {
		return "", nil, err
	}
	for {
		line, err := readLine(r)
		if err != nil {
			return "", nil, err
		}
		if line == "" {
			return requestLine, headers, nil
		}
		headers = append(headers, line)
	}
}

// readLine reads one line and drops its "\r\n" (or a bare "\n").
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("netbasics: read request head: %w", err)
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}

// writeResponse writes a complete HTTP/1.1 response with a plain-text body.
// Content-Length tells the client where the body ends; Connection: close
// tells it not to send another request on this connection.
func writeResponse(w io.Writer, status, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %s\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n"+
		"Content-Length: %d\r\n"+
		"Connection: close\r\n"+
		"\r\n"+
		"%s", status, len(body), body)
	if err != nil {
		return fmt.Errorf("netbasics: write response: %w", err)
	}
	return nil
}
