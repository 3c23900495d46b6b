package safenet

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
)

func checkAddr(format string, args ...any) netip.Addr {
	return netip.MustParseAddr(fmt.Sprintf(format, args...))
}

// checkRefused fails t unless err is an *AddrError for ip with reason.
func checkRefused(t *testing.T, o Options, ip netip.Addr, reason string) {
	t.Helper()
	err := o.Check(ip)
	var ae *AddrError
	if !errors.As(err, &ae) || ae.Reason != reason {
		t.Fatalf("Options{Allow: %v, Deny: %v}.Check(%s) = %v, want an *AddrError with Reason %q", o.Allow, o.Deny, ip, err, reason)
	}
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("Check(%s) = %v: errors.Is(err, ErrForbidden) is false", ip, err)
	}
}

func TestSafenetCheckPolicy(t *testing.T) {
	for range 10 {
		b, c := rand.IntN(250), rand.IntN(256)
		inside := checkAddr("10.%d.%d.%d", b, c, 1+rand.IntN(254))
		outside := checkAddr("10.%d.%d.%d", b+1+rand.IntN(5), c, 1+rand.IntN(254))
		public := checkAddr("52.%d.%d.%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254))
		o := Options{
			Allow: []netip.Prefix{netip.PrefixFrom(checkAddr("10.%d.%d.0", b, c), 24)},
			Deny:  []netip.Prefix{netip.PrefixFrom(public, 32)},
		}
		if err := o.Check(inside); err != nil {
			t.Fatalf("Check(%s) with Allow %v = %v, want nil", inside, o.Allow, err)
		}
		if err := o.Check(netip.AddrFrom16(inside.As16())); err != nil {
			t.Fatalf("Check(%s) with Allow %v = %v, want nil: unmap the address first", netip.AddrFrom16(inside.As16()), o.Allow, err)
		}
		checkRefused(t, o, outside, ReasonPrivate)
		checkRefused(t, o, public, "denied")
		checkRefused(t, o, checkAddr("127.0.0.%d", 1+rand.IntN(254)), ReasonLoopback)
		checkRefused(t, Options{}, checkAddr("::ffff:169.254.169.254"), ReasonMetadata)
		// Deny wins over Allow.
		o.Deny = append(o.Deny, netip.PrefixFrom(inside, 32))
		checkRefused(t, o, inside, "denied")
		if err := (Options{}).Check(checkAddr("52.%d.%d.%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254))); err != nil {
			t.Fatalf("the zero Options refused a public address: %v", err)
		}
	}
}
