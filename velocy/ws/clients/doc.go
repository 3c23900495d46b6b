// Package clients tests velocy/ws against clients that other people wrote:
// Node's ws package (node/chat-client.mjs) and a real browser, headless
// Chromium driven over the DevTools protocol by chromedp. Both talk to the
// chapter 11 chat app (chapters/ch11/chat), which the tests build and start
// on a loopback port, and to an echo server in the test process, so the
// handshake, the framing at every length, fragments, the masking, the
// close handshake, the session cookie and the origin check all meet code
// that velocy did not write.
//
// It is a nested module (its own go.mod) because chromedp is a third-party
// package and the main module uses the standard library only. The package
// has no code of its own, only tests. Run them with run-tests.sh, which
// installs Chromium (Debian's package) and the node client's packages
// (npm ci) when they are missing, and sets WS_REQUIRE_CLIENTS=1: then a
// missing client fails the test instead of skipping it.
package clients
