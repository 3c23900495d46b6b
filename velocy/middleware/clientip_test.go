package middleware

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// clientIPOf serves req through ClientIP(opts) and returns what
// ClientIPFrom says in the handler.
func clientIPOf(opts ClientIPOptions, req *http.Request) netip.Addr {
	var got netip.Addr
	ClientIP(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = ClientIPFrom(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), req)
	return got
}

func prefixes(ss ...string) []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range ss {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}

func TestClientIP(t *testing.T) {
	proxies := prefixes("10.0.0.0/8", "192.168.1.1/32", "fd00::/8", "fe80::/10")
	tests := []struct {
		name    string
		trusted []netip.Prefix
		remote  string
		xff     []string // nil: no header
		want    string   // "" for the zero Addr
	}{
		{"no proxy trusted", nil, "203.0.113.9:5000", nil, "203.0.113.9"},
		{"header ignored by default", nil, "203.0.113.9:5000", []string{"1.2.3.4"}, "203.0.113.9"},
		{"spoof from an untrusted peer", proxies, "203.0.113.9:5000", []string{"10.0.0.1"}, "203.0.113.9"},
		{"one trusted proxy", proxies, "10.0.0.1:80", []string{"198.51.100.7"}, "198.51.100.7"},
		{"client's own claim on the left is ignored", proxies, "10.0.0.1:80", []string{"6.6.6.6, 198.51.100.7"}, "198.51.100.7"},
		{"two trusted proxies", proxies, "10.0.0.1:80", []string{"198.51.100.7, 10.2.3.4"}, "198.51.100.7"},
		{"spoofed trusted address left of the client", proxies, "10.0.0.1:80", []string{"10.9.9.9, 198.51.100.7, 10.2.3.4"}, "198.51.100.7"},
		{"several header lines", proxies, "10.0.0.1:80", []string{"6.6.6.6, 198.51.100.7", "10.2.3.4", "192.168.1.1"}, "198.51.100.7"},
		{"client in an earlier line", proxies, "10.0.0.1:80", []string{"198.51.100.7", "10.2.3.4"}, "198.51.100.7"},
		{"spaces and tabs", proxies, "10.0.0.1:80", []string{" 198.51.100.7 ,\t10.2.3.4\t"}, "198.51.100.7"},
		{"empty elements", proxies, "10.0.0.1:80", []string{"198.51.100.7,, 10.2.3.4,"}, "198.51.100.7"},
		{"empty header", proxies, "10.0.0.1:80", []string{""}, "10.0.0.1"},
		{"no header from a proxy", proxies, "10.0.0.1:80", nil, "10.0.0.1"},
		{"all trusted", proxies, "10.0.0.1:80", []string{"10.5.5.5, 10.2.3.4"}, "10.5.5.5"},
		{"malformed entry stops the walk", proxies, "10.0.0.1:80", []string{"198.51.100.7, unknown, 10.2.3.4"}, "10.2.3.4"},
		{"malformed right away", proxies, "10.0.0.1:80", []string{"1.2.3.4, garbage"}, "10.0.0.1"},
		{"half an address", proxies, "10.0.0.1:80", []string{"198.51.100"}, "10.0.0.1"},
		{"entry with a port", proxies, "10.0.0.1:80", []string{"198.51.100.7:4711"}, "198.51.100.7"},
		{"IPv6 client", proxies, "10.0.0.1:80", []string{"2001:db8::1"}, "2001:db8::1"},
		{"IPv6 client with a port", proxies, "10.0.0.1:80", []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"IPv6 client in brackets", proxies, "10.0.0.1:80", []string{"[2001:db8::1]"}, "2001:db8::1"},
		{"IPv6 proxy", proxies, "[fd00::5]:80", []string{"198.51.100.7, fd00::6"}, "198.51.100.7"},
		{"IPv6 peer untrusted", proxies, "[2001:db8::9]:80", []string{"198.51.100.7"}, "2001:db8::9"},
		{"zoned peer matches without its zone", proxies, "[fe80::1%eth0]:80", []string{"198.51.100.7"}, "198.51.100.7"},
		{"zoned peer kept", nil, "[fe80::1%eth0]:80", nil, "fe80::1%eth0"},
		{"zone dropped from the header", proxies, "10.0.0.1:80", []string{"fe80::9%en0, 2001:db8::1%x"}, "2001:db8::1"},
		{"4in6 peer matches an IPv4 prefix", proxies, "[::ffff:10.0.0.1]:80", []string{"198.51.100.7"}, "198.51.100.7"},
		{"4in6 peer untrusted, unmapped", nil, "[::ffff:203.0.113.9]:80", nil, "203.0.113.9"},
		{"4in6 in the header", proxies, "10.0.0.1:80", []string{"::ffff:198.51.100.7"}, "198.51.100.7"},
		{"remote without port", proxies, "10.0.0.1", []string{"198.51.100.7"}, "198.51.100.7"},
		{"unparsable remote", proxies, "@", []string{"198.51.100.7"}, ""},
		{"empty remote", nil, "", nil, ""},
		{"prefix not masked", prefixes("10.1.2.3/8"), "10.0.0.1:80", []string{"198.51.100.7"}, "198.51.100.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tt.remote
			if tt.xff != nil {
				req.Header["X-Forwarded-For"] = tt.xff
			}
			got := clientIPOf(ClientIPOptions{TrustedProxies: tt.trusted}, req)
			var want netip.Addr
			if tt.want != "" {
				want = netip.MustParseAddr(tt.want)
			}
			if got != want {
				t.Errorf("RemoteAddr %q, X-Forwarded-For %q: client %v, want %v", tt.remote, tt.xff, got, want)
			}
		})
	}
}

