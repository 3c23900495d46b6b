package safenet

import "net/http"

// Redirect sends the client to target if [LocalPath] accepts it, and to
// fallback otherwise (to "/" if fallback is not a local path either).
// A code outside 300-399 becomes 303 See Other, the answer to a form.
//
//	safenet.Redirect(w, r, r.FormValue("next"), "/account", 0)
func Redirect(w http.ResponseWriter, r *http.Request, target, fallback string, code int) {
	if !LocalPath(target) {
		target = fallback
		if !LocalPath(target) {
			target = "/"
		}
	}
	if code < 300 || code > 399 {
		code = http.StatusSeeOther
	}
	// http.Redirect would clean the path and make relative ones absolute;
	// a local path needs neither, so the header is set as it is.
	w.Header().Set("Location", target)
	w.WriteHeader(code)
}
