package rawhttp

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"runtime/debug"
	"strconv"
	"time"
)

// Lingering close: how long and how much to drain after a last response.
const (
	lingerTimeout = time.Second
	lingerBytes   = 256 << 10
)

// ServeConn serves the requests that arrive on c, one after the other, and
// closes c when the client closes its side, asks to close, stays idle longer than
// IdleTimeout, or sends a request the server refuses.
//
// Requests sent back to back without waiting for the answers (pipelining) are
// answered in order: the next one simply waits in the read buffer.
func (s *Server) ServeConn(c net.Conn) {
	defer c.Close()
	lim := s.Limits.withDefaults()
	br := bufio.NewReader(c)
	bw := bufio.NewWriter(c)
	for {
		// Between requests, wait at most IdleTimeout for the first byte.
		c.SetReadDeadline(time.Now().Add(s.idleTimeout()))
		if _, err := br.Peek(1); err != nil {
			return // closed, or idle too long: there is no request to answer
		}
		c.SetReadDeadline(time.Now().Add(s.readTimeout()))
		req, err := ReadRequest(br, lim)
		if err != nil {
			s.refuse(c, bw, err)
			return
		}
		c.SetWriteDeadline(time.Now().Add(s.writeTimeout()))
		w := newResponseWriter(bw, req)
		w.close = wantsClose(req)
		s.runHandler(w, req)
		if err := w.finish(); err != nil {
			return
		}
		if w.close {
			lingerClose(c)
			return
		}
	}
}

// runHandler calls the handler and turns a panic into a 500 response, or into a
// closed connection if part of the response has already gone out.
func (s *Server) runHandler(w *ResponseWriter, r *Request) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		s.logf("rawhttp: panic serving %s %s: %v\n%s", r.Method, r.Target, v, debug.Stack())
		w.close = true
		if w.headSent {
			w.err = fmt.Errorf("rawhttp: handler panicked: %v", v)
			return
		}
		w.status, w.header, w.body = 500, Header{}, nil
		w.header.Set("Content-Type", "text/plain; charset=utf-8")
		w.body = []byte("500 Internal Server Error\n")
	}()
	s.handler().ServeHTTP(w, r)
}

// refuse answers a request that could not be read with the status StatusFor gives
// err, a short explanation, and "Connection: close", then closes the connection.
func (s *Server) refuse(c net.Conn, bw *bufio.Writer, err error) {
	code := StatusFor(err)
	if code == 0 {
		return
	}
	c.SetWriteDeadline(time.Now().Add(s.writeTimeout()))
	msg := fmt.Sprintf("%d %s: %v\n", code, StatusText(code), err)
	h := Header{}
	h.Set("Date", httpDate(time.Now()))
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(msg)))
	h.Set("Connection", "close")
	writeHead(bw, code, h)
	bw.WriteString(msg)
	if bw.Flush() == nil {
		lingerClose(c)
	}
}

// lingerClose shuts the writing half of c and reads what the client still sends,
// for a short while, before the caller closes c. Closing a socket that has unread
// input makes the kernel send a reset, and a reset can destroy the response
// before the client has read it.
func lingerClose(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.SetReadDeadline(time.Now().Add(lingerTimeout))
	io.Copy(io.Discard, io.LimitReader(c, lingerBytes))
}
