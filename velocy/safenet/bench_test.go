package safenet

import (
	"net"
	"testing"
)

// BenchmarkControl is the price of the check on every dial.
func BenchmarkControl(b *testing.B) {
	o := Options{}
	for b.Loop() {
		if o.Control("tcp4", "93.184.215.14:443", nil) != nil {
			b.Fatal("refused a public address")
		}
	}
}

// BenchmarkDialLoopback is a loopback TCP connect, the cheapest dial
// there is, for comparison.
func BenchmarkDialLoopback(b *testing.B) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	for b.Loop() {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}
