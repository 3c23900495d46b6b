package middleware

import (
	"net/http"
	"strings"
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
// when the client asks for it and when it pays: a text format, and a body
// of at least MinSize bytes.
func Compress(opts CompressOptions) func(http.Handler) http.Handler {
	// TODO(07.11-gzip): hand the handler a writer that holds back the first
	// MinSize bytes, then decides: compress (Content-Encoding: gzip, no
	// Content-Length, a pooled gzip.Writer) or send the body as it is. Add
	// Vary: Accept-Encoding to every answer.
	return func(next http.Handler) http.Handler { return next }
}

// acceptsGzip reports whether the Accept-Encoding lines of a request allow
// a gzip answer: gzip (or its old name x-gzip) listed with a q-value above
// 0, or gzip not listed and * listed with a q-value above 0. A missing q
// means 1; a q-value that does not parse counts as 0.
func acceptsGzip(lines []string) bool {
	// TODO(07.11-accept-encoding): split each line at commas, each element
	// at semicolons; find the q parameter; remember the q of gzip and of *.
	return false
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
