package middleware

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// CompressOptions configures [Compress]. The zero value is ready to use.
type CompressOptions struct {
	// MinSize is the smallest body, in bytes, worth compressing: gzip adds
	// about 20 bytes of its own, and a small answer fits in one packet
	// anyway. Zero or less means 1024.
	MinSize int

	// Level is the gzip level, from gzip.BestSpeed (1) to
	// gzip.BestCompression (9), or gzip.HuffmanOnly (-2). Zero means
	// gzip.DefaultCompression. Compress panics on any other value.
	Level int
}

// Compress returns middleware that compresses response bodies with gzip
// when the client asks for it (Accept-Encoding lists gzip, or *, with a
// q-value above 0) and when it pays: the content type is a text format
// (text/*, JSON, XML, JavaScript, SVG, ...; when the handler sets none, it
// is guessed from the first bytes with [http.DetectContentType] and set),
// and the body reaches MinSize. Compress holds back the first MinSize bytes
// to decide, then streams: memory stays small whatever the size of the
// body. A compressed answer has Content-Encoding: gzip and no
// Content-Length (the length changed), and every answer gets Vary:
// Accept-Encoding, added to the Vary it already has.
//
// Compress leaves alone: HEAD requests, range requests (a Range header, or
// an answer of 206 Partial Content: the ranges count bytes of the
// uncompressed body), answers without a body (1xx, 204, 304), answers that
// already have a Content-Encoding or Cache-Control: no-transform, and
// answers whose Content-Length says they are smaller than MinSize.
//
// A compressed answer is another representation of the resource, so a
// strong ETag ("abc") becomes weak (W/"abc"): it still serves
// If-None-Match, which compares weakly, but If-Range, which needs a strong
// match, no longer picks ranges out of a body they do not describe. A
// Accept-Ranges header is dropped for the same reason.
//
// Flush works through Compress: it sends what gzip holds, then flushes the
// connection, so server-sent events reach the client one by one. A handler
// that flushes is streaming, so its answer is compressed (if its content
// type is) even when the first part is smaller than MinSize. The writer
// also passes on Hijack and has Unwrap and FlushError, for
// [http.ResponseController]. Put Compress inside the middleware that counts
// bytes (AccessLog): the count is then of the compressed bytes, those that
// went on the wire.
func Compress(opts CompressOptions) func(http.Handler) http.Handler {
	c := &compressor{minSize: opts.MinSize, level: opts.Level}
	if c.minSize <= 0 {
		c.minSize = 1024
	}
	if c.level == 0 {
		c.level = gzip.DefaultCompression
	}
	if _, err := gzip.NewWriterLevel(io.Discard, c.level); err != nil {
		panic(errors.New("middleware: Compress: Level " + strconv.Itoa(opts.Level) +
			" is not a gzip level: want 1 to 9, or -2 for Huffman only"))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			addVaryField(w.Header(), "Accept-Encoding")
			if r.Method == http.MethodHead || r.Header.Get("Range") != "" ||
				!acceptsGzip(r.Header.Values("Accept-Encoding")) {
				next.ServeHTTP(w, r)
				return
			}
			cw := &compressWriter{w: w, c: c}
			next.ServeHTTP(cw, r)
			cw.finish()
		})
	}
}

// compressor is one Compress middleware: its settings and its pool of gzip
// writers, which are costly to create (about 800 KB of state each at the
// default level) and cheap to Reset.
type compressor struct {
	minSize int
	level   int
	pool    sync.Pool // of *gzip.Writer at level
}

func (c *compressor) getGzip(w io.Writer) *gzip.Writer {
	if gz, ok := c.pool.Get().(*gzip.Writer); ok {
		gz.Reset(w)
		return gz
	}
	gz, _ := gzip.NewWriterLevel(w, c.level) // the level was checked
	return gz
}

func (c *compressor) putGzip(gz *gzip.Writer) {
	gz.Reset(io.Discard) // keep no reference to the response
	c.pool.Put(gz)
}

// The states of a compressWriter.
const (
	compressUndecided = iota // holding back the first bytes
	compressIdentity         // passing the body on as it is
	compressGzip             // compressing
	compressHijacked         // the handler took the connection
)

