package ws

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestFrTextValidatedAcrossFragments(t *testing.T) {
	// Valid text cut anywhere, inside code points too, is accepted; so is
	// binary that is not UTF-8.
	c, peer := frPair(t, true, ConnOptions{})
	text := frRandomText(1 + rand.IntN(500))
	junk := append(frRandomBytes(rand.IntN(100)), 0xFF, 0xC0)
	peer.send(frFragments(opText, text, true), frFragments(opBinary, junk, true))
	if typ, got, err := c.ReadMessage(); err != nil || typ != TextMessage || !bytes.Equal(got, text) {
		t.Fatalf("ReadMessage() of valid text in fragments = %d bytes, %v; want it whole: a code point split between fragments is still valid", len(got), err)
	}
	if typ, got, err := c.ReadMessage(); err != nil || typ != BinaryMessage || !bytes.Equal(got, junk) {
		t.Fatalf("ReadMessage() of binary = %d bytes, %v; want it whole: only text must be UTF-8", len(got), err)
	}

	why := "a text message that is not UTF-8 fails the connection with 1007 (RFC 6455 8.1)"
	// A bad byte in the first fragment: refused then, before the message
	// ends (no more frames come).
	prefix := frRandomText(rand.IntN(100))
	frExpectFail(t, true, ConnOptions{}, frFrame(false, opText, append(prefix, 0xFF), true), CloseInvalidPayload,
		why+": refuse at the first impossible byte, not at the end of the message")
	// F0 in one fragment, 80 in the next: F0 80 is an overlong form.
	frExpectFail(t, true, ConnOptions{}, append(frFrame(false, opText, append(prefix, 0xF0), true),
		frFrame(false, opContinuation, []byte{0x80, 0x80, 0x80}, true)...), CloseInvalidPayload,
		why+": F0 then 80 across a fragment boundary is an overlong form; the state must carry from one fragment to the next")
	// A message that ends inside a code point.
	frExpectFail(t, true, ConnOptions{}, frFrame(true, opText, append(prefix, 0xE2, 0x82), true), CloseInvalidPayload,
		why+": the message ends in the middle of a code point (E2 82 and no third byte)")
}
