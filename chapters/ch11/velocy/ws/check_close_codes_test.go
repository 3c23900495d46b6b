package ws

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

// frCodeAllowed is the table of RFC 6455 7.4 and the IANA registry.
func frCodeAllowed(code int) bool {
	return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999
}

func TestFrValidCloseCode(t *testing.T) {
	codes := []int{999, 1000, 1003, 1004, 1005, 1006, 1007, 1014, 1015, 2999, 3000, 4999, 5000}
	for range 500 {
		codes = append(codes, rand.IntN(6000))
	}
	for _, code := range codes {
		if got, want := validCloseCode(code), frCodeAllowed(code); got != want {
			t.Fatalf("validCloseCode(%d) = %v, want %v: 1000-1003, 1007-1014 and 3000-4999 may be sent; 1004 is reserved, 1005, 1006 and 1015 only report, the rest under 3000 is unassigned", code, got, want)
		}
	}
}

func TestFrPeerCloseRules(t *testing.T) {
	bad := []int{rand.IntN(1000), 1004, 1005, 1006, 1015, 1016 + rand.IntN(1984), 5000 + rand.IntN(60536)}
	code := bad[rand.IntN(len(bad))]
	frExpectFail(t, true, ConnOptions{}, frCloseFrame(code, "", true), CloseProtocolError,
		"close code "+strconv.Itoa(code)+" may not be sent: refuse it with 1002 (RFC 6455 7.4)")
}

func TestFrCloseWithRefusesBadCode(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	code := []int{1005, 1006, 1015, 1004, 2000 + rand.IntN(1000)}[rand.IntN(5)]
	peer.closeWrite() // a CloseWith that waits for the peer's close does not wait long
	if err := c.CloseWith(code, ""); err == nil {
		t.Fatalf("CloseWith(%d, \"\") = nil, want an error: %d may not appear in a close frame", code, code)
	}
	// Nothing went out, nothing was closed: a message still goes through.
	msg := frRandomBytes(1 + rand.IntN(50))
	if err := c.WriteMessage(BinaryMessage, msg); err != nil {
		t.Fatalf("WriteMessage after a refused CloseWith = %v, want nil: an invalid code sends and closes nothing", err)
	}
	if f := peer.mustNext("a message"); f.op != opBinary || !bytes.Equal(f.payload, msg) {
		t.Fatalf("peer: got op %#x after a refused CloseWith(%d), want the binary message: the close frame must not go out", f.op, code)
	}
}
