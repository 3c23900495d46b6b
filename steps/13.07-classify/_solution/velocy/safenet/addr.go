package safenet

import "net/netip"

// Reasons [Classify] gives for refusing an address.
const (
	ReasonLoopback    = "loopback"
	ReasonPrivate     = "private"
	ReasonLinkLocal   = "link-local"
	ReasonMetadata    = "metadata"
	ReasonMulticast   = "multicast"
	ReasonUnspecified = "unspecified"
	ReasonShared      = "shared"
	ReasonReserved    = "reserved"
)

// metadata holds the addresses of the clouds' instance metadata services,
// which answer any process on the machine with its credentials: AWS, GCP,
// Azure and others at 169.254.169.254, AWS containers at 169.254.170.2,
// AWS over IPv6 at fd00:ec2::254, Alibaba at 100.100.100.200.
var metadata = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true,
	netip.MustParseAddr("169.254.170.2"):   true,
	netip.MustParseAddr("fd00:ec2::254"):   true,
	netip.MustParseAddr("100.100.100.200"): true,
}

// ranges are the prefixes netip's predicates do not cover.
var ranges = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), ReasonUnspecified},  // "this network": Linux connects 0.0.0.0 to itself
	{netip.MustParsePrefix("100.64.0.0/10"), ReasonShared},   // carrier-grade NAT, often a provider's internal network
	{netip.MustParsePrefix("192.0.0.0/24"), ReasonReserved},  // IETF protocol assignments
	{netip.MustParsePrefix("198.18.0.0/15"), ReasonReserved}, // benchmarking networks, used inside data centres
	{netip.MustParsePrefix("240.0.0.0/4"), ReasonReserved},   // future use, and 255.255.255.255
	{netip.MustParsePrefix("::/96"), ReasonReserved},         // IPv4-compatible IPv6, deprecated
	{netip.MustParsePrefix("100::/64"), ReasonReserved},      // discard-only
	{netip.MustParsePrefix("2001::/32"), ReasonReserved},     // Teredo: the IPv4 inside is obfuscated
	{netip.MustParsePrefix("64:ff9b:1::/48"), ReasonPrivate}, // local-use NAT64
	{netip.MustParsePrefix("fec0::/10"), ReasonPrivate},      // site-local, deprecated but still routed by some
	{netip.MustParsePrefix("2002::/16"), ""},                 // 6to4: decided by the IPv4 inside
	{netip.MustParsePrefix("64:ff9b::/96"), ""},              // NAT64: decided by the IPv4 inside
}

// Classify returns why a server should not connect to ip on a user's
// behalf (one of the Reason constants), or "" for an address on the
// public internet. An IPv4 address is judged the same in any IPv6 form
// that carries it: IPv4-mapped (::ffff:127.0.0.1), NAT64 (64:ff9b::7f00:1)
// and 6to4 (2002:7f00:1::). Zones are ignored. An invalid Addr is
// "reserved".
func Classify(ip netip.Addr) string {
	if !ip.IsValid() {
		return ReasonReserved
	}
	ip = ip.WithZone("").Unmap()
	if metadata[ip] {
		return ReasonMetadata
	}
	switch {
	case ip.IsUnspecified():
		return ReasonUnspecified
	case ip.IsLoopback():
		return ReasonLoopback
	case ip.IsPrivate():
		return ReasonPrivate
	case ip.IsLinkLocalUnicast():
		return ReasonLinkLocal
	case ip.IsMulticast():
		return ReasonMulticast
	}
	for _, r := range ranges {
		if !r.prefix.Contains(ip) {
			continue
		}
		if r.reason != "" {
			return r.reason
		}
		return Classify(embeddedIPv4(ip, r.prefix))
	}
	return ""
}

// embeddedIPv4 returns the IPv4 address a 6to4 or NAT64 address carries.
func embeddedIPv4(ip netip.Addr, in netip.Prefix) netip.Addr {
	b := ip.As16()
	if in.Bits() == 16 { // 2002:AABB:CCDD::/48
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
	}
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
}
