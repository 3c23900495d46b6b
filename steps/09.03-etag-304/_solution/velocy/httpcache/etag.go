package httpcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// ETag returns middleware that gives validators to dynamic responses. For
// a GET or HEAD answered 200 without an ETag, it buffers the body (up to
// limit bytes), sets a strong ETag computed from it (SHA-256, the first 18
// bytes in unpadded base64url) and answers 304 Not Modified when the
// request's If-None-Match matches. A handler that sets its own ETag is
// answered 304 the same way, without buffering. A body past limit, or
// one the handler flushes, is sent as it comes, without a tag: streaming
// is not delayed for a validator.
//
// The tag saves the bytes of the answer, not the work of making it: the
// handler still runs every time. In front of it, [New] saves both.
func ETag(limit int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				next.ServeHTTP(w, r)
				return
			}
			ew := &etagWriter{w: w, r: r, limit: limit}
			next.ServeHTTP(ew, r)
			ew.finish()
		})
	}
}

// etagWriter holds back a 200 response while its body fits in limit.
type etagWriter struct {
	w     http.ResponseWriter
	r     *http.Request
	limit int64

	status    int  // the status the handler set, 0 until then
	buffering bool // holding the header and body back
	discard   bool // answered 304: the body goes nowhere
	buf       bytes.Buffer
}

func (ew *etagWriter) Header() http.Header { return ew.w.Header() }

func (ew *etagWriter) WriteHeader(code int) {
	if ew.status != 0 {
		return
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		ew.w.WriteHeader(code)
		return
	}
	ew.status = code
	if code != http.StatusOK {
		ew.w.WriteHeader(code)
		return
	}
	if tag := ew.w.Header().Get("ETag"); tag != "" {
		if noneMatch(ew.r.Header.Get("If-None-Match"), tag) {
			ew.discard = true
			writeNotModified(ew.w)
			return
		}
		ew.w.WriteHeader(code)
		return
	}
	ew.buffering = true
}

func (ew *etagWriter) Write(p []byte) (int, error) {
	if ew.status == 0 {
		ew.WriteHeader(http.StatusOK)
	}
	switch {
	case ew.discard:
		return len(p), nil
	case ew.buffering && int64(ew.buf.Len())+int64(len(p)) <= ew.limit:
		return ew.buf.Write(p)
	case ew.buffering:
		if err := ew.release(); err != nil {
			return 0, err
		}
	}
	return ew.w.Write(p)
}

// release gives up on a tag: it sends the header and what was buffered.
func (ew *etagWriter) release() error {
	ew.buffering = false
	ew.w.WriteHeader(ew.status)
	_, err := ew.w.Write(ew.buf.Bytes())
	ew.buf = bytes.Buffer{}
	return err
}

// finish ends the response after the handler returned: a buffered body
// gets its tag, and either a 304 or its 200 with Content-Length.
func (ew *etagWriter) finish() {
	if ew.status == 0 {
		ew.WriteHeader(http.StatusOK)
	}
	if !ew.buffering {
		return
	}
	ew.buffering = false
	h := ew.w.Header()
	tag := contentTag(ew.buf.Bytes())
	h.Set("ETag", tag)
	if noneMatch(ew.r.Header.Get("If-None-Match"), tag) {
		writeNotModified(ew.w)
		return
	}
	if h.Get("Content-Encoding") == "" {
		h.Set("Content-Length", strconv.Itoa(ew.buf.Len()))
	}
	ew.w.WriteHeader(http.StatusOK)
	_, _ = ew.w.Write(ew.buf.Bytes())
}

// contentTag returns a strong entity tag for body: the first 18 bytes of
// its SHA-256 (144 bits, plenty to tell versions apart) in unpadded
// base64url, in quotes.
func contentTag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// ReadFrom copies src through Write, so that the body is buffered too.
func (ew *etagWriter) ReadFrom(src io.Reader) (int64, error) {
	return io.Copy(writerOnly{ew}, src)
}

// Flush gives up on a tag (a flushing handler is streaming) and flushes.
func (ew *etagWriter) Flush() { _ = ew.FlushError() }

// FlushError is Flush reporting an error, for http.ResponseController.
func (ew *etagWriter) FlushError() error {
	if ew.status == 0 {
		ew.WriteHeader(http.StatusOK)
	}
	if ew.buffering {
		if err := ew.release(); err != nil {
			return err
		}
	}
	return http.NewResponseController(ew.w).Flush()
}

// Unwrap returns the writer underneath, for http.ResponseController.
func (ew *etagWriter) Unwrap() http.ResponseWriter { return ew.w }

// writeNotModified answers 304 with the header the 200 would have had,
// minus the fields that describe a body that is not sent.
func writeNotModified(w http.ResponseWriter) {
	h := w.Header()
	h.Del("Content-Type")
	h.Del("Content-Length")
	h.Del("Content-Encoding")
	w.WriteHeader(http.StatusNotModified)
}

// noneMatch reports whether an If-None-Match field value inm matches the
// entity tag etag, with the weak comparison RFC 9110 (13.1.2) asks for:
// W/"x" and "x" match each other, and "*" matches any tag. An empty etag
// matches nothing; an inm that is not a list of tags matches nothing.
func noneMatch(inm, etag string) bool {
	if etag == "" {
		return false
	}
	if strings.TrimSpace(inm) == "*" {
		return true
	}
	want := opaque(etag)
	if want == "" {
		return false
	}
	for {
		inm = strings.TrimLeft(inm, " \t,")
		if inm == "" {
			return false
		}
		tag, rest, ok := scanTag(inm)
		if !ok {
			return false
		}
		if opaque(tag) == want {
			return true
		}
		inm = rest
	}
}

// scanTag cuts the entity tag at the start of s: W/ (or not), then a
// quoted string without quotes inside.
func scanTag(s string) (tag, rest string, ok bool) {
	start := 0
	if strings.HasPrefix(s, "W/") {
		start = 2
	}
	if len(s) < start+2 || s[start] != '"' {
		return "", "", false
	}
	end := strings.IndexByte(s[start+1:], '"')
	if end < 0 {
		return "", "", false
	}
	end += start + 2
	return s[:end], s[end:], true
}

// opaque returns the quoted part of an entity tag, without W/, or "" if
// tag is not one.
func opaque(tag string) string {
	tag = strings.TrimPrefix(tag, "W/")
	if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' || strings.Contains(tag[1:len(tag)-1], `"`) {
		return ""
	}
	return tag
}
