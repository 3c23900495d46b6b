package trace_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
)

func ExampleParse() {
	p, err := trace.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.TraceIDString(), p.SpanIDString(), p.Flags&trace.FlagSampled != 0)

	_, err = trace.Parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")
	fmt.Println(err)
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true
	// trace: traceparent is not version-traceid-parentid-flags in lowercase hex
}

// A request that arrives with a traceparent gets a span of the same trace;
// the logger from LoggerFrom writes its ids in every record.
func ExampleLogger() {
	// The span id and the request id are random: leave them out of the output.
	base := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			switch a.Key {
			case slog.TimeKey, "span_id", "request_id":
				return slog.Attr{}
			}
			return a
		},
	}))
	h := middleware.Chain(
		middleware.RequestID(middleware.RequestIDOptions{}),
		trace.Middleware(),
		trace.Logger(base),
	)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trace.LoggerFrom(r.Context()).Info("order placed", "order", 42)
	}))

	req := httptest.NewRequest("GET", "/orders", nil)
	req.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// level=INFO msg="order placed" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 order=42
}

// Inject, which Transport calls for every request, sends this request's span
// to the next service as its parent.
func ExampleInject() {
	parent, _ := trace.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h := trace.Middleware()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, _ := http.NewRequestWithContext(r.Context(), "GET", "http://inventory.internal/stock", nil)
		trace.Inject(r.Context(), out.Header)
		sent, _ := trace.Parse(out.Header.Get("Traceparent"))
		span, _ := trace.FromContext(r.Context())
		fmt.Println(sent.TraceID == parent.TraceID, sent.SpanID == span.SpanID, out.Header.Get("Tracestate"))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Traceparent", parent.String())
	req.Header.Set("Tracestate", "congo=t61rcWkgMzE")
	h.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// true true congo=t61rcWkgMzE
}
