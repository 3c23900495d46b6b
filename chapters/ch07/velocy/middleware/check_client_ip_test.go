package middleware

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

// clientIPCheckRandom returns a random public IPv4 address (198.18.0.0/15,
// set aside for tests) and a random IPv6 one (2001:db8::/32).
func clientIPCheckRandom() (v4, v6 netip.Addr) {
	v4 = netip.AddrFrom4([4]byte{198, byte(18 + rand.IntN(2)), byte(rand.IntN(256)), byte(1 + rand.IntN(254))})
	v6 = netip.MustParseAddr(fmt.Sprintf("2001:db8::%x:%x", rand.IntN(0xffff), 1+rand.IntN(0xfffe)))
	return v4, v6
}

// clientIPCheck serves a request from remote with the given
// X-Forwarded-For lines through ClientIP and returns what the handler saw.
func clientIPCheck(opts ClientIPOptions, remote string, xff ...string) netip.Addr {
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = remote
	if xff != nil {
		req.Header["X-Forwarded-For"] = xff
	}
	var got netip.Addr
	ClientIP(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = ClientIPFrom(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), req)
	return got
}

func TestClientIPRemoteIP(t *testing.T) {
	v4, v6 := clientIPCheckRandom()
	tests := []struct {
		in   string
		want netip.Addr
	}{
		{v4.String() + ":5000", v4},
		{"[" + v6.String() + "]:443", v6},
		{v4.String(), v4},
		{"[::ffff:" + v4.String() + "]:80", v4},
		{"[fe80::1%eth0]:80", netip.MustParseAddr("fe80::1%eth0")},
		{"@", netip.Addr{}},
		{"", netip.Addr{}},
	}
	for _, tt := range tests {
		if got := remoteIP(tt.in); got != tt.want {
			t.Errorf("remoteIP(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestClientIPWithoutProxies(t *testing.T) {
	v4, spoof := clientIPCheckRandom()
	got := clientIPCheck(ClientIPOptions{}, v4.String()+":5000", spoof.String())
	if got != v4 {
		t.Errorf("no trusted proxies, RemoteAddr %s:5000, X-Forwarded-For %s: ClientIPFrom = %v, want %v (the header is ignored unless the peer is a trusted proxy)", v4, spoof, got, v4)
	}
	trusted := ClientIPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	if got := clientIPCheck(trusted, v4.String()+":5000", spoof.String()); got != v4 {
		t.Errorf("an untrusted peer %s sent X-Forwarded-For %s: ClientIPFrom = %v, want the peer", v4, spoof, got)
	}
}

func TestClientIPBehindTrustedProxies(t *testing.T) {
	opts := ClientIPOptions{TrustedProxies: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8"),
	}}
	v4, v6 := clientIPCheckRandom()
	spoof, _ := clientIPCheckRandom()
	hop := fmt.Sprintf("10.%d.%d.%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254))
	tests := []struct {
		remote string
		xff    []string
		want   netip.Addr
	}{
		{"10.0.0.1:80", []string{v4.String()}, v4},
		{"10.0.0.1:80", []string{spoof.String() + ", " + v4.String()}, v4},
		{"10.0.0.1:80", []string{spoof.String() + ", " + v4.String() + ", " + hop}, v4},
		{"10.0.0.1:80", []string{"10.9.9.9, " + v4.String() + "," + hop}, v4},
		{"10.0.0.1:80", []string{spoof.String() + ", " + v4.String(), hop}, v4},
		{"10.0.0.1:80", []string{v6.String() + ", " + hop}, v6},
		{"10.0.0.1:80", []string{"[" + v6.String() + "]:443"}, v6},
		{"10.0.0.1:80", []string{v4.String() + ":4711, " + hop}, v4},
		{"10.0.0.1:80", []string{"::ffff:" + v4.String()}, v4},
		{"[fd00::1]:80", []string{v4.String()}, v4},
		{"[::ffff:10.0.0.1]:80", []string{v4.String()}, v4},
		{"10.0.0.1:80", []string{v4.String() + ",, " + hop + ","}, v4},
		{"10.0.0.1:80", []string{v4.String() + ", unknown, " + hop}, netip.MustParseAddr(hop)},
		{"10.0.0.1:80", []string{v4.String() + ", " + spoof.String() + "x"}, netip.MustParseAddr("10.0.0.1")},
		{"10.0.0.1:80", []string{hop}, netip.MustParseAddr(hop)},
		{"10.0.0.1:80", nil, netip.MustParseAddr("10.0.0.1")},
	}
	failed := 0
	for _, tt := range tests {
		if failed == 4 {
			t.Fatal("... (more cases fail)")
		}
		if got := clientIPCheck(opts, tt.remote, tt.xff...); got != tt.want {
			failed++
			t.Errorf("trusted 10.0.0.0/8 and fd00::/8, RemoteAddr %s, X-Forwarded-For lines %q: ClientIPFrom = %v, want %v", tt.remote, tt.xff, got, tt.want)
		}
	}
}

func TestClientIPOtherHeaderAndPattern(t *testing.T) {
	v4, spoof := clientIPCheckRandom()
	opts := ClientIPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, Header: "x-real-ip"}
	mux := http.NewServeMux()
	var got netip.Addr
	mux.HandleFunc("GET /who/{x}", func(w http.ResponseWriter, r *http.Request) { got = ClientIPFrom(r.Context()) })
	req := httptest.NewRequest("GET", "/who/1", nil)
	req.RemoteAddr = "127.0.0.1:9999"
	req.Header.Set("X-Real-Ip", v4.String())
	req.Header.Set("X-Forwarded-For", spoof.String())
	ClientIP(opts)(mux).ServeHTTP(httptest.NewRecorder(), req)
	if got != v4 {
		t.Errorf("Header \"x-real-ip\": ClientIPFrom = %v, want %v, from X-Real-Ip", got, v4)
	}
	if req.Pattern != "GET /who/{x}" {
		t.Errorf("after ClientIP, the request it was given has Pattern %q, want \"GET /who/{x}\": copy it back after next", req.Pattern)
	}
}
