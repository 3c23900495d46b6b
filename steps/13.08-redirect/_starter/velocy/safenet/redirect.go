package safenet

import "net/http"

// Redirect sends the client to target if [LocalPath] accepts it, and to
// fallback otherwise (to "/" if fallback is not a local path either).
// A code outside 300-399 becomes 303 See Other, the answer to a form.
//
//	safenet.Redirect(w, r, r.FormValue("next"), "/account", 0)
func Redirect(w http.ResponseWriter, r *http.Request, target, fallback string, code int) {
	// TODO(13.08): pick target if LocalPath accepts it, else fallback,
	// else "/"; a code outside 300-399 becomes 303; set Location and
	// write the header.
}