func TestClientIPOtherHeader(t *testing.T) {
	opts := ClientIPOptions{TrustedProxies: prefixes("127.0.0.0/8"), Header: "x-real-ip"}
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "127.0.0.1:1234"
	req.Header.Set("X-Forwarded-For", "6.6.6.6")
	req.Header.Set("X-Real-Ip", "198.51.100.7")
	if got := clientIPOf(opts, req); got != netip.MustParseAddr("198.51.100.7") {
		t.Errorf("Header x-real-ip: client %v, want 198.51.100.7 (and X-Forwarded-For ignored)", got)
	}
}

func TestClientIPFromEmptyContext(t *testing.T) {
	if got := ClientIPFrom(context.Background()); got.IsValid() {
		t.Errorf("ClientIPFrom(context.Background()) = %v, want the zero Addr", got)
	}
}

func TestClientIPKeepsThePattern(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a/{x}", func(http.ResponseWriter, *http.Request) {})
	req := httptest.NewRequest("GET", "/a/1", nil)
	ClientIP(ClientIPOptions{})(mux).ServeHTTP(httptest.NewRecorder(), req)
	if req.Pattern != "/a/{x}" {
		t.Errorf("after ClientIP, Pattern %q, want \"/a/{x}\"", req.Pattern)
	}
}

// TestClientIPOptionsCopied: changing the slice given to ClientIP later
// changes nothing.
func TestClientIPOptionsCopied(t *testing.T) {
	trusted := prefixes("10.0.0.0/8")
	mw := ClientIP(ClientIPOptions{TrustedProxies: trusted})
	trusted[0] = netip.MustParsePrefix("192.0.2.0/24")
	var got netip.Addr
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "10.0.0.1:1"
	req.Header.Set("X-Forwarded-For", "198.51.100.7")
	mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = ClientIPFrom(r.Context()) })).ServeHTTP(httptest.NewRecorder(), req)
	if got != netip.MustParseAddr("198.51.100.7") {
		t.Errorf("client %v: ClientIP kept a reference to the caller's slice", got)
	}
}

func TestClientIPAllocs(t *testing.T) {
	c := clientIPConfig{header: "X-Forwarded-For", trusted: prefixes("10.0.0.0/8")}
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "10.0.0.1:80"
	req.Header.Set("X-Forwarded-For", "6.6.6.6, [2001:db8::1]:80, 10.1.1.1, 10.2.2.2")
	if n := testing.AllocsPerRun(100, func() { c.clientIP(req) }); n != 0 {
		t.Errorf("clientIP allocates %v times, want 0", n)
	}
}

// FuzzClientIP checks what must hold whatever the header says: no panic,
// an untrusted peer is the client, and a client taken from the header is
// an address the header holds, not trusted unless everything was.
func FuzzClientIP(f *testing.F) {
	f.Add("10.0.0.1:80", "198.51.100.7, 10.2.3.4", "")
	f.Add("10.0.0.1:80", "a,,b", "[::1]:5")
	f.Add("203.0.113.1:1", "10.0.0.1", "")
	f.Add("[fe80::1%eth0]:80", "fe80::2%x, [::ffff:1.2.3.4]:9", "garbage")
	trusted := prefixes("10.0.0.0/8", "fe80::/10")
	c := clientIPConfig{header: "X-Forwarded-For", trusted: trusted}
	f.Fuzz(func(t *testing.T, remote, line1, line2 string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = remote
		req.Header["X-Forwarded-For"] = []string{line1, line2}
		got := c.clientIP(req)
		peer := remoteIP(remote)
		if !c.isTrusted(peer) {
			if got != peer {
				t.Fatalf("untrusted peer %v, client %v", peer, got)
			}
			return
		}
		if got == peer {
			return
		}
		all := line1 + "," + line2
		found := false
		for _, e := range strings.Split(all, ",") {
			if ip, ok := parseForwardedIP(strings.Trim(e, " \t")); ok && ip == got {
				found = true
			}
		}
		if !found {
			t.Fatalf("client %v is neither the peer %v nor in %q", got, peer, all)
		}
	})
}

func ExampleClientIP() {
	mw := ClientIP(ClientIPOptions{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})
	h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(ClientIPFrom(r.Context()))
	}))

	// The load balancer, 10.0.0.2, received the request from 198.51.100.7,
	// which claimed to be forwarding for 192.0.2.1: a claim nobody checked.
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "10.0.0.2:43210"
	req.Header.Set("X-Forwarded-For", "192.0.2.1, 198.51.100.7")
	h.ServeHTTP(httptest.NewRecorder(), req)

	// The same header from a peer that is not a trusted proxy is ignored.
	req.RemoteAddr = "203.0.113.5:5555"
	h.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// 198.51.100.7
	// 203.0.113.5
}
