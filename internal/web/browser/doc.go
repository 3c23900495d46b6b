// Package browser tests the book's web edition (internal/web, learn serve and learn export
// html) in a real browser: headless Chromium driven over the DevTools protocol by chromedp. It
// opens a lesson, follows a link to another lesson's heading and an anchor in the page,
// searches (on the server, and in the exported site from a file:// URL), presses "Check this
// step" and reads the verdict, switches the theme, and folds the sidebar at phone width. With
// WEB_SCREENSHOTS naming a folder, it saves the pages there at 1280×800 and 390×844.
//
// It is a nested module (its own go.mod) because chromedp is a third-party package and the
// main module's libraries use the standard library only. The package has no code of its own,
// only tests. Run them with run-tests.sh, which installs Chromium (Debian's package) when it is
// missing and sets WEB_REQUIRE_BROWSER=1, so that a missing browser fails the test instead of
// skipping it.
package browser
