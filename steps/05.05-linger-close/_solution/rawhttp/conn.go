package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"
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
		s.handler().ServeHTTP(w, req)
		if err := w.finish(); err != nil {
			return
		}
		if w.close {
			lingerClose(c)
			return
		}
	}
}

// refuse answers a request that could not be read with 400 Bad Request, a short
// explanation, and "Connection: close", then closes the connection. When the
// client sent nothing at all (io.EOF) or too slowly (the read deadline passed), it
// answers nothing.
func (s *Server) refuse(c net.Conn, bw *bufio.Writer, err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, os.ErrDeadlineExceeded) {
		return
	}
	const code = 400
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
