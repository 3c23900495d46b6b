package ws

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"testing"
	"time"
)

// frWait bounds every wait of these checks: hang protection, not a timing
// assertion.
const frWait = 5 * time.Second

// frPeer is the raw end of a connection whose other end is a Conn: the
// check writes frames it built itself and parses what the Conn sends with
// its own code.
type frPeer struct {
	t  *testing.T
	nc net.Conn
	br *bufio.Reader
}

// frRaw is one frame as the peer read it, unmasked.
type frRaw struct {
	fin     bool
	rsv     byte
	op      byte
	masked  bool
	key     [4]byte
	payload []byte
}

// frPair returns a Conn (server side or client side) on one end of a
// loopback TCP connection and the raw peer on the other.
func frPair(t *testing.T, server bool, opts ConnOptions) (*Conn, *frPeer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			c = nil
		}
		accepted <- c
	}()
	a, err := net.DialTimeout("tcp", ln.Addr().String(), frWait)
	if err != nil {
		t.Fatal(err)
	}
	b := <-accepted
	if b == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	a.SetReadDeadline(time.Now().Add(frWait))
	b.SetDeadline(time.Now().Add(frWait))
	return newConn(a, nil, server, "", opts), &frPeer{t: t, nc: b, br: bufio.NewReader(b)}
}

// frFrame builds one whole frame, masked with a random key if masked.
func frFrame(fin bool, op byte, payload []byte, masked bool) []byte {
	key := frRandomKey()
	out := frHeaderBytes(fin, 0, op, masked, key, uint64(len(payload)), 0)
	p := bytes.Clone(payload)
	if masked {
		for i := range p {
			p[i] ^= key[i%4]
		}
	}
	return append(out, p...)
}

// frCloseFrame builds a close frame with code and reason.
func frCloseFrame(code int, reason string, masked bool) []byte {
	p := binary.BigEndian.AppendUint16(nil, uint16(code))
	return frFrame(true, opClose, append(p, reason...), masked)
}

// send writes bytes to the Conn.
func (p *frPeer) send(frames ...[]byte) {
	p.t.Helper()
	if _, err := p.nc.Write(bytes.Join(frames, nil)); err != nil {
		p.t.Fatalf("peer: writing frames: %v", err)
	}
}

// closeWrite tells the Conn that nothing more comes, so that a Conn which
// waits for more fails at once instead of at the deadline.
func (p *frPeer) closeWrite() {
	if tc, ok := p.nc.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
}

// next reads one frame with the check's own parser and unmasks it.
func (p *frPeer) next() (frRaw, error) {
	var f frRaw
	var h [2]byte
	if _, err := io.ReadFull(p.br, h[:]); err != nil {
		return f, err
	}
	f.fin, f.rsv, f.op, f.masked = h[0]&0x80 != 0, h[0]>>4&7, h[0]&0xF, h[1]&0x80 != 0
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err := io.ReadFull(p.br, b[:]); err != nil {
			return f, err
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
		if n < 126 {
			return f, fmt.Errorf("length %d sent in the 16-bit form: not the minimal encoding", n)
		}
	case 127:
		var b [8]byte
		if _, err := io.ReadFull(p.br, b[:]); err != nil {
			return f, err
		}
		n = binary.BigEndian.Uint64(b[:])
		if n <= 0xFFFF {
			return f, fmt.Errorf("length %d sent in the 64-bit form: not the minimal encoding", n)
		}
		if n > 1<<24 {
			return f, fmt.Errorf("length %d: more than this check ever sends", n)
		}
	}
	if f.masked {
		if _, err := io.ReadFull(p.br, f.key[:]); err != nil {
			return f, err
		}
	}
	f.payload = make([]byte, n)
	if _, err := io.ReadFull(p.br, f.payload); err != nil {
		return f, err
	}
	for i := range f.payload {
		f.payload[i] ^= f.key[i%4]
	}
	return f, nil
}

// mustNext is next that fails the test on an error.
func (p *frPeer) mustNext(what string) frRaw {
	p.t.Helper()
	f, err := p.next()
	if err != nil {
		p.t.Fatalf("peer: reading %s from the Conn: %v (was nothing sent?)", what, err)
	}
	return f
}

// expectClose reads frames up to a close frame and wants its code.
func (p *frPeer) expectClose(code int, why string) {
	p.t.Helper()
	for {
		f, err := p.next()
		if err != nil {
			p.t.Fatalf("peer: no close frame (%v), want close %d: %s", err, code, why)
		}
		if f.op != opClose {
			continue
		}
		if len(f.payload) < 2 {
			p.t.Fatalf("peer: close frame with payload % x, want code %d: %s", f.payload, code, why)
		}
		if got := int(binary.BigEndian.Uint16(f.payload)); got != code {
			p.t.Fatalf("peer: close code %d, want %d: %s", got, code, why)
		}
		return
	}
}

// frCountConn counts the Write calls made on a net.Conn.
type frCountConn struct {
	net.Conn
	writes int
}

func (c *frCountConn) Write(p []byte) (int, error) {
	c.writes++
	return c.Conn.Write(p)
}

