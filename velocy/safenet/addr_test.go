package safenet

import (
	"net/netip"
	"testing"
)

func TestClassify(t *testing.T) {
	cases := []struct{ addr, want string }{
		{"127.0.0.1", ReasonLoopback},
		{"127.8.9.10", ReasonLoopback},
		{"::1", ReasonLoopback},
		{"::ffff:127.0.0.1", ReasonLoopback},
		{"64:ff9b::7f00:1", ReasonLoopback},
		{"2002:7f00:1::1", ReasonLoopback},
		{"10.1.2.3", ReasonPrivate},
		{"172.16.0.1", ReasonPrivate},
		{"172.31.255.255", ReasonPrivate},
		{"192.168.1.1", ReasonPrivate},
		{"fd12:3456::1", ReasonPrivate},
		{"::ffff:10.0.0.1", ReasonPrivate},
		{"fec0::1", ReasonPrivate},
		{"169.254.1.1", ReasonLinkLocal},
		{"fe80::1", ReasonLinkLocal},
		{"fe80::1%eth0", ReasonLinkLocal},
		{"169.254.169.254", ReasonMetadata},
		{"::ffff:169.254.169.254", ReasonMetadata},
		{"fd00:ec2::254", ReasonMetadata},
		{"100.100.100.200", ReasonMetadata},
		{"224.0.0.1", ReasonMulticast},
		{"ff02::1", ReasonMulticast},
		{"0.0.0.0", ReasonUnspecified},
		{"0.1.2.3", ReasonUnspecified},
		{"::", ReasonUnspecified},
		{"100.64.0.1", ReasonShared},
		{"255.255.255.255", ReasonReserved},
		{"240.0.0.1", ReasonReserved},
		{"::7f00:1", ReasonReserved},
		{"2001:0:4136:e378::1", ReasonReserved},
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"172.32.0.1", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},
		{"2606:4700:4700::1111", ""},
	}
	for _, c := range cases {
		if got := Classify(netip.MustParseAddr(c.addr)); got != c.want {
			t.Errorf("Classify(%s) = %q, want %q", c.addr, got, c.want)
		}
	}
	if got := Classify(netip.Addr{}); got != ReasonReserved {
		t.Errorf("Classify(zero Addr) = %q, want %q", got, ReasonReserved)
	}
}

func TestCheckAllowDeny(t *testing.T) {
	o := Options{
		Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8")},
		Deny:  []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16"), netip.MustParsePrefix("8.8.8.8/32")},
	}
	for addr, ok := range map[string]bool{
		"127.0.0.1":        true,
		"::ffff:127.0.0.1": true,
		"127.0.0.2":        false,
		"10.1.1.1":         true,
		"10.9.1.1":         false,
		"8.8.8.8":          false,
		"8.8.4.4":          true,
	} {
		err := o.Check(netip.MustParseAddr(addr))
		if (err == nil) != ok {
			t.Errorf("Check(%s) = %v, want allowed=%v", addr, err, ok)
		}
	}
}
