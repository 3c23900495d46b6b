package middleware

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// AccessLog returns middleware that writes one record per request to logger
// (slog.Default() if logger is nil), once the handler has returned, under
// the message "request". Its level says how the request went: Error for a
// 5xx status, Warn for a 4xx, Info for the rest. Its attributes, in order:
//
//	method      the request's method
//	route       the pattern of the route that served it, "" if none did
//	path        the request's URL path
//	status      the status sent: 200 when the handler wrote nothing
//	bytes       the body bytes written
//	duration    the time the handler took
//	request_id  from [RequestID], "" without it
//	client_ip   from [ClientIP], or else the connection's address
//
// The route comes from r.Pattern, read after the handler returns: velocy's
// Router and http.ServeMux set it on the request they are given, once they
// have found the route (ServeMux's patterns may start with a method, as in
// "GET /items/{id}"). Logging the route rather than only the path lets a
// log search group /users/1 and /users/2 together, and keeps the
// attribute's values few.
//
// The order of middleware matters. [RequestID] and [ClientIP] put their
// values in a copy of the request; AccessLog sees them only if they run
// before it (around it). And a middleware between AccessLog and the router
// that passes on a copy of the request (r.WithContext) hides the route,
// because the router sets the copy's Pattern, unless that middleware copies
// Pattern back after next returns, as RequestID and ClientIP do. A
// working order:
//
//	middleware.Chain(
//		middleware.RequestID(middleware.RequestIDOptions{}),
//		middleware.ClientIP(middleware.ClientIPOptions{}),
//		middleware.AccessLog(logger),
//		middleware.Recover(logger), // inside: AccessLog logs its 500
//	)(router)
//
// If a panic goes through AccessLog (no [Recover] inside it, or the panic
// came after the header and Recover cut the connection), the record is
// still written, at level Error, with status being what was sent (0 for
// nothing) and the attribute aborted=true, and the panic goes on.
//
// AccessLog builds the record only when logger is enabled at its level, and
// hands it to the logger's handler itself, with no source position: the
// position slog's logging methods would record (with runtime.Callers, a
// good part of a record's cost) could only ever name AccessLog.
func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rw := Wrap(w)
			finished := false
			defer func() {
				logRequest(logger, r, rw, start, !finished)
			}()
			next.ServeHTTP(rw, r)
			finished = true
		})
	}
}

// logRequest writes AccessLog's record.
func logRequest(logger *slog.Logger, r *http.Request, rw *ResponseWriter, start time.Time, aborted bool) {
	end := time.Now()
	if logger == nil {
		logger = slog.Default()
	}
	status := rw.Status()
	if status == 0 && !aborted {
		status = http.StatusOK
	}
	level := slog.LevelInfo
	switch {
	case aborted || status >= 500:
		level = slog.LevelError
	case status >= 400:
		level = slog.LevelWarn
	}
	ctx := r.Context()
	if !logger.Enabled(ctx, level) {
		return
	}
	ip := ClientIPFrom(ctx)
	if !ip.IsValid() {
		ip = remoteIP(r.RemoteAddr)
	}
	ipText := addrText(ip, r.RemoteAddr)
	attrs := [...]slog.Attr{
		slog.String("method", r.Method),
		slog.String("route", r.Pattern),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int64("bytes", rw.Written()),
		slog.Duration("duration", end.Sub(start)),
		slog.String(requestIDAttr, RequestIDFrom(ctx)),
		slog.String("client_ip", ipText),
		slog.Bool("aborted", true),
	}
	n := len(attrs)
	if !aborted {
		n--
	}
	rec := slog.NewRecord(end, level, "request", 0)
	rec.AddAttrs(attrs[:n]...)
	// As slog.Logger does, ignore the handler's error: a log that fails
	// must not fail the request it describes.
	_ = logger.Handler().Handle(ctx, rec)
}

// addrText returns ip as text, "" if it is not valid. When the host part
// of remoteAddr (the request's RemoteAddr) already spells ip the way
// ip.String would, as a server's "192.0.2.1:51234" does, it returns that
// part of remoteAddr rather than a new string: ip.String allocates, and
// AccessLog runs on every request.
func addrText(ip netip.Addr, remoteAddr string) string {
	if !ip.IsValid() {
		return ""
	}
	host := remoteAddr
	if i := strings.LastIndexByte(host, ':'); i >= 0 && ip.Is4() {
		host = host[:i]
	} else if len(host) > 2 && host[0] == '[' {
		if j := strings.IndexByte(host, ']'); j > 0 {
			host = host[1:j]
		}
	}
	var buf [64]byte // the longest IPv6 address with a zone fits
	if string(ip.AppendTo(buf[:0])) == host {
		return host
	}
	return ip.String()
}
