package ws

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"testing"
	"time"
)

// hangGuard bounds every raw-socket wait of a test: not a timing
// assertion, only protection against a hang.
const hangGuard = 10 * time.Second

// tcpPair returns the two ends of a loopback TCP connection.
func tcpPair(t testing.TB) (a, b net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type res struct {
		c   net.Conn
		err error
	}
	ch := make(chan res, 1)
	go func() {
		c, err := ln.Accept()
		ch <- res{c, err}
	}()
	b, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	r := <-ch
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Cleanup(func() { r.c.Close(); b.Close() })
	return r.c, b
}

// serverAndRaw returns a server Conn and the raw client end of its socket.
func serverAndRaw(t testing.TB, opts ConnOptions) (*Conn, net.Conn) {
	a, b := tcpPair(t)
	return newConn(a, bufio.NewReader(a), true, "", opts), b
}

// wireFrame encodes a frame the way a test means it, rules or not: rsv is
// the three reserved bits as a number 0-7, and a masked frame gets a fixed
// key.
func wireFrame(fin bool, rsv, op byte, payload []byte, masked bool) []byte {
	b0 := rsv<<4 | op
	if fin {
		b0 |= finBit
	}
	out := []byte{b0, 0}
	var mb byte
	if masked {
		mb = maskBit
	}
	switch n := len(payload); {
	case n <= 125:
		out[1] = mb | byte(n)
	case n <= 0xFFFF:
		out[1] = mb | 126
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out[1] = mb | 127
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	p := append([]byte(nil), payload...)
	if masked {
		key := [4]byte{0x37, 0xfa, 0x21, 0x3d}
		out = append(out, key[:]...)
		for i := range p {
			p[i] ^= key[i%4]
		}
	}
	return append(out, p...)
}

// cf is a masked frame from a client, the common case of the tests.
func cf(fin bool, op byte, payload string) []byte {
	return wireFrame(fin, 0, op, []byte(payload), true)
}

// closePayload is a close frame's payload: code and reason.
func closePayload(code int, reason string) string {
	return string(binary.BigEndian.AppendUint16(nil, uint16(code))) + reason
}

// rawFrame is a frame as read off the wire by a test.
type rawFrame struct {
	fin     bool
	rsv     byte
	op      byte
	masked  bool
	payload []byte
}

// readRaw reads one frame from r, unmasking it.
func readRaw(r io.Reader) (rawFrame, error) {
	var f rawFrame
	var h [14]byte
	if _, err := io.ReadFull(r, h[:2]); err != nil {
		return f, err
	}
	f.fin, f.rsv, f.op, f.masked = h[0]&0x80 != 0, h[0]>>4&7, h[0]&0xF, h[1]&0x80 != 0
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		if _, err := io.ReadFull(r, h[:2]); err != nil {
			return f, err
		}
		n = uint64(binary.BigEndian.Uint16(h[:2]))
	case 127:
		if _, err := io.ReadFull(r, h[:8]); err != nil {
			return f, err
		}
		n = binary.BigEndian.Uint64(h[:8])
	}
	var key [4]byte
	if f.masked {
		if _, err := io.ReadFull(r, key[:]); err != nil {
			return f, err
		}
	}
	f.payload = make([]byte, n)
	if _, err := io.ReadFull(r, f.payload); err != nil {
		return f, err
	}
	if f.masked {
		for i := range f.payload {
			f.payload[i] ^= key[i%4]
		}
	}
	return f, nil
}

// closeCodeOf returns a close frame's code, 1005 when it has none.
func closeCodeOf(f rawFrame) int {
	if len(f.payload) < 2 {
		return CloseNoStatus
	}
	return int(binary.BigEndian.Uint16(f.payload))
}

// echo runs the reader of c until it fails, writing every message back, and
// returns the reader's error.
func echo(c *Conn) error {
	for {
		typ, p, err := c.ReadMessage()
		if err != nil {
			return err
		}
		if err := c.WriteMessage(typ, p); err != nil {
			return err
		}
	}
}

// loopConn is a net.Conn whose reads replay one byte string forever and
// whose writes vanish: a peer for allocation tests and benchmarks.
type loopConn struct {
	net.Conn // nil: the methods used are below
	data     []byte
	off      int
}

func (l *loopConn) Read(p []byte) (int, error) {
	n := copy(p, l.data[l.off:])
	l.off += n
	if l.off == len(l.data) {
		l.off = 0
	}
	return n, nil
}
func (l *loopConn) Write(p []byte) (int, error)      { return len(p), nil }
func (l *loopConn) Close() error                     { return nil }
func (l *loopConn) SetReadDeadline(time.Time) error  { return nil }
func (l *loopConn) SetWriteDeadline(time.Time) error { return nil }
func (l *loopConn) SetDeadline(time.Time) error      { return nil }
