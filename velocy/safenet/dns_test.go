package safenet

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/netip"
	"testing"
	"time"
)

// fakeResolver returns a resolver whose DNS server answers every A (or
// AAAA) question with ip, whatever the name: the attacker's name server
// of a rebinding attack, or one that maps a harmless name to 127.0.0.1.
func fakeResolver(t *testing.T, ip netip.Addr) *net.Resolver {
	t.Helper()
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			client, server := net.Pipe()
			go serveDNS(server, ip)
			return client, nil
		},
	}
}

// serveDNS answers one query in the TCP framing (a 2-byte length before
// each message), which Go's resolver uses on a conn that is not a
// net.PacketConn.
func serveDNS(c net.Conn, ip netip.Addr) {
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
	end := 12 // the question: labels, a zero byte, type, class
	for end < len(q) && q[end] != 0 {
		end += int(q[end]) + 1
	}
	end += 5
	if end > len(q) {
		return
	}
	qtype := binary.BigEndian.Uint16(q[end-4:])
	var rdata []byte
	switch {
	case qtype == 1 && ip.Is4():
		a := ip.As4()
		rdata = a[:]
	case qtype == 28 && ip.Is6():
		a := ip.As16()
		rdata = a[:]
	}
	resp := append([]byte{}, q[:2]...)
	resp = append(resp, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0)
	resp = append(resp, q[12:end]...)
	if rdata != nil {
		resp[7] = 1 // one answer
		resp = append(resp, 0xc0, 12)
		resp = binary.BigEndian.AppendUint16(resp, qtype)
		resp = append(resp, 0, 1, 0, 0, 0, 60)
		resp = binary.BigEndian.AppendUint16(resp, uint16(len(rdata)))
		resp = append(resp, rdata...)
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(len(resp)))
	c.Write(append(out, resp...))
}

func TestFakeResolver(t *testing.T) {
	r := fakeResolver(t, netip.MustParseAddr("127.0.0.1"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	addrs, err := r.LookupNetIP(ctx, "ip4", "harmless.example.")
	if err != nil || len(addrs) != 1 || addrs[0] != netip.MustParseAddr("127.0.0.1") {
		t.Fatalf("LookupNetIP = %v, %v; want [127.0.0.1]", addrs, err)
	}
}
