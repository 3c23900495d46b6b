package static

import (
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Compressing on every request spends CPU on the same bytes again and
// again, and cannot use the slow, strong settings (brotli 11, zopfli). A
// build step can: it writes app.js.br and app.js.gz next to app.js, and the
// server only has to pick one. That is what nginx's gzip_static and
// brotli_static do, and what serveEncoded does here.
//
// The rules of picking:
//
//   - The client says what it accepts in Accept-Encoding, with weights:
//     "br;q=1.0, gzip;q=0.8, *;q=0.1". q=0 means "never". A "*" covers
//     every encoding the header does not name.
//   - The answer for the encoded file keeps the Content-Type of the
//     original (it is still JavaScript, only compressed), adds
//     Content-Encoding, and has an ETag of its own.
//   - Every answer for a file that could have been encoded carries
//     "Vary: Accept-Encoding", so that a shared cache keeps one copy per
//     encoding instead of handing gzip to a client that cannot read it.
//   - A Range applies to the bytes sent, the compressed ones (RFC 9110
//     calls them the selected representation). nginx does the same;
//     http.ServeContent needs nothing more.

// DefaultEncodings are the encodings looked for when [Options].Encodings
// is nil, in the server's order of preference.
var DefaultEncodings = []string{"br", "gzip"}

// suffix returns the file suffix of a content coding, or "".
func suffix(encoding string) string {
	switch encoding {
	case "br":
		return ".br"
	case "gzip":
		return ".gz"
	case "zstd":
		return ".zst"
	}
	return ""
}

// chooseEncoding returns the encoding of encs (in preference order) that
// the Accept-Encoding header values accept with the highest weight, the
// first one among equals, or "" if the client accepts none of them.
func chooseEncoding(accept []string, encs []string) string {
	best, bestQ := "", 0.0
	for _, enc := range encs {
		if q := acceptWeight(accept, enc); q > bestQ {
			best, bestQ = enc, q
		}
	}
	return best
}

// acceptWeight returns the weight that the Accept-Encoding values give to
// enc: its own entry's, else the "*" entry's, else 0.
func acceptWeight(accept []string, enc string) float64 {
	star := -1.0
	for _, line := range accept {
		for item := range strings.SplitSeq(line, ",") {
			token, params, _ := strings.Cut(item, ";")
			token = strings.TrimSpace(token)
			q, ok := weight(params)
			if !ok {
				continue // an element with a malformed weight is ignored
			}
			switch {
			case strings.EqualFold(token, enc), enc == "gzip" && strings.EqualFold(token, "x-gzip"):
				return q
			case token == "*":
				star = q
			}
		}
	}
	return max(star, 0)
}

// weight parses the parameters after a coding, ";q=0.5", returning 1 when
// there is no q and false when the q is not a number from 0 to 1.
func weight(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0, false
		}
		return q, true
	}
	return 1, true
}

// addVary adds field to the Vary header of h unless it is listed already,
// keeping what other layers put there.
func addVary(h http.Header, field string) {
	for _, line := range h.Values("Vary") {
		for item := range strings.SplitSeq(line, ",") {
			if t := strings.TrimSpace(item); t == "*" || strings.EqualFold(t, field) {
				return
			}
		}
	}
	h.Add("Vary", field)
}

// lengthWriter sets Content-Length on a 200 answer that has none.
// http.ServeContent leaves it out whenever Content-Encoding is set (for
// the sake of writers that compress on the fly), so an encoded file would
// go out chunked, and net/http does not use sendfile for a chunked body.
// lengthWriter keeps ReadFrom and Unwrap, so sendfile still happens.
type lengthWriter struct {
	http.ResponseWriter
	size int64
}

func (lw *lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK && lw.Header().Get("Content-Length") == "" {
		lw.Header().Set("Content-Length", strconv.FormatInt(lw.size, 10))
	}
	lw.ResponseWriter.WriteHeader(code)
}

// ReadFrom hands src to the writer underneath, whose ReadFrom, if it has
// one, is net/http's (with sendfile). ServeContent always calls
// WriteHeader before copying.
func (lw *lengthWriter) ReadFrom(src io.Reader) (int64, error) {
	if rf, ok := lw.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(struct{ io.Writer }{lw.ResponseWriter}, src)
}

// Unwrap returns the writer underneath, for http.ResponseController.
func (lw *lengthWriter) Unwrap() http.ResponseWriter { return lw.ResponseWriter }
