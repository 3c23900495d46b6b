package ws

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"
)

func TestFrNextWriterFragments(t *testing.T) {
	for _, server := range []bool{true, false} {
		size := 16 + rand.IntN(200)
		c, peer := frPair(t, server, ConnOptions{WriteBufferSize: size})
		typ := []MessageType{TextMessage, BinaryMessage}[rand.IntN(2)]
		data := frRandomBytes(rand.IntN(8 * size))
		w, err := c.NextWriter(typ)
		if err != nil || w == nil {
			t.Fatalf("NextWriter(%d) = %v, %v; want a writer", typ, w, err)
		}
		for rest := data; len(rest) > 0; {
			k := min(len(rest), 1+rand.IntN(size*2))
			if n, err := w.Write(rest[:k]); n != k || err != nil {
				t.Fatalf("writer.Write(%d bytes) = %d, %v", k, n, err)
			}
			rest = rest[k:]
		}
		if err := w.Close(); err != nil {
			t.Fatalf("writer.Close() = %v", err)
		}
		var got []byte
		for i := 0; ; i++ {
			f := peer.mustNext("a fragment")
			wantOp := byte(opContinuation)
			if i == 0 {
				wantOp = byte(typ)
			}
			if f.op != wantOp || f.masked != !server {
				t.Fatalf("frame %d of a NextWriter message (server %v): op %#x masked %v, want op %#x masked %v: the first frame has the type, the others are continuations",
					i, server, f.op, f.masked, wantOp, !server)
			}
			if len(f.payload) > size || !f.fin && len(f.payload) != size {
				t.Fatalf("frame %d (fin %v) carries %d bytes, want %d (WriteBufferSize) for every frame but the last, which holds the rest", i, f.fin, len(f.payload), size)
			}
			got = append(got, f.payload...)
			if f.fin {
				break
			}
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("the fragments join into %d bytes that differ from the %d written", len(got), len(data))
		}
		if _, err := w.Write([]byte("x")); err == nil {
			t.Fatalf("writer.Write after Close = nil, want an error")
		}
	}
}

func TestFrNextWriterPingBetween(t *testing.T) {
	size := 16 + rand.IntN(100)
	c, peer := frPair(t, true, ConnOptions{WriteBufferSize: size})
	w, err := c.NextWriter(BinaryMessage)
	if err != nil || w == nil {
		t.Fatalf("NextWriter(binary) = %v, %v", w, err)
	}
	a := frRandomBytes(size + 1) // one full frame leaves, one byte waits
	w.Write(a)
	ping := frRandomBytes(rand.IntN(126))
	if err := c.WriteControl(PingMessage, ping, time.Now().Add(frWait)); err != nil {
		t.Fatalf("WriteControl(ping) while a NextWriter message is open = %v, want nil: control frames may go between fragments", err)
	}
	w.Close()
	ops := []byte{}
	for {
		f := peer.mustNext("a frame")
		ops = append(ops, f.op)
		if f.op != opPing && f.fin {
			break
		}
	}
	if !bytes.Equal(ops, []byte{opBinary, opPing, opContinuation}) {
		t.Fatalf("opcodes on the wire % x, want 02 09 00: the first full fragment, the ping, the rest", ops)
	}
}
