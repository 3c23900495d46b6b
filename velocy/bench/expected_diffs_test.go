package bench

// expectedDiffs lists every case where another library answers otherwise
// than ours, on purpose, with the reason in one line. README.md gives each
// reason too (TestBehaviourDifferencesDocumented).
var expectedDiffs = []expectedDiff{
	// CORS
	{"cors", "preflight origin in upper case", "rs/cors", whyOriginCase},
	{"cors", "preflight without Origin", "rs/cors", whyNoOrigin},
	{"cors", "preflight without Origin", "gorilla", whyNoOrigin},
	{"cors", "OPTIONS that is no preflight", "gorilla", "an OPTIONS without Access-Control-Request-Method is no preflight: ours serves it as a request (gorilla answers 400 and skips the handler)"},
	{"cors", "GET from another origin", "gorilla", whyVaryOrigin},
	{"cors", "GET without Origin", "gorilla", whyVaryOrigin},
	{"cors", "PATCH from an allowed origin", "rs/cors", "the Fetch standard checks the method only in the preflight, which already refused PATCH; rs/cors also sends no CORS header on the request itself"},

	// Compression
	{"compress", "JSON, gzip;q=0", "chi", "q=0 means not acceptable (RFC 9110 12.4.2); chi only looks for the word gzip"},
	{"compress", "JSON, deflate only", "chi", whyGzipOnly},
	{"compress", "JSON, deflate only", "gorilla", whyGzipOnly},
	{"compress", "JSON, *", "chi", whyStar},
	{"compress", "JSON, *", "gorilla", whyStar},
	{"compress", "JSON, *", "gzhttp", whyStar},
	{"compress", "JSON, GZIP in capitals", "gorilla", "content codings are case-insensitive (RFC 9110 8.4.1); gorilla compares exactly"},
	{"compress", "JSON of 20 bytes", "chi", whyMinSize},
	{"compress", "JSON of 20 bytes", "gorilla", whyMinSize},
	{"compress", "text, no Content-Type", "chi", "ours sniffs a missing Content-Type (as net/http would) and compresses text; chi compresses only answers whose Content-Type is on its list"},
	{"compress", "PNG image", "gorilla", whyCompressed},
	{"compress", "PNG image", "gzhttp", whyCompressed},
	{"compress", "already encoded (br)", "gorilla", "gorilla gzips a body the handler had already encoded and declared as br: the client cannot decode it"},
	{"compress", "Cache-Control: no-transform", "chi", whyNoTransform},
	{"compress", "Cache-Control: no-transform", "gorilla", whyNoTransform},
	{"compress", "Cache-Control: no-transform", "gzhttp", whyNoTransform},
	{"compress", "HEAD", "gorilla", "a HEAD answer has no body: gorilla still declares gzip and writes a gzip stream for it (net/http drops the bytes)"},
	{"compress", "204 No Content", "chi", whyNoBody},
	{"compress", "204 No Content", "gorilla", whyNoBody},
	{"compress", "Range request", "chi", whyRange},
	{"compress", "Range request", "gorilla", whyRange},
	{"compress", "Range request", "gzhttp", whyRange},

	// Client address
	{"client ip", "direct, X-Forwarded-For set by the client", "chi", whyUntrusted},
	{"client ip", "direct, X-Forwarded-For set by the client", "gorilla", whyUntrusted},
	{"client ip", "direct, X-Real-IP set by the client", "chi", whyUntrusted},
	{"client ip", "direct, X-Real-IP set by the client", "gorilla", whyUntrusted},
	{"client ip", "direct, True-Client-IP set by the client", "chi", whyUntrusted},
	{"client ip", "proxy, client-forged left entry", "chi", whyRightmost},
	{"client ip", "proxy, client-forged left entry", "gorilla", whyRightmost},
	{"client ip", "proxy, list without spaces", "chi", whyRightmost},
	{"client ip", "proxy, list without spaces", "gorilla", "gorilla splits X-Forwarded-For on \", \" only and hands on \"6.6.6.6,198.51.100.9\" as the address"},
	{"client ip", "proxy, entry that is no address", "gorilla", "gorilla copies any text into RemoteAddr; ours keeps the last trusted address"},

	// Recover
	{"recover", "panic with http.ErrAbortHandler", "gorilla", "http.ErrAbortHandler is how a handler cuts a response on purpose: ours (and chi) let net/http see it"},
	{"recover", "panic after the header was sent", "chi", whyAfterHeader},
	{"recover", "panic after the header was sent", "gorilla", whyAfterHeader},
	{"recover", "panic on a Connection: Upgrade request", "chi", "until the connection is hijacked an upgrade request is plain HTTP: ours answers 500, chi sends nothing (net/http then sends an empty 200)"},

	// Request id
	{"request id", "no incoming id", "chi", whyIDInAnswer},
	{"request id", "a sane incoming id", "chi", whyIDUntrusted},
	{"request id", "an incoming id with a space and a quote", "chi", whyIDUntrusted},
	{"request id", "an incoming id of 100 characters", "chi", whyIDUntrusted},
	{"request id (TrustIncoming)", "no incoming id", "chi", whyIDInAnswer},
	{"request id (TrustIncoming)", "a sane incoming id", "chi", whyIDInAnswer},
	{"request id (TrustIncoming)", "an incoming id with a space and a quote", "chi", whyIDInsane},
	{"request id (TrustIncoming)", "an incoming id of 100 characters", "chi", whyIDInsane},
}

