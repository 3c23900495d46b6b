// Package trace carries a W3C Trace Context (level 1, version 00) through a
// service: it reads the traceparent header of an incoming request, gives
// the request a span of its own in the same trace, puts the ids into every
// log record, and sends them on with outgoing requests.
//
// A traceparent header names a trace and the span (the unit of work) that
// made the request:
//
//	traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
//	             version  trace id (16 bytes)     parent id (8 bytes)  flags
//
// A typical stack:
//
//	r := velocy.New()
//	r.Use(
//		middleware.RequestID(middleware.RequestIDOptions{}),
//		trace.Middleware(), // this request's span, in the context
//		trace.Logger(logger), // logger.With(request_id, trace_id, span_id), in the context
//	)
//	...
//	trace.LoggerFrom(r.Context()).Info("order placed") // carries the three ids
//	client := &http.Client{Transport: trace.Transport(nil)} // sends traceparent on
//
// The package records nothing and samples nothing: it propagates ids so
// that log records of one request, across services, can be found together.
// A tracing system (OpenTelemetry and the like) does much more; this is the
// part of it a log search needs.
//
// Chapter 12 of learn-go-hard-way builds this package.
package trace
