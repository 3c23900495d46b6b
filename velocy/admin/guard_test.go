package admin

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGuard(t *testing.T) {
	const token = "s3cret-token"
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("in")) })
	type req struct {
		remote string
		auth   []string
		xff    string
	}
	loop := "127.0.0.1:40000"
	far := "203.0.113.9:40000"
	bearer := []string{"Bearer " + token}
	tests := []struct {
		name string
		opts GuardOptions
		req  req
		want int
	}{
		{"nothing set refuses loopback", GuardOptions{}, req{remote: loop, auth: bearer}, 404},
		{"nothing set refuses all", GuardOptions{}, req{remote: far}, 404},

		{"token", GuardOptions{Token: token}, req{remote: far, auth: bearer}, 200},
		{"token scheme any case", GuardOptions{Token: token}, req{remote: far, auth: []string{"bearer " + token}}, 200},
		{"token missing", GuardOptions{Token: token}, req{remote: far}, 404},
		{"token wrong", GuardOptions{Token: token}, req{remote: far, auth: []string{"Bearer s3cret-tokeN"}}, 404},
		{"token prefix", GuardOptions{Token: token}, req{remote: far, auth: []string{"Bearer s3cret"}}, 404},
		{"token longer", GuardOptions{Token: token}, req{remote: far, auth: []string{"Bearer " + token + "x"}}, 404},
		{"token basic scheme", GuardOptions{Token: token}, req{remote: far, auth: []string{"Basic " + token}}, 404},
		{"token no scheme", GuardOptions{Token: token}, req{remote: far, auth: []string{token}}, 404},
		{"token twice", GuardOptions{Token: token}, req{remote: far, auth: []string{"Bearer " + token, "Bearer " + token}}, 404},
		{"empty bearer", GuardOptions{Token: token}, req{remote: far, auth: []string{"Bearer "}}, 404},

		{"loopback v4", GuardOptions{AllowLoopback: true}, req{remote: loop}, 200},
		{"loopback 127/8", GuardOptions{AllowLoopback: true}, req{remote: "127.8.9.10:1"}, 200},
		{"loopback v6", GuardOptions{AllowLoopback: true}, req{remote: "[::1]:40000"}, 200},
		{"loopback v4-mapped", GuardOptions{AllowLoopback: true}, req{remote: "[::ffff:127.0.0.1]:40000"}, 200},
		{"remote refused", GuardOptions{AllowLoopback: true}, req{remote: far}, 404},
		{"X-Forwarded-For ignored", GuardOptions{AllowLoopback: true}, req{remote: far, xff: "127.0.0.1"}, 404},
		{"not an address", GuardOptions{AllowLoopback: true}, req{remote: "pipe"}, 404},
		{"empty address", GuardOptions{AllowLoopback: true}, req{remote: ""}, 404},

		{"both, loopback with token", GuardOptions{Token: token, AllowLoopback: true}, req{remote: loop, auth: bearer}, 200},
		{"both, loopback without token", GuardOptions{Token: token, AllowLoopback: true}, req{remote: loop}, 404},
		{"both, remote with token", GuardOptions{Token: token, AllowLoopback: true}, req{remote: far, auth: bearer}, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/debug/pprof/", nil)
			r.RemoteAddr = tt.req.remote
			if tt.req.auth != nil {
				r.Header["Authorization"] = tt.req.auth
			}
			if tt.req.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.req.xff)
			}
			rec := httptest.NewRecorder()
			Guard(tt.opts)(ok).ServeHTTP(rec, r)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
			if rec.Code == 404 && (rec.Body.String() != "404 page not found\n" || rec.Header().Get("WWW-Authenticate") != "") {
				t.Errorf("refusal reveals something: %q %v", rec.Body, rec.Header())
			}
		})
	}
}
