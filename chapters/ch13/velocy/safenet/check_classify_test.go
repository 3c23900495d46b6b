package safenet

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
)

func classifyByte() int { return rand.IntN(256) }

func classifyV4(format string, args ...any) netip.Addr {
	return netip.MustParseAddr(fmt.Sprintf(format, args...))
}

// classifyPublicV4 returns a random address on the public internet.
func classifyPublicV4() netip.Addr {
	firsts := []int{8, 23, 45, 52, 91, 104, 151, 185, 199}
	return classifyV4("%d.%d.%d.%d", firsts[rand.IntN(len(firsts))], classifyByte(), classifyByte(), 1+rand.IntN(254))
}

// classifyMapped returns a's IPv4-mapped IPv6 form, ::ffff:a.b.c.d.
func classifyMapped(a netip.Addr) netip.Addr { return netip.AddrFrom16(a.As16()) }

func TestSafenetClassify(t *testing.T) {
	type tc struct {
		addr netip.Addr
		want string
	}
	var cases []tc
	add := func(want string, addrs ...netip.Addr) {
		for _, a := range addrs {
			cases = append(cases, tc{a, want})
		}
	}
	for range 5 {
		lo := classifyV4("127.%d.%d.%d", classifyByte(), classifyByte(), 1+rand.IntN(254))
		add(ReasonLoopback, lo, classifyMapped(lo), netip.IPv6Loopback())
		ten := classifyV4("10.%d.%d.%d", classifyByte(), classifyByte(), classifyByte())
		add(ReasonPrivate, ten, classifyMapped(ten),
			classifyV4("172.%d.%d.%d", 16+rand.IntN(16), classifyByte(), classifyByte()),
			classifyV4("192.168.%d.%d", classifyByte(), classifyByte()),
			classifyV4("fd%02x:%x::%x", classifyByte(), rand.IntN(0x10000), 1+rand.IntN(0xffff)))
		ll := classifyV4("169.254.%d.%d", rand.IntN(169), 1+rand.IntN(250))
		add(ReasonLinkLocal, ll, classifyMapped(ll), classifyV4("fe80::%x", 1+rand.IntN(0xffff)),
			classifyV4("fe80::%x%%eth%d", 1+rand.IntN(0xffff), rand.IntN(4)))
		add(ReasonMulticast, classifyV4("%d.%d.%d.%d", 224+rand.IntN(16), classifyByte(), classifyByte(), classifyByte()),
			classifyV4("ff0%x::%x", 1+rand.IntN(14), rand.IntN(0x10000)))
		add(ReasonUnspecified, netip.IPv4Unspecified(), netip.IPv6Unspecified(),
			classifyV4("0.%d.%d.%d", classifyByte(), classifyByte(), 1+classifyByte()%250))
		add(ReasonShared, classifyV4("100.%d.%d.%d", 64+rand.IntN(36), classifyByte(), classifyByte()))
		add(ReasonReserved, classifyV4("%d.%d.%d.%d", 240+rand.IntN(16), classifyByte(), classifyByte(), classifyByte()))
		pub := classifyPublicV4()
		b := pub.As4()
		add("", pub, classifyMapped(pub),
			classifyV4("172.%d.%d.%d", 32+rand.IntN(200), classifyByte(), classifyByte()),
			classifyV4("2606:4700:%x::%x", rand.IntN(0x10000), 1+rand.IntN(0xffff)),
			classifyV4("64:ff9b::%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]))
		lb := lo.As4()
		add(ReasonLoopback, classifyV4("64:ff9b::7f%02x:%02x%02x", lb[1], lb[2], lb[3]))
		tb := ten.As4()
		add(ReasonPrivate, classifyV4("2002:0a%02x:%02x%02x::%x", tb[1], tb[2], tb[3], 1+rand.IntN(0xffff)))
	}
	add(ReasonMetadata, netip.MustParseAddr("169.254.169.254"), classifyMapped(netip.MustParseAddr("169.254.169.254")),
		netip.MustParseAddr("fd00:ec2::254"), netip.MustParseAddr("100.100.100.200"))
	add(ReasonReserved, netip.Addr{}, netip.MustParseAddr("255.255.255.255"))
	rand.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })

	wrong := 0
	for _, c := range cases {
		if got := Classify(c.addr); got != c.want {
			wrong++
			if wrong <= 5 {
				t.Errorf("Classify(%s) = %q, want %q", c.addr, got, c.want)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d addresses classified wrongly; an IPv6 form of an IPv4 address (::ffff:, 64:ff9b::, 2002::) must get the IPv4 address's answer", wrong, len(cases))
	}
}
