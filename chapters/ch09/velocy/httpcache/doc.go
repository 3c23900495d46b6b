// Package httpcache caches HTTP responses the way a shared cache (RFC 9111)
// does, in front of a handler: a reverse proxy built into the application.
// Chapter 9 of learn-go-hard-way builds it.
//
//	store := state.NewMemory(...) // or the Redis store
//	cached := httpcache.New(store, httpcache.Options{})
//	http.ListenAndServe(addr, cached(httpcache.ETag(64<<10)(mux)))
//
// What is stored, and for how long, is the handler's decision, written in
// its Cache-Control header: s-maxage (which wins, this being a shared
// cache), then max-age, then Expires. Nothing is stored without an
// explicit lifetime unless [Options.Heuristic] is set, and then only for
// the statuses RFC 9110 calls cacheable by default. Never stored: a
// response with no-store, private or no-cache, one with Set-Cookie, one
// with Vary: *, an answer to a request with Authorization (unless the
// response says public, s-maxage or must-revalidate), and a body bigger
// than [Options.MaxEntryBytes] (which streams through untouched).
//
// The pieces, one file each:
//
//   - directives.go: Cache-Control parsed into the directives the cache
//     acts on;
//   - freshness.go: whether a response may be stored, and for how long;
//   - key.go: the key of a URL, and of one variant when the response
//     varies on request headers (Vary);
//   - entry.go: a stored response, in a small versioned binary format
//     that refuses anything corrupt;
//   - capture.go: the writer that copies what a handler sends, up to the
//     size limit, while passing it on;
//   - cache.go: [New], the middleware: hits with Age and Cache-Status,
//     misses forwarded and stored;
//   - etag.go: [ETag], a strong tag over a buffered body, and 304 Not
//     Modified for If-None-Match.
//
// The middleware keeps its entries in a [Store]: every velocy/state.Store
// is one, in memory or on Redis.
//
// Concurrent misses for one URL are not collapsed: until the first answer
// is stored, every request for it reaches the handler. A handler that
// cannot take that burst when a popular entry expires needs a longer
// lifetime, or a single-flight loader in front of what it reads.
package httpcache
