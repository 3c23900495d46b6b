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
