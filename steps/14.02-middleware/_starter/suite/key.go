package suite

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// RequireKey returns middleware that lets a request through only with the header
// "Authorization: Bearer <key>". With no such header it answers 401 with
// "WWW-Authenticate: Bearer"; with another key, 403. Either refusal carries
// "Cache-Control: no-store" and never reaches next. The key is compared in constant time.
func RequireKey(key string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !found {
				w.Header().Set("Cache-Control", "no-store")
				w.Header().Set("WWW-Authenticate", "Bearer")
				http.Error(w, "a key is required", http.StatusUnauthorized)
				return
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {
				w.Header().Set("Cache-Control", "no-store")
				http.Error(w, "wrong key", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