func TestFrWriteServerFrame(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	types := make([]MessageType, 10)
	sent := make([][]byte, 10)
	for i := range sent {
		types[i] = []MessageType{TextMessage, BinaryMessage}[rand.IntN(2)]
		sent[i] = frRandomBytes(rand.IntN(200))
		if i%3 == 0 {
			sent[i] = frRandomBytes(200 + rand.IntN(20000))
		}
		if err := c.WriteMessage(types[i], sent[i]); err != nil {
			t.Fatalf("WriteMessage(%d, %d bytes) = %v", types[i], len(sent[i]), err)
		}
	}
	c.NetConn().Close() // what was written still arrives, then EOF
	for i, data := range sent {
		typ := types[i]
		f := peer.mustNext("a message")
		if !f.fin || f.rsv != 0 || f.op != byte(typ) || f.masked {
			t.Fatalf("server WriteMessage(%d, %d bytes) sent fin=%v rsv=%d op=%#x masked=%v, want fin=true rsv=0 op=%#x masked=false (a server never masks)",
				typ, len(data), f.fin, f.rsv, f.op, f.masked, typ)
		}
		if !bytes.Equal(f.payload, data) {
			t.Fatalf("server WriteMessage(%d bytes) sent a payload of %d bytes that differs", len(data), len(f.payload))
		}
	}
}

func TestFrWriteClientMasked(t *testing.T) {
	c, peer := frPair(t, false, ConnOptions{})
	keys := map[[4]byte]bool{}
	sent := make([][]byte, 6)
	for i := range sent {
		data := frRandomBytes(1 + rand.IntN(300))
		if i%2 == 0 {
			data = frRandomBytes(5000 + rand.IntN(10000))
		}
		orig := bytes.Clone(data)
		if err := c.WriteMessage(BinaryMessage, data); err != nil {
			t.Fatalf("WriteMessage(%d bytes) = %v", len(data), err)
		}
		if !bytes.Equal(data, orig) {
			t.Fatalf("client WriteMessage changed the caller's slice: mask a copy in the write buffer, never the caller's bytes")
		}
		sent[i] = data
	}
	c.NetConn().Close()
	for _, data := range sent {
		f := peer.mustNext("a message")
		if !f.masked {
			t.Fatalf("client WriteMessage sent an unmasked frame: a client MUST mask every frame (RFC 6455 5.3)")
		}
		if !f.fin || f.op != opBinary || !bytes.Equal(f.payload, data) {
			t.Fatalf("client WriteMessage(%d bytes) sent fin=%v op=%#x and a payload that does not unmask to the data", len(data), f.fin, f.op)
		}
		keys[f.key] = true
	}
	if len(keys) < 2 || keys[[4]byte{}] {
		t.Fatalf("client keys %v: want a fresh, unpredictable key per frame (RFC 6455 5.3)", keys)
	}
}

func TestFrWriteOneWriteCall(t *testing.T) {
	for _, server := range []bool{true, false} {
		a, b := net.Pipe()
		defer b.Close()
		cc := &frCountConn{Conn: a}
		c := newConn(cc, nil, server, "", ConnOptions{})
		peer := &frPeer{t: t, nc: b, br: bufio.NewReader(b)}
		b.SetDeadline(time.Now().Add(frWait))
		a.SetDeadline(time.Now().Add(frWait))
		data := frRandomBytes(1 + rand.IntN(DefaultWriteBufferSize))
		done := make(chan error, 1)
		go func() {
			err := c.WriteMessage(TextMessage, data)
			a.Close()
			done <- err
		}()
		f := peer.mustNext("a message")
		if err := <-done; err != nil {
			t.Fatalf("WriteMessage = %v", err)
		}
		if !bytes.Equal(f.payload, data) {
			t.Fatalf("WriteMessage(%d bytes) sent a different payload", len(data))
		}
		if cc.writes != 1 {
			t.Fatalf("WriteMessage(%d bytes, server %v) made %d Write calls, want 1: header and payload together in the write buffer", len(data), server, cc.writes)
		}
	}
}

func TestFrWriteControl(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	ping := frRandomBytes(rand.IntN(126))
	if err := c.WriteControl(PingMessage, frRandomBytes(126), time.Time{}); err == nil {
		t.Fatalf("WriteControl(ping, 126 bytes) = nil, want an error: control payloads are at most 125 bytes (RFC 6455 5.5)")
	}
	if err := c.WriteControl(TextMessage, nil, time.Time{}); err == nil {
		t.Fatalf("WriteControl(TextMessage) = nil, want an error: text is not a control type")
	}
	if err := c.WriteMessage(MessageType(3), nil); err == nil {
		t.Fatalf("WriteMessage(3) = nil, want an error: 3 is a reserved opcode")
	}
	if err := c.WriteControl(PingMessage, ping, time.Now().Add(frWait)); err != nil {
		t.Fatalf("WriteControl(ping, %d bytes) = %v", len(ping), err)
	}
	f := peer.mustNext("a ping")
	if f.op != opPing || !f.fin || !bytes.Equal(f.payload, ping) {
		t.Fatalf("WriteControl(ping) sent op %#x fin %v payload % x, want a ping with % x (did a refused call send something?)", f.op, f.fin, f.payload, ping)
	}
	if err := c.WriteMessage(PongMessage, ping); err != nil {
		t.Fatalf("WriteMessage(PongMessage) = %v: control types go through WriteControl", err)
	}
	if f := peer.mustNext("a pong"); f.op != opPong || !bytes.Equal(f.payload, ping) {
		t.Fatalf("WriteMessage(PongMessage) sent op %#x, want a pong", f.op)
	}
	code := binary.BigEndian.AppendUint16(nil, CloseNormal)
	if err := c.WriteControl(CloseMessage, code, time.Time{}); err != nil {
		t.Fatalf("WriteControl(close) = %v", err)
	}
	if f := peer.mustNext("a close"); f.op != opClose {
		t.Fatalf("WriteControl(close) sent op %#x", f.op)
	}
	if err := c.WriteMessage(TextMessage, []byte("late")); !errors.Is(err, ErrCloseSent) {
		t.Fatalf("WriteMessage after a close frame = %v, want ErrCloseSent: nothing may follow this side's close (RFC 6455 5.5.1)", err)
	}
}
