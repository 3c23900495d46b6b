package ratelimit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

// keysRequest is a GET from remote that claims, in X-Forwarded-For, to
// come from somewhere else.
func keysRequest(remote string) *http.Request {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = remote
	r.Header.Set("X-Forwarded-For", "198.51.100.9")
	return r
}

func TestKeysByClientIPFromTheConnection(t *testing.T) {
	v4 := fmt.Sprintf("192.0.%d.%d", rand.IntN(256), 1+rand.IntN(254))
	hi, lo := rand.IntN(0x10000), rand.IntN(0x10000)
	for _, c := range []struct{ remote, want string }{
		{v4 + ":4711", "ip:" + v4},
		{"[::ffff:" + v4 + "]:443", "ip:" + v4},
		{fmt.Sprintf("[2001:db8:%x:%x:1:2:3:4]:443", hi, lo), fmt.Sprintf("ip:2001:db8:%x:%x::/64", hi, lo)},
		{"[fe80::1%eth0]:80", "ip:fe80::/64"},
	} {
		if got := ByClientIP(nil)(keysRequest(c.remote)); got != c.want {
			t.Errorf("ByClientIP(nil), RemoteAddr %q, X-Forwarded-For 198.51.100.9: key %q; want %q", c.remote, got, c.want)
		}
	}
}

func TestKeysByClientIPFromTheMiddleware(t *testing.T) {
	ip := netip.AddrFrom4([4]byte{203, 0, 113, byte(1 + rand.IntN(254))})
	from := func(context.Context) netip.Addr { return ip }
	if got, want := ByClientIP(from)(keysRequest("10.0.0.5:999")), "ip:"+ip.String(); got != want {
		t.Errorf("ByClientIP(a func returning %v), from the proxy 10.0.0.5: key %q; want %q", ip, got, want)
	}
	none := func(context.Context) netip.Addr { return netip.Addr{} }
	if got := ByClientIP(none)(keysRequest("10.0.0.5:999")); got != "ip:10.0.0.5" {
		t.Errorf("ByClientIP(a func returning no address): key %q; want %q, the connection's", got, "ip:10.0.0.5")
	}
}

func TestKeysByRoute(t *testing.T) {
	name := fmt.Sprintf("things%d", rand.IntN(1000))
	pattern := "GET /" + name + "/{id}"
	mux := http.NewServeMux()
	var got string
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { got = ByRoute()(r) })
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/"+name+"/42", nil))
	if got != "route:"+pattern {
		t.Errorf("ByRoute() for GET /%s/42 routed by %q: key %q; want %q", name, pattern, got, "route:"+pattern)
	}
}

type keysUser struct{}

func TestKeysByUser(t *testing.T) {
	user := func(ctx context.Context) string { id, _ := ctx.Value(keysUser{}).(string); return id }
	r := keysRequest("192.0.2.7:1")
	if got := ByUser(user, nil)(r); got != "" {
		t.Errorf("ByUser, no user, no anonymous func: key %q; want \"\" (not limited)", got)
	}
	if got := ByUser(user, ByClientIP(nil))(r); got != "ip:192.0.2.7" {
		t.Errorf("ByUser, no user, anonymous ByClientIP: key %q; want %q", got, "ip:192.0.2.7")
	}
	id := fmt.Sprintf("u%d", rand.IntN(1e6))
	r = r.WithContext(context.WithValue(r.Context(), keysUser{}, id))
	if got := ByUser(user, ByClientIP(nil))(r); got != "user:"+id {
		t.Errorf("ByUser, user %q: key %q; want %q", id, got, "user:"+id)
	}
}