// Reasons shared by several differences.
const (
	whyOriginCase  = "browsers always send Origin in lower case; ours compares it as sent, so a mixed-case Origin (from no browser) is refused"
	whyNoOrigin    = "a request without Origin is not a CORS request: ours passes it to the handler (the router answers OPTIONS); rs/cors and gorilla swallow it"
	whyVaryOrigin  = "the answer depends on Origin whether or not it is allowed: ours always sends Vary: Origin, gorilla only on allowed answers, so a shared cache can serve the wrong one"
	whyGzipOnly    = "ours speaks gzip only (every client that takes deflate takes gzip, and HTTP deflate is zlib, which chi and gorilla do not send)"
	whyStar        = "Accept-Encoding: * accepts any coding (RFC 9110 12.5.3): ours answers with gzip"
	whyMinSize     = "below MinSize (1 KiB) gzip's own 20 bytes and the CPU cost outweigh the gain"
	whyCompressed  = "ours compresses text formats only: a PNG is already compressed"
	whyNoTransform = "Cache-Control: no-transform forbids changing the representation (RFC 9111 5.2.2.6)"
	whyNoBody      = "a 204 has no body: chi and gorilla still declare gzip and write a gzip stream for it (net/http refuses the bytes)"
	whyRange       = "byte ranges count the identity body: ours does not compress a range request, the others send gzip bytes the ranges do not describe"
	whyUntrusted   = "ours believes forwarding headers only from TrustedProxies (none by default): chi's RealIP and gorilla's ProxyHeaders believe any client"
	whyRightmost   = "the left of X-Forwarded-For is written by the client: ours reads from the right, skipping trusted proxies, chi and gorilla take the leftmost"
	whyAfterHeader = "after the header is sent a 500 cannot be: ours cuts the connection (ErrAbortHandler) so the client sees a truncated answer, not a complete-looking 200"
	whyIDInAnswer  = "ours sends the id back in X-Request-Id so a client can quote it; chi keeps it in the context only"
	whyIDUntrusted = "by default ours ignores an incoming X-Request-Id (any client could choose the id its request is logged under); chi keeps it"
	whyIDInsane    = "with TrustIncoming ours still replaces an id that is not 1-64 safe characters (it could forge or break a log line); chi keeps anything, and answers without X-Request-Id"
)
