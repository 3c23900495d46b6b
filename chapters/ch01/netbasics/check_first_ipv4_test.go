package netbasics

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"strings"
	"testing"
)

// *net.Resolver must fit the interface, so real code can pass net.DefaultResolver.
var _ HostResolver = (*net.Resolver)(nil)

// dnsFake answers from a map and records every question. It never touches
// the network.
type dnsFake struct {
	answers map[string][]string
	err     error
	asked   []string
}

func (f *dnsFake) LookupHost(ctx context.Context, host string) ([]string, error) {
	f.asked = append(f.asked, host)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.err != nil {
		return nil, f.err
	}
	addrs, ok := f.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return addrs, nil
}

// dnsRandomIPv4 returns a random address from the documentation ranges.
func dnsRandomIPv4() string {
	nets := []string{"192.0.2", "198.51.100", "203.0.113"}
	return fmt.Sprintf("%s.%d", nets[rand.IntN(len(nets))], 1+rand.IntN(254))
}

// dnsRandomIPv6 returns a random address from the IPv6 documentation range.
func dnsRandomIPv6() string {
	return fmt.Sprintf("2001:db8::%x:%x", rand.IntN(0x10000), 1+rand.IntN(0xffff))
}

// dnsJunk are answers that are not addresses, some of them close enough to
// fool a hand-written parser.
var dnsJunk = []string{"not-an-address", "999.0.2.1", "192.0.2.300", "192.0.2", "1.2.3.4.5", "example.test", ""}

// dnsRandomHost returns a made-up host name, so that answers cannot be
// looked up in a table of the check's names.
func dnsRandomHost() string {
	return fmt.Sprintf("host-%d.test", rand.IntN(1_000_000))
}

func TestFirstIPv4PicksIPv4(t *testing.T) {
	fake := &dnsFake{answers: map[string][]string{
		"dual.test":   {"2001:db8::7", "192.0.2.7", "192.0.2.8"},
		"v4.test":     {"198.51.100.1"},
		"junk.test":   {"not-an-address", "999.0.2.1", "203.0.113.5"},
		"mapped.test": {"2001:db8::1", "::ffff:192.0.2.9"},
	}}
	tests := []struct{ host, want string }{
		{"dual.test", "192.0.2.7"},
		{"v4.test", "198.51.100.1"},
		{"junk.test", "203.0.113.5"},
		{"mapped.test", "192.0.2.9"},
	}
	// Random answers: some IPv6 addresses and junk, then the IPv4 address to
	// find (sometimes written in IPv6 form), then more addresses of both kinds.
	for range 10 {
		var addrs []string
		for range rand.IntN(4) {
			if rand.IntN(2) == 0 {
				addrs = append(addrs, dnsJunk[rand.IntN(len(dnsJunk))])
			} else {
				addrs = append(addrs, dnsRandomIPv6())
			}
		}
		want := dnsRandomIPv4()
		if rand.IntN(3) == 0 {
			addrs = append(addrs, "::ffff:"+want)
		} else {
			addrs = append(addrs, want)
		}
		for range rand.IntN(3) {
			addrs = append(addrs, dnsRandomIPv4(), dnsRandomIPv6())
		}
		host := dnsRandomHost()
		fake.answers[host] = addrs
		tests = append(tests, struct{ host, want string }{host, want})
	}
	failed := 0
	for _, tt := range tests {
		got, err := FirstIPv4(context.Background(), fake, tt.host)
		if got == tt.want && err == nil {
			continue
		}
		if failed++; failed > 6 {
			continue // enough examples; the count comes at the end
		}
		why := ""
		if slices.Contains(dnsJunk, got) && got != "" {
			why = fmt.Sprintf(": %q is not an address; parse each answer with netip.ParseAddr", got)
		}
		t.Errorf("FirstIPv4(%q) with answers %q = %q, %v; want %q, nil%s",
			tt.host, fake.answers[tt.host], got, err, tt.want, why)
	}
	if failed > 6 {
		t.Errorf("... and %d more of the %d hosts got a wrong answer", failed-6, len(tests))
	}
}

func TestFirstIPv4OnlyIPv6(t *testing.T) {
	host := dnsRandomHost()
	answers := []string{dnsRandomIPv6(), "::1", dnsRandomIPv6()}
	fake := &dnsFake{answers: map[string][]string{host: answers}}
	got, err := FirstIPv4(context.Background(), fake, host)
	if !errors.Is(err, ErrNoIPv4) {
		t.Fatalf("FirstIPv4(%q) with answers %q = %q, %v; want \"\" and an error wrapping ErrNoIPv4",
			host, answers, got, err)
	}
	if !strings.Contains(err.Error(), host) {
		t.Errorf("FirstIPv4(%q) returned the error %q, want it to name the host %q", host, err, host)
	}
}

func TestFirstIPv4WrapsLookupError(t *testing.T) {
	fake := &dnsFake{}
	_, err := FirstIPv4(context.Background(), fake, "missing.test")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) {
		t.Errorf("FirstIPv4(\"missing.test\") when the resolver fails with a *net.DNSError returned %v, "+
			"want that error wrapped (fmt.Errorf(\"...: %%w\", err)) so errors.As finds it", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = FirstIPv4(ctx, fake, "v4.test")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("FirstIPv4 with a canceled context returned %v, want an error wrapping context.Canceled: "+
			"pass ctx to LookupHost and wrap its error", err)
	}
}

func TestFirstIPv4EmptyHost(t *testing.T) {
	fake := &dnsFake{answers: map[string][]string{"": {"192.0.2.1"}}}
	got, err := FirstIPv4(context.Background(), fake, "")
	if err == nil {
		t.Errorf("FirstIPv4(\"\") = %q, nil; want an error: an empty host name is a mistake, not a question", got)
	}
	if len(fake.asked) != 0 {
		t.Errorf("FirstIPv4(\"\") asked the resolver about %q, want no lookup at all", fake.asked)
	}
}
