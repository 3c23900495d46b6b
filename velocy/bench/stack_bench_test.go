package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// BenchmarkStack measures what the realistic stack of load-mw.sh costs a
// request, without the network: the GitHub router behind RequestID,
// AccessLog and Recover, a fresh request per call, with the access log
// going to
//
//	log=off           a logger that is never enabled (the middleware alone)
//	log=null          a handler that is enabled and does nothing (building
//	                  the record)
//	log=logtar        logtar's slog handler behind ContextHandler, writing
//	                  synchronously to io.Discard (encoding the record)
//	log=logtar-async  the same in async mode (encoding, and the queue)
//
// Subtract stack=bare/route=static of BenchmarkMiddleware for the
// stack's own cost.
func BenchmarkStack(b *testing.B) {
	loggers := []struct {
		name string
		open func(b *testing.B) *slog.Logger
	}{
		{"off", func(*testing.B) *slog.Logger { return slog.New(slog.DiscardHandler) }},
		{"null", func(*testing.B) *slog.Logger { return slog.New(nullHandler{}) }},
		{"logtar", func(b *testing.B) *slog.Logger { return logtarDiscard(b, false) }},
		{"logtar-async", func(b *testing.B) *slog.Logger { return logtarDiscard(b, true) }},
	}
	for _, lg := range loggers {
		b.Run("log="+lg.name, func(b *testing.B) {
			logger := lg.open(b)
			r := githubRouter()
			r.Use(
				middleware.RequestID(middleware.RequestIDOptions{}),
				middleware.AccessLog(logger),
				middleware.Recover(logger),
			)
			w := newDiscardWriter()
			reqs := mwRequests(http.MethodGet, "/user/repos")
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				r.ServeHTTP(w, reqs.get(0))
			}
		})
	}
}

// logtarDiscard returns a logger that writes through logtar, behind
// middleware.ContextHandler, to io.Discard; the Logger is closed when b
// ends.
func logtarDiscard(b *testing.B, async bool) *slog.Logger {
	lt, err := logtar.New(logtar.NewConfig().WithWriter(io.Discard).WithAsync(async))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lt.Close() })
	return slog.New(middleware.ContextHandler(lt.Handler()))
}

// nullHandler is enabled at every level and drops every record.
type nullHandler struct{}

func (nullHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (nullHandler) Handle(context.Context, slog.Record) error { return nil }
func (h nullHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h nullHandler) WithGroup(string) slog.Handler           { return h }
