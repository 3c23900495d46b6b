package ws

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestFrPingBetweenFragments(t *testing.T) {
	for _, server := range []bool{true, false} {
		c, peer := frPair(t, server, ConnOptions{})
		ping := frRandomBytes(rand.IntN(126))
		a, b := frRandomBytes(1+rand.IntN(100)), frRandomBytes(rand.IntN(100))
		peer.send(frFrame(false, opBinary, a, server), frFrame(true, opPing, ping, server), frFrame(true, opContinuation, b, server))
		_, got, err := c.ReadMessage()
		if err != nil || !bytes.Equal(got, append(a, b...)) {
			t.Fatalf("ReadMessage() = %d bytes, %v; want the %d bytes of both fragments, the ping between them handled", len(got), err, len(a)+len(b))
		}
		c.CloseNow() // a Conn that sent no pong makes the next read end here
		f, err := peer.next()
		if err != nil {
			t.Fatalf("peer: no pong after a ping between fragments (%v): answer a ping with a pong of the same payload as soon as it arrives (RFC 6455 5.5.2)", err)
		}
		if f.op != opPong || !bytes.Equal(f.payload, ping) {
			t.Fatalf("peer: got op %#x payload % x after a ping, want a pong with the ping's payload % x", f.op, f.payload, ping)
		}
		if f.masked != !server {
			t.Fatalf("peer: pong masked = %v from a Conn with server = %v: only clients mask", f.masked, server)
		}
	}
}

func TestFrCloseEndsMessage(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	code := 3000 + rand.IntN(2000)
	reason := string(frRandomText(rand.IntN(40)))
	peer.send(frFrame(false, opText, []byte("half a mess"), true), frCloseFrame(code, reason, true))
	peer.closeWrite()
	_, got, err := c.ReadMessage()
	var ce *CloseError
	if !errors.As(err, &ce) {
		t.Fatalf("ReadMessage() = %q, %v; want a *CloseError: a close frame in the middle of a message ends it, the half is never returned", got, err)
	}
	if ce.Code != code || ce.Reason != reason {
		t.Fatalf("ReadMessage() = CloseError{%d, %q}, want {%d, %q}: the code is the payload's first 2 bytes, big endian, the reason the rest", ce.Code, ce.Reason, code, reason)
	}
	if _, _, err2 := c.ReadMessage(); !errors.As(err2, &ce) {
		t.Fatalf("ReadMessage() after the peer's close = %v, want the same *CloseError again", err2)
	}
}
