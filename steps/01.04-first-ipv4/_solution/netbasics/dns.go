package netbasics

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
)

// HostResolver looks up the addresses of a host name. *net.Resolver (and so
// net.DefaultResolver) satisfies it; a test can pass a fake that answers from
// a map and never touches the network.
type HostResolver interface {
	LookupHost(ctx context.Context, host string) (addrs []string, err error)
}

// ErrNoIPv4 means the resolver answered, but with no IPv4 address.
var ErrNoIPv4 = errors.New("netbasics: no IPv4 address")

// FirstIPv4 asks r for the addresses of host and returns the first IPv4
// address of the answer, in dotted form such as "192.0.2.7". An IPv4 address
// written in IPv6 form ("::ffff:192.0.2.7") counts as IPv4; answers that are
// not addresses at all are skipped.
//
// An empty host is an error, and r is not asked. A lookup error is returned
// wrapped, so errors.Is still finds the cause (a canceled context, a
// *net.DNSError). An answer without any IPv4 address gives an error wrapping
// ErrNoIPv4.
func FirstIPv4(ctx context.Context, r HostResolver, host string) (string, error) {
	if host == "" {
		return "", errors.New("netbasics: lookup: empty host name")
	}
	addrs, err := r.LookupHost(ctx, host)
	if err != nil {
		return "", fmt.Errorf("netbasics: lookup %s: %w", host, err)
	}
	for _, a := range addrs {
		ip, err := netip.ParseAddr(a)
		if err != nil {
			continue
		}
		if ip = ip.Unmap(); ip.Is4() {
			return ip.String(), nil
		}
	}
	return "", fmt.Errorf("%w for %s among %d addresses", ErrNoIPv4, host, len(addrs))
}
