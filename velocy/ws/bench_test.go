package ws

import (
	"bufio"
	"bytes"
	"testing"
	"time"
)

const benchSize = 4096

// frameConn returns a Conn whose peer sends the same 4 KiB binary frame
// forever (masked for a server) and swallows writes.
func frameConn(server bool) *Conn {
	payload := bytes.Repeat([]byte("0123456789abcdef"), benchSize/16)
	frame := wireFrame(true, 0, opBinary, payload, server)
	lc := &loopConn{data: frame}
	return newConn(lc, bufio.NewReader(lc), server, "", ConnOptions{})
}

func benchRead(b *testing.B, server bool) {
	c := frameConn(server)
	buf := make([]byte, 0, benchSize)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		_, p, err := c.AppendMessage(buf[:0])
		if err != nil || len(p) != benchSize {
			b.Fatal(len(p), err)
		}
	}
}

func benchWrite(b *testing.B, server bool) {
	c := frameConn(server)
	msg := make([]byte, benchSize)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.WriteMessage(BinaryMessage, msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadFrame4KiBServer(b *testing.B)  { benchRead(b, true) }
func BenchmarkReadFrame4KiBClient(b *testing.B)  { benchRead(b, false) }
func BenchmarkWriteFrame4KiBServer(b *testing.B) { benchWrite(b, true) }
func BenchmarkWriteFrame4KiBClient(b *testing.B) { benchWrite(b, false) }

// BenchmarkEcho4KiB is one round trip over loopback TCP: the client writes
// 4 KiB, the server echoes it with AppendMessage and WriteMessage, the
// client reads it back. The bar (echo >= 0.8x gorilla/websocket) is checked
// in a nested module that can import gorilla; this is our half.
func BenchmarkEcho4KiB(b *testing.B) {
	srv, cl := connPair(b, ConnOptions{}, ConnOptions{})
	go func() {
		buf := make([]byte, 0, benchSize)
		for {
			typ, p, err := srv.AppendMessage(buf[:0])
			if err != nil {
				return
			}
			if srv.WriteMessage(typ, p) != nil {
				return
			}
		}
	}()
	msg := make([]byte, benchSize)
	buf := make([]byte, 0, benchSize)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if err := cl.WriteMessage(BinaryMessage, msg); err != nil {
			b.Fatal(err)
		}
		if _, _, err := cl.AppendMessage(buf[:0]); err != nil {
			b.Fatal(err)
		}
	}
	cl.CloseNow()
}

// TestSteadyStateAllocs holds the 0-allocation bar for frames read and
// written in the steady state, on both sides.
func TestSteadyStateAllocs(t *testing.T) {
	for _, server := range []bool{true, false} {
		c := frameConn(server)
		buf := make([]byte, 0, benchSize)
		msg := make([]byte, benchSize)
		if n := testing.AllocsPerRun(50, func() { c.AppendMessage(buf[:0]) }); n != 0 {
			t.Errorf("server %v: AppendMessage allocates %.1f times per message", server, n)
		}
		if n := testing.AllocsPerRun(50, func() { c.WriteMessage(BinaryMessage, msg) }); n != 0 {
			t.Errorf("server %v: WriteMessage allocates %.1f times per message", server, n)
		}
		if n := testing.AllocsPerRun(50, func() { c.WriteControl(PingMessage, msg[:10], time.Time{}) }); n != 0 {
			t.Errorf("server %v: WriteControl allocates %.1f times per frame", server, n)
		}
	}
}
