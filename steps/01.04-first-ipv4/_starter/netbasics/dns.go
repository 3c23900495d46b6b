package netbasics

import (
	"context"
	"errors"
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
	// TODO(01.04): reject an empty host; call r.LookupHost and wrap its error
	// with %w; parse each answer with netip.ParseAddr, Unmap it, and return
	// the first one whose Is4 is true; otherwise wrap ErrNoIPv4.
	return "", nil
}
