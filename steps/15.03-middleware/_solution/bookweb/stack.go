package bookweb

import (
	"log/slog"
	"net/http"

	"workspace/velocy/middleware"
)

// stack returns the middleware every request goes through, outermost first: a request id for
// every request, the access log, and recovery from a panic, which writes a 500 that the access
// log then records. Records go to logger.
func stack(logger *slog.Logger) []func(http.Handler) http.Handler {
	return []func(http.Handler) http.Handler{
		middleware.RequestID(middleware.RequestIDOptions{}), // outside: the others see the id
		middleware.AccessLog(logger),                        // sees the status Recover writes
		middleware.Recover(logger),                          // inside: turns a panic into a 500
	}
}
