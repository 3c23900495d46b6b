package ws

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestFrPutHeader(t *testing.T) {
	for i := range 300 {
		form := []int{7, 16, 64}[i%3]
		h := frameHeader{
			fin:    rand.IntN(2) == 0,
			op:     []byte{opContinuation, opText, opBinary}[rand.IntN(3)],
			masked: rand.IntN(2) == 0,
			length: int64(frRandomLength(form)),
		}
		if i%5 == 0 {
			h.op, h.fin, h.length = []byte{opClose, opPing, opPong}[rand.IntN(3)], true, int64(rand.IntN(126))
		}
		if h.masked {
			h.key = frRandomKey()
		}
		want := frHeaderBytes(h.fin, 0, h.op, h.masked, h.key, uint64(h.length), 0)
		desc := fmt.Sprintf("{fin:%v op:%#x masked:%v length:%d key:% x}", h.fin, h.op, h.masked, h.length, h.key)
		dst := make([]byte, maxHeaderLen)
		n := putHeader(dst, h)
		if n != len(want) || !bytes.Equal(dst[:n], want) {
			t.Fatalf("putHeader(%s) wrote % x (n %d), want % x: the shortest length form (7 bits to 125, 16 to 65535, else 64), the key last", desc, dst[:max(n, 0)], n, want)
		}
		if got := encodedHeaderLen(h.length, h.masked); got != len(want) {
			t.Fatalf("encodedHeaderLen(%d, %v) = %d, want %d", h.length, h.masked, got, len(want))
		}
	}
}

func TestFrPutHeaderRoundTrip(t *testing.T) {
	for range 200 {
		h := frameHeader{fin: true, op: opBinary, masked: rand.IntN(2) == 0, length: int64(frRandomLength([]int{7, 16, 64}[rand.IntN(3)]))}
		if h.masked {
			h.key = frRandomKey()
		}
		dst := make([]byte, maxHeaderLen)
		n := putHeader(dst, h)
		got, m, perr := parseHeader(dst)
		if perr != nil || m != n || got != h {
			t.Fatalf("parseHeader(putHeader(%+v)) = %+v, n %d, %v; want the same header back, n %d", h, got, m, perr, n)
		}
	}
}
