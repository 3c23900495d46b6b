// Package safenet makes outgoing HTTP requests to addresses a user chose
// without letting them reach the server's own network, and sends browsers
// only to paths on the same site.
//
// A "fetch this URL" feature (a link preview, a webhook, an avatar
// importer) connects wherever the URL points: to 127.0.0.1, to a database
// on the private network, to the cloud's metadata service at
// 169.254.169.254, which hands out credentials. Checking the URL's host
// name before the request is not enough: a name may resolve to a private
// address (and resolve differently the second time, DNS rebinding), a
// redirect may point anywhere, and an address has many spellings
// (::ffff:127.0.0.1, 2130706433, 0x7f.1). So the check runs where the
// address is final: in the dialer, on the address about to be connected
// to, for the first request and for every redirect.
//
//	client := safenet.Options{}.Client()
//	resp, err := client.Get(userURL) // errors.Is(err, safenet.ErrForbidden) for 127.0.0.1
//
// [Classify] names the ranges refused; [Options.Allow] lets chosen
// prefixes through (a test server, an internal service that is meant to
// be reached). [LocalPath] and [Redirect] are the other half: a
// "?next=" parameter may send the browser back into this site, never to
// //evil.example.
//
// Chapter 13 of learn-go-hard-way builds this package.
package safenet
