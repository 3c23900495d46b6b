package bench

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// ourLight is the stack=ours5 of BenchmarkMiddleware: five middlewares of
// velocy/middleware that have little to do on a plain GET with no Origin
// and no body, built with middleware.Chain in the order an application
// would use them.
func ourLight() []func(http.Handler) http.Handler {
	return []func(http.Handler) http.Handler{
		middleware.Recover(slog.New(slog.DiscardHandler)),
		middleware.SecureHeaders(middleware.SecureOptions{}),
		middleware.CORS(middleware.CORSOptions{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET", "POST"}}),
		middleware.LimitHeaders(100, 16<<10),
		middleware.MaxBodyBytes(1 << 20),
	}
}

// ourLightNames names the middlewares of ourLight, in order.
var ourLightNames = []string{"Recover", "SecureHeaders", "CORS", "LimitHeaders", "MaxBodyBytes"}

// ourOthers are more of ours, measured alone in BenchmarkOurMiddleware for
// comparison: they do real work on every request (an id, a context value, a
// timer, a log record) or, for Compress, on a request without
// Accept-Encoding, only add Vary.
func ourOthers() ([]string, []func(http.Handler) http.Handler) {
	discard := slog.New(slog.DiscardHandler)
	return []string{"Compress", "Timeout", "RequestID", "ClientIP", "AccessLog"},
		[]func(http.Handler) http.Handler{
			middleware.Compress(middleware.CompressOptions{}),
			middleware.Timeout(time.Minute),
			middleware.RequestID(middleware.RequestIDOptions{}),
			middleware.ClientIP(middleware.ClientIPOptions{}),
			middleware.AccessLog(discard),
		}
}

// ourCompress is velocy's gzip middleware at level.
func ourCompress(level int) func(http.Handler) http.Handler {
	return middleware.Compress(middleware.CompressOptions{Level: level})
}