// compressWriter is the ResponseWriter Compress hands the handler.
type compressWriter struct {
	w      http.ResponseWriter
	c      *compressor
	status int // the final status the handler set; 0 until it does
	state  int
	buf    []byte // the body held back while undecided
	gz     *gzip.Writer
}

// Header returns the header map of the writer underneath.
func (cw *compressWriter) Header() http.Header { return cw.w.Header() }

// WriteHeader records the status. The header is sent at once when the
// status or the header rules compression out, and otherwise once the body
// tells (see Write). 1xx statuses other than 101 are passed on at once.
func (cw *compressWriter) WriteHeader(code int) {
	if cw.status != 0 || cw.state == compressHijacked {
		return
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		cw.w.WriteHeader(code)
		return
	}
	cw.status = code
	if !cw.mayCompress() {
		cw.state = compressIdentity
		cw.w.WriteHeader(code)
	}
}

// mayCompress reports whether the status and the header leave compression
// possible, before any of the body is known.
func (cw *compressWriter) mayCompress() bool {
	switch {
	case cw.status < 200, cw.status == http.StatusNoContent,
		cw.status == http.StatusPartialContent, cw.status == http.StatusNotModified:
		return false
	}
	h := cw.w.Header()
	if h.Get("Content-Encoding") != "" || headerHasToken(h, "Cache-Control", "no-transform") {
		return false
	}
	if ct := h.Get("Content-Type"); ct != "" && !compressibleType(ct) {
		return false
	}
	if cl := h.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n < int64(cw.c.minSize) {
			return false
		}
	}
	return true
}

// Write holds the body back until MinSize bytes tell whether to compress,
// then sends it on, compressed or not.
func (cw *compressWriter) Write(p []byte) (int, error) {
	if cw.status == 0 {
		cw.WriteHeader(http.StatusOK)
	}
	switch cw.state {
	case compressIdentity:
		return cw.w.Write(p)
	case compressGzip:
		return cw.gz.Write(p)
	case compressHijacked:
		return 0, http.ErrHijacked
	}
	if len(cw.buf)+len(p) < cw.c.minSize {
		if cw.buf == nil {
			cw.buf = make([]byte, 0, max(cw.c.minSize, sniffLen))
		}
		cw.buf = append(cw.buf, p...)
		return len(p), nil
	}
	// Enough to decide. The sample for sniffing is the held bytes and the
	// start of p, built in the spare room of buf without changing it.
	sample := p
	if len(cw.buf) > 0 {
		sample = append(cw.buf, p[:min(len(p), max(0, sniffLen-len(cw.buf)))]...)
	}
	if err := cw.start(sample, true); err != nil {
		return 0, err
	}
	return cw.Write(p)
}

// sniffLen is how many bytes http.DetectContentType looks at.
const sniffLen = 512

// start decides, from the header and the first bytes of the body, whether to
// compress; sends the header; and sends the bytes held back. big says
// whether the body reached MinSize.
func (cw *compressWriter) start(sample []byte, big bool) error {
	h := cw.w.Header()
	ct := h.Get("Content-Type")
	if _, set := h["Content-Type"]; !set && len(sample) > 0 {
		// Sniff now: once compressed, net/http would sniff gzip bytes.
		ct = http.DetectContentType(sample)
		h.Set("Content-Type", ct)
	}
	if !big || ct == "" || !compressibleType(ct) {
		cw.state = compressIdentity
		cw.w.WriteHeader(cw.status)
	} else {
		cw.state = compressGzip
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", "gzip")
		if etag := h.Get("Etag"); etag != "" && !strings.HasPrefix(etag, "W/") {
			h.Set("Etag", "W/"+etag)
		}
		cw.w.WriteHeader(cw.status)
		cw.gz = cw.c.getGzip(cw.w)
	}
	held := cw.buf
	cw.buf = nil
	if len(held) == 0 {
		return nil
	}
	_, err := cw.Write(held)
	return err
}

// finish ends the response once the handler has returned: it sends a body
// that stayed under MinSize as it is, or ends the gzip stream.
func (cw *compressWriter) finish() {
	switch cw.state {
	case compressUndecided:
		if cw.status != 0 {
			_ = cw.start(cw.buf, false)
		}
	case compressGzip:
		_ = cw.gz.Close() // a write error means the client left; nothing to do
		cw.c.putGzip(cw.gz)
		cw.gz = nil
	}
}

