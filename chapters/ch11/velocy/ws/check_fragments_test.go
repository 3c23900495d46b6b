package ws

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// frRandomText returns n bytes or so of valid UTF-8 with runes of every
// length, so that fragment cuts fall inside code points.
func frRandomText(n int) []byte {
	pieces := []string{"a", "Z", " ", "é", "ß", "€", "中", "😀", "\U0010FFFF"}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pieces[rand.IntN(len(pieces))])
	}
	return []byte(b.String())
}

// frFragments cuts payload into 1-5 frames (some of them empty) of a
// message of type op, masked if masked, with a pong between some of them.
func frFragments(op byte, payload []byte, masked bool) []byte {
	k := 1 + rand.IntN(5)
	cuts := make([]int, k-1)
	for i := range cuts {
		cuts[i] = rand.IntN(len(payload) + 1)
	}
	cuts = append(cuts, 0, len(payload))
	slices.Sort(cuts)
	var out []byte
	for i := 0; i+1 < len(cuts); i++ {
		fop := byte(opContinuation)
		if i == 0 {
			fop = op
		}
		if i > 0 && rand.IntN(3) == 0 {
			out = append(out, frFrame(true, opPong, frRandomBytes(rand.IntN(20)), masked)...)
		}
		out = append(out, frFrame(i+2 == len(cuts), fop, payload[cuts[i]:cuts[i+1]], masked)...)
	}
	return out
}

func TestFrReadFragmentedMessages(t *testing.T) {
	for _, server := range []bool{true, false} {
		c, peer := frPair(t, server, ConnOptions{})
		type msg struct {
			typ  MessageType
			data []byte
		}
		var msgs []msg
		var wire []byte
		for range 12 {
			m := msg{typ: BinaryMessage, data: frRandomBytes(rand.IntN(3000))}
			if rand.IntN(2) == 0 {
				m.typ, m.data = TextMessage, frRandomText(rand.IntN(3000))
			}
			msgs = append(msgs, m)
			wire = append(wire, frFragments(byte(m.typ), m.data, server)...)
		}
		peer.send(wire)
		for i, m := range msgs {
			var typ MessageType
			var got []byte
			var err error
			how := []string{"ReadMessage", "AppendMessage"}[i%2]
			switch how {
			case "ReadMessage":
				typ, got, err = c.ReadMessage()
			case "AppendMessage":
				prefix := []byte("prefix")
				typ, got, err = c.AppendMessage(prefix)
				if err == nil && !bytes.HasPrefix(got, prefix) {
					t.Fatalf("AppendMessage(%q) = %q..., want the message appended after %q", prefix, got[:min(len(got), 10)], prefix)
				}
				got = bytes.TrimPrefix(got, prefix)
			}
			if err != nil {
				t.Fatalf("message %d (server %v): %s() = %v", i, server, how, err)
			}
			if typ != m.typ || !bytes.Equal(got, m.data) {
				t.Fatalf("message %d (server %v): %s() = type %d, %d bytes; want type %d, %d bytes (the fragments joined, the pongs between them skipped)",
					i, server, how, typ, len(got), m.typ, len(m.data))
			}
		}
	}
}

// frExpectFail sends wire to a Conn, wants its reader to fail with close
// code code, and the peer to receive a close frame with that code.
func frExpectFail(t *testing.T, server bool, opts ConnOptions, wire []byte, code int, why string) {
	t.Helper()
	c, peer := frPair(t, server, opts)
	peer.send(wire)
	peer.closeWrite()
	_, _, err := c.ReadMessage()
	var perr *ProtocolError
	if !errors.As(err, &perr) || perr.Code != code {
		t.Fatalf("ReadMessage() = %v, want a *ProtocolError with code %d: %s", err, code, why)
	}
	peer.expectClose(code, why)
}

func TestFrReadFragmentRules(t *testing.T) {
	for _, server := range []bool{true, false} {
		p := frRandomBytes(1 + rand.IntN(50))
		frExpectFail(t, server, ConnOptions{}, frFrame(rand.IntN(2) == 0, opContinuation, p, server), CloseProtocolError,
			"a continuation frame with no message open (RFC 6455 5.4)")
		frExpectFail(t, server, ConnOptions{},
			append(frFrame(false, opText, []byte("hel"), server), frFrame(true, opBinary, p, server)...), CloseProtocolError,
			"a new data frame while a fragmented message is open: messages never interleave (RFC 6455 5.4)")
		frExpectFail(t, server, ConnOptions{}, frHeaderBytes(true, byte(1+rand.IntN(7)), opBinary, server, frRandomKey(), 0, 0), CloseProtocolError,
			"reserved bits set: parseHeader's rule, which the reader must act on")
	}
}

func TestFrReadMaskRules(t *testing.T) {
	p := frRandomBytes(1 + rand.IntN(50))
	frExpectFail(t, true, ConnOptions{}, frFrame(true, opBinary, p, false), CloseProtocolError,
		"a server MUST close the connection on an unmasked client frame (RFC 6455 5.1)")
	frExpectFail(t, false, ConnOptions{}, frFrame(true, opBinary, p, true), CloseProtocolError,
		"a client MUST close the connection on a masked server frame (RFC 6455 5.1)")
}
