package ws

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

func TestFrNextReaderStreams(t *testing.T) {
	for _, server := range []bool{true, false} {
		c, peer := frPair(t, server, ConnOptions{})
		data := frRandomBytes(rand.IntN(5000))
		peer.send(frFragments(opBinary, data, server))
		typ, r, err := c.NextReader()
		if err != nil || r == nil {
			t.Fatalf("NextReader() = %d, %v, %v; want a reader of the message", typ, r, err)
		}
		if typ != BinaryMessage {
			t.Fatalf("NextReader() type = %d, want %d", typ, BinaryMessage)
		}
		// Small reads of random sizes, across the fragment boundaries.
		var got []byte
		buf := make([]byte, 64)
		for {
			n, err := r.Read(buf[:1+rand.IntN(len(buf))])
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("reader.Read after %d of %d bytes = %v", len(got), len(data), err)
			}
			if len(got) > len(data) {
				t.Fatalf("reader returned %d bytes of a %d-byte message", len(got), len(data))
			}
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("reader read %d bytes that differ from the %d-byte message: it should span the fragments and skip the pongs between them", len(got), len(data))
		}
	}
}

func TestFrNextReaderSkipsTheRest(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	first := frRandomBytes(100 + rand.IntN(3000))
	second := frRandomText(1 + rand.IntN(200))
	peer.send(frFragments(opBinary, first, true), frFragments(opText, second, true))
	_, r, err := c.NextReader()
	if err != nil || r == nil {
		t.Fatalf("NextReader() = %v, %v; want a reader", r, err)
	}
	part := make([]byte, rand.IntN(len(first)))
	if _, err := io.ReadFull(r, part); err != nil || !bytes.Equal(part, first[:len(part)]) {
		t.Fatalf("reading %d bytes of a %d-byte message: %v", len(part), len(first), err)
	}
	// The application stops halfway: the next message starts after the
	// rest of this one, not in the middle of it.
	typ, got, err := c.ReadMessage()
	if err != nil || typ != TextMessage || !bytes.Equal(got, second) {
		t.Fatalf("ReadMessage() after reading %d of %d bytes with NextReader = type %d, %d bytes, %v; want the next message (text, %d bytes): skip what is left of the first",
			len(part), len(first), typ, len(got), err, len(second))
	}
	if n, err := r.Read(make([]byte, 10)); err == nil || errors.Is(err, io.EOF) && n > 0 {
		t.Fatalf("the old reader's Read after the next message was read = %d, %v; want an error: it is stale", n, err)
	}
}
