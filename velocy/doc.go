// Package velocy is a small HTTP router built on net/http and nothing else.
// It is the web framework the learner builds in chapter 6 of
// learn-go-hard-way.
//
// A [Router] is an [http.Handler]. Handlers are plain [http.Handler]s, path
// parameters are read with [http.Request.PathValue], and middleware is any
// func(http.Handler) http.Handler, so everything written for net/http works
// with velocy and the other way round.
//
// # Example
//
// A complete program: two public routes, and a group of routes behind a
// token check.
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//		"log"
//		"net/http"
//
//		"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
//	)
//
//	func main() {
//		r := velocy.New()
//		r.Get("/", func(w http.ResponseWriter, req *http.Request) {
//			fmt.Fprintln(w, "hello")
//		})
//		r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
//			fmt.Fprintf(w, "user %s\n", req.PathValue("id"))
//		})
//		r.Group("/admin", func(admin *velocy.Router) {
//			admin.Use(requireToken)
//			admin.Delete("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
//				fmt.Fprintf(w, "deleted user %s\n", req.PathValue("id"))
//			})
//		})
//		// Serve until Ctrl-C or SIGTERM, then let requests in flight finish.
//		ctx, stop := velocy.SignalContext(context.Background())
//		defer stop()
//		log.Fatal(velocy.ListenAndServe(ctx, "127.0.0.1:8080", r))
//	}
//
//	// requireToken is middleware: it answers 401 itself, or calls next.
//	func requireToken(next http.Handler) http.Handler {
//		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
//			if req.Header.Get("Authorization") != "Bearer secret" {
//				http.Error(w, "unauthorized", http.StatusUnauthorized)
//				return
//			}
//			next.ServeHTTP(w, req)
//		})
//	}
//
// # Patterns
//
// Patterns use the path syntax of [http.ServeMux] patterns:
//
//	/users           the literal path /users
//	/users/          a different route: the path /users/, with its slash
//	/users/{id}      one segment of any non-empty text: /users/42, /users/ada
//	/files/{path...} the rest of the path, possibly empty: /files/, /files/a/b.txt
//
// A wildcard fills a whole segment, its name is a Go identifier, names do not
// repeat within a pattern, and {name...} comes last. Literal segments may be
// percent-encoded; they are compared decoded. Paths are case-sensitive.
// Unlike ServeMux, the method is an argument ([Router.Handle], [Router.Get],
// ...) rather than part of the pattern, there is no host part, and no {$}:
// a velocy pattern always matches exactly, never a whole subtree.
//
// # Matching
//
// At each segment a literal beats a {name} wildcard, which beats a {name...}
// wildcard. If the better choice leads nowhere further down, the router
// backs up and tries the next, so with the routes /users/new and
// /users/{id}/profile, the path /users/new/profile reaches the second one
// with id "new". Two routes may give different names to the same position
// (/u/{id} and /u/{userID}/posts): each route reads the values it names.
//
// The path is matched segment by segment after decoding percent-escapes, but
// an escaped slash (%2F) stays inside its segment: /files/{name} matches
// /files/a%2Fb with name "a/b". A malformed escape is a 400 Bad Request.
//
// Paths are cleaned as [http.ServeMux] cleans them: a path with "." or ".."
// segments or repeated slashes is redirected to its cleaned form
// (/static/../../etc/passwd to /etc/passwd, /static//x to /static/x). And
// no path value ever starts with a slash or holds a "." or ".." segment, even
// when escapes hide one (%2E%2E, a%2F..%2Fb): such a value matches no
// wildcard. A handler may join a value to a directory without fear of
// leaving it.
//
// When a route is found, the router sets the request's path values and
// [http.Request.Pattern] (the pattern, without the method) and calls the
// handler. Otherwise:
//
//   - if the path is not clean, or if a route matches the path once a
//     trailing slash is added or removed, the router redirects there: 301
//     Moved Permanently for GET and HEAD, 308 Permanent Redirect for other
//     methods (308 keeps the method and the body). The query string is kept;
//   - if routes match the path but none takes the method, the answer is 405
//     Method Not Allowed with an Allow header listing the methods that do;
//   - otherwise it is 404 Not Found.
//
// GET routes also answer HEAD (net/http sends the headers without the body),
// and an OPTIONS request is answered with 204 No Content and the Allow header,
// unless a route takes OPTIONS itself. [Router.NotFound] and
// [Router.MethodNotAllowed] replace the default 404 and 405 answers.
// [Router.RedirectTrailingSlash], [Router.AutoOptions] and
// [Router.AutoMethodNotAllowed] turn the automatic answers off.
//
// # Registration errors
//
// A bad pattern, an invalid method, a nil handler or a second route for the
// same method and paths is a bug, so registration panics with a
// [*PatternError] whose message names the route and the problem, in the way
// [http.ServeMux] panics:
//
//	velocy: GET "/files/{path...}/raw": at offset 7: catch-all {path...} must be the last segment
//
// Register all routes before serving; registration is not safe for
// concurrent use with ServeHTTP.
//
// # Middleware, groups and mounts
//
// [Router.Use] on the top-level router wraps the whole router, so its
// middleware sees every request. [Router.Group] gives a set of routes a
// common prefix and middleware of their own; a group owns the paths under
// its prefix, so its middleware also wraps the router's own answers there
// (404, 405, OPTIONS, redirects), and it may have its own 404 and 405
// handlers. [Router.With] adds middleware to one route or a few.
// [Router.Mount] hands a whole subtree of paths to another handler, usually
// another Router, which gets a copy of the request with path values of its
// own; after it returns, [http.Request.Pattern] holds the whole pattern
// across the mount, for logs and metrics. [Router.Routes] lists everything
// registered, sorted.
//
// # Query strings
//
// [ParseQuery], [QueryUnescape] and [PathUnescape] decode query strings and
// path segments. They behave like their net/url counterparts; chapter 6.12
// of the book builds them step by step.
//
// # Serving
//
// [ListenAndServe] and [Serve] run an [http.Server] with sensible limits
// (see [NewServer]) until their context is done, then shut it down
// gracefully; [Run] does the same with any [http.Server], over HTTPS when it
// has a certificate. The requests' contexts are cancelled when the shutdown
// begins. velocy never catches signals by itself: [SignalContext] gives a
// context that Ctrl-C and SIGTERM end, for the program that wants one.
//
// # Speed
//
// Routes without wildcards are found with one map lookup, the others with a
// walk down a tree of path segments. Handlers read path values with
// [http.Request.PathValue], whose storage net/http allocates on the first
// value set on a request: that map is the one cost per request that a router
// using SetPathValue cannot avoid. velocy/bench in the repository measures
// it against other routers.
package velocy
