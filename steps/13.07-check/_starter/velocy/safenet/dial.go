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
	// TODO(13.07): normalise ip as Classify does; refuse a Deny prefix
	// (Reason "denied"), let an Allow prefix through, and otherwise refuse
	// what Classify names, each refusal an *AddrError.
	return nil
}

// Control is a net.Dialer Control function: the dialer calls it with the
// resolved address ("127.0.0.1:80") just before connecting, once per
// address it tries, so no spelling of the host, DNS answer or redirect
// can slip a forbidden address past it. Only TCP and UDP over IP are
// allowed.
func (o Options) Control(network, address string, _ syscall.RawConn) error {
	// TODO(13.07): refuse any network but tcp4, tcp6, udp4 and udp6; split
	// address into host and port, parse the host with netip.ParseAddr
	// (refusing what does not parse), and return o.Check of it.
	return nil
}

// Dialer returns a net.Dialer that checks every address with
// [Options.Control] before it connects.
func (o Options) Dialer() *net.Dialer {
	// TODO(13.07): a Dialer with DialTimeout, a 30 s KeepAlive,
	// o.Resolver, and o.Control as its Control.
	return &net.Dialer{}
}
