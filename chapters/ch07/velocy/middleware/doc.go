// Package middleware holds velocy's middleware: functions of the shape
// func(http.Handler) http.Handler that run code around a handler. They work
// with velocy's Router.Use and Router.With, and with any net/http handler
// through [Chain], because they depend on nothing but net/http.
//
// Chapter 7 of learn-go-hard-way builds this package. A typical stack, in
// the order the requests meet it:
//
//	r := velocy.New()
//	r.Use(
//		middleware.RequestID(middleware.RequestIDOptions{}),
//		middleware.AccessLog(logger), // one record per request
//		middleware.Recover(logger),   // a panic becomes a 500 the log sees
//	)
//
// The pieces share one [ResponseWriter], which records the status and the
// bytes of the response and keeps every interface of the writer it wraps.
package middleware
