package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// exampleLogger writes text records to stdout without their time and
// duration, so that the examples' output does not change from run to run.
func exampleLogger() *slog.Logger {
	return slog.New(middleware.ContextHandler(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "stack") {
				return slog.Attr{}
			}
			return a
		},
	})))
}

func ExampleAccessLog() {
	logger := exampleLogger()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "greeting", "name", r.PathValue("name"))
		io.WriteString(w, "hello, "+r.PathValue("name"))
	})
	h := middleware.Chain(
		middleware.RequestID(middleware.RequestIDOptions{TrustIncoming: true}),
		middleware.ClientIP(middleware.ClientIPOptions{}),
		middleware.AccessLog(logger),
		middleware.Recover(logger),
	)(mux)

	req := httptest.NewRequest("GET", "/hello/ada", nil)
	req.Header.Set("X-Request-Id", "demo-1") // trusted here, for a fixed output
	h.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// level=INFO msg=greeting name=ada request_id=demo-1
	// level=INFO msg=request method=GET route="GET /hello/{name}" path=/hello/ada status=200 bytes=10 request_id=demo-1 client_ip=192.0.2.1
}

func ExampleRecover() {
	logger := exampleLogger()
	h := middleware.Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["boom"]++ // assignment to entry in nil map
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/count", nil))
	os.Stdout.WriteString(w.Result().Status + ": " + w.Body.String())
	// Output:
	// level=ERROR msg=panic panic="assignment to entry in nil map" method=GET path=/count
	// 500 Internal Server Error: Internal Server Error
}
