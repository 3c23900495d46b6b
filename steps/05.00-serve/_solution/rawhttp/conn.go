package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// ServeConn reads one request from c, answers it and closes c. A request that
// cannot be read is answered with 400 Bad Request.
func (s *Server) ServeConn(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	bw := bufio.NewWriter(c)
	req, err := ReadRequest(br, s.Limits)
	if err != nil {
		s.refuse(c, bw, err)
		return
	}
	w := newResponseWriter(bw, req)
	s.handler().ServeHTTP(w, req)
	w.finish()
}

// refuse answers a request that could not be read with 400 Bad Request, a short
// explanation, and "Connection: close". When the client sent nothing at all
// (io.EOF), there is nobody to answer.
func (s *Server) refuse(c net.Conn, bw *bufio.Writer, err error) {
	if errors.Is(err, io.EOF) {
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
	bw.Flush()
}
