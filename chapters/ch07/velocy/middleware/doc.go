// Package middleware holds velocy's middleware: functions of the shape
// func(http.Handler) http.Handler that run code around a handler. They work
// with velocy's Router.Use and Router.With, and with any net/http handler
// through [Chain], because they depend on nothing but net/http.
//
// Chapter 7 of learn-go-hard-way builds this package. A typical stack, in
// the order requests meet it (lesson 7.12 explains the order):
//
//	r := velocy.New()
//	r.Use(
//		middleware.RequestID(middleware.RequestIDOptions{}),
//		middleware.ClientIP(middleware.ClientIPOptions{TrustedProxies: proxies}),
//		middleware.AccessLog(logger), // one record per request
//		middleware.Recover(logger),   // a panic becomes a 500 the log sees
//		middleware.SecureHeaders(middleware.SecureOptions{}),
//		middleware.Compress(middleware.CompressOptions{}),
//		middleware.CORS(middleware.CORSOptions{AllowedOrigins: origins}),
//		middleware.MaxBodyBytes(1<<20),
//		middleware.Timeout(10*time.Second),
//	)
//
// The pieces, by what they are for:
//
//   - observing a request: [RequestID], [ClientIP], [AccessLog], and
//     [ContextHandler], which adds the request id to every record a handler
//     logs with the request's context;
//   - surviving mistakes: [Recover], [Timeout], [LimitHeaders],
//     [MaxBodyBytes];
//   - reading input: [DecodeJSON] and [DecodeForm], whose errors carry the
//     status to answer with;
//   - answering errors: [HandlerFunc] (a handler that returns an error),
//     [WriteError] and [StatusOf] (one mapping from error to status), and
//     [Problem] (RFC 9457 problem details);
//   - state in the browser: [Signer] for signed cookies, [Sessions] with a
//     [Store] ([MemoryStore] in memory);
//   - the browser's rules: [CORS], [SecureHeaders];
//   - fewer bytes: [Compress].
//
// The pieces share one [ResponseWriter], which records the status and the
// bytes of the response and keeps every interface of the writer it wraps
// (Flusher, Hijacker, ReaderFrom, Unwrap), so server-sent events,
// websockets and sendfile work through the whole stack.
package middleware
