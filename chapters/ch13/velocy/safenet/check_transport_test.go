package safenet

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

// transportResolver answers every A question with ip (see the dial step).
func transportResolver(ip netip.Addr) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			client, server := net.Pipe()
			go func() {
				defer server.Close()
				server.SetDeadline(time.Now().Add(10 * time.Second))
				var n [2]byte
				if _, err := io.ReadFull(server, n[:]); err != nil {
					return
				}
				q := make([]byte, binary.BigEndian.Uint16(n[:]))
				if _, err := io.ReadFull(server, q); err != nil || len(q) < 12 {
					return
				}
				end := 12
				for end < len(q) && q[end] != 0 {
					end += int(q[end]) + 1
				}
				if end += 5; end > len(q) {
					return
				}
				resp := append(append([]byte{}, q[:2]...), 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0)
				resp = append(resp, q[12:end]...)
				if binary.BigEndian.Uint16(q[end-4:]) == 1 {
					resp[7] = 1
					a := ip.As4()
					resp = append(append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4), a[:]...)
				}
				server.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(resp))), resp...))
			}()
			return client, nil
		},
	}
}

func transportServer(t *testing.T, secret string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, secret)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestSafenetClientRefusesLoopback(t *testing.T) {
	secret := fmt.Sprintf("internal-%d", rand.Int())
	s := transportServer(t, secret)
	resp, err := Options{}.Client().Get(s.URL)
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Fatalf("GET %s with Options{}.Client() read %q: the transport must dial with o.Dialer()", s.URL, b)
	}
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("GET %s: %v, want ErrForbidden", s.URL, err)
	}
	o := Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}
	resp, err = o.Client().Get(s.URL)
	if err != nil {
		t.Fatalf("with Allow 127.0.0.1/32: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != secret {
		t.Fatalf("with Allow 127.0.0.1/32: body %q, want %q", b, secret)
	}
}

func TestSafenetClientSettings(t *testing.T) {
	d := time.Duration(1+rand.IntN(100)) * time.Second
	if c := (Options{Timeout: d}).Client(); c.Timeout != d || c.Transport == nil || c.CheckRedirect == nil {
		t.Fatalf("Options{Timeout: %v}.Client() = Timeout %v, Transport %v, CheckRedirect set %v; want the timeout, o.Transport() and o.checkRedirect",
			d, c.Timeout, c.Transport, c.CheckRedirect != nil)
	}
	if c := (Options{}).Client(); c.Timeout != 30*time.Second {
		t.Fatalf("Options{}.Client().Timeout = %v, want 30s", c.Timeout)
	}
	tr := Options{}.Transport()
	if tr.Proxy != nil || tr.DialContext == nil {
		t.Fatalf("Transport(): Proxy set %v, DialContext set %v; want no proxy and o.Dialer().DialContext", tr.Proxy != nil, tr.DialContext != nil)
	}
}

// TestSafenetRedirectIsDialledAgain: the first server is allowed; it
// redirects to a name resolving to 127.0.0.2, which is not.
func TestSafenetRedirectIsDialledAgain(t *testing.T) {
	name := fmt.Sprintf("hop-%d.example.", rand.IntN(1e6))
	target := fmt.Sprintf("http://%s:%d/", name, 1024+rand.IntN(60000))
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}))
	defer s.Close()
	o := Options{
		Allow:    []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		Resolver: transportResolver(netip.MustParseAddr("127.0.0.2")),
	}
	_, err := o.Client().Get(s.URL)
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("a redirect to %s (resolving to 127.0.0.2): %v, want ErrForbidden: each hop must dial through o.Dialer()", target, err)
	}
}
