package httpcache

import (
	"bytes"
	"io"
	"net/http"
)

// A capture passes a response on to the client and keeps a copy of it for
// the store. When the header goes out, decide says whether the response is
// worth keeping; the body is then copied as it is written, up to limit
// bytes. A body that grows past the limit is dropped from memory at once
// and the rest streams through: the cache never holds more than limit
// bytes of one response.
//
// Like velocy/middleware's ResponseWriter, a capture hides nothing the
// writer underneath can do: it flushes, it unwraps for
// http.ResponseController (which reaches Hijack through it), and while it
// keeps no copy, ReadFrom is the underlying writer's (sendfile).
type capture struct {
	w      http.ResponseWriter
	decide func(status int) bool // called once, before the header is sent
	limit  int64

	status int          // the status sent, 0 until then
	keep   bool         // copying the body
	over   bool         // the body went past limit: not stored
	body   bytes.Buffer // the copy
}

func (c *capture) Header() http.Header { return c.w.Header() }

// WriteHeader sends the header once; an informational status (1xx) is
// passed on and waits for the final one, as net/http does.
func (c *capture) WriteHeader(code int) {
	if c.status != 0 {
		return
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		c.w.WriteHeader(code)
		return
	}
	c.status = code
	c.keep = c.decide(code)
	c.w.WriteHeader(code)
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	c.copy(p)
	return c.w.Write(p)
}

// copy keeps p in the copy, or gives the copy up when p would take it past
// the limit.
func (c *capture) copy(p []byte) {
	if !c.keep || c.over {
		return
	}
	if int64(c.body.Len())+int64(len(p)) > c.limit {
		c.over = true
		c.body = bytes.Buffer{}
		return
	}
	c.body.Write(p)
}

// ReadFrom copies src to the response: through Write while the body is
// copied, else with the underlying writer's own ReadFrom when it has one.
func (c *capture) ReadFrom(src io.Reader) (int64, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if c.keep && !c.over {
		return io.Copy(writerOnly{c}, src)
	}
	if rf, ok := c.w.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(writerOnly{c.w}, src)
}

// writerOnly is an io.Writer and nothing more, so that io.Copy does not
// call ReadFrom again.
type writerOnly struct{ io.Writer }

// Flush sends the header if needed, and what is buffered, to the client.
func (c *capture) Flush() { _ = c.FlushError() }

// FlushError is Flush reporting an error (wrapping http.ErrNotSupported
// when the writer underneath cannot flush), for http.ResponseController.
func (c *capture) FlushError() error {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	return http.NewResponseController(c.w).Flush()
}

// Unwrap returns the writer underneath, for http.ResponseController.
func (c *capture) Unwrap() http.ResponseWriter { return c.w }
