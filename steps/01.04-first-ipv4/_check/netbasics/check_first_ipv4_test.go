package netbasics

import (
	"context"
	"errors"
	"net"
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

func TestFirstIPv4PicksIPv4(t *testing.T) {
	fake := &dnsFake{answers: map[string][]string{
		"dual.test":   {"2001:db8::7", "192.0.2.7", "192.0.2.8"},
		"v4.test":     {"198.51.100.1"},
		"junk.test":   {"not-an-address", "203.0.113.5"},
		"mapped.test": {"2001:db8::1", "::ffff:192.0.2.9"},
	}}
	tests := []struct{ host, want string }{
		{"dual.test", "192.0.2.7"},
		{"v4.test", "198.51.100.1"},
		{"junk.test", "203.0.113.5"},
		{"mapped.test", "192.0.2.9"},
	}
	for _, tt := range tests {
		got, err := FirstIPv4(context.Background(), fake, tt.host)
		if got != tt.want || err != nil {
			t.Errorf("FirstIPv4(%q) with answers %q = %q, %v; want %q, nil",
				tt.host, fake.answers[tt.host], got, err, tt.want)
		}
	}
}

func TestFirstIPv4OnlyIPv6(t *testing.T) {
	fake := &dnsFake{answers: map[string][]string{"v6.test": {"2001:db8::1", "::1"}}}
	got, err := FirstIPv4(context.Background(), fake, "v6.test")
	if !errors.Is(err, ErrNoIPv4) {
		t.Fatalf("FirstIPv4(\"v6.test\") with answers [2001:db8::1 ::1] = %q, %v; want \"\" and an error wrapping ErrNoIPv4", got, err)
	}
	if !strings.Contains(err.Error(), "v6.test") {
		t.Errorf("FirstIPv4(\"v6.test\") returned the error %q, want it to name the host \"v6.test\"", err)
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
