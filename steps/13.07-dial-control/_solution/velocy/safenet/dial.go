package safenet

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// ErrForbidden is what every refusal of this package wraps: test for it
// with errors.Is, through the *url.Error and *net.OpError around it.
var ErrForbidden = errors.New("safenet: destination not allowed")

// An AddrError is a refused connection: the address, and why.
type AddrError struct {
	Addr   netip.Addr
	Reason string // a Reason constant, or "denied" for Options.Deny
}

func (e *AddrError) Error() string {
	return fmt.Sprintf("safenet: refusing to connect to %s: %s address", e.Addr, e.Reason)
}

// Unwrap returns ErrForbidden.
func (e *AddrError) Unwrap() error { return ErrForbidden }

// DialTimeout bounds one connection attempt of [Options.Dialer].
const DialTimeout = 10 * time.Second

// Options say where connections may go. The zero value refuses every
// address [Classify] names and allows the rest of the internet.
type Options struct {
	// Allow lets these prefixes through although Classify refuses them:
	// a test server on 127.0.0.1/32, an internal service meant to be
	// reached. Keep them narrow: 169.254.0.0/16 would open the metadata
	// service. Write IPv4 prefixes in IPv4 form.
	Allow []netip.Prefix
	// Deny refuses these prefixes as well, before Allow is consulted.
	Deny []netip.Prefix
	// Resolver looks names up; nil means net.DefaultResolver. Whatever
	// it answers, the address is checked when it is dialled.
	Resolver *net.Resolver
	// Timeout bounds a whole request of [Options.Client], reading the
	// body included; 0 means 30 seconds.
	Timeout time.Duration
}

// Check returns an *AddrError if a connection to ip is not allowed, and
// nil if it is.
func (o Options) Check(ip netip.Addr) error {
	ip = ip.WithZone("").Unmap()
	for _, p := range o.Deny {
		if p.Contains(ip) {
			return &AddrError{Addr: ip, Reason: "denied"}
		}
	}
	for _, p := range o.Allow {
		if p.Contains(ip) {
			return nil
		}
	}
	if reason := Classify(ip); reason != "" {
		return &AddrError{Addr: ip, Reason: reason}
	}
	return nil
}

// Control is a net.Dialer Control function: the dialer calls it with the
// resolved address ("127.0.0.1:80") just before connecting, once per
// address it tries, so no spelling of the host, DNS answer or redirect
// can slip a forbidden address past it. Only TCP and UDP over IP are
// allowed.
func (o Options) Control(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp4", "tcp6", "udp4", "udp6":
	default:
		return fmt.Errorf("safenet: network %q: %w", network, ErrForbidden)
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("safenet: address %q: %w", address, ErrForbidden)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("safenet: address %q is not an IP address: %w", address, ErrForbidden)
	}
	return o.Check(ip)
}

// Dialer returns a net.Dialer that checks every address with
// [Options.Control] before it connects.
func (o Options) Dialer() *net.Dialer {
	return &net.Dialer{
		Timeout:   DialTimeout,
		KeepAlive: 30 * time.Second,
		Resolver:  o.Resolver,
		Control:   o.Control,
	}
}
