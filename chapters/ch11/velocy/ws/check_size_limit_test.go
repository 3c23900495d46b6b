package ws

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestFrSizeLimitFromHeader(t *testing.T) {
	limit := 100 + rand.IntN(5000)
	opts := ConnOptions{MaxMessageSize: int64(limit)}
	why := "a frame that takes the message past MaxMessageSize is refused from its header with 1009, before its payload is read"

	// One frame announcing more than the limit, and no payload at all: a
	// reader that waits for the payload never sees the rest.
	over := uint64(limit + 1 + rand.IntN(1000))
	frExpectFail(t, true, opts, frHeaderBytes(true, 0, opBinary, true, frRandomKey(), over, 0), CloseMessageTooBig,
		why+" (one frame of "+strconv.Itoa(int(over))+" bytes, limit "+strconv.Itoa(limit)+")")

	// Fragments each under the limit, together over it.
	first := frRandomBytes(limit/2 + 1)
	frExpectFail(t, true, opts, append(frFrame(false, opBinary, first, true),
		frHeaderBytes(true, 0, opContinuation, true, frRandomKey(), uint64(limit-len(first)+1), 0)...), CloseMessageTooBig,
		why+": the limit is on the message, fragments add up")

	// A length near 2^63 after a first fragment: total+length overflows.
	frExpectFail(t, true, opts, append(frFrame(false, opBinary, first[:10], true),
		frHeaderBytes(true, 0, opContinuation, true, frRandomKey(), 1<<63-1-uint64(rand.IntN(5)), 0)...), CloseMessageTooBig,
		why+": compare length > limit-total, total+length overflows")

	// The zero value means 1 MiB.
	frExpectFail(t, true, ConnOptions{}, frHeaderBytes(true, 0, opBinary, true, frRandomKey(), DefaultMaxMessageSize+1, 0), CloseMessageTooBig,
		"MaxMessageSize 0 means the default, 1 MiB")

	// Exactly the limit, in two fragments, is fine.
	c, peer := frPair(t, true, opts)
	data := frRandomBytes(limit)
	cut := rand.IntN(limit + 1)
	peer.send(frFrame(false, opBinary, data[:cut], true), frFrame(true, opContinuation, data[cut:], true))
	if _, got, err := c.ReadMessage(); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("ReadMessage() of exactly MaxMessageSize (%d) bytes = %d bytes, %v; want it accepted", limit, len(got), err)
	}
}
