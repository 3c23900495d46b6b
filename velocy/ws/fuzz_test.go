package ws

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"
	"unicode/utf8"
)

// readerConn is a net.Conn that reads a fixed input and drops writes.
type readerConn struct {
	net.Conn
	r io.Reader
}

func (c *readerConn) Read(p []byte) (int, error)       { return c.r.Read(p) }
func (c *readerConn) Write(p []byte) (int, error)      { return len(p), nil }
func (c *readerConn) Close() error                     { return nil }
func (c *readerConn) SetReadDeadline(time.Time) error  { return nil }
func (c *readerConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzReadFrame feeds arbitrary bytes to the reader of both sides: it must
// never panic, must stay within MaxMessageSize per message, and a header
// parseHeader accepts must re-encode to the same bytes.
func FuzzReadFrame(f *testing.F) {
	f.Add(cf(true, opText, "hello"))
	f.Add(frames(cf(false, opText, "a"), cf(true, opPing, "p"), cf(true, opContinuation, "b")))
	f.Add(wireFrame(true, 0, opBinary, make([]byte, 300), false))
	f.Add([]byte{0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4})
	f.Add(cf(true, opClose, closePayload(1000, "bye")))
	f.Add([]byte{0x81, 126, 0, 5})
	const limit = 1 << 12
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) >= 2 && len(in) >= headerLen(in[1]) {
			if h, n, err := parseHeader(in); err == nil {
				var buf [maxHeaderLen]byte
				if m := putHeader(buf[:], h); !bytes.Equal(buf[:m], in[:n]) {
					t.Fatalf("header % x re-encodes as % x", in[:n], buf[:m])
				}
			}
		}
		for _, server := range []bool{true, false} {
			c := newConn(&readerConn{r: bytes.NewReader(in)}, nil, server, "", ConnOptions{MaxMessageSize: limit})
			for range 100 {
				typ, p, err := c.ReadMessage()
				if err != nil {
					break
				}
				if len(p) > limit {
					t.Fatalf("message of %d bytes over the limit %d", len(p), limit)
				}
				if typ == TextMessage && !utf8.Valid(p) {
					t.Fatalf("invalid UTF-8 text accepted: %q", p)
				}
			}
		}
	})
}

// FuzzUTF8 checks the incremental validator against utf8.Valid, with the
// input cut in two at every place the fuzzer picks.
func FuzzUTF8(f *testing.F) {
	for _, s := range utf8Samples {
		f.Add([]byte(s.s), uint8(1))
	}
	f.Add([]byte("héllo wörld"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, cut uint8) {
		want := utf8.Valid(in)
		if got := validUTF8(in); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", in, got, want)
		}
		k := int(cut) % (len(in) + 1)
		var s utf8State
		if got := s.feed(in[:k]) && s.feed(in[k:]) && s.complete(); got != want {
			t.Fatalf("%q cut at %d: %v, want %v", in, k, got, want)
		}
	})
}
