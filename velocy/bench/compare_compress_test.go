package bench

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/gorilla/handlers"
	"github.com/klauspost/compress/gzhttp"
)

// A compressCase is a response (its content type, body, status, and any
// header the handler sets) to a request (method and request headers).
type compressCase struct {
	name        string
	method      string
	reqHeader   map[string]string
	contentType string // "" sets none
	body        []byte
	status      int // 0 means 200
	respHeader  map[string]string
}

var (
	textPayload = bytes.Repeat([]byte("velocy serves this line of plain text, again and again.\n"), 1200)
	pngPayload  = append([]byte("\x89PNG\r\n\x1a\n"), jsonPayload[:64<<10-8]...)
)

var compressCases = []compressCase{
	{name: "JSON, gzip", reqHeader: map[string]string{"Accept-Encoding": "gzip"}},
	{name: "JSON, no Accept-Encoding"},
	{name: "JSON, gzip, deflate, br", reqHeader: map[string]string{"Accept-Encoding": "gzip, deflate, br"}},
	{name: "JSON, gzip;q=0", reqHeader: map[string]string{"Accept-Encoding": "gzip;q=0, identity"}},
	{name: "JSON, deflate only", reqHeader: map[string]string{"Accept-Encoding": "deflate"}},
	{name: "JSON, br only", reqHeader: map[string]string{"Accept-Encoding": "br"}},
	{name: "JSON, *", reqHeader: map[string]string{"Accept-Encoding": "*"}},
	{name: "JSON, GZIP in capitals", reqHeader: map[string]string{"Accept-Encoding": "GZIP"}},
	{name: "JSON of 20 bytes", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, body: []byte(`{"message":"hello!"}`)},
	{name: "text, no Content-Type", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, contentType: "-", body: textPayload},
	{name: "PNG image", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, contentType: "image/png", body: pngPayload},
	{name: "already encoded (br)", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, respHeader: map[string]string{"Content-Encoding": "br"}},
	{name: "Cache-Control: no-transform", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, respHeader: map[string]string{"Cache-Control": "no-transform"}},
	{name: "HEAD", method: "HEAD", reqHeader: map[string]string{"Accept-Encoding": "gzip"}},
	{name: "204 No Content", reqHeader: map[string]string{"Accept-Encoding": "gzip"}, status: http.StatusNoContent, body: []byte{}},
	{name: "Range request", reqHeader: map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-99"}},
}

func compressImpls(t *testing.T) []impl {
	gz, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(compressLevel), gzhttp.EnableZstd(false))
	if err != nil {
		t.Fatal(err)
	}
	return []impl{
		{"velocy", ourCompress(compressLevel)},
		{"chi", chimw.Compress(compressLevel)},
		{"gorilla", func(h http.Handler) http.Handler { return handlers.CompressHandlerLevel(h, compressLevel) }},
		{"gzhttp", func(h http.Handler) http.Handler { return gz(h) }},
	}
}

// TestCompareCompress compares the coding each middleware picks for the
// same responses, and checks that the body decodes, by the coding the
// answer declares, to what the handler wrote ("broken" otherwise).
func TestCompareCompress(t *testing.T) {
	names := make([]string, len(compressCases))
	for i, c := range compressCases {
		names[i] = c.name
	}
	compareArea(t, "compress", names, compressImpls(t), func(i int, im impl) string {
		c := compressCases[i]
		body := c.body
		if body == nil {
			body = jsonPayload
		}
		h := im.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch c.contentType {
			case "":
				w.Header().Set("Content-Type", "application/json")
			case "-":
			default:
				w.Header().Set("Content-Type", c.contentType)
			}
			for k, v := range c.respHeader {
				w.Header().Set(k, v)
			}
			if c.status != 0 {
				w.WriteHeader(c.status)
			}
			if r.Method != http.MethodHead {
				w.Write(body)
			}
		}))
		method := c.method
		if method == "" {
			method = http.MethodGet
		}
		req, _ := http.NewRequest(method, "http://api.example/items", nil)
		for k, v := range c.reqHeader {
			req.Header.Set(k, v)
		}
		w := newStatusWriter()
		h.ServeHTTP(w, req)
		coding := w.h.Get("Content-Encoding")
		verdict := coding
		if coding == "" {
			verdict = "identity"
		}
		if coding == c.respHeader["Content-Encoding"] && coding != "" {
			verdict = coding + " (the handler's)"
		}
		if method == http.MethodHead || c.status == http.StatusNoContent {
			if w.body.Len() != 0 {
				verdict += ", broken: a body"
			}
			return verdict
		}
		if got, err := decodeBody(coding, c.respHeader["Content-Encoding"], []byte(w.body.String())); err != nil || !bytes.Equal(got, body) {
			verdict += ", broken: the body does not decode to the handler's"
		}
		return verdict
	})
}

// decodeBody undoes the coding an answer declares, except one the handler
// set itself (handlerCoding), whose body is passed through as it is.
func decodeBody(coding, handlerCoding string, body []byte) ([]byte, error) {
	switch strings.ToLower(coding) {
	case "", handlerCoding:
		return body, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	case "deflate":
		// HTTP's deflate is zlib; chi and gorilla send raw DEFLATE, which
		// most browsers also take.
		return io.ReadAll(flate.NewReader(bytes.NewReader(body)))
	}
	return body, nil
}
