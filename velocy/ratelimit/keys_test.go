package ratelimit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

func TestByClientIP(t *testing.T) {
	key := ByClientIP(nil)
	for _, c := range []struct{ remote, want string }{
		{"192.0.2.1:1234", "ip:192.0.2.1"},
		{"[::ffff:192.0.2.1]:80", "ip:192.0.2.1"},
		{"[2001:db8:1:2:3:4:5:6]:443", "ip:2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:443", "ip:fe80::/64"},
		{"not an address", "ip:not an address"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		r.Header.Set("X-Forwarded-For", "198.51.100.9")
		if got := key(r); got != c.want {
			t.Errorf("RemoteAddr %q: key %q, want %q (X-Forwarded-For is not believed)", c.remote, got, c.want)
		}
	}
}

// TestByClientIPBehindTrustedProxy runs velocy/middleware's ClientIP
// before the limiter: a client behind the trusted proxy is counted by the
// address the proxy saw, whatever it writes into X-Forwarded-For itself.
func TestByClientIPBehindTrustedProxy(t *testing.T) {
	h := middleware.ClientIP(middleware.ClientIPOptions{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})(Middleware(Options{
		Policy: Policy{Limit: 2, Period: time.Hour},
		Key:    ByClientIP(middleware.ClientIPFrom),
	})(okHandler))
	code := func(forged string) int {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.5:999"
		r.Header.Set("X-Forwarded-For", forged+", 203.0.113.7")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	got := []int{code("1.1.1.1"), code("2.2.2.2"), code("3.3.3.3")}
	if got[0] != 200 || got[1] != 200 || got[2] != 429 {
		t.Errorf("three requests from 203.0.113.7 with forged left-hand addresses: %v, want [200 200 429]", got)
	}
}

func TestByRouteAndByUser(t *testing.T) {
	mux := http.NewServeMux()
	var got string
	keyed := func(k KeyFunc) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = k(r) })
	}
	mux.Handle("GET /users/{id}", keyed(ByRoute()))
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/42", nil))
	if got != "route:GET /users/{id}" {
		t.Errorf("ByRoute = %q, want %q", got, "route:GET /users/{id}")
	}

	type userKey struct{}
	user := func(ctx context.Context) string { s, _ := ctx.Value(userKey{}).(string); return s }
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "192.0.2.1:5"
	if k := ByUser(user, nil)(r); k != "" {
		t.Errorf("ByUser, anonymous, no fallback = %q, want \"\"", k)
	}
	if k := ByUser(user, ByClientIP(nil))(r); k != "ip:192.0.2.1" {
		t.Errorf("ByUser, anonymous, by IP = %q, want ip:192.0.2.1", k)
	}
	r = r.WithContext(context.WithValue(r.Context(), userKey{}, "ada"))
	if k := ByUser(user, ByClientIP(nil))(r); k != "user:ada" {
		t.Errorf("ByUser = %q, want user:ada", k)
	}
}