// Flush sends everything written so far to the client; see FlushError.
func (cw *compressWriter) Flush() { _ = cw.FlushError() }

// FlushError sends everything written so far to the client: it decides at
// once whether to compress (a streaming answer is compressed whatever its
// size), flushes the gzip stream, then the writer underneath. It returns an
// error wrapping [http.ErrNotSupported] when that writer cannot flush.
func (cw *compressWriter) FlushError() error {
	if cw.state == compressHijacked {
		return http.ErrHijacked
	}
	if cw.status == 0 {
		cw.WriteHeader(http.StatusOK)
	}
	if cw.state == compressUndecided {
		if err := cw.start(cw.buf, true); err != nil {
			return err
		}
	}
	if cw.state == compressGzip {
		if err := cw.gz.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(cw.w).Flush()
}

// Hijack hands the connection to the handler, as [http.Hijacker] does; it
// returns an error wrapping [http.ErrNotSupported] when the writer
// underneath cannot be hijacked.
func (cw *compressWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(cw.w).Hijack()
	if err == nil {
		cw.state = compressHijacked
		cw.buf = nil
	}
	return conn, brw, err
}

// Unwrap returns the writer underneath, for [http.ResponseController].
func (cw *compressWriter) Unwrap() http.ResponseWriter { return cw.w }

// ReadFrom copies src into the response. An answer that is not compressed
// is handed to the writer underneath, so that a file still goes out with
// sendfile; the others go through Write.
func (cw *compressWriter) ReadFrom(src io.Reader) (int64, error) {
	if cw.status == 0 {
		cw.WriteHeader(http.StatusOK)
	}
	if rf, ok := cw.w.(io.ReaderFrom); ok && cw.state == compressIdentity {
		return rf.ReadFrom(src)
	}
	// The anonymous struct hides cw's ReadFrom from io.Copy, which would
	// call it again and never return.
	return io.Copy(struct{ io.Writer }{cw}, src)
}

// acceptsGzip reports whether the Accept-Encoding lines of a request allow
// a gzip answer: gzip (or its old name x-gzip) listed with a q-value above
// 0, or gzip not listed and * listed with a q-value above 0. A missing q
// means 1; a q-value that does not parse counts as 0.
func acceptsGzip(lines []string) bool {
	gzipQ, starQ := -1, -1 // in thousandths; -1 is not listed
	for _, line := range lines {
		for elem := range strings.SplitSeq(line, ",") {
			name, params, _ := strings.Cut(elem, ";")
			name = strings.TrimSpace(name)
			q := 1000
			for param := range strings.SplitSeq(params, ";") {
				k, v, _ := strings.Cut(param, "=")
				if strings.EqualFold(strings.TrimSpace(k), "q") {
					q = parseQValue(strings.TrimSpace(v))
				}
			}
			switch {
			case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
				gzipQ = max(gzipQ, q)
			case name == "*":
				starQ = max(starQ, q)
			}
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// parseQValue parses a q-value ("0", "0.5", "1", "1.000": at most three
// decimals, at most 1) into thousandths, or returns 0 if it is not one.
func parseQValue(s string) int {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0
	}
	q := int(s[0]-'0') * 1000
	if len(s) == 1 {
		return q
	}
	if s[1] != '.' || len(s) > 5 {
		return 0
	}
	scale := 100
	for _, b := range []byte(s[2:]) {
		if b < '0' || b > '9' {
			return 0
		}
		q += int(b-'0') * scale
		scale /= 10
	}
	if q > 1000 {
		return 0
	}
	return q
}

// compressibleType reports whether a Content-Type names a format that gzip
// makes smaller: text, and the structured text formats of the web. Images,
// audio, video, fonts in woff2 and archives are compressed already.
func compressibleType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	if strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml") {
		return true // application/problem+json, image/svg+xml, application/atom+xml...
	}
	switch mt {
	case "application/json", "application/x-ndjson", "application/xml",
		"application/javascript", "application/x-javascript", "application/ecmascript",
		"application/wasm", "application/x-www-form-urlencoded",
		"image/bmp", "image/x-icon", "image/vnd.microsoft.icon",
		"font/ttf", "font/otf", "application/vnd.ms-fontobject":
		return true
	}
	return false
}
