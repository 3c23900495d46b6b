package safenet

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

var loopbackOnly = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

// secretServer is a service on loopback that must not be reachable from
// a user's URL.
func secretServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "internal secret")
	}))
	t.Cleanup(s.Close)
	return s
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestDialerRefusesLoopback(t *testing.T) {
	s := secretServer(t)
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	// The fake resolver answers if the hosts file does not know localhost.
	o := Options{Resolver: fakeResolver(t, netip.MustParseAddr("127.0.0.1"))}
	for _, host := range []string{"127.0.0.1", "localhost"} {
		c, err := o.Dialer().DialContext(testContext(t), "tcp", net.JoinHostPort(host, port))
		if err == nil {
			c.Close()
			t.Fatalf("dialled %s:%s, want a refusal", host, port)
		}
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("dial %s: %v, want an error wrapping ErrForbidden", host, err)
		}
		var ae *AddrError
		if !errors.As(err, &ae) || ae.Reason != ReasonLoopback {
			t.Fatalf("dial %s: %v, want an *AddrError for a loopback address", host, err)
		}
	}
}

// TestDialerChecksResolvedAddress is DNS rebinding in its simplest form:
// a name that is not an address at all resolves to 127.0.0.1. A check of
// the host string would let it through.
func TestDialerChecksResolvedAddress(t *testing.T) {
	s := secretServer(t)
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	o := Options{Resolver: fakeResolver(t, netip.MustParseAddr("127.0.0.1"))}
	target := net.JoinHostPort("preview.attacker.example.", port)
	c, err := o.Dialer().DialContext(testContext(t), "tcp4", target)
	if err == nil {
		c.Close()
		t.Fatal("a name resolving to 127.0.0.1 was dialled")
	}
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("dial: %v, want ErrForbidden", err)
	}
	o.Allow = loopbackOnly
	c, err = o.Dialer().DialContext(testContext(t), "tcp4", target)
	if err != nil {
		t.Fatalf("with 127.0.0.1/32 allowed: %v", err)
	}
	c.Close()
}

// TestClientRefusesInternalURLs tries spellings of 127.0.0.1. Go's
// resolver does not read "2130706433" or "0x7f.1" as addresses, but a
// libc resolver (curl, a proxy) does: the fake resolver plays one.
func TestClientRefusesInternalURLs(t *testing.T) {
	s := secretServer(t)
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	client := Options{Resolver: fakeResolver(t, netip.MustParseAddr("127.0.0.1"))}.Client()
	for _, host := range []string{"127.0.0.1", "[::ffff:127.0.0.1]", "[::1]", "localhost", "127.1", "2130706433", "0x7f.0.0.1", "169.254.169.254", "[fd00:ec2::254]"} {
		resp, err := client.Get("http://" + host + ":" + port + "/")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Fatalf("GET via %s reached the server: %q", host, b)
		}
		// Go refuses to look up an all-numeric name; anything else must
		// reach the dialer and be refused there.
		if !errors.Is(err, ErrForbidden) && !strings.Contains(err.Error(), "no such host") {
			t.Fatalf("GET via %s: %v, want ErrForbidden", host, err)
		}
	}
}

func TestClientAllowList(t *testing.T) {
	s := secretServer(t)
	resp, err := Options{Allow: loopbackOnly}.Client().Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "internal secret" {
		t.Fatalf("body %q", b)
	}
}

// redirector answers every request with a redirect to target.
func redirector(t *testing.T, target string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestClientRechecksRedirects(t *testing.T) {
	// The second server listens on 127.0.0.2, which Allow does not cover.
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	inner := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "internal secret")
	}))
	inner.Listener.Close()
	inner.Listener = l
	inner.Start()
	defer inner.Close()
	client := Options{Allow: loopbackOnly}.Client()

	_, port, _ := net.SplitHostPort(l.Addr().String())
	resolving := Options{Allow: loopbackOnly, Resolver: fakeResolver(t, netip.MustParseAddr("127.0.0.2"))}.Client()
	for _, tc := range []struct {
		client *http.Client
		target string
	}{
		{client, inner.URL + "/"},                                   // an address: refused by CheckRedirect
		{resolving, "http://inner.attacker.example.:" + port + "/"}, // a name: refused by the dialer
	} {
		start := redirector(t, tc.target)
		resp, err := tc.client.Get(start.URL)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Fatalf("redirect to %s was followed: %q", tc.target, b)
		}
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("redirect to %s: %v, want ErrForbidden", tc.target, err)
		}
	}
}

func TestClientRedirectRules(t *testing.T) {
	client := Options{Allow: loopbackOnly}.Client()
	var loop *httptest.Server
	loop = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, loop.URL+r.URL.Path+"x", http.StatusFound)
	}))
	defer loop.Close()
	for _, target := range []string{"ftp://127.0.0.1/", "file:///etc/passwd", "http://user:pw@127.0.0.1/"} {
		s := redirector(t, target)
		_, err := client.Get(s.URL)
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("redirect to %s: %v, want ErrForbidden", target, err)
		}
	}
	_, err := client.Get(loop.URL + "/")
	if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("endless redirects: %v, want ErrForbidden after %d", err, MaxRedirects)
	}
}

func TestControlRefusesOtherNetworks(t *testing.T) {
	for _, network := range []string{"unix", "ip4:icmp", "tcp"} {
		if err := (Options{}).Control(network, "8.8.8.8:53", nil); !errors.Is(err, ErrForbidden) {
			t.Errorf("Control(%q) = %v, want ErrForbidden", network, err)
		}
	}
	if err := (Options{}).Control("tcp4", "8.8.8.8:53", nil); err != nil {
		t.Errorf("Control(tcp4, 8.8.8.8:53) = %v", err)
	}
	if err := (Options{}).Control("tcp6", "not-an-ip:53", nil); !errors.Is(err, ErrForbidden) {
		t.Errorf("Control(not-an-ip) = %v", err)
	}
}
