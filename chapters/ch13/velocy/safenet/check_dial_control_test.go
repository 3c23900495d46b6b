package safenet

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/netip"
	"testing"
	"time"
)

// dialResolver returns a resolver whose name server answers every A
// question with ip: an attacker's DNS, pointing a harmless-looking name
// at the server's own loopback.
func dialResolver(ip netip.Addr) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			client, server := net.Pipe()
			go dialServeDNS(server, ip)
			return client, nil
		},
	}
}

// dialServeDNS answers one DNS query in TCP framing (Go's resolver uses it
// on a conn that is not a net.PacketConn).
func dialServeDNS(c net.Conn, ip netip.Addr) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	var n [2]byte
	if _, err := io.ReadFull(c, n[:]); err != nil {
		return
	}
	q := make([]byte, binary.BigEndian.Uint16(n[:]))
	if _, err := io.ReadFull(c, q); err != nil || len(q) < 12 {
		return
	}
	end := 12
	for end < len(q) && q[end] != 0 {
		end += int(q[end]) + 1
	}
	end += 5
	if end > len(q) {
		return
	}
	resp := append([]byte{}, q[:2]...)
	resp = append(resp, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0)
	resp = append(resp, q[12:end]...)
	if binary.BigEndian.Uint16(q[end-4:]) == 1 {
		resp[7] = 1
		a := ip.As4()
		resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4)
		resp = append(resp, a[:]...)
	}
	c.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(resp))), resp...))
}

// dialListener listens on 127.0.0.1 and accepts (and closes) connections.
func dialListener(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

func dialContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSafenetControl(t *testing.T) {
	o := Options{}
	bad := fmt.Sprintf("127.%d.%d.%d:%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254), 1+rand.IntN(65535))
	if err := o.Control("tcp4", bad, nil); !errors.Is(err, ErrForbidden) {
		t.Fatalf("Control(tcp4, %s) = %v, want an error wrapping ErrForbidden", bad, err)
	}
	if err := o.Control("tcp6", "[::ffff:169.254.169.254]:80", nil); !errors.Is(err, ErrForbidden) {
		t.Fatalf("Control(tcp6, [::ffff:169.254.169.254]:80) = %v, want ErrForbidden", err)
	}
	good := fmt.Sprintf("52.%d.%d.%d:443", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254))
	if err := o.Control("tcp4", good, nil); err != nil {
		t.Fatalf("Control(tcp4, %s) = %v, want nil", good, err)
	}
	for _, network := range []string{"unix", "ip4:icmp"} {
		if err := o.Control(network, good, nil); !errors.Is(err, ErrForbidden) {
			t.Fatalf("Control(%q, %s) = %v, want ErrForbidden: only TCP and UDP over IP", network, good, err)
		}
	}
}

func TestSafenetDialerRefusesLoopback(t *testing.T) {
	port := dialListener(t)
	c, err := Options{}.Dialer().DialContext(dialContext(t), "tcp", "127.0.0.1:"+port)
	if err == nil {
		c.Close()
		t.Fatal("Options{}.Dialer() connected to 127.0.0.1: the dialer must call Control")
	}
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("dial 127.0.0.1: %v, want ErrForbidden", err)
	}
}

// TestSafenetDialerChecksResolvedAddress is the test a check of the host
// name fails: the name is not an address, but it resolves to one.
func TestSafenetDialerChecksResolvedAddress(t *testing.T) {
	port := dialListener(t)
	name := fmt.Sprintf("img-%d.cdn-%d.example.", rand.IntN(1e6), rand.IntN(1e6))
	o := Options{Resolver: dialResolver(netip.MustParseAddr("127.0.0.1"))}
	c, err := o.Dialer().DialContext(dialContext(t), "tcp4", net.JoinHostPort(name, port))
	if err == nil {
		c.Close()
		t.Fatalf("dialled %s, which resolves to 127.0.0.1: check the resolved address, not the name", name)
	}
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("dial %s (resolving to 127.0.0.1): %v, want ErrForbidden (does Dialer use o.Resolver?)", name, err)
	}
	o.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	c, err = o.Dialer().DialContext(dialContext(t), "tcp4", net.JoinHostPort(name, port))
	if err != nil {
		t.Fatalf("with Allow 127.0.0.1/32, dial %s: %v; want a connection (does Dialer use o.Resolver?)", name, err)
	}
	c.Close()
}
