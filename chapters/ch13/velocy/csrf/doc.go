// Package csrf refuses cross-site request forgery: a page on another site
// that makes the user's browser send a state-changing request to ours,
// with the user's cookies attached.
//
// [Protect] is middleware. Safe methods (GET, HEAD, OPTIONS) always pass:
// they must not change anything. Any other request passes only when the
// browser says it comes from our own origin:
//
//   - Sec-Fetch-Site, which every current browser sends and no page can
//     forge: "same-origin" and "none" (the user typed the address) pass,
//     "same-site" and "cross-site" are refused unless the Origin header
//     names a trusted origin;
//   - without it, the Origin header: it must name the host the request
//     was sent to, or a trusted origin;
//   - with neither, the request is not from a current browser. It is
//     refused, unless [Options].AllowMissingOrigin says the API serves
//     non-browser clients, or a token (below) vouches for it.
//
// Go 1.25's [net/http.CrossOriginProtection] makes the same header
// checks but lets a request with neither header through; this package
// fails closed and adds tokens.
//
// With [Options].Key set, every unsafe request must also carry a signed
// double-submit token: the middleware gives each browser a token in a
// cookie, a form copies it into a hidden field ([Token] returns it for
// the page being rendered), and a request passes only when the field (or
// the X-CSRF-Token header) equals the cookie and carries our signature.
// A page on another site can make the browser send the cookie but cannot
// read it, so it cannot copy it.
//
// The token on the page is masked: [Token] returns a fresh random pad
// followed by the token XOR the pad, a different string on every call,
// and the middleware unmasks what the request sends before comparing it
// with the cookie. Without the mask every page would carry the same secret
// bytes, and a page served compressed (gzip) that also echoes text an
// attacker chooses would leak them through its length, a guess at a time
// (the BREACH attack). Only masked tokens are accepted: the cookie's value
// sent as it is (as a page rendered by a version without masks would send
// it) is refused, and reloading the page fixes that. No page we serve
// sends it, and one format is simpler to check than two.
//
// A refused request gets 403 Forbidden with a JSON body in the manner of
// RFC 9457 (application/problem+json) saying why.
//
// Chapter 13 of learn-go-hard-way builds this package.
package csrf
